import { randomUUID } from 'node:crypto';
import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import type { PostgresConnectionOptions } from 'typeorm/driver/postgres/PostgresConnectionOptions';

/** The PostgreSQL channel on which API processes tell each other whose access just ended. */
export const ACCESS_CHANGED_CHANNEL = 'vehicle_permit_access_changed';

/** Waits between attempts to listen again after the connection was lost (doubling, capped). */
const RECONNECT_MIN_MS = 500;
const RECONNECT_MAX_MS = 30_000;

export interface AccessChangeListener {
  /** Another process ended (some of) this user's access: forget what is cached for them. */
  changed(userId: string): void;
  /** Notifications may have been missed (connection lost or regained): forget everything. */
  reset(): void;
}

/**
 * Tells every API replica at once that a user's access changed (sign-out, password change or
 * reset, deactivation, role or agency change), so that none keeps answering from its short
 * per-token cache: `publish` sends a PostgreSQL NOTIFY on ACCESS_CHANGED_CHANNEL, and each
 * process LISTENs on a connection of its own (outside the query pool).
 *
 * `listening` is true only while that connection is up and subscribed. The sign-in check caches
 * only then: with the channel down, every request reads the user afresh, so a lost notification
 * cannot keep a revoked token alive (and a connection that dies silently is still bounded by the
 * cache's own 2-second lifetime).
 */
@Injectable()
export class AccessChangeChannel implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(AccessChangeChannel.name);
  /** This process's id in the payload, so it does not act on its own notifications twice. */
  private readonly origin = randomUUID();
  private readonly listeners: AccessChangeListener[] = [];
  private client?: Client;
  private connected = false;
  private stopped = false;
  private retryTimer?: NodeJS.Timeout;
  private retryMs = RECONNECT_MIN_MS;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  get listening(): boolean {
    return this.connected;
  }

  subscribe(listener: AccessChangeListener): void {
    this.listeners.push(listener);
  }

  /** Tells the other processes (after the change is committed); failures are logged, not thrown. */
  async publish(userId: string): Promise<void> {
    try {
      await this.dataSource.query('SELECT pg_notify($1, $2)', [
        ACCESS_CHANGED_CHANNEL,
        `${this.origin}:${userId}`,
      ]);
    } catch (error) {
      // The change itself is committed; other replicas drop their cached read within 2 s anyway.
      this.logger.warn(
        { err: error, userId },
        'could not notify other API processes of an access change',
      );
    }
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.connect();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    this.markDown();
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    const options = this.dataSource.options as PostgresConnectionOptions;
    const client = new Client({
      connectionString: options.url,
      host: options.host,
      port: options.port,
      user: options.username,
      password: typeof options.password === 'string' ? options.password : undefined,
      database: options.database,
      ssl: options.ssl as boolean | { rejectUnauthorized: boolean } | undefined,
      connectionTimeoutMillis: 5000,
      keepAlive: true,
    });
    this.client = client;
    client.on('notification', (message) => {
      if (message.channel !== ACCESS_CHANGED_CHANNEL || !message.payload) return;
      const separator = message.payload.indexOf(':');
      if (message.payload.slice(0, separator) === this.origin) return;
      const userId = message.payload.slice(separator + 1);
      for (const listener of this.listeners) listener.changed(userId);
    });
    const lost = (error?: Error) => {
      if (this.client !== client) return;
      this.client = undefined;
      this.markDown();
      client.end().catch(() => undefined);
      if (this.stopped) return;
      this.logger.warn(
        { err: error },
        'lost the access-change channel; reading users afresh on every request until it is back',
      );
      this.scheduleRetry();
    };
    client.on('error', lost);
    client.on('end', () => lost());
    try {
      await client.connect();
      await client.query(`LISTEN ${ACCESS_CHANGED_CHANNEL}`);
    } catch (error) {
      lost(error as Error);
      return;
    }
    if (this.client !== client) return;
    this.retryMs = RECONNECT_MIN_MS;
    // Anything cached before now may have missed a notification: start clean.
    for (const listener of this.listeners) listener.reset();
    this.connected = true;
  }

  private markDown(): void {
    if (!this.connected) return;
    this.connected = false;
    for (const listener of this.listeners) listener.reset();
  }

  private scheduleRetry(): void {
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => void this.connect(), this.retryMs);
    this.retryTimer.unref();
    this.retryMs = Math.min(this.retryMs * 2, RECONNECT_MAX_MS);
  }
}

import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import type { Pool } from 'pg';
import { DataSource, IsNull, Repository } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import { AppError } from '../common/errors/app-error';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/configuration';
import { RefreshTokenEntity } from '../identity/entities/refresh-token.entity';
import { UserEntity } from '../identity/entities/user.entity';
import {
  hashPassword,
  passwordPolicyProblems,
  verifyDecoy,
  verifyPassword,
} from '../identity/passwords';
import { AccessChangeChannel } from './access-change-channel';
import type { Principal } from '../common/access/principal';

/** What a successful sign-in, refresh or password change answers. */
export interface TokenPair {
  accessToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
  refreshToken: string;
  refreshExpiresIn: number;
  mustChangePassword: boolean;
}

interface AccessClaims {
  sub: string;
  /** The session: the refresh-token family the token was issued in. */
  sid: string;
  ver: number;
  typ: 'access';
}

/**
 * What an access token is worth right now: the user behind it, or why not. AUTH.TOKEN_INVALID:
 * not ours, malformed or expired (a refresh may help); AUTH.SESSION_ENDED: ours and unexpired,
 * but its session or the user's access has ended since (signed out, password changed or reset,
 * deactivated, roles or agency changed): only a new sign-in helps.
 */
export type Authentication =
  | { ok: true; principal: Principal }
  | { ok: false; code: 'AUTH.TOKEN_INVALID' | 'AUTH.SESSION_ENDED' };

/** The one read behind an access token: the user and whether the token's session is live. */
interface PrincipalRow {
  id: string;
  username: string;
  roles: Principal['roles'];
  agency_id: string | null;
  must_change_password: boolean;
  disabled: boolean;
  token_version: number;
  session_live: boolean;
}

/**
 * The user behind a token and whether its session still has a live refresh token, in one round
 * trip (named, so PostgreSQL plans it once per connection; the EXISTS is answered by the partial
 * index of unrevoked tokens per family).
 */
const PRINCIPAL_QUERY = {
  name: 'auth-principal',
  text: `SELECT u.id, u.username, u.roles, u.agency_id, u.must_change_password, u.disabled,
                u.token_version,
                EXISTS (SELECT 1 FROM refresh_tokens r
                        WHERE r.family_id = $2 AND r.user_id = u.id
                          AND r.revoked_at IS NULL AND r.expires_at > now()) AS session_live
         FROM users u WHERE u.id = $1`,
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type RefreshOutcome =
  | { ok: true; userId: string; tokens: TokenPair }
  | { ok: false; userId?: string; reuse?: boolean; error: AppError };

export type SignInOutcome =
  { ok: true; userId: string; tokens: TokenPair } | { ok: false; userId?: string; error: AppError };

const ISSUER = 'vehicle-permit';
/** How long a request may rely on a user read for the same token by an earlier request. */
const PRINCIPAL_TTL_MS = 2_000;

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

/**
 * Sign-in, tokens and passwords. Access tokens are short-lived JWTs naming the user, the session
 * (the refresh-token family) and the user's token version; every request re-reads the user and
 * its session in one query, so a sign-out, a reset, a role change or a disabled account takes
 * effect at once. Refresh tokens are random, stored hashed, and rotate on use.
 */
@Injectable()
export class AuthService {
  private readonly logger = new Logger(AuthService.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly jwt: JwtService,
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    @InjectRepository(RefreshTokenEntity)
    private readonly refreshTokens: Repository<RefreshTokenEntity>,
    private readonly channel: AccessChangeChannel,
  ) {
    // The connection pool under TypeORM: the per-request read skips its query runner.
    this.pool = (dataSource.driver as PostgresDriver).master as Pool;
    channel.subscribe({
      changed: (userId) => this.forgetLocally(userId),
      reset: () => this.forgetEveryone(),
    });
  }

  /**
   * Checks a username and password. Failures count per account: from the second one on, the
   * next attempt must wait (doubling each time); at the limit the account locks for a while.
   */
  async signIn(username: string, password: string, now = new Date()): Promise<SignInOutcome> {
    const user = await this.withPasswordHash()
      .where('lower(u.username) = lower(:username)', { username })
      .getOne();
    if (!user) {
      await verifyDecoy(password);
      return { ok: false, error: new AppError('AUTH.INVALID_CREDENTIALS') };
    }
    const refused = await this.checkPassword(user, password, 'AUTH.INVALID_CREDENTIALS', now);
    if (refused) return { ok: false, userId: user.id, error: refused };
    if (user.disabled) {
      return { ok: false, userId: user.id, error: new AppError('AUTH.ACCOUNT_DISABLED') };
    }
    return {
      ok: true,
      userId: user.id,
      tokens: (await this.issue(user, randomUUID(), now)).tokens,
    };
  }

  /**
   * Verifies a password under the account's attempt limits, or says why not. The attempt is
   * counted *before* the (slow) hash check, in one conditional UPDATE: parallel guesses each
   * need their own claim, so the back-off and the lock hold however many arrive at once.
   * A correct password clears the count.
   */
  private async checkPassword(
    user: UserEntity,
    password: string,
    wrong: 'AUTH.INVALID_CREDENTIALS' | 'AUTH.CURRENT_PASSWORD_WRONG',
    now: Date,
  ): Promise<AppError | undefined> {
    const { maxFailedSignIns, lockoutSeconds, backoffBaseMs } = this.config.auth;
    const expired = 'locked_until IS NOT NULL AND locked_until <= $2';
    const count = `CASE WHEN ${expired} THEN 1 ELSE failed_sign_ins + 1 END`;
    // For UPDATE … RETURNING, TypeORM's postgres driver answers [rows, affected count].
    const [claimed] = await this.dataSource.query<[{ failed_sign_ins: number }[], number]>(
      `UPDATE users SET
         failed_sign_ins = ${count},
         locked_until = CASE WHEN ${count} >= $3
                          THEN $2::timestamptz + make_interval(secs => $4) ELSE NULL END,
         last_failed_sign_in_at = $2
       WHERE id = $1
         AND (locked_until IS NULL OR ${expired})
         AND (failed_sign_ins < 2 OR last_failed_sign_in_at IS NULL OR ${expired}
              OR last_failed_sign_in_at + make_interval(secs =>
                   LEAST($5::float8 * power(2, failed_sign_ins - 2) / 1000.0, $4::float8)) <= $2)
       RETURNING failed_sign_ins`,
      [user.id, now, maxFailedSignIns, lockoutSeconds, backoffBaseMs],
    );
    if (claimed.length === 0) {
      // Not allowed to try now: locked, or still inside the back-off.
      const current = await this.users.findOneByOrFail({ id: user.id });
      if (current.lockedUntil && current.lockedUntil > now)
        return this.locked(current.lockedUntil, now);
      return new AppError(
        'AUTH.TOO_MANY_ATTEMPTS',
        [],
        undefined,
        this.backoffRemainingMs(current, now) / 1000,
      );
    }
    if (await verifyPassword(user.passwordHash, password)) {
      await this.users.update(
        { id: user.id },
        { failedSignIns: 0, lockedUntil: null, lastFailedSignInAt: null },
      );
      return undefined;
    }
    if (claimed[0].failed_sign_ins >= maxFailedSignIns) {
      return this.locked(new Date(now.getTime() + lockoutSeconds * 1000), now);
    }
    if (wrong === 'AUTH.CURRENT_PASSWORD_WRONG') {
      return new AppError(wrong, [
        {
          field: 'currentPassword',
          code: 'currentPassword',
          message: {
            fa: 'گذرواژه کنونی نادرست است.',
            en: 'currentPassword is not your current password',
          },
        },
      ]);
    }
    return new AppError(wrong);
  }

  private withPasswordHash() {
    return this.users.createQueryBuilder('u').addSelect('u.passwordHash');
  }

  /**
   * Exchanges a refresh token for a new pair. The session keeps its original end: rotation never
   * extends it. A replaced token presented again means it was copied: the whole family is revoked
   * and the user's access tokens stop working too.
   */
  async refresh(refreshToken: string, now = new Date()): Promise<RefreshOutcome> {
    const stored = await this.refreshTokens.findOneBy({ tokenHash: sha256(refreshToken) });
    if (!stored) return { ok: false, error: new AppError('AUTH.TOKEN_INVALID') };
    const refused = (reuse = false): RefreshOutcome => ({
      ok: false,
      userId: stored.userId,
      reuse,
      error: new AppError('AUTH.TOKEN_INVALID'),
    });
    if (stored.revokedAt) {
      if (!stored.replacedBy) return refused();
      await this.endSessionsAfterReuse(stored, now);
      return refused(true);
    }
    if (stored.expiresAt <= now) return refused();
    const user = await this.users.findOneBy({ id: stored.userId });
    if (!user || user.disabled) return refused();
    const { tokens, refreshTokenId } = await this.issue(
      user,
      stored.familyId,
      now,
      stored.expiresAt,
    );
    const claimed = await this.refreshTokens.update(
      { id: stored.id, revokedAt: IsNull() },
      { revokedAt: now, replacedBy: refreshTokenId },
    );
    if (claimed.affected !== 1) {
      // Another request used the same token a moment ago: treat as reuse.
      await this.endSessionsAfterReuse(stored, now);
      return refused(true);
    }
    return { ok: true, userId: user.id, tokens };
  }

  private async endSessionsAfterReuse(stored: RefreshTokenEntity, now: Date): Promise<void> {
    await this.revokeFamily(stored.familyId, now);
    await this.users.update({ id: stored.userId }, { tokenVersion: () => 'token_version + 1' });
    await this.forget(stored.userId);
    this.logger.warn(
      { userId: stored.userId, familyId: stored.familyId },
      'a replaced refresh token was presented again: its family is revoked, access tokens end',
    );
  }

  /**
   * Ends the session of this refresh token on this device: its family is revoked, and so every
   * access token issued in it stops working at once. The user's other sessions go on. Unknown
   * tokens are ignored.
   */
  async signOut(refreshToken: string, now = new Date()): Promise<string | undefined> {
    const stored = await this.refreshTokens.findOneBy({ tokenHash: sha256(refreshToken) });
    if (!stored) return undefined;
    await this.revokeFamily(stored.familyId, now);
    await this.forget(stored.userId);
    return stored.userId;
  }

  /** Changes the signed-in user's own password; other sessions end, this one gets new tokens. */
  async changePassword(
    principal: Principal,
    currentPassword: string,
    newPassword: string,
    now = new Date(),
  ): Promise<TokenPair> {
    const user = await this.withPasswordHash()
      .where('u.id = :id', { id: principal.userId })
      .getOne();
    if (!user) throw new AppError('AUTH.TOKEN_INVALID');
    // Wrong guesses here count like failed sign-ins: a stolen token does not open a guessing game.
    const refused = await this.checkPassword(
      user,
      currentPassword,
      'AUTH.CURRENT_PASSWORD_WRONG',
      now,
    );
    if (refused) throw refused;
    const problems = passwordPolicyProblems(newPassword, user.username);
    if (newPassword === currentPassword) {
      problems.push({
        fa: 'گذرواژه جدید باید با گذرواژه کنونی فرق داشته باشد.',
        en: 'The new password must differ from the current one.',
      });
    }
    if (problems.length > 0) {
      throw new AppError(
        'AUTH.PASSWORD_TOO_WEAK',
        problems.map((message) => ({ field: 'newPassword', code: 'passwordPolicy', message })),
      );
    }
    const passwordHash = await hashPassword(newPassword);
    await this.dataSource.transaction(async (tx) => {
      await tx.update(
        UserEntity,
        { id: user.id },
        {
          passwordHash,
          mustChangePassword: false,
          passwordChangedAt: now,
          tokenVersion: () => 'token_version + 1',
        },
      );
      await tx.update(
        RefreshTokenEntity,
        { userId: user.id, revokedAt: IsNull() },
        { revokedAt: now },
      );
    });
    await this.forget(user.id);
    const updated = await this.users.findOneByOrFail({ id: user.id });
    return (await this.issue(updated, randomUUID(), now)).tokens;
  }

  /**
   * The user behind an access token, read afresh from the database with its session, or why
   * not (see Authentication).
   */
  async authenticate(accessToken: string): Promise<Authentication> {
    const known = this.principals.get(accessToken);
    if (known) return { ok: true, principal: known };
    // Requests with the same token while it is being read share the one read.
    const pending = this.reading.get(accessToken);
    if (pending) return pending;
    const reading = this.readPrincipal(accessToken).finally(() => this.reading.delete(accessToken));
    this.reading.set(accessToken, reading);
    return reading;
  }

  private async readPrincipal(accessToken: string): Promise<Authentication> {
    const generation = this.generation;
    let claims: AccessClaims & { exp?: number };
    try {
      claims = await this.jwt.verifyAsync<AccessClaims>(accessToken, {
        issuer: ISSUER,
        algorithms: ['HS256'],
      });
    } catch {
      return { ok: false, code: 'AUTH.TOKEN_INVALID' };
    }
    if (
      claims.typ !== 'access' ||
      typeof claims.sub !== 'string' ||
      !UUID.test(claims.sub) ||
      // Tokens from before sessions were named carry no sid: refused (a refresh gives a new one).
      typeof claims.sid !== 'string' ||
      !UUID.test(claims.sid)
    ) {
      return { ok: false, code: 'AUTH.TOKEN_INVALID' };
    }
    const {
      rows: [row],
    } = await this.pool.query<PrincipalRow>({
      ...PRINCIPAL_QUERY,
      values: [claims.sub, claims.sid],
    });
    if (!row) return { ok: false, code: 'AUTH.TOKEN_INVALID' };
    if (row.disabled || row.token_version !== claims.ver || !row.session_live) {
      return { ok: false, code: 'AUTH.SESSION_ENDED' };
    }
    const principal: Principal = {
      userId: row.id,
      username: row.username,
      roles: row.roles,
      agencyId: row.agency_id ?? undefined,
      mustChangePassword: row.must_change_password,
    };
    const untilExpiry = claims.exp === undefined ? 0 : claims.exp * 1000 - Date.now();
    const ttl = Math.min(PRINCIPAL_TTL_MS, untilExpiry);
    // Cached only while other processes can tell this one of changes, and never from a read
    // that a change overtook.
    if (ttl > 0 && generation === this.generation && this.channel.listening) {
      this.principals.set(accessToken, principal, { ttl });
    }
    return { ok: true, principal };
  }

  private readonly pool: Pool;

  /** Reads of the user behind a token under way, shared by the requests that carry it. */
  private readonly reading = new Map<string, Promise<Authentication>>();
  /** Counts access changes, so that a read begun before one is not cached after it. */
  private generation = 0;

  /**
   * Signed-in users as last read, per access token, for a moment: a burst of requests reads the
   * user once. Whatever changes a user's access forgets them at once, here (`forget`) and in
   * every other API process (AccessChangeChannel); while that channel is down nothing is cached.
   */
  private readonly principals = new LRUCache<string, Principal>({
    max: 10_000,
    ttl: PRINCIPAL_TTL_MS,
  });

  /**
   * Drops the cached sign-ins of a user whose access just changed (call after the change is
   * committed), in this process and in the others.
   */
  async forget(userId: string): Promise<void> {
    this.forgetLocally(userId);
    await this.channel.publish(userId);
  }

  private forgetLocally(userId: string): void {
    this.generation++;
    // A request arriving from now on must not join a read that began before the change.
    this.reading.clear();
    for (const [token, principal] of this.principals.entries()) {
      if (principal.userId === userId) this.principals.delete(token);
    }
  }

  private forgetEveryone(): void {
    this.generation++;
    this.reading.clear();
    this.principals.clear();
  }

  /** Ends every session of a user (reset, disable, role change): tokens issued so far stop working. */
  async revokeAll(userId: string, now = new Date()): Promise<void> {
    await this.refreshTokens.update({ userId, revokedAt: IsNull() }, { revokedAt: now });
    await this.forget(userId);
  }

  /** A new pair; the refresh token expires with its session (`sessionEndsAt`, or a fresh one). */
  private async issue(
    user: UserEntity,
    familyId: string,
    now: Date,
    sessionEndsAt?: Date,
  ): Promise<{ tokens: TokenPair; refreshTokenId: string }> {
    const { accessTokenTtlSeconds, refreshTokenTtlSeconds } = this.config.auth;
    const expiresAt = sessionEndsAt ?? new Date(now.getTime() + refreshTokenTtlSeconds * 1000);
    const claims: AccessClaims = {
      sub: user.id,
      sid: familyId,
      ver: user.tokenVersion,
      typ: 'access',
    };
    const accessToken = await this.jwt.signAsync(claims, {
      issuer: ISSUER,
      expiresIn: accessTokenTtlSeconds,
      jwtid: randomUUID(),
    });
    const refreshToken = randomBytes(32).toString('base64url');
    const inserted = await this.refreshTokens.insert({
      userId: user.id,
      familyId,
      tokenHash: sha256(refreshToken),
      issuedAt: now,
      expiresAt,
    });
    return {
      refreshTokenId: (inserted.identifiers[0] as { id: string }).id,
      tokens: {
        accessToken,
        tokenType: 'Bearer',
        expiresIn: accessTokenTtlSeconds,
        refreshToken,
        refreshExpiresIn: Math.max(0, Math.floor((expiresAt.getTime() - now.getTime()) / 1000)),
        mustChangePassword: user.mustChangePassword,
      },
    };
  }

  private async revokeFamily(familyId: string, now: Date): Promise<void> {
    await this.refreshTokens.update({ familyId, revokedAt: IsNull() }, { revokedAt: now });
  }

  private backoffRemainingMs(user: UserEntity, now: Date): number {
    const { backoffBaseMs } = this.config.auth;
    if (user.failedSignIns < 2 || !user.lastFailedSignInAt || backoffBaseMs === 0) return 0;
    const delay = Math.min(
      backoffBaseMs * 2 ** (user.failedSignIns - 2),
      this.config.auth.lockoutSeconds * 1000,
    );
    return Math.max(0, user.lastFailedSignInAt.getTime() + delay - now.getTime());
  }

  private locked(until: Date, now: Date): AppError {
    return new AppError(
      'AUTH.ACCOUNT_LOCKED',
      [],
      undefined,
      (until.getTime() - now.getTime()) / 1000,
    );
  }
}

import type { DataSource } from 'typeorm';
import type { SessionView } from '../workflows/session.types';

/** A session as its workflow saw it after a change; `version` grows with every change. */
export type SessionSnapshot = SessionView & { version: number };

/** Keeps the sessions read model in PostgreSQL. */
export function createSessionActivities({ dataSource }: { dataSource: DataSource }) {
  return {
    /**
     * Upserts the snapshot unless the row already holds this version or a newer one: a retried
     * attempt writes nothing new, and an older snapshot arriving late never overwrites a newer
     * one (the workflow may have several of these activities in flight at once).
     */
    async recordSessionState(snapshot: SessionSnapshot): Promise<void> {
      await dataSource.query(
        `INSERT INTO "sessions"
           ("id", "stage", "session_at", "place", "members", "agenda", "minutes", "version", "updated_at")
         VALUES ($1, $2, $3, $4, $5::jsonb, $6::jsonb, $7::jsonb, $8, now())
         ON CONFLICT ("id") DO UPDATE SET
           "stage" = EXCLUDED."stage",
           "session_at" = EXCLUDED."session_at",
           "place" = EXCLUDED."place",
           "members" = EXCLUDED."members",
           "agenda" = EXCLUDED."agenda",
           "minutes" = EXCLUDED."minutes",
           "version" = EXCLUDED."version",
           "updated_at" = now()
         WHERE "sessions"."version" < EXCLUDED."version"`,
        [
          snapshot.sessionId,
          snapshot.stage,
          new Date(snapshot.sessionAt),
          snapshot.place,
          JSON.stringify(snapshot.members),
          JSON.stringify(snapshot.agenda),
          // Every round of the minutes, oldest first; the last is the current one.
          JSON.stringify([
            ...snapshot.pastMinutesRounds,
            ...(snapshot.minutes ? [snapshot.minutes] : []),
          ]),
          snapshot.version,
        ],
      );
    },
  };
}

export type SessionActivities = ReturnType<typeof createSessionActivities>;

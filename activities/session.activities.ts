import type { DataSource } from 'typeorm';
import type { SessionView } from '../workflows/session/session.types';
import { minutesRoundsOf, recordSessionDerived } from './case-record';

/** A session as its workflow saw it after a change; `version` grows with every change. */
export type SessionSnapshot = SessionView & { version: number };

/** Keeps the sessions read model and the session's part of the case record in PostgreSQL. */
export function createSessionActivities({ dataSource }: { dataSource: DataSource }) {
  return {
    /**
     * Upserts the snapshot unless the row already holds this version or a newer one: a retried
     * attempt writes nothing new, and an older snapshot arriving late never overwrites a newer
     * one (the workflow may have several of these activities in flight at once).
     */
    async recordSessionState(snapshot: SessionSnapshot): Promise<void> {
      const { version, ...view } = snapshot;
      const rounds = minutesRoundsOf(view);
      await dataSource.transaction(async (tx) => {
        const written: unknown[] = await tx.query(
          `INSERT INTO "sessions"
             ("id", "stage", "session_at", "place", "members", "agenda", "minutes", "version",
              "view", "updated_at")
           VALUES ($1, $2, $3, $4, $5::jsonb, $6::jsonb, $7::jsonb, $8, $9::jsonb, now())
           ON CONFLICT ("id") DO UPDATE SET
             "stage" = EXCLUDED."stage",
             "session_at" = EXCLUDED."session_at",
             "place" = EXCLUDED."place",
             "members" = EXCLUDED."members",
             "agenda" = EXCLUDED."agenda",
             "minutes" = EXCLUDED."minutes",
             "version" = EXCLUDED."version",
             "view" = EXCLUDED."view",
             "updated_at" = now()
           WHERE "sessions"."version" < EXCLUDED."version"
           RETURNING "id"`,
          [
            snapshot.sessionId,
            snapshot.stage,
            new Date(snapshot.sessionAt),
            snapshot.place,
            JSON.stringify(snapshot.members),
            JSON.stringify(snapshot.agenda),
            // Every round of the minutes, oldest first; the last is the current one.
            JSON.stringify(rounds),
            version,
            JSON.stringify(view),
          ],
        );
        // Only the newest snapshot writes the record's session rows; the row just written is
        // locked until commit, so two snapshots never interleave there.
        if (written.length === 0) return;
        await recordSessionDerived(tx, {
          sessionId: snapshot.sessionId,
          stage: snapshot.stage,
          agenda: snapshot.agenda,
          rounds,
        });
      });
    },
  };
}

export type SessionActivities = ReturnType<typeof createSessionActivities>;

// pg-boss's `db` option on the in-process PGlite: each of its statements takes a turn on the same session as
// Kysely (pglite-session.ts), so it waits while a transaction holds the session and never runs inside one.
// pg-boss sends its schema creation and migrations as several statements without parameters (BEGIN; …;
// COMMIT;), which only the simple protocol (`exec`) runs; everything with parameters goes through `query`.
// A statement that fails inside such a script leaves its transaction aborted: the turn's release rolls it back.
import type { QueueDb } from "./database.ts";
import type { PgliteSession } from "./pglite-session.ts";

export function pgliteQueueDb(session: PgliteSession): QueueDb {
  return {
    async executeSql(text, values) {
      const turn = await session.take();
      try {
        if (values === undefined) {
          const results = await turn.exec(text);
          // pg answers a script with one result per statement; pg-boss reads rows only from single statements.
          return { rows: results.at(-1)?.rows ?? [] };
        }
        const result = await turn.query(text, values);
        return { rows: result.rows };
      } finally {
        await turn.release();
      }
    },
    // The session belongs to the Db; closing the Db closes it.
    close: async () => {},
  };
}

// The pg Pools of a PostgreSQL deployment (Kysely's and pg-boss's), with the server-side limits that keep one
// stuck client from holding a connection or a lock forever, and the client-side limits that keep a request
// from waiting forever for a connection.
import type { PostgresPool, PostgresPoolClient } from "kysely";
import pg from "pg";

export interface PostgresTimeouts {
  /** The server ends a session whose transaction sends nothing for this long (idle_in_transaction_session_timeout). */
  readonly idleTransactionTimeoutMs?: number;
  /** The server cancels any one statement running longer (statement_timeout); migrations lift it. */
  readonly statementTimeoutMs?: number;
}

export interface PostgresPoolOptions extends PostgresTimeouts {
  readonly max: number;
  readonly types?: pg.CustomTypesConfig;
  readonly applicationName?: string;
  /** Errors of idle or broken clients (the server restarting, a session ended by a timeout). */
  readonly onError?: (error: Error) => void;
}

export const DEFAULT_STATEMENT_TIMEOUT_MS = 300_000;
/** Waiting for a free connection (or for the server to accept one) gives up after this. */
export const CONNECTION_TIMEOUT_MS = 10_000;
/** An unused connection above the pool's minimum is closed after this. */
export const IDLE_CLIENT_TIMEOUT_MS = 30_000;

/** Remembers why a checked-out client broke, so its next statement can say so. */
const lostBy = new WeakMap<pg.ClientBase, Error>();

export function createPostgresPool(connectionString: string, options: PostgresPoolOptions): pg.Pool {
  const pool = new pg.Pool({
    connectionString,
    max: options.max,
    ...(options.types ? { types: options.types } : {}),
    ...(options.applicationName ? { application_name: options.applicationName } : {}),
    connectionTimeoutMillis: CONNECTION_TIMEOUT_MS,
    idleTimeoutMillis: IDLE_CLIENT_TIMEOUT_MS,
    // Sent in the startup message, so every session of the pool has them from its first statement.
    idle_in_transaction_session_timeout: options.idleTransactionTimeoutMs ?? 60_000,
    statement_timeout: options.statementTimeoutMs ?? DEFAULT_STATEMENT_TIMEOUT_MS,
  });
  const onError = options.onError ?? (() => {});
  // An idle client's error must not crash the process; the next query reconnects.
  pool.on("error", onError);
  // A checked-out client has no listener of pg-pool's: the server ending its session (e.g. the idle
  // transaction timeout) would otherwise be an unhandled 'error' event, which ends the process.
  pool.on("connect", (client) => {
    client.on("error", (error) => {
      // The server's reason comes first; "Connection terminated unexpectedly" follows when the socket closes.
      if (!lostBy.has(client)) lostBy.set(client, error);
      onError(error);
    });
  });
  return pool;
}

/**
 * The pool as Kysely's PostgresDialect wants it, except that a statement on a client whose session the server
 * ended fails with the server's reason ("terminating connection due to idle-in-transaction timeout") rather
 * than pg's "Client has encountered a connection error and is not queryable".
 */
export function kyselyPool(pool: pg.Pool): PostgresPool {
  return {
    async connect(): Promise<PostgresPoolClient> {
      const client = await pool.connect();
      return {
        // biome-ignore lint/suspicious/noExplicitAny: forwards both of pg's query overloads unchanged.
        query: ((...args: any[]) => {
          const lost = lostBy.get(client);
          if (lost) return Promise.reject(lost);
          // biome-ignore lint/suspicious/noExplicitAny: see above.
          return (client.query as any)(...args);
        }) as PostgresPoolClient["query"],
        release: (destroy?: unknown) => client.release(Boolean(destroy) || lostBy.has(client)),
      };
    },
    end: () => pool.end(),
  };
}

// PGlite is one Postgres session inside this process. Kysely's connections and pg-boss's queries take turns
// holding it, one at a time, exactly like a pool of one connection: a transaction keeps its turn until it ends,
// so nobody else's statement ever lands inside it. A turn that sends nothing for `idleTimeoutMs` while it holds
// the session (a transaction left open by a bug, or waiting on something that never comes) loses it, as
// PostgreSQL's idle_in_transaction_session_timeout would: its transaction is rolled back, the next in line gets
// the session, and the turn's next statement fails with IdleTransactionTimeoutError.
import type { PGlite, Results } from "@electric-sql/pglite";

/** The part of PGlite the session uses. */
export type PgliteClient = Pick<PGlite, "query" | "exec" | "isInTransaction" | "close">;

export const DEFAULT_IDLE_TRANSACTION_TIMEOUT_MS = 60_000;

/** Thrown by every statement of a turn that lost the session for being idle; its transaction was rolled back. */
export class IdleTransactionTimeoutError extends Error {
  /** PostgreSQL's SQLSTATE for the same event (idle_in_transaction_session_timeout). */
  readonly code = "25P03";
  constructor(idleTimeoutMs: number) {
    super(
      `the database transaction sent nothing for ${idleTimeoutMs / 1000} s and was rolled back; nothing it wrote was kept`,
    );
    this.name = "IdleTransactionTimeoutError";
  }
}

export interface PgliteTurn {
  query<R>(text: string, params?: readonly unknown[]): Promise<Results<R>>;
  /** Simple-protocol execution: several statements, no parameters. */
  exec(text: string): Promise<Results[]>;
  /** Hands the session on (after rolling back a transaction the turn left open). Idempotent. */
  release(): Promise<void>;
}

export interface PgliteSession {
  /** Waits for the session and holds it until release(). */
  take(): Promise<PgliteTurn>;
  /** Waits for the current turns to end, then closes PGlite. */
  close(): Promise<void>;
}

export interface PgliteSessionOptions {
  readonly idleTimeoutMs?: number;
  /** Told when a turn loses the session for being idle (for a log line). */
  readonly onIdleTimeout?: (idleTimeoutMs: number) => void;
}

export function createPgliteSession(pglite: PgliteClient, options: PgliteSessionOptions = {}): PgliteSession {
  const idleTimeoutMs = options.idleTimeoutMs ?? DEFAULT_IDLE_TRANSACTION_TIMEOUT_MS;
  let tail: Promise<void> = Promise.resolve();

  /** Ends an open transaction: the session is only ever handed on outside one. */
  async function leaveTransaction(): Promise<void> {
    if (pglite.isInTransaction()) await pglite.query("rollback");
  }

  function turn(handOn: () => void): PgliteTurn {
    let state: "held" | "released" | "revoked" = "held";
    let busy = false;
    let timer: NodeJS.Timeout | undefined;
    const arm = () => {
      timer = setTimeout(() => void expire(), idleTimeoutMs);
      // A forgotten transaction must not keep an otherwise finished process alive.
      timer.unref();
    };
    const expire = async () => {
      if (state !== "held" || busy) return;
      state = "revoked";
      try {
        await leaveTransaction();
      } finally {
        handOn();
        options.onIdleTimeout?.(idleTimeoutMs);
      }
    };
    const run = async <T>(work: () => Promise<T>): Promise<T> => {
      if (state === "revoked") throw new IdleTransactionTimeoutError(idleTimeoutMs);
      if (state === "released") throw new Error("PGlite: statement on a connection already released");
      clearTimeout(timer);
      busy = true;
      try {
        return await work();
      } finally {
        busy = false;
        if (state === "held") arm();
      }
    };
    arm();
    return {
      query: (text, params) => run(() => pglite.query(text, params ? [...params] : undefined)),
      exec: (text) => run(() => pglite.exec(text)),
      async release() {
        if (state !== "held") return;
        state = "released";
        clearTimeout(timer);
        try {
          await leaveTransaction();
        } finally {
          handOn();
        }
      },
    };
  }

  return {
    async take() {
      const previous = tail;
      let handOn!: () => void;
      tail = new Promise<void>((resolve) => {
        handOn = resolve;
      });
      await previous;
      return turn(handOn);
    },
    async close() {
      await tail;
      await pglite.close();
    },
  };
}

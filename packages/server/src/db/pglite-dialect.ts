// A small Kysely dialect over PGlite (Kysely 0.28 has none built in; 0.29 needs Node 22). PGlite is one
// connection, so a connection is a turn on the shared session (pglite-session.ts), which pg-boss's queries take
// too: a transaction holds the only connection until it ends, exactly as a pool of size 1 would. Code inside a
// transaction must use the transaction, never `db`.
import {
  CompiledQuery,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type QueryResult,
  type TransactionSettings,
} from "kysely";
import type { PgliteSession, PgliteTurn } from "./pglite-session.ts";

export interface PgliteDialectConfig {
  readonly session: PgliteSession;
}

export class PgliteDialect implements Dialect {
  readonly #config: PgliteDialectConfig;
  constructor(config: PgliteDialectConfig) {
    this.#config = config;
  }
  createAdapter() {
    return new PostgresAdapter();
  }
  createDriver(): Driver {
    return new PgliteDriver(this.#config.session);
  }
  createIntrospector(db: Kysely<unknown>) {
    return new PostgresIntrospector(db);
  }
  createQueryCompiler() {
    return new PostgresQueryCompiler();
  }
}

class PgliteDriver implements Driver {
  readonly #session: PgliteSession;
  readonly #turns = new WeakMap<DatabaseConnection, PgliteTurn>();

  constructor(session: PgliteSession) {
    this.#session = session;
  }

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    const turn = await this.#session.take();
    const connection = new PgliteConnection(turn);
    this.#turns.set(connection, turn);
    return connection;
  }

  async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    let text = "begin";
    if (settings.isolationLevel) text += ` isolation level ${settings.isolationLevel}`;
    if (settings.accessMode) text += ` ${settings.accessMode}`;
    await connection.executeQuery(CompiledQuery.raw(text));
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw("commit"));
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw("rollback"));
  }

  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    await this.#turns.get(connection)?.release();
    this.#turns.delete(connection);
  }

  async destroy(): Promise<void> {
    await this.#session.close();
  }
}

class PgliteConnection implements DatabaseConnection {
  readonly #turn: PgliteTurn;
  constructor(turn: PgliteTurn) {
    this.#turn = turn;
  }

  async executeQuery<R>(compiledQuery: CompiledQuery): Promise<QueryResult<R>> {
    const result = await this.#turn.query<R>(compiledQuery.sql, compiledQuery.parameters);
    const command = result.command?.toUpperCase();
    const affected =
      command === "INSERT" || command === "UPDATE" || command === "DELETE" || command === "MERGE"
        ? BigInt(result.affectedRows ?? 0)
        : undefined;
    return affected === undefined ? { rows: result.rows } : { rows: result.rows, numAffectedRows: affected };
  }

  // biome-ignore lint/correctness/useYield: streaming is not supported on PGlite; callers get a clear error.
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error("streaming queries are not supported on PGlite");
  }
}

// A small Kysely dialect over PGlite (Kysely 0.28 has none built in; 0.29 needs Node 22). PGlite is one
// connection, so connections are handed out one at a time: a transaction holds the only connection until it
// ends, exactly as a pool of size 1 would. Code inside a transaction must use the transaction, never `db`.
import type { PGlite } from "@electric-sql/pglite";
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

/** The part of PGlite this dialect uses. */
export type PgliteClient = Pick<PGlite, "query" | "close">;

export interface PgliteDialectConfig {
  readonly pglite: PgliteClient;
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
    return new PgliteDriver(this.#config.pglite);
  }
  createIntrospector(db: Kysely<unknown>) {
    return new PostgresIntrospector(db);
  }
  createQueryCompiler() {
    return new PostgresQueryCompiler();
  }
}

class PgliteDriver implements Driver {
  readonly #connection: PgliteConnection;
  #queue: Promise<void> = Promise.resolve();
  #release: (() => void) | null = null;

  constructor(pglite: PgliteClient) {
    this.#connection = new PgliteConnection(pglite);
  }

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    const previous = this.#queue;
    let release!: () => void;
    this.#queue = new Promise<void>((resolve) => {
      release = resolve;
    });
    await previous;
    this.#release = release;
    return this.#connection;
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

  async releaseConnection(): Promise<void> {
    const release = this.#release;
    this.#release = null;
    release?.();
  }

  async destroy(): Promise<void> {
    await this.#queue;
    await this.#connection.close();
  }
}

class PgliteConnection implements DatabaseConnection {
  readonly #pglite: PgliteClient;
  constructor(pglite: PgliteClient) {
    this.#pglite = pglite;
  }

  async executeQuery<R>(compiledQuery: CompiledQuery): Promise<QueryResult<R>> {
    const result = await this.#pglite.query<R>(compiledQuery.sql, [...compiledQuery.parameters]);
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

  async close(): Promise<void> {
    await this.#pglite.close();
  }
}

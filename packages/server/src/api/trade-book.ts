// A user's trades, open positions and unmatched executions: the per-account books the last import stored
// (account-books-repository.ts), or, for an account whose book is missing or was built by older rules, rebuilt
// with core from the stored rows (loadAccountFlexData → buildTrades) exactly as `closeout report` builds them
// from the files. Books are cached per user and keyed by a version that changes with every stored statement
// (imports only ever add statements, or turn an uploaded one into a link's); any process sees the new version
// at once.
// The cache is bounded by users and by an estimate of the books' heap size (their encoding's length times
// HEAP_PER_ENCODED_BYTE), least recently used out first: one heavy options trader can weigh as much as
// hundreds of light users.
// Uploads warm a user's book (and what the warmers derive from it) in the background; `watch` does the same
// for cached users whose data a background sync changed, so the first page load after either finds it built.
import { createHash } from "node:crypto";
import {
  type AccountSummary,
  buildTrades,
  compareTrades,
  encodeTradeBook,
  type OpenPosition,
  type RoundTrip,
  type UnmatchedExecution,
} from "@closeout/core";
import { sql } from "kysely";
import { loadAccountBookSized } from "../db/account-books-repository.ts";
import type { DbExecutor } from "../db/database.ts";
import { loadAccountFlexData } from "../db/load-account-flex-data.ts";

export interface BookAccount {
  /** closeout's id of the account. */
  readonly id: string;
  readonly ibAccountId: string;
  readonly baseCurrency: string | null;
  readonly alias: string | null;
  readonly linkId: string | null;
}

export interface BookTrade {
  /** Stable across rebuilds: derived from the account and the trade's opening (IB ids). */
  readonly id: string;
  readonly accountDbId: string;
  readonly trade: RoundTrip;
}

export interface TradeBook {
  readonly version: string;
  readonly accounts: readonly BookAccount[];
  /** For computeSummary: as listAccounts(data) gives them for the CLI. */
  readonly accountSummaries: readonly AccountSummary[];
  /** Output order (rule 15). */
  readonly trades: readonly BookTrade[];
  readonly byId: ReadonlyMap<string, BookTrade>;
  readonly openPositions: readonly OpenPosition[];
  readonly unmatched: readonly UnmatchedExecution[];
}

export function tradeId(accountDbId: string, t: RoundTrip): string {
  const key = [accountDbId, t.conid ?? t.symbol, t.openedAt, t.executionIds[0] ?? "", t.side].join("\u0000");
  return createHash("sha256").update(key).digest("base64url").slice(0, 22);
}

async function bookVersion(db: DbExecutor, userId: string): Promise<string> {
  const { rows } = await sql<{ v: string }>`
    select coalesce(max(seq), 0)::text || ':' || count(*)::text
      || ':' || count(*) filter (where provenance = 'link')::text
      || ':' || (select count(*) from accounts where user_id = ${userId})::text as v
    from raw_statements where user_id = ${userId}`.execute(db);
  return rows[0]?.v ?? "0";
}

/**
 * Heap bytes a decoded book takes per byte of its encoding (core's trade-book codec): Decimals and row objects
 * are far larger than their text. Measured on generated books of 5k and 30k executions (docs/api.md).
 */
export const HEAP_PER_ENCODED_BYTE = 14;
export const DEFAULT_BOOK_CACHE_MB = 512;

interface SizedBook {
  readonly book: TradeBook;
  /** Estimated heap bytes. */
  readonly bytes: number;
}

async function buildBook(
  db: DbExecutor,
  userId: string,
  version: string,
  engine: string | undefined,
  onEngineRun: () => void,
): Promise<SizedBook> {
  const rows = await db
    .selectFrom("accounts")
    .select(["id", "ib_account_id", "base_currency", "alias", "link_id"])
    .where("user_id", "=", userId)
    .orderBy("ib_account_id")
    .execute();
  const accounts: BookAccount[] = rows.map((r) => ({
    id: r.id,
    ibAccountId: r.ib_account_id,
    baseCurrency: r.base_currency,
    alias: r.alias,
    linkId: r.link_id,
  }));
  const trades: BookTrade[] = [];
  const openPositions: OpenPosition[] = [];
  const unmatched: UnmatchedExecution[] = [];
  let encodedBytes = 0;
  // Every account's stored book at once: one's fetch and gunzip overlap another's decoding. Missing or stale
  // ones are rebuilt one account at a time, so no two accounts' rows are held at once.
  const stored = await Promise.all(accounts.map((a) => loadAccountBookSized(db, a.id, engine)));
  for (const [i, account] of accounts.entries()) {
    let loaded = stored[i] ?? null;
    if (loaded === null) {
      onEngineRun();
      const built = buildTrades(await loadAccountFlexData(db, account.id));
      loaded = { book: built, encodedBytes: Buffer.byteLength(encodeTradeBook(built)) };
    }
    const { book } = loaded;
    encodedBytes += loaded.encodedBytes;
    for (const t of book.trades)
      trades.push({ id: tradeId(account.id, t), accountDbId: account.id, trade: t });
    openPositions.push(...book.openPositions);
    unmatched.push(...book.unmatched);
  }
  trades.sort((a, b) => compareTrades(a.trade, b.trade));
  const book: TradeBook = {
    version,
    accounts,
    accountSummaries: accounts.map((a) => ({ accountId: a.ibAccountId, baseCurrency: a.baseCurrency })),
    trades,
    byId: new Map(trades.map((t) => [t.id, t])),
    openPositions,
    unmatched,
  };
  return { book, bytes: encodedBytes * HEAP_PER_ENCODED_BYTE };
}

export interface TradeBookCache {
  load(db: DbExecutor, userId: string): Promise<TradeBook>;
  forget(userId: string): void;
  /** Loads the user's current book (building it if the data changed) and runs the warmers on it. */
  warm(db: DbExecutor, userId: string): Promise<void>;
  /** Work to do on a freshly warmed book, e.g. computing and serializing the dashboard's statistics. */
  onWarm(warmer: (userId: string, book: TradeBook) => void): void;
  /**
   * Every `everyMs`, re-reads the version of each cached user's data and warms the books that changed (an
   * import or a background sync), so the next request finds them built. Returns a stop function.
   */
  watch(db: DbExecutor, everyMs: number): () => void;
  /** Whether the user's book is held (built or being built). */
  holds(userId: string): boolean;
  /**
   * For tests and diagnostics: books held, their estimated heap bytes, and how many account books this cache
   * had to build with the engine from stored rows because no current stored book existed.
   */
  readonly stats: { entries: number; bytes: number; engineRuns: number };
}

export interface TradeBookCacheOptions {
  /** Most users whose books are held (default 32). */
  readonly capacity?: number;
  /** Budget of estimated heap bytes (default DEFAULT_BOOK_CACHE_MB); a book larger than it is served, not kept. */
  readonly maxBytes?: number;
  /** The rules stored books must have been built by (default the running ones); others are rebuilt. */
  readonly engine?: string;
}

interface Entry {
  readonly version: string;
  readonly book: Promise<TradeBook>;
  bytes: number;
}

/** Keeps the books of the most recently used users, within `capacity` users and `maxBytes`. */
export function createTradeBookCache(options: TradeBookCacheOptions = {}): TradeBookCache {
  const capacity = options.capacity ?? 32;
  const maxBytes = options.maxBytes ?? DEFAULT_BOOK_CACHE_MB * 1024 * 1024;
  /** Least recently used first; `bytes` is 0 until the book is built. */
  const entries = new Map<string, Entry>();
  let bytes = 0;
  let engineRuns = 0;
  const warmers: ((userId: string, book: TradeBook) => void)[] = [];

  const remove = (userId: string): void => {
    const entry = entries.get(userId);
    if (!entry) return;
    entries.delete(userId);
    bytes -= entry.bytes;
  };
  const evict = (): void => {
    while (entries.size > 0 && (entries.size > capacity || bytes > maxBytes))
      remove(entries.keys().next().value as string);
  };

  const cache: TradeBookCache = {
    async load(db, userId) {
      const version = await bookVersion(db, userId);
      const hit = entries.get(userId);
      if (hit && hit.version === version) {
        entries.delete(userId);
        entries.set(userId, hit);
        return hit.book;
      }
      remove(userId);
      // Weighed as soon as it is built, before any caller sees it.
      const entry: Entry = {
        version,
        bytes: 0,
        book: buildBook(db, userId, version, options.engine, () => engineRuns++).then((sized) => {
          if (entries.get(userId) === entry) {
            entry.bytes = sized.bytes;
            bytes += sized.bytes;
            evict();
          }
          return sized.book;
        }),
      };
      entries.set(userId, entry);
      evict();
      entry.book.catch(() => {
        if (entries.get(userId) === entry) remove(userId);
      });
      return entry.book;
    },
    forget(userId) {
      remove(userId);
    },
    holds(userId) {
      return entries.has(userId);
    },
    get stats() {
      return { entries: entries.size, bytes, engineRuns };
    },
    async warm(db, userId) {
      const book = await cache.load(db, userId);
      for (const warmer of warmers) warmer(userId, book);
    },
    onWarm(warmer) {
      warmers.push(warmer);
    },
    watch(db, everyMs) {
      let running = false;
      const timer = setInterval(async () => {
        if (running) return;
        running = true;
        try {
          for (const [userId, entry] of [...entries]) {
            if (entries.get(userId) !== entry) continue;
            if ((await bookVersion(db, userId)) !== entry.version) await cache.warm(db, userId);
          }
        } catch {
          // A failed check is retried at the next tick; requests still read the current version themselves.
        } finally {
          running = false;
        }
      }, everyMs);
      timer.unref();
      return () => clearInterval(timer);
    },
  };
  return cache;
}

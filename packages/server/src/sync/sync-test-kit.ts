// Shared set-up for the sync, queue and crash tests: flex-sim on loopback, a Flex client with short fake
// delays, a token cipher with a throwaway key, and helpers that count what the database holds.
import { randomBytes, randomUUID } from "node:crypto";
import { parseFlex } from "@closeout/core";
import {
  type FlexSim,
  type FlexSimQuery,
  type FlexSimToken,
  generateStatement,
  startFlexSim,
} from "@closeout/flex-sim";
import { sql } from "kysely";
import { createTokenCipher, type TokenCipher } from "../crypto/token-cipher.ts";
import type { Db } from "../db/database.ts";
import { createLink } from "../db/links-repository.ts";
import { createUser } from "../db/users-repository.ts";
import { type Clock, systemClock } from "../flex-client/clock.ts";
import { createFlexClient, type FlexClient, type FlexClientOptions } from "../flex-client/flex-client.ts";
import { TokenPacer } from "../flex-client/token-pacer.ts";

export const FLEX_PATH = "/AccountManagement/FlexWebService";

/** Small statements keep each sync in the tens of milliseconds. */
export function smallQuery(accountId: string, overrides: FlexSimQuery = {}): FlexSimQuery {
  return {
    accounts: [accountId],
    executions: 30,
    fromDate: "2025-01-02",
    toDate: "2025-03-31",
    ...overrides,
  };
}

export async function startTestFlexSim(seed = 7, now?: () => number): Promise<FlexSim> {
  return startFlexSim({ seed, ...(now ? { now } : {}) });
}

export function testFlexClient(sim: Pick<FlexSim, "url">, options: FlexClientOptions = {}): FlexClient {
  const clock: Clock = options.clock ?? systemClock;
  return createFlexClient({
    baseUrl: `${sim.url}${FLEX_PATH}`,
    pollDelaysMs: [10],
    maxPolls: 10,
    timeoutMs: 5_000,
    clock,
    pacer: new TokenPacer(clock, { minIntervalMs: 0, perWindow: 10_000, windowMs: 1_000 }),
    ...options,
  });
}

export function testCipher(key: Uint8Array = randomBytes(32)): TokenCipher {
  return createTokenCipher(key);
}

let counter = 0;

/** A user with one link whose token and query are registered in the simulator. */
export async function createLinkedUser(
  db: Db,
  sim: FlexSim,
  cipher: TokenCipher,
  options: {
    token?: string;
    queryId?: string;
    query: FlexSimQuery;
    sim?: Omit<FlexSimToken, "queries">;
    tokenExpiresOn?: string;
  },
): Promise<{ userId: string; linkId: string; token: string; queryId: string }> {
  counter++;
  const token = options.token ?? `${randomBytes(12).toString("hex")}${counter}`;
  const queryId = options.queryId ?? String(900_000 + counter);
  sim.registry.addToken(token, { ...options.sim, queries: { [queryId]: options.query } });
  const user = await createUser(db.kysely, {
    email: `trader${counter}-${randomBytes(3).toString("hex")}@example.com`,
    passwordHash: "x",
  });
  const id = randomUUID();
  const link = await createLink(db.kysely, {
    id,
    userId: user.id,
    queryId,
    token: cipher.encrypt(token, id),
    tokenExpiresOn: options.tokenExpiresOn ?? null,
  });
  return { userId: user.id, linkId: link.id, token, queryId };
}

export interface RowCounts {
  readonly executions: number;
  readonly distinctExecutionKeys: number;
  readonly rawStatements: number;
  readonly trades: number;
  readonly accounts: number;
}

/** What the database holds, for one user or for everyone. */
export async function countRows(db: Db, userId?: string): Promise<RowCounts> {
  const mine = userId === undefined ? sql`true` : sql`a.user_id = ${userId}`;
  const mineRaw = userId === undefined ? sql`true` : sql`user_id = ${userId}`;
  const { rows } = await sql<{ [K in keyof RowCounts]: string }>`
    select
      (select count(*) from executions e join accounts a on a.id = e.account_id where ${mine}) as executions,
      (select count(distinct (e.account_id, e.ib_key)) from executions e join accounts a on a.id = e.account_id
        where ${mine}) as "distinctExecutionKeys",
      (select count(*) from raw_statements where ${mineRaw}) as "rawStatements",
      (select coalesce(sum(b.trade_count), 0) from account_books b join accounts a on a.id = b.account_id
        where ${mine}) as trades,
      (select count(*) from accounts a where ${mine}) as accounts`.execute(db.kysely);
  const r = rows[0];
  if (!r) throw new Error("no counts");
  return {
    executions: Number(r.executions),
    distinctExecutionKeys: Number(r.distinctExecutionKeys),
    rawStatements: Number(r.rawStatements),
    trades: Number(r.trades),
    accounts: Number(r.accounts),
  };
}

/** Distinct executions (by transactionID) in the statement flex-sim serves for this query. */
export function expectedExecutions(query: FlexSimQuery, simSeed: number): number {
  const xml =
    query.xml ??
    generateStatement({
      seed: query.seed ?? simSeed,
      accounts: query.accounts ?? 1,
      executions: query.executions ?? 200,
      fromDate: query.fromDate ?? "2025-01-02",
      toDate: query.toDate ?? "2025-12-31",
      omitSections: query.omitSections ?? [],
    });
  const data = parseFlex(xml);
  return new Set(data.executions.map((e) => `${e.accountId}/${e.transactionId ?? e.ibExecId ?? e.rawKey}`))
    .size;
}

/** A clock whose sleeps advance virtual time at once: pacing is checked without waiting for real seconds. */
export function createVirtualClock(start = Date.UTC(2025, 5, 2, 12)): Clock & { advance(ms: number): void } {
  let now = start;
  return {
    now: () => now,
    sleep: async (ms) => {
      now += Math.max(0, ms);
    },
    advance: (ms) => {
      now += ms;
    },
  };
}

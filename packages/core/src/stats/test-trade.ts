// Round-trip fixtures for the statistics tests (not exported from the package).
import { Decimal, decimalString } from "../money.ts";
import type { RoundTrip, Side } from "../report-types.ts";

export interface TestTradeInput {
  /** realizedPnlBase (and realizedPnl). */
  readonly pnl: string | number;
  readonly returnPct?: string | number | null;
  readonly accountId?: string;
  readonly symbol?: string;
  readonly assetClass?: string;
  readonly side?: Side;
  readonly openedAt?: string;
  readonly closedAt?: string;
  /** Defaults to closedAt − openedAt. */
  readonly holdingSeconds?: number;
}

export function testTrade(input: TestTradeInput): RoundTrip {
  const openedAt = input.openedAt ?? "2025-01-15T14:30:00Z";
  const closedAt = input.closedAt ?? "2025-01-15T15:30:00Z";
  const pnl = new Decimal(input.pnl);
  return {
    accountId: input.accountId ?? "U1234567",
    symbol: input.symbol ?? "AAPL",
    conid: null,
    assetClass: input.assetClass ?? "STK",
    side: input.side ?? "long",
    openedAt,
    closedAt,
    quantity: new Decimal(100),
    currency: "USD",
    realizedPnl: pnl,
    fees: new Decimal(0),
    realizedPnlBase: pnl,
    returnPct:
      input.returnPct === undefined || input.returnPct === null ? null : new Decimal(input.returnPct),
    executionIds: [],
    reconciliation: { brokerPnl: null, status: "unavailable", reason: null },
    legs: [],
    holdingSeconds: input.holdingSeconds ?? (Date.parse(closedAt) - Date.parse(openedAt)) / 1000,
  };
}

/** Trades with the given P&Ls, one hour apart, in close order. */
export function testTrades(pnls: readonly (string | number)[]): RoundTrip[] {
  return pnls.map((pnl, i) => {
    const start = Date.UTC(2025, 0, 6, 14, 30) + i * 3_600_000;
    return testTrade({
      pnl,
      openedAt: new Date(start).toISOString().replace(".000", ""),
      closedAt: new Date(start + 1_800_000).toISOString().replace(".000", ""),
    });
  });
}

/** Decimals → contract strings (decimalString), recursively, so expectations read like the JSON. */
export function plain(value: unknown): unknown {
  if (Decimal.isDecimal(value)) return decimalString(value as Decimal);
  if (Array.isArray(value)) return value.map(plain);
  // Lazy objects (a curve point, a built leg) are compared as what JSON would see of them.
  if (value !== null && typeof value === "object" && "toJSON" in value && typeof value.toJSON === "function")
    return plain(value.toJSON());
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]));
  }
  return value;
}

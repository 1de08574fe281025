// Rules 13 (summary), 14 (numbers are strings) and 15 (output order).
import { describe, expect, it } from "vitest";
import {
  exact,
  expectTrade,
  flex,
  money,
  openPosition,
  pct,
  report,
  statement,
  trade,
} from "./contract-kit.ts";

/** A one-share round trip bought at 1000 with no commission: P&L = pnl, return = pnl / 10 %. */
function roundTrip(
  sym: string,
  conid: string,
  open: string,
  close: string,
  pnl: number,
  acct = "U1234567",
  id = conid,
): string[] {
  return [
    trade({
      accountId: acct,
      symbol: sym,
      conid,
      transactionID: `${id}1`,
      dateTime: open,
      quantity: "1",
      tradePrice: "1000",
      ibCommission: "0",
    }),
    trade({
      accountId: acct,
      symbol: sym,
      conid,
      transactionID: `${id}2`,
      dateTime: close,
      quantity: "-1",
      tradePrice: String(1000 + pnl),
      ibCommission: "0",
    }),
  ];
}

describe("rule 13: summary", () => {
  it("counts, ratios, extremes and the drawdown over trades in output (closedAt) order from a peak of 0", async () => {
    const rows = [
      ...roundTrip("EEE", "5", "20250306;100000", "20250314;100000", 0),
      ...roundTrip("DDD", "4", "20250305;100000", "20250313;100000", 300),
      ...roundTrip("CCC", "3", "20250301;100000", "20250312;100000", -200),
      ...roundTrip("BBB", "2", "20250304;100000", "20250311;100000", 50),
      ...roundTrip("AAA", "1", "20250303;100000", "20250310;100000", -100),
    ];
    const j = await report(flex(statement({ trades: rows })));
    expect(j.trades.map((t: { symbol: string }) => t.symbol)).toEqual(["AAA", "BBB", "CCC", "DDD", "EEE"]);
    const s = j.summary;
    expect(s.baseCurrency).toBe("USD");
    exact(s.trades, "5");
    exact(s.wins, "2");
    exact(s.losses, "2");
    exact(s.scratches, "1");
    pct(s.winRate, "50");
    money(s.netPnlBase, "50");
    money(s.grossProfitBase, "350");
    money(s.grossLossBase, "-300");
    pct(s.profitFactor, "1.166667");
    money(s.expectancyBase, "10");
    money(s.avgWinBase, "175");
    money(s.avgLossBase, "-150");
    money(s.largestWinBase, "300");
    money(s.largestLossBase, "-200");
    // returns −10, 5, −20, 30, 0 → mean 1
    pct(s.avgReturnPct, "1");
    // running −100, −50, −250, 50, 50 → 250 (by openedAt order it would be 300)
    money(s.maxDrawdownBase, "250");
  });

  it("a winning series has drawdown 0; a later fall is measured from the running peak", async () => {
    const j = await report(
      flex(
        statement({
          trades: [
            ...roundTrip("AAA", "1", "20250303;100000", "20250304;100000", 100),
            ...roundTrip("BBB", "2", "20250303;100000", "20250305;100000", -30),
            ...roundTrip("CCC", "3", "20250303;100000", "20250306;100000", -40),
            ...roundTrip("DDD", "4", "20250303;100000", "20250307;100000", 500),
          ],
        }),
      ),
    );
    money(j.summary.maxDrawdownBase, "70");
    pct(j.summary.profitFactor, "8.571429");
  });

  it("only scratches: winRate null, profitFactor null, avgs null", async () => {
    const j = await report(
      flex(statement({ trades: roundTrip("AAA", "1", "20250303;100000", "20250304;100000", 0) })),
    );
    exact(j.summary.scratches, "1");
    expect(j.summary.winRate).toBeNull();
    expect(j.summary.profitFactor).toBeNull();
    expect(j.summary.avgWinBase).toBeNull();
    expect(j.summary.avgLossBase).toBeNull();
    money(j.summary.expectancyBase, "0");
    money(j.summary.maxDrawdownBase, "0");
  });

  it("summary is in base currency: uses realizedPnlBase", async () => {
    const j = await report(
      flex(
        statement({
          trades: [
            trade({
              currency: "EUR",
              symbol: "SAP",
              conid: "14204",
              transactionID: "1",
              dateTime: "20250303;100000",
              quantity: "10",
              tradePrice: "100",
              ibCommission: "0",
              fxRateToBase: "1.1",
            }),
            trade({
              currency: "EUR",
              symbol: "SAP",
              conid: "14204",
              transactionID: "2",
              dateTime: "20250304;100000",
              quantity: "-10",
              tradePrice: "90",
              ibCommission: "0",
              fxRateToBase: "1.2",
            }),
          ],
        }),
      ),
    );
    // −1100 + 1080 = −20 base (a win of... no: −100 EUR, −20 USD) → one loss
    expectTrade(j.trades[0], { realizedPnl: "-100", realizedPnlBase: "-20" });
    exact(j.summary.losses, "1");
    money(j.summary.netPnlBase, "-20");
    money(j.summary.largestLossBase, "-20");
  });

  it("mixed base currencies: the summary covers the first account's base (accountId order), issue names the others", async () => {
    const j = await report(
      flex(
        statement({
          accountId: "U2000000",
          baseCurrency: "EUR",
          trades: roundTrip("SAP", "14204", "20250303;100000", "20250304;100000", 50, "U2000000"),
        }),
        statement({
          accountId: "U1000000",
          baseCurrency: "USD",
          trades: roundTrip("AAPL", "265598", "20250303;100000", "20250305;100000", 100, "U1000000"),
        }),
      ),
    );
    expect(j.accounts).toEqual([
      { accountId: "U1000000", baseCurrency: "USD" },
      { accountId: "U2000000", baseCurrency: "EUR" },
    ]);
    expect(j.trades).toHaveLength(2);
    expect(j.summary.baseCurrency).toBe("USD");
    exact(j.summary.trades, "1");
    money(j.summary.netPnlBase, "100");
    const iss = j.issues.filter((i: { code: string }) => i.code === "mixed-base-currencies");
    expect(iss).toHaveLength(1);
    expect(iss[0].message).toMatch(/U2000000|EUR/);
  });
});

describe("rule 15: output order", () => {
  it("trades by closedAt, then accountId, symbol, openedAt; other lists by accountId, symbol", async () => {
    const close = "20250310;100000";
    const j = await report(
      flex(
        statement({
          accountId: "U2222222",
          trades: [
            ...roundTrip("AAA", "31", "20250303;100000", close, 1, "U2222222"),
            ...roundTrip("ZZZ", "32", "20250303;100000", "20250309;100000", 1, "U2222222"),
            trade({
              accountId: "U2222222",
              symbol: "AAA",
              conid: "33",
              transactionID: "900",
              dateTime: "20250301;100000",
              quantity: "5",
            }),
          ],
          openPositions: [openPosition({ accountId: "U2222222", symbol: "AAA", conid: "33", position: "5" })],
        }),
        statement({
          accountId: "U1111111",
          trades: [
            ...roundTrip("ZZZ", "11", "20250304;100000", close, 1, "U1111111"),
            ...roundTrip("AAA", "12", "20250305;100000", close, 1, "U1111111"),
            ...roundTrip("AAA", "13", "20250302;100000", close, 1, "U1111111"),
            trade({
              accountId: "U1111111",
              symbol: "ZZZ",
              conid: "14",
              transactionID: "901",
              dateTime: "20250301;100000",
              quantity: "5",
            }),
            trade({
              accountId: "U1111111",
              symbol: "BBB",
              conid: "15",
              transactionID: "902",
              dateTime: "20250301;100000",
              quantity: "5",
            }),
            trade({
              accountId: "U1111111",
              symbol: "YYY",
              conid: "16",
              transactionID: "903",
              dateTime: "20250301;100000",
              quantity: "-5",
            }),
            trade({
              accountId: "U1111111",
              symbol: "CCC",
              conid: "17",
              transactionID: "904",
              dateTime: "20250301;100000",
              quantity: "-5",
            }),
          ],
          openPositions: [
            openPosition({ accountId: "U1111111", symbol: "ZZZ", conid: "14", position: "5" }),
            openPosition({ accountId: "U1111111", symbol: "BBB", conid: "15", position: "5" }),
          ],
        }),
      ),
    );
    expect(j.trades.map((t: { accountId: string; conid: string }) => `${t.accountId}/${t.conid}`)).toEqual([
      "U2222222/32",
      "U1111111/13",
      "U1111111/12",
      "U1111111/11",
      "U2222222/31",
    ]);
    expect(
      j.openPositions.map((p: { accountId: string; symbol: string }) => `${p.accountId}/${p.symbol}`),
    ).toEqual(["U1111111/BBB", "U1111111/ZZZ", "U2222222/AAA"]);
    expect(
      j.unmatched.map((u: { accountId: string; symbol: string }) => `${u.accountId}/${u.symbol}`),
    ).toEqual(["U1111111/CCC", "U1111111/YYY"]);
  });
});

// Rule 9: option expiry, assignment, exercise, and OptionEAE rows that add their own closing execution.
import { describe, expect, it } from "vitest";
import { expectTrade, flex, optionEae, report, statement, trade } from "./contract-kit.ts";

const OPT = "700000001";
const call = (o: Record<string, string | undefined>) =>
  trade({
    assetCategory: "OPT",
    symbol: "AAPL  250221C00200000",
    description: "AAPL 21FEB25 200 C",
    conid: OPT,
    underlyingConid: "265598",
    underlyingSymbol: "AAPL",
    multiplier: "100",
    strike: "200",
    expiry: "20250221",
    putCall: "C",
    ibCommission: "-1",
    ...o,
  });
const buyCall = call({
  transactionID: "1",
  dateTime: "20250203;100000",
  quantity: "2",
  tradePrice: "2.00",
  openCloseIndicator: "O",
});

describe("rule 9: options", () => {
  it('notes "Ep" closes the option at price 0', async () => {
    const ep = call({
      transactionID: "2",
      dateTime: "20250221;162000",
      transactionType: "BookTrade",
      quantity: "-2",
      tradePrice: "0",
      ibCommission: "0",
      notes: "Ep",
      openCloseIndicator: "C",
      fifoPnlRealized: "-401",
    });
    const j = await report(flex(statement({ trades: [buyCall, ep], openPositions: [] })));
    expect(j.trades).toHaveLength(1);
    // −400 − 1 = −401 ; return −401/400
    expectTrade(j.trades[0], {
      assetClass: "OPT",
      quantity: "2",
      realizedPnl: "-401",
      fees: "-1",
      returnPct: "-100.25",
      closedAt: "2025-02-21T21:20:00Z",
      executionIds: ["1", "2"],
      status: "matches",
    });
  });

  it("an OptionEAE Expiration row alone adds the close at its date 16:20:00 New York, without an execution id", async () => {
    const j = await report(
      flex(statement({ trades: [buyCall], optionEAE: [optionEae({ quantity: "2" })], openPositions: [] })),
    );
    expect(j.trades).toHaveLength(1);
    expectTrade(j.trades[0], { realizedPnl: "-401", closedAt: "2025-02-21T21:20:00Z", executionIds: ["1"] });
    expect(j.openPositions).toEqual([]);
    expect(j.unmatched).toEqual([]);
  });

  it("OptionEAE quantity sign is ignored and capped at the position", async () => {
    const j = await report(
      flex(statement({ trades: [buyCall], optionEAE: [optionEae({ quantity: "-5" })] })),
    );
    expect(j.trades).toHaveLength(1);
    expectTrade(j.trades[0], { quantity: "2", realizedPnl: "-401" });
    expect(j.openPositions).toEqual([]);
    expect(j.unmatched).toEqual([]);
  });

  it("OptionEAE Expiration is suppressed by an execution of that conid at price 0 on that date (no tradeID)", async () => {
    // The booking row is at 17:00: if the OptionEAE close were added too, the trade would close at 16:20.
    const ep = call({
      transactionID: "",
      tradeID: "",
      ibExecID: "",
      dateTime: "20250221;170000",
      transactionType: "BookTrade",
      quantity: "-2",
      tradePrice: "0",
      ibCommission: "0",
      notes: "Ep",
      openCloseIndicator: "C",
    });
    const j = await report(
      flex(
        statement({ trades: [buyCall, ep], optionEAE: [optionEae({ quantity: "2" })], openPositions: [] }),
      ),
    );
    expect(j.trades).toHaveLength(1);
    expectTrade(j.trades[0], { realizedPnl: "-401", closedAt: "2025-02-21T22:00:00Z", executionIds: ["1"] });
    expect(j.unmatched).toEqual([]);
    expect(j.openPositions).toEqual([]);
  });

  it("an execution at price 0 on another date does not suppress the OptionEAE row", async () => {
    // A zero-price row the day before (e.g. a transfer-like booking) of 1 contract; the EAE row closes the rest.
    const zero = call({
      transactionID: "5",
      dateTime: "20250220;120000",
      quantity: "-1",
      tradePrice: "0",
      ibCommission: "0",
    });
    const j = await report(
      flex(statement({ trades: [buyCall, zero], optionEAE: [optionEae({ quantity: "1" })] })),
    );
    expect(j.trades).toHaveLength(1);
    expectTrade(j.trades[0], {
      realizedPnl: "-401",
      closedAt: "2025-02-21T21:20:00Z",
      executionIds: ["1", "5"],
    });
  });

  it("assignment: short put closes at 0 (premium is its P&L), the delivered stock is an ordinary execution", async () => {
    const put = (o: Record<string, string | undefined>) =>
      trade({
        assetCategory: "OPT",
        symbol: "AAPL  250221P00190000",
        description: "AAPL 21FEB25 190 P",
        conid: "700000002",
        underlyingConid: "265598",
        underlyingSymbol: "AAPL",
        multiplier: "100",
        strike: "190",
        expiry: "20250221",
        putCall: "P",
        ...o,
      });
    const j = await report(
      flex(
        statement({
          trades: [
            put({
              transactionID: "1",
              dateTime: "20250203;100000",
              quantity: "-1",
              tradePrice: "3.00",
              ibCommission: "-1.05",
              openCloseIndicator: "O",
            }),
            put({
              transactionID: "2",
              dateTime: "20250221;162000",
              transactionType: "BookTrade",
              quantity: "1",
              tradePrice: "0",
              ibCommission: "0",
              notes: "A",
              openCloseIndicator: "C",
              fifoPnlRealized: "0",
            }),
            trade({
              transactionID: "3",
              dateTime: "20250221;162000",
              transactionType: "BookTrade",
              quantity: "100",
              tradePrice: "190",
              ibCommission: "0",
              notes: "A",
              openCloseIndicator: "O",
            }),
            trade({
              transactionID: "4",
              dateTime: "20250224;100000",
              quantity: "-100",
              tradePrice: "195",
              ibCommission: "-1",
              openCloseIndicator: "C",
              fifoPnlRealized: "798.95",
            }),
          ],
          optionEAE: [
            optionEae({
              symbol: "AAPL  250221P00190000",
              conid: "700000002",
              strike: "190",
              putCall: "P",
              transactionType: "Assignment",
              quantity: "1",
            }),
          ],
          openPositions: [],
        }),
      ),
    );
    expect(j.trades).toHaveLength(2);
    const opt = j.trades.find((t: { assetClass: string }) => t.assetClass === "OPT");
    // 300 − 1.05 = 298.95 ; IB put the premium into the stock's basis → differs
    expectTrade(opt, {
      side: "short",
      quantity: "1",
      realizedPnl: "298.95",
      fees: "-1.05",
      returnPct: "99.65",
      executionIds: ["1", "2"],
      brokerPnl: "0",
      status: "differs",
    });
    expect(opt.reconciliation.reason).not.toBeNull();
    const stk = j.trades.find((t: { assetClass: string }) => t.assetClass === "STK");
    // −19000 + 19500 − 1 = 499
    expectTrade(stk, {
      side: "long",
      quantity: "100",
      realizedPnl: "499",
      executionIds: ["3", "4"],
      brokerPnl: "798.95",
      status: "differs",
    });
    expect(j.openPositions).toEqual([]);
  });

  it("OptionEAE Assignment row alone closes a short option toward 0 at 16:20", async () => {
    const j = await report(
      flex(
        statement({
          trades: [
            call({
              transactionID: "1",
              dateTime: "20250203;100000",
              quantity: "-3",
              tradePrice: "1.50",
              ibCommission: "-2",
              openCloseIndicator: "O",
            }),
          ],
          optionEAE: [optionEae({ transactionType: "Assignment", quantity: "3" })],
        }),
      ),
    );
    expectTrade(j.trades[0], {
      side: "short",
      quantity: "3",
      realizedPnl: "448",
      closedAt: "2025-02-21T21:20:00Z",
      executionIds: ["1"],
    });
    expect(j.openPositions).toEqual([]);
  });

  it("exercise (Ex): long call closes at 0, OptionEAE Exercise row suppressed by the booking row", async () => {
    const j = await report(
      flex(
        statement({
          trades: [
            buyCall,
            call({
              transactionID: "2",
              dateTime: "20250221;162000",
              transactionType: "BookTrade",
              quantity: "-2",
              tradePrice: "0",
              ibCommission: "0",
              notes: "Ex",
              openCloseIndicator: "C",
            }),
            trade({
              transactionID: "3",
              dateTime: "20250221;162000",
              transactionType: "BookTrade",
              quantity: "200",
              tradePrice: "200",
              ibCommission: "0",
              notes: "Ex",
              openCloseIndicator: "O",
            }),
          ],
          optionEAE: [optionEae({ transactionType: "Exercise", quantity: "-2" })],
        }),
      ),
    );
    expect(j.trades).toHaveLength(1);
    expectTrade(j.trades[0], { assetClass: "OPT", realizedPnl: "-401", executionIds: ["1", "2"] });
    expect(j.openPositions).toHaveLength(1);
    expect(j.openPositions[0]).toMatchObject({ symbol: "AAPL", quantity: "200" });
  });
});

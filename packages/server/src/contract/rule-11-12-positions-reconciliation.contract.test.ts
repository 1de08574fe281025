// Rules 11 (positions opened before the statement) and 12 (reconciliation with IB's fifoPnlRealized).
import { describe, expect, it } from "vitest";
import {
  expectTrade,
  flex,
  openPosition,
  optionEae,
  report,
  statement,
  trade,
  tradesFile,
} from "./contract-kit.ts";

describe("rule 11: positions opened before the statement", () => {
  it("start = end position − net change; pre-window executions and the signed part before 0 go to unmatched", async () => {
    const j = await report(
      flex(
        statement({
          trades: [
            trade({
              transactionID: "1",
              dateTime: "20250303;100000",
              quantity: "-60",
              tradePrice: "10",
              ibCommission: "-1",
              openCloseIndicator: "C",
              fifoPnlRealized: "120",
            }),
            trade({
              transactionID: "2",
              dateTime: "20250304;100000",
              quantity: "-60",
              tradePrice: "12",
              ibCommission: "-3",
              openCloseIndicator: "C;O",
              fifoPnlRealized: "150",
            }),
            trade({
              transactionID: "3",
              dateTime: "20250305;100000",
              quantity: "20",
              tradePrice: "11",
              ibCommission: "-1",
              openCloseIndicator: "C",
              fifoPnlRealized: "18",
            }),
            trade({
              transactionID: "4",
              dateTime: "20250306;100000",
              quantity: "50",
              tradePrice: "11",
              ibCommission: "-1",
              openCloseIndicator: "O",
            }),
          ],
          openPositions: [openPosition({ position: "50" })],
        }),
      ),
    );
    // start = 50 − (−60 −60 +20 +50) = 100
    expect(j.unmatched).toHaveLength(2);
    expect(j.unmatched[0]).toMatchObject({
      accountId: "U1234567",
      symbol: "AAPL",
      conid: "265598",
      quantity: "-60",
      executionId: "1",
      reason: "opened-before-window",
    });
    expect(j.unmatched[1]).toMatchObject({
      quantity: "-40",
      executionId: "2",
      reason: "opened-before-window",
    });
    expect(j.trades).toHaveLength(1);
    // short 20: 240 − 1 (20/60 of −3) ; −220 − 1 → 18 ; return 18/240
    expectTrade(j.trades[0], {
      side: "short",
      quantity: "20",
      openedAt: "2025-03-04T15:00:00Z",
      closedAt: "2025-03-05T15:00:00Z",
      realizedPnl: "18",
      fees: "-2",
      returnPct: "7.5",
      executionIds: ["2", "3"],
    });
    expect(j.openPositions).toHaveLength(1);
    expect(j.openPositions[0]).toMatchObject({ symbol: "AAPL", quantity: "50" });
  });

  it("a short held from before: the buy that covers it is unmatched with a positive quantity", async () => {
    const j = await report(
      tradesFile(
        [
          trade({
            transactionID: "1",
            dateTime: "20250303;100000",
            quantity: "30",
            tradePrice: "10",
            openCloseIndicator: "C",
          }),
        ],
        { openPositions: [] },
      ),
    );
    expect(j.trades).toEqual([]);
    expect(j.unmatched).toHaveLength(1);
    expect(j.unmatched[0]).toMatchObject({
      quantity: "30",
      executionId: "1",
      reason: "opened-before-window",
    });
  });

  it("the account's LATEST statement by toDate gives the end positions, whatever the file order", async () => {
    const y2025 = statement({
      fromDate: "20250101",
      toDate: "20251231",
      trades: [
        trade({
          transactionID: "2",
          dateTime: "20250303;100000",
          quantity: "-100",
          tradePrice: "12",
          ibCommission: "0",
          openCloseIndicator: "C",
        }),
      ],
      openPositions: [],
    });
    const y2024 = statement({
      fromDate: "20240101",
      toDate: "20241231",
      trades: [
        trade({
          transactionID: "1",
          dateTime: "20240603;100000",
          quantity: "100",
          tradePrice: "10",
          ibCommission: "0",
          openCloseIndicator: "O",
        }),
      ],
      openPositions: [openPosition({ reportDate: "20241231", position: "100" })],
    });
    const j = await report(flex(y2025, y2024));
    expect(j.unmatched).toEqual([]);
    expect(j.trades).toHaveLength(1);
    expectTrade(j.trades[0], {
      realizedPnl: "200",
      openedAt: "2024-06-03T14:00:00Z",
      executionIds: ["1", "2"],
    });
    expect(j.openPositions).toEqual([]);
    // The same history as two files, newest first.
    const j2 = await report(flex(y2025), flex(y2024));
    expect(j2.unmatched).toEqual([]);
    expectTrade(j2.trades[0], { realizedPnl: "200" });
  });

  it("only SUMMARY OpenPosition rows count (LOT rows do not), 0 when absent", async () => {
    const j = await report(
      tradesFile(
        [
          trade({
            transactionID: "1",
            dateTime: "20250303;100000",
            quantity: "-10",
            tradePrice: "12",
            openCloseIndicator: "C",
          }),
        ],
        {
          openPositions: [openPosition({ position: "10", levelOfDetail: "LOT" })],
        },
      ),
    );
    // SUMMARY absent → end 0 → start = 0 − (−10) = 10 → the sell is unmatched.
    expect(j.trades).toEqual([]);
    expect(j.unmatched).toHaveLength(1);
    expect(j.unmatched[0]).toMatchObject({ quantity: "-10", reason: "opened-before-window" });
    expect(j.openPositions).toEqual([]);
  });

  it("an option held from before the window and closed by an OptionEAE row is not a trade", async () => {
    // Ambiguity: with no execution in the window the position's side is only known from the row's sign. IB
    // signs OptionEAE quantities as the closing trade (a long call expiring is −2, see flex-samples), so the
    // start position is +2 and the close is −2.
    const j = await report(
      flex(statement({ trades: [], optionEAE: [optionEae({ quantity: "-2" })], openPositions: [] })),
    );
    expect(j.trades).toEqual([]);
    expect(j.openPositions).toEqual([]);
    expect(j.unmatched).toHaveLength(1);
    expect(j.unmatched[0]).toMatchObject({
      conid: "700000001",
      quantity: "-2",
      reason: "opened-before-window",
    });
  });

  it("without OpenPositions, a C execution at position 0 is unmatched and leaves the position at 0", async () => {
    const j = await report(
      tradesFile([
        trade({
          transactionID: "1",
          dateTime: "20250303;100000",
          quantity: "-10",
          tradePrice: "12",
          openCloseIndicator: "C",
        }),
        trade({
          transactionID: "2",
          dateTime: "20250304;100000",
          quantity: "10",
          tradePrice: "10",
          ibCommission: "-1",
          openCloseIndicator: "O",
        }),
        trade({
          transactionID: "3",
          dateTime: "20250305;100000",
          quantity: "-10",
          tradePrice: "11",
          ibCommission: "-1",
          openCloseIndicator: "C",
        }),
      ]),
    );
    expect(j.unmatched).toHaveLength(1);
    // The contract names no reason for this case (only for a non-zero start position); any string will do.
    expect(j.unmatched[0]).toMatchObject({ quantity: "-10", executionId: "1" });
    expect(typeof j.unmatched[0].reason).toBe("string");
    expect(j.trades).toHaveLength(1);
    expectTrade(j.trades[0], { side: "long", realizedPnl: "8", executionIds: ["2", "3"] });
    expect(j.openPositions).toEqual([]);
  });

  it("without OpenPositions, an opening sell at 0 is a short, listed as an open position", async () => {
    const j = await report(
      tradesFile([
        trade({
          transactionID: "1",
          dateTime: "20250303;100000",
          quantity: "-10",
          tradePrice: "12",
          openCloseIndicator: "O",
        }),
      ]),
    );
    expect(j.unmatched).toEqual([]);
    expect(j.openPositions).toHaveLength(1);
    expect(j.openPositions[0]).toMatchObject({
      accountId: "U1234567",
      symbol: "AAPL",
      conid: "265598",
      quantity: "-10",
    });
  });
});

describe("rule 12: reconciliation", () => {
  const pair = (fifo: string | undefined) =>
    tradesFile([
      trade({
        transactionID: "1",
        dateTime: "20250303;100000",
        quantity: "10",
        tradePrice: "50",
        ibCommission: "-1",
        fifoPnlRealized: fifo === undefined ? "" : "0",
      }),
      trade({
        transactionID: "2",
        dateTime: "20250304;100000",
        quantity: "-10",
        tradePrice: "55",
        ibCommission: "-1",
        fifoPnlRealized: fifo ?? "",
      }),
    ]);
  for (const [fifo, status] of [
    ["48", "matches"],
    ["48.02", "matches"],
    ["47.98", "matches"],
    ["48.021", "differs"],
    ["47.97", "differs"],
  ] as const) {
    it(`realizedPnl 48 vs brokerPnl ${fifo} → ${status}`, async () => {
      const j = await report(pair(fifo));
      expectTrade(j.trades[0], { realizedPnl: "48", brokerPnl: fifo, status });
      if (status === "differs") expect(typeof j.trades[0].reconciliation.reason).toBe("string");
    });
  }

  it("no execution carries fifoPnlRealized → brokerPnl null, unavailable", async () => {
    const j = await report(pair(undefined));
    expectTrade(j.trades[0], { brokerPnl: null, status: "unavailable" });
  });
});

// Cross-rule corner cases an independent checker is likely to try.
import { describe, expect, it } from "vitest";
import {
  corporateAction,
  expectTrade,
  flex,
  openPosition,
  report,
  statement,
  trade,
} from "./contract-kit.ts";

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
const _buyCall = call({
  transactionID: "1",
  dateTime: "20250203;100000",
  quantity: "2",
  tradePrice: "2.00",
  openCloseIndicator: "O",
});

describe("adversarial (continued)", () => {
  it("thousands separators in OpenPositions position and CorporateAction quantity", async () => {
    const j = await report(
      flex(
        statement({
          trades: [
            trade({
              transactionID: "1",
              dateTime: "20250203;100000",
              quantity: "1,000",
              tradePrice: "10",
              ibCommission: "0",
            }),
            trade({
              transactionID: "2",
              dateTime: "20250303;100000",
              quantity: "-1,500",
              tradePrice: "6",
              ibCommission: "0",
            }),
          ],
          corporateActions: [corporateAction({ quantity: "1,000" })],
          openPositions: [openPosition({ position: "500" })],
        }),
      ),
    );
    expect(j.unmatched).toEqual([]);
    expect(j.trades).toEqual([]);
    expect(j.openPositions[0]).toMatchObject({ quantity: "500" });
    const j2 = await report(
      flex(
        statement({
          trades: [
            trade({
              transactionID: "2",
              dateTime: "20250303;100000",
              quantity: "-1,500",
              tradePrice: "6",
              ibCommission: "0",
              openCloseIndicator: "C",
            }),
          ],
          openPositions: [openPosition({ position: "1,050" })],
        }),
      ),
    );
    // start = 1050 + 1500 = 2550 ; the sell is unmatched, 1050 stays open
    expect(j2.unmatched[0]).toMatchObject({ quantity: "-1500" });
    expect(j2.openPositions[0]).toMatchObject({ quantity: "1050" });
  });

  it("a pre-window crossing row's fifoPnlRealized belongs to the pre-window part, not the new trade", async () => {
    const j = await report(
      flex(
        statement({
          trades: [
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
          ],
          openPositions: [],
        }),
      ),
    );
    // start = 0 − (−40) = 40 → 40 unmatched, 20 short
    expect(j.unmatched[0]).toMatchObject({ quantity: "-40", executionId: "2" });
    expectTrade(j.trades[0], {
      side: "short",
      quantity: "20",
      realizedPnl: "18",
      brokerPnl: "18",
      status: "matches",
    });
  });

  it("transactionIDs beyond 2^53 still compare as integers", async () => {
    const j = await report(
      flex(
        statement({
          trades: [
            trade({
              transactionID: "9007199254740993",
              dateTime: "20250303;100000",
              quantity: "-10",
              tradePrice: "55",
              ibCommission: "0",
            }),
            trade({
              transactionID: "9007199254740992",
              dateTime: "20250303;100000",
              quantity: "10",
              tradePrice: "50",
              ibCommission: "0",
            }),
          ],
        }),
      ),
    );
    expectTrade(j.trades[0], { side: "long", realizedPnl: "50" });
  });

  // Was a bug (fixed in trades/run-timeline.ts onSplit): one FS action of one conid written as two lines (−100 and +200, same conid, same dateTime) is applied
  // row by row, so the −100 line takes the position to 0 and CLOSES the trade at the split time with
  // realizedPnl −10000 (cost, no proceeds); the +200 line then makes a pre-window position and the later
  // sell of 200 goes to unmatched. Rule 10: rows of one action "change the position by their quantity, no
  // cash" and the old/new-line exception is only for different conids, so the action's net is +100:
  // expected one trade, quantity 200, realizedPnl 0, nothing unmatched.
  it("a split of one conid as old/new lines with the SAME conid changes the position by both quantities", async () => {
    const j = await report(
      flex(
        statement({
          trades: [
            trade({
              transactionID: "1",
              dateTime: "20250203;100000",
              quantity: "100",
              tradePrice: "100",
              ibCommission: "0",
            }),
            trade({
              transactionID: "2",
              dateTime: "20250303;100000",
              quantity: "-200",
              tradePrice: "50",
              ibCommission: "0",
            }),
          ],
          corporateActions: [
            corporateAction({ quantity: "-100", actionID: "1" }),
            corporateAction({ quantity: "200", actionID: "2" }),
          ],
          openPositions: [],
        }),
      ),
    );
    expect(j.trades).toHaveLength(1);
    expectTrade(j.trades[0], { quantity: "200", realizedPnl: "0" });
    expect(j.unmatched).toEqual([]);
  });

  it("the split happens at its dateTime, between executions of the same day", async () => {
    // Buy 100 at 10:00, split +100 at 20:25 (CorporateAction dateTime with ", " separator), sell 200 next day.
    const j = await report(
      flex(
        statement({
          trades: [
            trade({
              transactionID: "1",
              dateTime: "20250228;100000",
              quantity: "100",
              tradePrice: "100",
              ibCommission: "0",
            }),
            trade({
              transactionID: "2",
              dateTime: "20250303;100000",
              quantity: "-200",
              tradePrice: "50",
              ibCommission: "0",
            }),
          ],
          corporateActions: [corporateAction({ quantity: "100", dateTime: "2025-02-28, 20:25:00" })],
          openPositions: [],
        }),
      ),
    );
    expect(j.trades).toHaveLength(1);
    expectTrade(j.trades[0], {
      quantity: "200",
      openedAt: "2025-02-28T15:00:00Z",
      closedAt: "2025-03-03T15:00:00Z",
    });
  });
});

// Rule 10: splits and ISIN changes (FS, RS, FI, CS, IC), SUMMARY rows ignored, old/new conid lines.
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

const buy100 = trade({
  transactionID: "1",
  dateTime: "20250203;100000",
  quantity: "100",
  tradePrice: "100",
  ibCommission: "-1",
  openCloseIndicator: "O",
});
const sell200 = trade({
  transactionID: "2",
  dateTime: "20250303;100000",
  quantity: "-200",
  tradePrice: "55",
  ibCommission: "-1",
  openCloseIndicator: "C",
});

describe("rule 10: splits", () => {
  it("FS 2-for-1 inside an open trade: no cash, quantity in the shares of the moment", async () => {
    const j = await report(
      flex(
        statement({
          trades: [buy100, sell200],
          corporateActions: [corporateAction({ quantity: "100" })],
          openPositions: [],
        }),
      ),
    );
    expect(j.trades).toHaveLength(1);
    // −10001 + 10999 = 998 ; return 998/10000
    expectTrade(j.trades[0], {
      quantity: "200",
      realizedPnl: "998",
      fees: "-2",
      returnPct: "9.98",
      executionIds: ["1", "2"],
    });
    expect(j.unmatched).toEqual([]);
    expect(j.openPositions).toEqual([]);
  });

  it("SUMMARY rows are ignored (IB repeats them as DETAIL)", async () => {
    const j = await report(
      flex(
        statement({
          trades: [buy100, sell200],
          corporateActions: [
            corporateAction({ quantity: "100", levelOfDetail: "SUMMARY", actionID: "" }),
            corporateAction({ quantity: "100" }),
          ],
          openPositions: [],
        }),
      ),
    );
    expect(j.trades).toHaveLength(1);
    expectTrade(j.trades[0], { quantity: "200", realizedPnl: "998" });
    expect(j.openPositions).toEqual([]);
    expect(j.unmatched).toEqual([]);
  });

  it("RS with old (…OLD, negative) and new (positive) lines of different conids: the trade continues under the new conid", async () => {
    const j = await report(
      flex(
        statement({
          trades: [
            trade({
              symbol: "XYZ",
              conid: "1001",
              transactionID: "1",
              dateTime: "20250203;100000",
              quantity: "1000",
              tradePrice: "1",
              ibCommission: "-1",
            }),
            trade({
              symbol: "XYZ",
              conid: "1002",
              transactionID: "2",
              dateTime: "20250303;100000",
              quantity: "-100",
              tradePrice: "12",
              ibCommission: "-1",
            }),
          ],
          corporateActions: [
            corporateAction({
              type: "RS",
              symbol: "XYZ.OLD",
              conid: "1001",
              quantity: "-1000",
              actionID: "501",
              description: "XYZ(US0000001001) SPLIT 1 FOR 10 (XYZ.OLD, XYZ CORP, US0000001001)",
            }),
            corporateAction({
              type: "RS",
              symbol: "XYZ",
              conid: "1002",
              quantity: "100",
              actionID: "502",
              description: "XYZ(US0000001001) SPLIT 1 FOR 10 (XYZ, XYZ CORP, US0000001002)",
            }),
          ],
          openPositions: [],
        }),
      ),
    );
    expect(j.trades).toHaveLength(1);
    // −1001 + 1199 = 198 ; return 198/1000
    expectTrade(j.trades[0], {
      symbol: "XYZ",
      conid: "1001",
      quantity: "1000",
      realizedPnl: "198",
      returnPct: "19.8",
      executionIds: ["1", "2"],
    });
    expect(j.unmatched).toEqual([]);
    expect(j.openPositions).toEqual([]);
  });

  it("two IC actions sharing account, type and dateTime are told apart by description up to the first ' ('", async () => {
    const ic = (sym: string, oldC: string, newC: string, q: string, actionID: string, isOld: boolean) =>
      corporateAction({
        type: "IC",
        symbol: isOld ? `${sym}.OLD` : sym,
        conid: isOld ? oldC : newC,
        quantity: isOld ? `-${q}` : q,
        actionID,
        dateTime: "20250214;202500",
        description: `${sym}(US00000${oldC}) CUSIP/ISIN CHANGE TO (US00000${newC}) (${isOld ? `${sym}.OLD` : sym}, ${sym} INC, US00000${isOld ? oldC : newC})`,
      });
    const j = await report(
      flex(
        statement({
          trades: [
            trade({
              symbol: "PPP",
              conid: "11",
              transactionID: "1",
              dateTime: "20250203;100000",
              quantity: "10",
              tradePrice: "10",
              ibCommission: "0",
            }),
            trade({
              symbol: "QQQQ",
              conid: "21",
              transactionID: "2",
              dateTime: "20250203;100000",
              quantity: "30",
              tradePrice: "20",
              ibCommission: "0",
            }),
            trade({
              symbol: "PPP",
              conid: "12",
              transactionID: "3",
              dateTime: "20250303;100000",
              quantity: "-10",
              tradePrice: "11",
              ibCommission: "0",
            }),
            trade({
              symbol: "QQQQ",
              conid: "22",
              transactionID: "4",
              dateTime: "20250303;100000",
              quantity: "-30",
              tradePrice: "21",
              ibCommission: "0",
            }),
          ],
          corporateActions: [
            ic("PPP", "11", "12", "10", "7", true),
            ic("QQQQ", "21", "22", "30", "7", true),
            ic("PPP", "11", "12", "10", "8", false),
            ic("QQQQ", "21", "22", "30", "9", false),
          ],
          openPositions: [],
        }),
      ),
    );
    expect(j.trades).toHaveLength(2);
    expectTrade(j.trades[0], {
      symbol: "PPP",
      conid: "11",
      quantity: "10",
      realizedPnl: "10",
      executionIds: ["1", "3"],
    });
    expectTrade(j.trades[1], {
      symbol: "QQQQ",
      conid: "21",
      quantity: "30",
      realizedPnl: "30",
      executionIds: ["2", "4"],
    });
    expect(j.unmatched).toEqual([]);
    expect(j.openPositions).toEqual([]);
  });

  for (const type of ["FI", "CS"]) {
    it(`${type} changes the position like a split`, async () => {
      const j = await report(
        flex(
          statement({
            trades: [buy100, sell200],
            corporateActions: [corporateAction({ type, quantity: "100" })],
            openPositions: [],
          }),
        ),
      );
      expectTrade(j.trades[0], { quantity: "200", realizedPnl: "998" });
    });
  }

  it("other corporate action types (e.g. TC, DW) do not change the position", async () => {
    const sell100 = trade({
      transactionID: "2",
      dateTime: "20250303;100000",
      quantity: "-100",
      tradePrice: "110",
      ibCommission: "-1",
    });
    const j = await report(
      flex(
        statement({
          trades: [buy100, sell100],
          corporateActions: [corporateAction({ type: "TC", quantity: "100" })],
          openPositions: [],
        }),
      ),
    );
    expect(j.trades).toHaveLength(1);
    expectTrade(j.trades[0], { quantity: "100", realizedPnl: "998" });
  });

  it("a split while no trade is open counts as opened before the statement (no OpenPositions)", async () => {
    const sell100 = trade({
      transactionID: "2",
      dateTime: "20250303;100000",
      quantity: "-100",
      tradePrice: "55",
      ibCommission: "-1",
      openCloseIndicator: "C",
    });
    const j = await report(
      flex(statement({ trades: [sell100], corporateActions: [corporateAction({ quantity: "100" })] })),
    );
    expect(j.trades).toEqual([]);
    expect(j.unmatched).toHaveLength(1);
    expect(j.unmatched[0]).toMatchObject({
      quantity: "-100",
      executionId: "2",
      reason: "opened-before-window",
      conid: "265598",
    });
  });

  it("a split of a position held from before the window (with OpenPositions) keeps it pre-window", async () => {
    // End 0; net change = +100 (split) − 200 = −100 → start 100; split → 200; the sell closes it: unmatched −200.
    const j = await report(
      flex(
        statement({
          trades: [sell200],
          corporateActions: [corporateAction({ quantity: "100" })],
          openPositions: [openPosition({ symbol: "MSFT", conid: "272093", position: "5" })],
        }),
      ),
    );
    expect(j.trades).toEqual([]);
    expect(j.unmatched).toHaveLength(1);
    expect(j.unmatched[0]).toMatchObject({
      quantity: "-200",
      executionId: "2",
      reason: "opened-before-window",
    });
    expect(j.openPositions).toHaveLength(1);
    expect(j.openPositions[0]).toMatchObject({ symbol: "MSFT", conid: "272093", quantity: "5" });
  });
});

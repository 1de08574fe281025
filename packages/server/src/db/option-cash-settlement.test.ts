// Rule 9: a Cash Settlement row's proceeds and fxRateToBase survive the database, so the book rebuilt from
// stored rows equals the one built from the statement itself.
import { buildTrades, parseFlex, tradeToJson } from "@closeout/core";
import { afterAll, describe, expect } from "vitest";
import { element, flexXml, statementXml, tradeXml } from "../../../core/src/flex/testing/build-flex-xml.ts";
import { DB_KINDS, releaseTestPostgres } from "../test-support/test-database.ts";
import { useTestDb } from "../test-support/use-test-db.ts";
import { findAccountByIbId } from "./accounts-repository.ts";
import { importFlexData } from "./import-flex-data.ts";
import { loadAccountFlexData } from "./load-account-flex-data.ts";
import { createUser } from "./users-repository.ts";

afterAll(releaseTestPostgres);

const NDX_CALL = {
  assetCategory: "OPT",
  symbol: "NDX   250321C20000000",
  conid: "750000003",
  multiplier: "100",
  underlyingSymbol: "NDX",
};
const xml = flexXml(
  statementXml(
    [
      "<Trades>",
      tradeXml({ ...NDX_CALL, quantity: "-1", tradePrice: "50", buySell: "SELL", transactionID: "1" }),
      tradeXml({
        ...NDX_CALL,
        quantity: "1",
        tradePrice: "0",
        ibCommission: "0",
        notes: "A",
        dateTime: "20250321;162000",
        tradeDate: "20250321",
        transactionID: "2",
        tradeID: "2",
      }),
      "</Trades><OptionEAE>",
      element("OptionEAE", {
        ...NDX_CALL,
        currency: "USD",
        date: "20250321",
        transactionType: "Assignment",
        quantity: "1",
      }),
      element("OptionEAE", {
        ...NDX_CALL,
        currency: "USD",
        date: "20250321",
        transactionType: "Cash Settlement",
        quantity: "0",
        proceeds: "-12345.5",
        fxRateToBase: "0.92",
      }),
      "</OptionEAE>",
    ].join("\n"),
  ),
);

describe.each(DB_KINDS)("cash-settled options stored on %s", (kind) => {
  const t = useTestDb(kind);

  t.run("the stored rows rebuild the trade with the settlement's cash", async () => {
    const data = parseFlex(xml);
    const user = await createUser(t.db.kysely, { email: "cash@example.com", passwordHash: "x" });
    await importFlexData(t.db, { userId: user.id, data, rawXml: xml });
    const account = await findAccountByIbId(t.db.kysely, user.id, "U1234567");
    const stored = buildTrades(await loadAccountFlexData(t.db.kysely, account!.id));
    const fresh = buildTrades(data);
    expect(stored.trades.map(tradeToJson)).toEqual(fresh.trades.map(tradeToJson));
    // 5,000 − 1 premium, −12,345.5 settled; in base 4,999 + (−12,345.5 × 0.92).
    expect(tradeToJson(stored.trades[0]!)).toMatchObject({
      realizedPnl: "-7346.5",
      realizedPnlBase: "-6358.86",
    });
  });
});

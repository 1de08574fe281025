// Parser + trade builder together, on small inline statements and on every real sample.
import { describe, expect, it } from "vitest";
import { parseFlex } from "../flex/index.ts";
import { type Decimal, sum, ZERO } from "../money.ts";
import { readSample, sampleNames } from "../test-support/samples.ts";
import { buildTrades } from "./index.ts";
import { instrumentKey } from "./instrument-key.ts";
import { prepareExecutions } from "./prepare-executions.ts";
import { createMultiplierResolver } from "./resolve-multiplier.ts";

const statement = (body: string, sections = "") => `<?xml version="1.0" encoding="UTF-8"?>
<FlexQueryResponse queryName="t" type="AF"><FlexStatements count="1">
<FlexStatement accountId="U1234567" fromDate="20250101" toDate="20251231" period="Last365CalendarDays" whenGenerated="20260102;083000">
<AccountInformation accountId="U1234567" currency="USD" />
<Trades>${body}</Trades>${sections}
</FlexStatement></FlexStatements></FlexQueryResponse>`;

const trade = (a: Record<string, string>) =>
  `<Trade ${Object.entries({
    accountId: "U1234567",
    currency: "USD",
    assetCategory: "STK",
    symbol: "AAPL",
    conid: "265598",
    levelOfDetail: "EXECUTION",
    ...a,
  })
    .map(([k, v]) => `${k}="${v}"`)
    .join(" ")} />`;

describe("end to end: inline statements", () => {
  it("the contract's example", () => {
    const data = parseFlex(
      statement(
        trade({
          dateTime: "20250115;093015",
          quantity: "100",
          tradePrice: "150.00",
          ibCommission: "-1",
          transactionID: "1001",
          fifoPnlRealized: "0",
        }) +
          trade({
            dateTime: "20250116;100200",
            quantity: "-100",
            tradePrice: "152.50",
            ibCommission: "-1",
            transactionID: "1002",
            fifoPnlRealized: "248",
          }),
      ),
    );
    const book = buildTrades(data);
    expect(book.trades).toHaveLength(1);
    const t = book.trades[0]!;
    expect(t.openedAt).toBe("2025-01-15T14:30:15Z");
    expect(t.closedAt).toBe("2025-01-16T15:02:00Z");
    expect(t.realizedPnl.toFixed()).toBe("248");
    expect(t.returnPct!.toDecimalPlaces(5).toFixed()).toBe("1.65333");
    expect(t.reconciliation.status).toBe("matches");
  });

  it("an option closed by an OptionEAE Expiration row, and a pre-window position from OpenPositions", () => {
    const call = {
      assetCategory: "OPT",
      symbol: "AAPL  250620C00250000",
      conid: "9001",
      multiplier: "100",
      expiry: "20250620",
      strike: "250",
      putCall: "C",
    };
    const data = parseFlex(
      statement(
        trade({
          ...call,
          dateTime: "20250602;100000",
          quantity: "2",
          tradePrice: "1.25",
          ibCommission: "-1.5",
          transactionID: "1",
        }) + trade({ dateTime: "20250603;100000", quantity: "-30", tradePrice: "200", transactionID: "2" }),
        `<OptionEAE>${`<OptionEAE accountId="U1234567" currency="USD" assetCategory="OPT" symbol="AAPL  250620C00250000" conid="9001" multiplier="100" date="20250620" transactionType="Expiration" quantity="-2" tradePrice="0" />`}</OptionEAE>
<OpenPositions><OpenPosition accountId="U1234567" currency="USD" assetCategory="STK" symbol="AAPL" conid="265598" position="70" levelOfDetail="SUMMARY" /></OpenPositions>`,
      ),
    );
    const book = buildTrades(data);
    expect(book.trades).toHaveLength(1);
    expect(book.trades[0]!.closedAt).toBe("2025-06-20T20:20:00Z");
    expect(book.trades[0]!.realizedPnl.toFixed()).toBe("-251.5");
    expect(book.unmatched.map((u) => [u.executionId, u.quantity.toFixed(), u.reason])).toEqual([
      ["2", "-30", "opened-before-window"],
    ]);
    expect(book.openPositions.map((p) => [p.symbol, p.quantity.toFixed(), p.openedAt])).toEqual([
      ["AAPL", "70", null],
    ]);
  });
});

describe("end to end: every real sample", () => {
  for (const name of sampleNames()) {
    it(`${name}: builds, each trade's P&L is its cash flows, quantities are conserved`, () => {
      const data = parseFlex(readSample(name));
      const book = buildTrades(data);
      for (const t of book.trades) {
        expect(t.realizedPnl.eq(sum(t.legs.map((l) => l.cashFlow)))).toBe(true);
        expect(sum(t.legs.map((l) => l.quantity)).isZero()).toBe(true);
        expect(t.closedAt >= t.openedAt).toBe(true);
      }
      // Instruments no split or option event touches: what went in comes out as trades, unmatched or open.
      const touched = new Set([
        ...data.corporateActions.map((c) => instrumentKey(c.accountId, c)),
        ...data.optionEvents.map((e) => instrumentKey(e.accountId, e)),
      ]);
      const withPositions = new Set(
        data.statements.filter((s) => s.sections.includes("OpenPositions")).map((s) => s.accountId),
      );
      const net = new Map<string, Decimal>();
      const add = (k: string, q: Decimal) => net.set(k, (net.get(k) ?? ZERO).plus(q));
      const { executions } = prepareExecutions(data, createMultiplierResolver(data.securities));
      for (const e of executions)
        if (!withPositions.has(e.exec.accountId)) add(e.key, e.exec.quantity.negated());
      const key = (accountId: string, conid: string | null, symbol: string) =>
        `${accountId}|${conid ?? symbol}`;
      const byKey = new Map(
        executions.map((e) => [key(e.exec.accountId, e.exec.conid, e.exec.symbol), e.key]),
      );
      for (const u of book.unmatched) add(byKey.get(key(u.accountId, u.conid, u.symbol)) ?? "?", u.quantity);
      for (const p of book.openPositions)
        add(byKey.get(key(p.accountId, p.conid, p.symbol)) ?? "?", p.quantity);
      for (const [k, q] of net) {
        if (touched.has(k) || k === "?" || withPositions.has(k.split("\u0000")[0]!)) continue;
        expect({ k, q: q.toFixed() }).toEqual({ k, q: "0" });
      }
      // With OpenPositions the start is derived from them, so the end must reproduce them.
      const latest = new Map(data.statements.map((st) => [st.accountId, st]));
      for (const row of data.openPositions) {
        const st = latest.get(row.accountId);
        if (st?.index !== row.statementIndex || touched.has(instrumentKey(row.accountId, row))) continue;
        const ours = book.openPositions.find((p) => p.accountId === row.accountId && p.conid === row.conid);
        expect(ours?.quantity.toFixed() ?? "0").toBe(row.position.toFixed());
      }
    });
  }
});

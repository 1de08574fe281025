import { describe, expect, it } from "vitest";
import { FlexFormatError } from "./flex-format-error.ts";
import { parseFlex } from "./parse-flex.ts";
import { flexXml, statementXml, tradesXml, tradeXml } from "./testing/build-flex-xml.ts";

function onlyExecution(xml: string) {
  const data = parseFlex(xml);
  expect(data.issues).toEqual([]);
  expect(data.executions).toHaveLength(1);
  return { execution: data.executions[0]!, data };
}

describe("IB date/time layouts become UTC (America/New_York wall time)", () => {
  it.each([
    ["20250115;093015", "2025-01-15T14:30:15Z"],
    ["2025-01-15;09:30:15", "2025-01-15T14:30:15Z"],
    ["2025-01-15;093015", "2025-01-15T14:30:15Z"],
    ["20250115,093015", "2025-01-15T14:30:15Z"],
    ["2025-01-15, 09:30:15", "2025-01-15T14:30:15Z"],
    ["20250115 093015", "2025-01-15T14:30:15Z"],
    ["20250115 09:30:15", "2025-01-15T14:30:15Z"],
    ["20250715;093015", "2025-07-15T13:30:15Z"],
    ["20251231;235959", "2026-01-01T04:59:59Z"],
  ])("dateTime %s → %s", (dateTime, iso) => {
    const { execution } = onlyExecution(tradesXml(tradeXml({ dateTime })));
    expect(execution.time).toBe(iso);
    expect(execution.timeMs).toBe(Date.parse(iso));
  });

  it("takes tradeDate from the tradeDate attribute (late-evening FX books on the next day)", () => {
    const { execution } = onlyExecution(
      tradesXml(tradeXml({ dateTime: "2025-03-03;21:15:00", tradeDate: "2025-03-04" })),
    );
    expect(execution.time).toBe("2025-03-04T02:15:00Z");
    expect(execution.tradeDate).toBe("2025-03-04");
  });

  it("reads separate tradeDate + tradeTime (old exports) and records that executions carry a time", () => {
    const { execution, data } = onlyExecution(
      tradesXml(tradeXml({ tradeDate: "20130401", tradeTime: "093406" }, ["dateTime"])),
    );
    expect(execution.time).toBe("2013-04-01T13:34:06Z");
    expect(execution.tradeDate).toBe("2013-04-01");
    expect(data.shape.executionsHaveTime).toBe(true);
  });

  it("reads tradeTime with colons", () => {
    const { execution } = onlyExecution(
      tradesXml(tradeXml({ tradeDate: "2013-04-01", tradeTime: "09:34:06" }, ["dateTime"])),
    );
    expect(execution.time).toBe("2013-04-01T13:34:06Z");
  });

  it("a date alone means 00:00:00 New York, and the shape says executions carry no time", () => {
    const { execution, data } = onlyExecution(tradesXml(tradeXml({ tradeDate: "20250110" }, ["dateTime"])));
    expect(execution.time).toBe("2025-01-10T05:00:00Z");
    expect(execution.tradeDate).toBe("2025-01-10");
    expect(data.shape.executionsHaveTime).toBe(false);
    expect(data.shape.hasExecutions).toBe(true);
  });

  it("handles the DST switch days deterministically (gap moves forward, repeated hour takes the first)", () => {
    const times = parseFlex(
      tradesXml(
        tradeXml({ dateTime: "20250309;013000", transactionID: "1" }),
        tradeXml({ dateTime: "20250309;023000", transactionID: "2" }),
        tradeXml({ dateTime: "20250309;033000", transactionID: "3" }),
        tradeXml({ dateTime: "20251102;003000", transactionID: "4" }),
        tradeXml({ dateTime: "20251102;013000", transactionID: "5" }),
        tradeXml({ dateTime: "20251102;023000", transactionID: "6" }),
      ),
    ).executions.map((e) => e.time);
    expect(times).toEqual([
      "2025-03-09T06:30:00Z", // 01:30 EST
      "2025-03-09T07:30:00Z", // 02:30 does not exist: read as EST, i.e. 03:30 EDT
      "2025-03-09T07:30:00Z", // 03:30 EDT
      "2025-11-02T04:30:00Z", // 00:30 EDT
      "2025-11-02T05:30:00Z", // 01:30 happens twice: the first (EDT)
      "2025-11-02T07:30:00Z", // 02:30 EST
    ]);
  });

  it("normalises the header: dates to yyyy-MM-dd, whenGenerated to UTC", () => {
    const data = parseFlex(
      flexXml(
        statementXml("<Trades />", {
          fromDate: "2025-01-01",
          toDate: "20251231",
          whenGenerated: "20260419 144528",
        }),
      ),
    );
    expect(data.statements[0]).toMatchObject({
      fromDate: "2025-01-01",
      toDate: "2025-12-31",
      whenGenerated: "2026-04-19T18:45:28Z",
      period: "Last365CalendarDays",
    });
  });

  it("normalises expiry dates so both Date Format settings name a contract alike", () => {
    const { execution } = onlyExecution(
      tradesXml(tradeXml({ assetCategory: "OPT", expiry: "2025-03-21", putCall: "C", strike: "150" })),
    );
    expect(execution.expiry).toBe("2025-03-21");
    expect(parseFlex(tradesXml(tradeXml({ expiry: "20250321" }))).executions[0]?.expiry).toBe("2025-03-21");
  });

  it("an unreadable time is a bad row, not a fatal error", () => {
    const data = parseFlex(
      tradesXml(tradeXml({ dateTime: "20200421;10000", transactionID: "1" }), tradeXml()),
    );
    expect(data.executions).toHaveLength(1);
    expect(data.issues).toEqual([
      {
        code: "invalid-date",
        path: "FlexStatement[0].Trades.Trade[0].dateTime",
        message: 'dateTime "20200421;10000" is not a readable date; row skipped',
      },
    ]);
  });
});

describe("slash dates are refused with a pointer to the Date Format setting", () => {
  it.each([
    ["01/31/2025;093015", "dateTime"],
    ["31/01/2025", "dateTime"],
  ])("dateTime %s", (dateTime) => {
    const run = () => parseFlex(tradesXml(tradeXml({ dateTime })));
    expect(run).toThrow(FlexFormatError);
    try {
      run();
    } catch (e) {
      expect((e as FlexFormatError).code).toBe("ambiguous-date-format");
      expect((e as FlexFormatError).message).toContain('"Date Format"');
      expect((e as FlexFormatError).message).toContain("yyyyMMdd");
      expect((e as FlexFormatError).message).not.toContain("\n");
    }
  });

  it("in the statement header too", () => {
    expect(() => parseFlex(flexXml(statementXml("", { fromDate: "01/01/2025" })))).toThrow(
      expect.objectContaining({ code: "ambiguous-date-format" }),
    );
  });

  it("in other sections' date fields", () => {
    const xml = flexXml(
      statementXml(
        '<OptionEAE><OptionEAE accountId="U1" conid="1" symbol="X" date="03/21/2025" transactionType="Expiration" quantity="1" /></OptionEAE>',
      ),
    );
    expect(() => parseFlex(xml)).toThrow(expect.objectContaining({ code: "ambiguous-date-format" }));
  });
});

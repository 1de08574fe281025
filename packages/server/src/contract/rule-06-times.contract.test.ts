// Rule 6: IB's New York wall times → ISO-8601 UTC with Z, DST-correct; every date format and separator.
import { describe, expect, it } from "vitest";
import { cli, report, trade, tradesFile, writeTemp } from "./contract-kit.ts";

async function openedAt(attrs: Record<string, string | undefined>): Promise<string> {
  const j = await report(
    tradesFile([
      trade({ transactionID: "1", quantity: "10", tradePrice: "50", ...attrs }),
      trade({ transactionID: "2", dateTime: "20251231;150000", quantity: "-10", tradePrice: "51" }),
    ]),
  );
  expect(j.trades).toHaveLength(1);
  expect(j.trades[0].closedAt).toBe("2025-12-31T20:00:00Z");
  return j.trades[0].openedAt;
}

describe("rule 6: times", () => {
  const cases: [string, Record<string, string | undefined>, string][] = [
    ["yyyyMMdd;HHmmss in EDT", { dateTime: "20250310;093000" }, "2025-03-10T13:30:00Z"],
    ["yyyyMMdd;HHmmss in EST", { dateTime: "20250307;093000" }, "2025-03-07T14:30:00Z"],
    ["yyyy-MM-dd, HH:mm:ss", { dateTime: "2025-03-07, 09:30:00" }, "2025-03-07T14:30:00Z"],
    ["yyyy-MM-dd,HH:mm:ss", { dateTime: "2025-03-07,09:30:00" }, "2025-03-07T14:30:00Z"],
    ["yyyyMMdd,HHmmss", { dateTime: "20250307,093000" }, "2025-03-07T14:30:00Z"],
    ["yyyyMMdd, HHmmss", { dateTime: "20250307, 093000" }, "2025-03-07T14:30:00Z"],
    ["yyyyMMdd HHmmss", { dateTime: "20250307 093000" }, "2025-03-07T14:30:00Z"],
    ["yyyy-MM-dd HH:mm:ss", { dateTime: "2025-10-31 09:30:00" }, "2025-10-31T13:30:00Z"],
    ["yyyy-MM-dd;HH:mm:ss after fall-back", { dateTime: "2025-11-03;09:30:00" }, "2025-11-03T14:30:00Z"],
    ["yyyyMMdd;HH:mm:ss", { dateTime: "20250707;15:30:00" }, "2025-07-07T19:30:00Z"],
    ["yyyy-MM-dd;HHmmss", { dateTime: "2025-07-07;153000" }, "2025-07-07T19:30:00Z"],
    ["evening EST crosses UTC midnight", { dateTime: "20250115;203000" }, "2025-01-16T01:30:00Z"],
    ["first second of EDT", { dateTime: "20250309;030000" }, "2025-03-09T07:00:00Z"],
    ["last second of EST before spring-forward", { dateTime: "20250309;015959" }, "2025-03-09T06:59:59Z"],
    ["after fall-back, 02:00 EST", { dateTime: "20251102;020000" }, "2025-11-02T07:00:00Z"],
    [
      "tradeDate + tradeTime (HHmmss)",
      { dateTime: undefined, tradeDate: "20250707", tradeTime: "153000" },
      "2025-07-07T19:30:00Z",
    ],
    [
      "tradeDate + tradeTime (HH:mm:ss, dashed date)",
      { dateTime: undefined, tradeDate: "2025-01-07", tradeTime: "15:30:00" },
      "2025-01-07T20:30:00Z",
    ],
    ["date alone = 00:00:00 New York (EDT)", { dateTime: "20250707" }, "2025-07-07T04:00:00Z"],
    ["date alone = 00:00:00 New York (EST)", { dateTime: "2025-01-07" }, "2025-01-07T05:00:00Z"],
    ["tradeDate alone", { dateTime: undefined, tradeDate: "20250707" }, "2025-07-07T04:00:00Z"],
  ];
  for (const [name, attrs, expected] of cases) {
    it(name, async () => {
      expect(await openedAt(attrs)).toBe(expected);
    });
  }

  for (const bad of ["03/07/2025;093000", "03/07/2025, 09:30:00", "07/03/2025 09:30:00"]) {
    it(`slash date ${bad}: exit 2, one stderr line naming "Date Format"`, async () => {
      const path = writeTemp(
        tradesFile([trade({ transactionID: "1", dateTime: bad, tradeDate: "03/07/2025" })]),
      );
      const r = await cli(["report", path, "--json"]);
      expect(r.code).toBe(2);
      expect(r.stderr.trimEnd().split("\n")).toHaveLength(1);
      expect(r.stderr).toContain("Date Format");
      expect(Object.keys(r.json)).toEqual(["error"]);
      expect(typeof r.json.error.code).toBe("string");
      expect(r.json.error.message).toContain("Date Format");
    });
  }

  it("slash dates in the statement header also exit 2 naming Date Format", async () => {
    const xml = tradesFile([trade({ transactionID: "1", dateTime: "20250307;093000" })], {
      fromDate: "01/01/2025",
      toDate: "12/31/2025",
    });
    const r = await cli(["report", writeTemp(xml), "--json"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("Date Format");
  });
});

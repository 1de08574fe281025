// decimal.js keeps a value's sign and exponent in the fields `s` and `e`. V8 stores them unboxed only while
// every Decimal ever made holds small integers there; one float (e.g. an exponent computed as 0.0 by a float
// expression) switches all Decimals in the process to boxed numbers: two more allocations per Decimal and an
// extra memory load on every read, which made the 100k-execution build ~10% slower. Likewise decimal.js's digit
// arrays are packed; holey ones built by us made every Decimal operation handle two element kinds; and a time
// string built as a concatenation is read through a pair of pointers. This runs the parser, the builder and
// the statistics in a child Node with V8's debug intrinsics and reads what V8 reports.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { beforeAll, expect, test } from "vitest";

const PROBE = fileURLToPath(new URL("./test-support/decimal-shape-probe.ts", import.meta.url));

let stdout = "";
beforeAll(() => {
  const run = spawnSync(
    process.execPath,
    ["--allow-natives-syntax", "--conditions=closeout-source", "--import", "tsx", PROBE],
    {
      encoding: "utf8",
    },
  );
  expect(run.status, run.stderr).toBe(0);
  stdout = run.stdout;
});

test("building reports and statistics keeps Decimal's sign and exponent fields small integers", () => {
  const fields = stdout.split("\n").filter((line) => /#[se]: /.test(line));
  expect(fields).toHaveLength(2);
  // "#e: 1 (data field 2)" when unboxed; "#e: 0x… <HeapNumber 1.0> (data field 2)" once boxed.
  for (const line of fields) expect(line).toMatch(/#[se]: -?\d+ \(/);
  const digits = /digit arrays: (\d+) checked, (\d+) holey/.exec(stdout);
  expect(Number(digits?.[1])).toBeGreaterThan(5_000);
  expect(Number(digits?.[2])).toBe(0);
});

test("a parsed execution's time is a flat string, not a pair of its parts", () => {
  const lines = stdout.split("\n");
  const printed = lines[lines.indexOf("execution time:") + 1] ?? "";
  // V8 prints a cons string as `[String]: c"2025-…"` and a flat one as `[String]: "2025-…"`.
  expect(printed).toMatch(/\[String\]: "\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ"/);
});

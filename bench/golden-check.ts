// The golden hash at full size: `npx tsx bench/golden-check.ts [small]`. packages/core/src/golden-hash.test.ts
// asserts the small one; this prints the 100k one for performance work (bench/PERFORMANCE.md lists both).
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { goldenHash, goldenStatement } from "../packages/core/src/test-support/golden-hash.ts";

const executions = process.argv[2] === "small" ? 5_000 : 100_000;
const cache = `/tmp/closeout-golden-${executions}.xml`;
let xml: string;
if (existsSync(cache)) xml = readFileSync(cache, "utf8");
else {
  xml = goldenStatement(executions);
  writeFileSync(cache, xml);
}
console.log(`combined (${executions} generated + samples): ${goldenHash(xml)}`);

// `npm run bench`: each benchmark prints a ratio against a baseline measured in the same run (machines are
// shared and noisy) plus absolute figures. Benchmarks are not tests: they print, they do not assert.
import { benchApiStats } from "./api-stats.ts";
import { benchCliStartup } from "./cli-startup.ts";
import { benchDashboardPaint } from "./dashboard-paint.ts";
import { benchImport, benchSync } from "./import-and-sync.ts";
import { benchParse } from "./parse-throughput.ts";
import { benchStatsAfterRestart } from "./stats-after-restart.ts";
import { benchTradesAndStats } from "./trades-and-stats.ts";

const only = process.argv[2];
const benches: Record<string, () => Promise<void>> = {
  startup: benchCliStartup,
  parse: benchParse,
  trades: benchTradesAndStats,
  api: benchApiStats,
  paint: benchDashboardPaint,
  import: benchImport,
  sync: benchSync,
  restart: benchStatsAfterRestart,
};

for (const [name, run] of Object.entries(benches)) {
  if (only && only !== name) continue;
  console.log(`\n== ${name} ==`);
  await run();
}

// The journal's rows of GET /api/stats (docs/metrics.md "R", "By tag"): group figures plus R.
import type { Stats } from "./types.ts";

export type TagStatsRow = Stats["byTag"][number];
export type RStats = Stats["r"];

// Type-level check that AppType carries routes, inputs and answers to hono/client (compiled by tsc, never run).
import { hc } from "hono/client";
import type { AppType } from "../index.ts";

const client = hc<AppType>("http://x");
async function f() {
  const r = await client.api.stats.$get({ query: { outcome: "win" } });
  if (r.ok) {
    const j = await r.json();
    const s: string = j.summary.netPnlBase;
    const total: string = j.stats.bySymbolTotal;
    console.log(s, total);
  }
  // `detail` names are typed: one, two comma-separated, or repeated.
  await client.api.stats.$get({ query: { detail: "symbols" } });
  await client.api.stats.$get({ query: { detail: "symbols,equity" } });
  await client.api.stats.$get({ query: { detail: ["equity", "symbols"] } });
  // @ts-expect-error not a detail of /api/stats
  await client.api.stats.$get({ query: { detail: "symbol" } });
  const l = await client.api.links.$post({ json: { token: "a", queryId: "1" } });
  if (l.status === 201) {
    const j = await l.json();
    console.log(j.link.id, j.accounts[0]?.description);
  }
  const t = await client.api.trades[":id"].$get({ param: { id: "x" }, query: { symbol: "AAPL" } });
  if (t.ok) {
    const j = await t.json();
    console.log(j.executions[0]?.timeExchange, j.neighbours.next, j.trade.averageEntryPrice);
  }
  const me = await client.api.me.$get();
  if (me.ok) console.log((await me.json()).user.publicProfile);
}
void f;

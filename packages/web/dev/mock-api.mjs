// DEV ONLY: serves dist/ with an SPA fallback and a canned /api, to look at the screens before the real
// server exists. Never used by tests or the product. Run: node packages/web/dev/mock-api.mjs [port]
import { readFile } from "node:fs/promises";
import { createServer } from "node:http";
import { extname, join, normalize } from "node:path";
import { fileURLToPath } from "node:url";

const dist = fileURLToPath(new URL("../dist/", import.meta.url));
const port = Number(process.argv[2] ?? 4173);
const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript",
  ".css": "text/css",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".webmanifest": "application/manifest+json",
};

// Deterministic pseudo-random trades.
let seed = 7;
const rnd = () => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed / 2147483648;
};
const symbols = ["AAPL", "MSFT", "NVDA", "TSLA", "SPY", "AMD", "QQQ", "META"];
const trades = [];
let t = Date.parse("2025-03-03T14:35:00Z");
for (let i = 0; i < 140; i++) {
  t += (6 + Math.floor(rnd() * 40)) * 3600_000;
  const d = new Date(t);
  if (d.getUTCDay() === 0 || d.getUTCDay() === 6) t += 2 * 86400_000;
  const hold = Math.floor(60 + rnd() * (rnd() < 0.7 ? 7200 : 400000));
  const pnl = (rnd() - 0.43) * 600;
  const notional = 5000 + rnd() * 20000;
  const symbol = symbols[Math.floor(rnd() * symbols.length)];
  const opt = rnd() < 0.15;
  trades.push({
    id: `t${i + 1}`,
    accountId: "U1234567",
    symbol: opt ? `${symbol} 250620C00200000` : symbol,
    conid: String(100000 + i),
    assetClass: opt ? "OPT" : "STK",
    side: rnd() < 0.75 ? "long" : "short",
    openedAt: new Date(t).toISOString().replace(/\.\d+Z$/, "Z"),
    closedAt: new Date(t + hold * 1000).toISOString().replace(/\.\d+Z$/, "Z"),
    quantity: String(opt ? 5 : 100),
    currency: "USD",
    realizedPnl: pnl.toFixed(2),
    fees: (-1 - rnd() * 2).toFixed(2),
    realizedPnlBase: pnl.toFixed(2),
    returnPct: ((pnl / notional) * 100).toFixed(5),
    executionIds: [`${1000 + i * 2}`, `${1001 + i * 2}`],
    reconciliation:
      i % 17 === 3
        ? {
            brokerPnl: (pnl + 12.5).toFixed(2),
            status: "differs",
            reason: "assignment-premium-in-underlying",
          }
        : i % 11 === 5
          ? { brokerPnl: null, status: "unavailable", reason: null }
          : { brokerPnl: pnl.toFixed(2), status: "matches", reason: null },
    holdingSeconds: hold,
  });
}
trades.sort((a, b) => (a.closedAt < b.closedAt ? -1 : 1));

const ny = (iso) =>
  new Intl.DateTimeFormat("en-CA", {
    timeZone: "America/New_York",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).format(new Date(iso));
const nyHour = (iso) =>
  Number(
    new Intl.DateTimeFormat("en-GB", {
      timeZone: "America/New_York",
      hour: "2-digit",
      hourCycle: "h23",
    }).format(new Date(iso)),
  );
const nyDow = (iso) =>
  new Intl.DateTimeFormat("en-US", { timeZone: "America/New_York", weekday: "short" }).format(new Date(iso));

function group(key, label, list) {
  const p = list.map((x) => Number(x.realizedPnlBase));
  const wins = p.filter((x) => x > 0);
  const losses = p.filter((x) => x < 0);
  const sum = (a) => a.reduce((s, x) => s + x, 0);
  const rets = list.map((x) => Number(x.returnPct));
  const winR = list.filter((x) => Number(x.realizedPnlBase) > 0).map((x) => Number(x.returnPct));
  const lossR = list.filter((x) => Number(x.realizedPnlBase) < 0).map((x) => Number(x.returnPct));
  const avg = (a) => (a.length ? (sum(a) / a.length).toFixed(5) : null);
  return {
    key,
    label,
    trades: list.length,
    wins: wins.length,
    losses: losses.length,
    scratches: list.length - wins.length - losses.length,
    winRate:
      wins.length + losses.length ? ((wins.length / (wins.length + losses.length)) * 100).toFixed(5) : null,
    netPnlBase: sum(p).toFixed(2),
    avgPnlBase: avg(p),
    grossProfitBase: sum(wins).toFixed(2),
    grossLossBase: sum(losses).toFixed(2),
    profitFactor: losses.length ? (sum(wins) / Math.abs(sum(losses))).toFixed(5) : null,
    avgWinBase: avg(wins),
    avgLossBase: avg(losses),
    largestWinBase: wins.length ? Math.max(...wins).toFixed(2) : null,
    largestLossBase: losses.length ? Math.min(...losses).toFixed(2) : null,
    avgReturnPct: avg(rets),
    avgWinPct: avg(winR),
    avgLossPct: avg(lossR),
  };
}

function by(list, keyOf, labelOf, keys) {
  const m = new Map();
  for (const x of list) {
    const k = keyOf(x);
    m.set(k, [...(m.get(k) ?? []), x]);
  }
  const ks = keys ?? [...m.keys()].sort();
  return ks.map((k) => group(k, labelOf(k), m.get(k) ?? []));
}

function statsOf(list) {
  const o = group("all", "All", list);
  let cum = 0;
  let peak = 0;
  let maxDd = 0;
  const equityCurve = list.map((x) => {
    cum += Number(x.realizedPnlBase);
    peak = Math.max(peak, cum);
    maxDd = Math.max(maxDd, peak - cum);
    return {
      time: x.closedAt,
      pnlBase: x.realizedPnlBase,
      cumulativePnlBase: cum.toFixed(2),
      drawdownBase: (peak - cum).toFixed(2),
    };
  });
  const cal = (keyOf) =>
    by(list, keyOf, (k) => k).map((g) => ({
      date: g.key,
      trades: g.trades,
      wins: g.wins,
      losses: g.losses,
      scratches: g.scratches,
      netPnlBase: g.netPnlBase,
    }));
  const buckets = [
    ["lt-1m", "< 1 min", 60],
    ["1m-5m", "1–5 min", 300],
    ["5m-15m", "5–15 min", 900],
    ["15m-1h", "15–60 min", 3600],
    ["1h-4h", "1–4 hours", 14400],
    ["4h-1d", "4 hours–1 day", 86400],
    ["1d-1w", "1–7 days", 604800],
    ["1w-4w", "1–4 weeks", 2419200],
    ["gt-4w", "> 4 weeks", Infinity],
  ];
  const bucketOf = (x) => buckets.find((b) => x.holdingSeconds < b[2])[0];
  const dows = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
  const holds = list.map((x) => x.holdingSeconds).sort((a, b) => a - b);
  const summary = {
    baseCurrency: "USD",
    trades: String(o.trades),
    wins: String(o.wins),
    losses: String(o.losses),
    scratches: String(o.scratches),
    winRate: o.winRate,
    netPnlBase: o.netPnlBase,
    grossProfitBase: o.grossProfitBase,
    grossLossBase: o.grossLossBase,
    profitFactor: o.profitFactor,
    expectancyBase: o.avgPnlBase,
    avgWinBase: o.avgWinBase,
    avgLossBase: o.avgLossBase,
    largestWinBase: o.largestWinBase,
    largestLossBase: o.largestLossBase,
    avgReturnPct: o.avgReturnPct,
    maxDrawdownBase: maxDd.toFixed(2),
  };
  const bySymbol = by(
    list,
    (x) => x.symbol.split(" ")[0],
    (k) => k,
  );
  return {
    summary,
    stats: {
      timeZone: "America/New_York",
      overall: o,
      avgWinPct: o.avgWinPct,
      avgLossPct: o.avgLossPct,
      longestWinStreak: 5,
      longestLossStreak: 3,
      currentStreak: { outcome: "win", length: 2 },
      avgHoldingSeconds: holds.length ? Math.round(holds.reduce((s, x) => s + x, 0) / holds.length) : null,
      medianHoldingSeconds: holds.length ? holds[holds.length >> 1] : null,
      bySymbol,
      // Few symbols here: the light answer (the 50 busiest) is every row.
      bySymbolTotal: String(bySymbol.length),
      byAssetClass: by(
        list,
        (x) => x.assetClass,
        (k) => ({ STK: "Stocks", OPT: "Options" })[k] ?? k,
      ),
      bySide: by(
        list,
        (x) => x.side,
        (k) => (k === "long" ? "Long" : "Short"),
        ["long", "short"],
      ),
      byWeekday: by(
        list,
        (x) => nyDow(x.openedAt),
        (k) => k,
        dows,
      ),
      byHour: by(
        list,
        (x) => String(nyHour(x.openedAt)).padStart(2, "0"),
        (k) => `${k}:00–${String(Number(k) + 1).padStart(2, "0")}:00`,
        Array.from({ length: 24 }, (_, h) => String(h).padStart(2, "0")),
      ),
      byHoldingTime: by(
        list,
        bucketOf,
        (k) => buckets.find((b) => b[0] === k)[1],
        buckets.map((b) => b[0]),
      ),
      daily: cal((x) => ny(x.closedAt)),
      monthly: cal((x) => ny(x.closedAt).slice(0, 7)),
      equityCurve,
      maxDrawdownBase: maxDd.toFixed(2),
    },
  };
}

function filtered(q) {
  return trades.filter((x) => {
    const day = ny(x.closedAt);
    if (q.get("from") && day < q.get("from")) return false;
    if (q.get("to") && day > q.get("to")) return false;
    if (q.get("symbol") && !x.symbol.startsWith(q.get("symbol"))) return false;
    if (q.get("side") && x.side !== q.get("side")) return false;
    if (q.get("assetClass") && x.assetClass !== q.get("assetClass")) return false;
    const p = Number(x.realizedPnlBase);
    const outcome = p > 0 ? "win" : p < 0 ? "loss" : "scratch";
    if (q.get("outcome") && outcome !== q.get("outcome")) return false;
    return true;
  });
}

const user = { id: "u1", email: "jane@example.com", handle: "jane_trades", publicProfile: "percent" };
const account = {
  id: "a1",
  accountId: "U1234567",
  baseCurrency: "USD",
  alias: "Main",
  firstTradeAt: trades[0].openedAt,
  lastTradeAt: trades.at(-1).closedAt,
};
const link = {
  id: "l1",
  queryId: "987654",
  status: "active",
  statusMessage: null,
  tokenExpiresOn: "2026-01-10",
  tokenWarning: null,
  lastSyncAt: "2025-11-24T22:15:00Z",
  nextSyncAt: "2025-11-25T22:15:00Z",
  accounts: [account.accountId],
};
let syncPolls = 0;
// Start signed out unless MOCK_SIGNED_IN=1 (the screenshot script signs in through the form's API call).
let signedIn = process.env.MOCK_SIGNED_IN === "1";

function api(method, path, q, body) {
  if (path === "/api/me")
    return signedIn
      ? [200, { user }]
      : [401, { error: { code: "unauthenticated", message: "Please log in." } }];
  if (path === "/api/auth/login" || path === "/api/auth/signup") {
    signedIn = true;
    return [200, { user }];
  }
  if (path === "/api/auth/logout") {
    signedIn = false;
    return [204, null];
  }
  if (path === "/api/me/profile") {
    const b = JSON.parse(body || "{}");
    user.publicProfile = b.publicProfile;
    user.handle = b.handle;
    return [200, { user }];
  }
  if (path === "/api/links" && method === "GET") return [200, { links: [link] }];
  if (path === "/api/links" && method === "POST") {
    const { token, queryId } = JSON.parse(body || "{}");
    if (token.startsWith("0000"))
      return [
        422,
        {
          error: {
            code: "flex-link-failed",
            ibErrorCode: "1012",
            message:
              "The Flex token has expired. Generate a new token under Flex Web Service in IB's settings and update the link.",
          },
        },
      ];
    if (queryId === "111")
      return [
        422,
        {
          error: {
            code: "flex-query-incomplete",
            message: "The Flex query lacks sections.",
            check: {
              ok: false,
              missingSections: ["OptionEAE", "SecuritiesInfo"],
              missingFields: ["Trades.dateTime"],
              warnings: ["The statement covers 90 days; choose Period “Last 365 Calendar Days”."],
            },
          },
        },
      ];
    syncPolls = 0;
    return [
      201,
      {
        link,
        check: { ok: true, missingSections: [], missingFields: [], warnings: [] },
        accounts: [
          {
            accountId: "U1234567",
            baseCurrency: "USD",
            executions: 412,
            fromDate: "2024-11-25",
            toDate: "2025-11-24",
            description: "Account U1234567 (base currency USD): 412 executions.",
          },
        ],
      },
    ];
  }
  if (path.match(/^\/api\/links\/[^/]+\/syncs$/)) {
    syncPolls++;
    const running = syncPolls < 3;
    return [
      200,
      {
        syncs: [
          {
            id: "s1",
            status: running ? "running" : "succeeded",
            startedAt: "2025-11-25T10:00:00Z",
            finishedAt: running ? null : "2025-11-25T10:00:40Z",
            ibErrorCode: null,
            message: null,
            executionsAdded: running ? null : 412,
          },
        ],
      },
    ];
  }
  if (path.match(/^\/api\/links\/[^/]+\/sync$/)) return [202, { queued: true }];
  if (path === "/api/accounts") return [200, { accounts: [account] }];
  if (path === "/api/stats") return [200, statsOf(filtered(q))];
  if (path === "/api/trades") {
    const list = filtered(q).slice();
    const sort = q.get("sort") ?? "-closedAt";
    const key = sort.replace(/^-/, "");
    list.sort((a, b) => {
      const av = ["realizedPnlBase", "returnPct"].includes(key) ? Number(a[key]) : a[key];
      const bv = ["realizedPnlBase", "returnPct"].includes(key) ? Number(b[key]) : b[key];
      return (av < bv ? -1 : av > bv ? 1 : 0) * (sort.startsWith("-") ? -1 : 1);
    });
    const start = Number(q.get("cursor") ?? 0);
    const limit = Number(q.get("limit") ?? 50);
    const page = list.slice(start, start + limit);
    return [200, { trades: page, nextCursor: start + limit < list.length ? String(start + limit) : null }];
  }
  const m = path.match(/^\/api\/trades\/([^/]+)$/);
  if (m) {
    const tr = trades.find((x) => x.id === decodeURIComponent(m[1]));
    if (!tr) return [404, { error: { code: "not-found", message: "No such trade." } }];
    const mid = new Date((Date.parse(tr.openedAt) + Date.parse(tr.closedAt)) / 2)
      .toISOString()
      .replace(/\.\d+Z$/, "Z");
    const sign = tr.side === "long" ? 1 : -1;
    return [
      200,
      {
        trade: tr,
        executions: [
          {
            id: tr.executionIds[0],
            time: tr.openedAt,
            quantity: String(60 * sign),
            price: "187.42",
            commission: "-0.62",
          },
          {
            id: `${tr.executionIds[0]}b`,
            time: mid,
            quantity: String(40 * sign),
            price: "187.10",
            commission: "-0.41",
          },
          {
            id: tr.executionIds[1],
            time: tr.closedAt,
            quantity: String(-100 * sign),
            price: "189.95",
            commission: "-1.00",
          },
        ],
      },
    ];
  }
  if (path === "/api/positions")
    return [
      200,
      { openPositions: [{ accountId: "U1234567", symbol: "MSFT", conid: "272093", quantity: "50" }] },
    ];
  if (path === "/api/unmatched")
    return [
      200,
      {
        unmatched: [
          {
            accountId: "U1234567",
            symbol: "TSLA",
            conid: "76792991",
            quantity: "-20",
            executionId: "1003",
            time: "2025-03-04T15:00:00Z",
            reason: "opened-before-window",
          },
        ],
      },
    ];
  if (path.startsWith("/api/public/")) {
    if (decodeURIComponent(path.slice("/api/public/".length)) !== user.handle)
      return [404, { error: { code: "not-found", message: "No such profile." } }];
    const s = statsOf(trades);
    const pg = (g) => ({
      key: g.key,
      label: g.label,
      trades: String(g.trades),
      winRate: g.winRate,
      avgReturnPct: g.avgReturnPct,
    });
    const profile = {
      since: trades[0].openedAt.slice(0, 10),
      winRate: s.summary.winRate,
      profitFactor: s.summary.profitFactor,
      avgReturnPct: s.summary.avgReturnPct,
      avgWinPct: s.stats.avgWinPct,
      avgLossPct: s.stats.avgLossPct,
      wins: s.summary.wins,
      losses: s.summary.losses,
      scratches: s.summary.scratches,
      longestWinStreak: "5",
      longestLossStreak: "3",
      avgHoldingSeconds: String(s.stats.avgHoldingSeconds),
      medianHoldingSeconds: String(s.stats.medianHoldingSeconds),
      byAssetClass: s.stats.byAssetClass.map(pg),
      bySide: s.stats.bySide.map(pg),
      byWeekday: s.stats.byWeekday.map(pg),
      byHoldingTime: s.stats.byHoldingTime.map(pg),
      monthly: s.stats.monthly.map((m) => ({ month: m.date, trades: String(m.trades) })),
    };
    const base = {
      handle: user.handle,
      mode: "percent",
      verified: true,
      source: "ib-flex-link",
      minTrades: "20",
    };
    return [200, { ...base, trades: s.summary.trades, enoughTrades: true, profile, summary: null }];
  }
  if (method !== "GET") return [204, null];
  return [404, { error: { code: "not-found", message: "Not found." } }];
}

createServer(async (req, res) => {
  const url = new URL(req.url, "http://x");
  if (url.pathname.startsWith("/api/")) {
    let body = "";
    for await (const c of req) body += c;
    const [status, json] = api(req.method, url.pathname, url.searchParams, body);
    res.writeHead(status, {
      "Content-Type": "application/json",
      "Set-Cookie": "closeout_csrf=dev-csrf; Path=/; SameSite=Lax",
    });
    res.end(json === null ? "" : JSON.stringify(json));
    return;
  }
  const file = normalize(join(dist, url.pathname === "/" ? "index.html" : url.pathname));
  let data;
  let path = file;
  try {
    if (!file.startsWith(dist)) throw new Error("outside");
    data = await readFile(file);
  } catch {
    path = join(dist, "index.html");
    data = await readFile(path);
  }
  res.writeHead(200, { "Content-Type": TYPES[extname(path)] ?? "application/octet-stream" });
  res.end(data);
}).listen(port, "127.0.0.1", () => console.log(`mock on http://127.0.0.1:${port}`));

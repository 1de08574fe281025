// The answers and inputs of the closeout HTTP API (docs/api.md), inferred from the server's routes through the
// typed client (`hc<AppType>`): nothing here is written by hand, so a server change that alters a shape
// breaks the web typecheck. Every money amount, quantity, price, percent and ratio is a decimal string; the web
// app formats them and never does arithmetic on them. Type-only imports: no server code reaches the bundle.
import type { AppType, ErrorBody } from "@closeout/server";
import type { hc, InferRequestType, InferResponseType } from "hono/client";
import type { SuccessStatusCode } from "hono/utils/http-status";

/** The typed client of the whole app (see client.ts). */
export type Rpc = ReturnType<typeof hc<AppType>>;
type Api = Rpc["api"];
/** The JSON a route answers when it succeeds. */
type Ok<Endpoint> = InferResponseType<Endpoint, SuccessStatusCode>;

export type User = Ok<Api["me"]["$get"]>["user"];
export type PublicProfileMode = InferRequestType<Api["me"]["profile"]["$put"]>["json"]["publicProfile"];

export type Link = Ok<Api["links"]["$get"]>["links"][number];
export type CreateLinkAnswer = Ok<Api["links"]["$post"]>;
/** The result of checking a Flex statement against what closeout needs (report contract, "Query check"). */
export type QueryCheck = NonNullable<CreateLinkAnswer["check"]>;
/** A new link's first import, run by the server's queue: its state and counts. */
export type LinkImport = CreateLinkAnswer["import"];
/** An account found in the link's test pull. */
export type LinkAccount = CreateLinkAnswer["accounts"][number];
export type Sync = Ok<Api["links"][":id"]["syncs"]["$get"]>["syncs"][number];

export type Account = Ok<Api["accounts"]["$get"]>["accounts"][number];
export type ImportAnswer = Ok<Api["accounts"]["import"]["$post"]>;

export type TradesPage = Ok<Api["trades"]["$get"]>;
/** core's TradeJson plus the API's ids and exchange times. */
export type Trade = TradesPage["trades"][number];
export type TradeDetail = Ok<Api["trades"][":id"]["$get"]>;
export type Execution = TradeDetail["executions"][number];
export type OpenPosition = Ok<Api["positions"]["$get"]>["openPositions"][number];
export type Unmatched = Ok<Api["unmatched"]["$get"]>["unmatched"][number];

export type StatsAnswer = Ok<Api["stats"]["$get"]>;
/** report contract rule 13; counts are decimal strings too. */
export type Summary = StatsAnswer["summary"];
export type Stats = StatsAnswer["stats"];
/** core's GroupStats at the JSON edge. */
export type GroupStats = Stats["overall"];
export type CalendarDay = Stats["daily"][number];
export type EquityPoint = Stats["equityCurve"][number];

export type BreakdownPage = Ok<Api["breakdowns"][":dimension"]["$get"]>;
/** A row by underlying or by contract: group figures plus its underlying, asset classes and contract count. */
export type BreakdownRow = BreakdownPage["rows"][number];
export type BreakdownDimension = InferRequestType<
  Api["breakdowns"][":dimension"]["$get"]
>["param"]["dimension"];
export type BreakdownSort = NonNullable<
  InferRequestType<Api["breakdowns"][":dimension"]["$get"]>["query"]["sort"]
>;
export type CalendarWeek = StatsAnswer["weekly"][number];

/** GET /api/public/:handle. In "percent" mode there is no amount, quantity or account id anywhere. */
export type PublicProfile = Ok<Api["public"][":handle"]["$get"]>;
/** A group of the public profile: percentages and counts only. */
export type PublicGroup = NonNullable<PublicProfile["profile"]>["byAssetClass"][number];

/** Query parameters of GET /api/trades. */
export type TradesQuery = InferRequestType<Api["trades"]["$get"]>["query"];
/** Query parameters shared by GET /api/trades, /api/trades.csv and /api/stats. */
export type TradeFilters = InferRequestType<Api["trades.csv"]["$get"]>["query"];
export type TradeSort = NonNullable<TradesQuery["sort"]>;
/** What GET /api/stats adds on request (`equity`: every curve point, `symbols`: every bySymbol row). */
export type StatsDetail = NonNullable<InferRequestType<Api["stats"]["$get"]>["query"]["detail"]>;
/** A sort without its direction (`-` is descending). */
export type SortKey = Exclude<TradeSort, `-${string}`>;

/** What the server answers when a request fails (any route); `check` when a Flex query lacks something. */
export interface ApiErrorBody {
  error: Omit<ErrorBody["error"], "check"> & { check?: QueryCheck };
}

export type ReturnsAnswer = Ok<Api["returns"]["$get"]>;
/** One account's performance: returns-contract figures, trailing TWRs and costs. */
export type AccountReturns = ReturnsAnswer["accounts"][number];

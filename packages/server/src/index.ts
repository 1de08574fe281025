// The package's public face: the app factory for tests and embedding, and `AppType` for the web app's typed
// client (`hc<AppType>` from hono/client). The web app imports types only.
export type { AppDeps } from "./api/app-env.ts";
export { type AppType, createApp } from "./api/create-app.ts";
export type { ErrorBody } from "./api/http-errors.ts";
export type { StatsJson } from "./api/stats-json.ts";
export type { ApiTradeJson } from "./api/trade-json.ts";
export type { ApiUser, PublicProfile } from "./api/users-api.ts";

export * from "./build-report.ts";
export * from "./check-query.ts";
export * from "./flex/index.ts";
export * from "./money.ts";
export * from "./report-json.ts";
export type * from "./report-types.ts";
export * from "./stats/index.ts";
export * from "./trades/index.ts";
export type * from "./types.ts";

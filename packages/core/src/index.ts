export * from "./money.ts";
export type * from "./report-types.ts";
export type * from "./types.ts";

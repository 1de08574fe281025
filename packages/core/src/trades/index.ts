// Trade building (report-contract.md rules 1–5, 7–12): the only entry point other modules need.
export { buildTrades } from "./build-trades.ts";
export { TRADE_RULES_VERSION } from "./rules-version.ts";

// Trade building (report-contract.md rules 1–5, 7–12), rule 15's trade order, and the rules' version.
export { buildTrades, compareTrades } from "./build-trades.ts";
export { TRADE_RULES_VERSION } from "./rules-version.ts";

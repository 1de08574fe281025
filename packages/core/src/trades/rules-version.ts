// Stored trade books carry the version of the rules that built them; the server rebuilds a stored book whose
// version differs from this one. Change it with any change to buildTrades that can change its output
// (a new rule reading, a fix): that is what brings users' stored trades up to date.
export const TRADE_RULES_VERSION = "2026-12-05";

export const HELP = `closeout — trading performance from Interactive Brokers Flex statements

Usage: npm run -s closeout -- <command> [options]

Offline (no database):
  report <file.xml>... [--json]     closed round-trip trades, open positions and summary statistics;
                                    several files are one history (merged, duplicates counted once)
  check-query <file.xml> [--json]   does the Flex query behind this statement have every section and
                                    setting closeout needs? Says what to change on IB's screen

Run "closeout help" for this text. Exit codes: 0 ok, 2 unusable input or bad usage, 1 internal error.
`;

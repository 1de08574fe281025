export const HELP = `closeout — trading performance from Interactive Brokers Flex statements

Usage: npm run -s closeout -- <command> [options]

Offline (no database):
  report <file.xml>... [--json]     closed round-trip trades, open positions and summary statistics;
                                    several files are one history (merged, duplicates counted once)
  check-query <file.xml> [--json]   does the Flex query behind this statement have every section and
                                    setting closeout needs? Says what to change on IB's screen
  returns <file.xml>... [--json]    account performance: NAV, deposits, income and costs, time-weighted
                                    and money-weighted return, checked against IB's own twr;
                                    --from/--to yyyy-MM-dd bound the NAV days
  generate --out FILE [--accounts N] [--executions N] [--seed S] [--from yyyy-MM-dd --to yyyy-MM-dd]
                                    a realistic, deterministic statement from the IB simulator

Stored data (--data-dir DIR, default ./data, or DATABASE_URL; --user EMAIL acts for a web user):
  import <file.xml>... [--json]     store statements, e.g. older years beyond IB's 365 days
  trades [--account A] [--json] [--journal]
                                    the stored history, same JSON as report --json; --journal adds
                                    each trade's note, tags, planned risk and R
  journal export [--out F] | journal import F
                                    the journal as JSON (backup, other instance); importing twice adds nothing
  link --query-id Q [--token-file F] [--token-expires yyyy-MM-dd] [--flex-base-url URL]
                                    link an IB account with a live test pull; the token comes from
                                    --token-file, CLOSEOUT_FLEX_TOKEN or standard input, never argv
  sync [--account A] [--json]       sync linked accounts now, with progress
  migrate                           apply database migrations
  rotate-key [--new-key-file F]     re-encrypt every stored Flex token with a new key, in one transaction
                                    (made beside the current key file, or F); other processes must be stopped
  invite [--expires-days N] [--public-url URL] [--json]
                                    a single-use sign-up invite (code and link) for CLOSEOUT_SIGNUP=invite

Running:
  serve [--port P] [--host H] [--public-url URL] [--no-worker]
                                    the HTTP API and web app (sync worker in-process unless --no-worker)
  worker [--concurrency N]          sync workers and the daily schedule, without HTTP
  demo [--port P] [--executions N]  what npm start runs: flex-sim + server + a linked demo user
  flex-sim [--port P] [--config FILE]
                                    the simulated IB Flex Web Service alone (default port 8090), with the
                                    tokens and queries of FILE (README), to try serve and workers without IB

Run "closeout help" for this text. Exit codes: 0 ok, 2 unusable input or bad usage, 1 internal error.
`;

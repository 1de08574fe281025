// Row types of every table, as Kysely sees them. `numeric` columns are strings (exact decimals, converted to
// Decimal only in the mapping layer), `date` columns are yyyy-MM-dd strings, `bigint` columns are strings.
import type { ColumnType, Generated, Insertable, Selectable } from "kysely";

/** Written as a Date or ISO string, read as a Date. */
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type DefaultTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
/** yyyy-MM-dd. */
type DateString = string;
/** Exact decimal as written by Postgres, e.g. "-12.3450". */
type Numeric = string;
/** jsonb: written as a JSON string (pg would turn a JS array into a Postgres array), read as parsed JSON. */
type Json = ColumnType<unknown, string, string>;
type BigintId = ColumnType<string, never, never>;

/** private: nothing shown; percent: percent-only profile; full: amounts too (migration 2026-11-26). */
export type PublicProfile = "private" | "percent" | "full";

/**
 * link: pulled from IB by closeout through the user's Flex link; upload: an uploaded or `closeout import`ed
 * file, which anyone can edit (migration 2026-12-01).
 */
export type Provenance = "link" | "upload";

export interface UsersTable {
  id: Generated<string>;
  email: string;
  password_hash: string;
  handle: string | null;
  public_profile: ColumnType<PublicProfile, PublicProfile | undefined, PublicProfile>;
  created_at: DefaultTimestamp;
}

/** Session ids are stored only as SHA-256 hashes. */
export interface SessionsTable {
  id_hash: string;
  user_id: string;
  created_at: Timestamp;
  expires_at: Timestamp;
  user_agent: string | null;
}

/** Failed sign-ins per hashed (email, client address). */
export interface LoginThrottleTable {
  key: string;
  failures: number;
  locked_until: Timestamp | null;
  updated_at: Timestamp;
}

export interface IbLinksTable {
  id: Generated<string>;
  user_id: string;
  query_id: string;
  token_ciphertext: Uint8Array;
  token_iv: Uint8Array;
  token_tag: Uint8Array;
  /** 1: no key id, no associated data (before 2026-12-02); 2: see crypto/token-cipher.ts. */
  token_format: ColumnType<number, number | undefined, number>;
  token_key_id: string | null;
  token_expires_on: DateString | null;
  status: Generated<string>;
  status_message: string | null;
  last_sync_at: Timestamp | null;
  next_sync_at: Timestamp | null;
  created_at: DefaultTimestamp;
}

export interface AccountsTable {
  id: Generated<string>;
  user_id: string;
  /** Set only by a link's import: the account is then held by this user (one holder per IB account id). */
  link_id: string | null;
  ib_account_id: string;
  base_currency: string | null;
  alias: string | null;
  name: string | null;
  created_at: DefaultTimestamp;
  /** The earliest and latest time of the account's stored executions (kept by the import). */
  first_trade_at: Timestamp | null;
  last_trade_at: Timestamp | null;
}

export interface RawStatementsTable {
  id: Generated<string>;
  seq: BigintId;
  user_id: string;
  sha256: string;
  content_gzip: Uint8Array;
  byte_length: number;
  from_date: DateString | null;
  to_date: DateString | null;
  file_order_span: number;
  shape: Json;
  imported_at: DefaultTimestamp;
  provenance: Provenance;
}

export interface StatementsMetaTable {
  id: Generated<string>;
  account_id: string;
  raw_statement_id: string;
  statement_index: number;
  from_date: DateString | null;
  to_date: DateString | null;
  period: string | null;
  when_generated: Timestamp | null;
  sections: string[];
  has_open_positions: boolean;
}

/** InstrumentFields as columns, shared by the row tables below. */
export interface InstrumentColumns {
  conid: string | null;
  symbol: string;
  asset_class: string;
  currency: string;
  expiry: string | null;
  strike: string | null;
  put_call: string | null;
  underlying_conid: string | null;
  underlying_symbol: string | null;
  description: string | null;
  multiplier: Numeric | null;
}

/**
 * The instrument columns of executions, stored once per account and distinct set of values (an import of
 * 100k executions has a few hundred): `instrument_ref` is instrumentRef() of the columns, a content hash.
 */
export interface ExecutionInstrumentsTable extends InstrumentColumns {
  account_id: string;
  instrument_ref: string;
}

export interface ExecutionsTable {
  /** With ib_key, the primary key. */
  account_id: string;
  /** The row's instrument columns, in execution_instruments. */
  instrument_ref: string;
  /** transactionID, else ibExecID, else a hash of the row's attributes (rule 2), prefixed by kind. */
  ib_key: string;
  time: Timestamp;
  trade_date: DateString;
  quantity: Numeric;
  price: Numeric;
  commission: Numeric;
  commission_currency: string | null;
  fx_rate_to_base: Numeric | null;
  fifo_pnl_realized: Numeric | null;
  transaction_id: string | null;
  ib_exec_id: string | null;
  trade_id: string | null;
  orig_trade_id: string | null;
  transaction_type: string | null;
  buy_sell: string | null;
  open_close_indicator: string | null;
  notes: string[];
  is_cancel: boolean;
  is_conversion: boolean;
  exchange: string | null;
  file_order: number;
  raw_key: string;
  first_statement_id: string;
  /** Where the row's values came from; a link's copy replaces an upload's (migration 2026-12-01). */
  provenance: Provenance;
}

export interface OptionEventsTable extends InstrumentColumns {
  id: BigintId;
  account_id: string;
  instrument_key: string;
  type: string;
  date: DateString;
  quantity: Numeric;
  /** Cash Settlement rows only (rule 9); null elsewhere. */
  proceeds: Numeric | null;
  fx_rate_to_base: Numeric | null;
  file_order: number;
  first_statement_id: string;
}

export interface CorporateActionsTable extends InstrumentColumns {
  id: BigintId;
  account_id: string;
  instrument_key: string;
  type: string;
  time: Timestamp;
  date_time_raw: string;
  action_id: string | null;
  quantity: Numeric;
  file_order: number;
  first_statement_id: string;
}

export interface PositionSnapshotsTable extends InstrumentColumns {
  id: BigintId;
  account_id: string;
  statement_meta_id: string;
  to_date: DateString | null;
  instrument_key: string;
  position: Numeric;
  ordinal: number;
}

export interface TransfersTable extends InstrumentColumns {
  id: BigintId;
  account_id: string;
  row_key: string;
  kind: string;
  date: DateString | null;
  quantity: Numeric | null;
  direction: string | null;
  first_statement_id: string;
  ordinal: number;
}

export interface SecuritiesTable extends InstrumentColumns {
  user_id: string;
  instrument_key: string;
}

export interface ConversionRatesTable {
  user_id: string;
  report_date: DateString;
  from_currency: string;
  to_currency: string;
  rate: Numeric;
}

/** One account's derived trade book (core's trade-book codec, gzip), rebuilt by every import of the account. */
export interface AccountBooksTable {
  account_id: string;
  /** `${book format}:${trade rules version}` that built it; another engine's book is rebuilt, not read. */
  engine: string;
  trade_count: number;
  book_gzip: Uint8Array;
  built_at: DefaultTimestamp;
}

/** A CashTransaction row, once per (account, row_key) (migration 2026-12-05). */
export interface CashTransactionsTable {
  id: BigintId;
  account_id: string;
  /** `id:${transactionID}`, else `raw:${sha256 of the row's attributes}`. */
  row_key: string;
  type: string;
  currency: string | null;
  amount: Numeric;
  fx_rate_to_base: Numeric | null;
  date: DateString;
  transaction_id: string | null;
  description: string | null;
  first_statement_id: string;
  provenance: Provenance;
}

/** The account's NAV at the end of a day, from the statement with the latest toDate (migration 2026-12-05). */
export interface NavRowsTable {
  account_id: string;
  report_date: DateString;
  total: Numeric;
  statement_to_date: DateString | null;
  first_statement_id: string;
  provenance: Provenance;
}

/** IB's ChangeInNAV over fromDate..toDate, with its own `twr` in percent (migration 2026-12-05). */
export interface NavChangesTable {
  account_id: string;
  from_date: DateString;
  to_date: DateString;
  starting_value: Numeric | null;
  ending_value: Numeric | null;
  twr_pct: Numeric | null;
  first_statement_id: string;
  provenance: Provenance;
}

export interface SyncRunsTable {
  id: Generated<string>;
  link_id: string;
  status: string;
  attempts: Generated<number>;
  ib_error_code: string | null;
  message: string | null;
  started_at: DefaultTimestamp;
  finished_at: Timestamp | null;
  timings: Json | null;
  /** A running sync holds its link until then; its worker renews it (sync/sync-lease.ts). */
  lease_until: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  /** The queue job that runs this sync, if any. */
  job_id: ColumnType<string | null, string | null | undefined, string | null>;
}

/** One row: the fingerprint of the key the stored Flex tokens are sealed with (crypto/token-cipher.ts). */
export interface TokenKeyTable {
  singleton: ColumnType<boolean, boolean | undefined, never>;
  fingerprint: string;
  updated_at: DefaultTimestamp;
}

/** A link's first import, run by the queue (migration 2026-12-07): its progress, and the checked statement. */
export interface LinkImportsTable {
  link_id: string;
  state: string;
  statement_gzip: Uint8Array | null;
  statement_executions: number | null;
  executions_added: number | null;
  executions_existing: number | null;
  trades: number | null;
  attempts: ColumnType<number, number | undefined, number>;
  message: string | null;
  updated_at: DefaultTimestamp;
}

/** A journal entry, attached to IB execution ids (migration 2026-12-06, journal/journal-repository.ts). */
export interface JournalEntriesTable {
  id: string;
  user_id: string;
  ib_account_id: string;
  /** JSON array of the execution ids of the trade it was last attached to. */
  execution_ids: Json;
  /** JSON snapshot of that trade (symbol, side, times, quantity), shown when no trade matches any more. */
  anchor: Json;
  note: string;
  /** JSON array of normalised tags. */
  tags: Json;
  planned_risk: Numeric | null;
  stop_price: Numeric | null;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
  rev: ColumnType<string, never, never>;
}

export interface JournalDaysTable {
  user_id: string;
  day: DateString;
  note: string;
  updated_at: DefaultTimestamp;
}

export interface JournalSettingsTable {
  user_id: string;
  default_risk: Numeric | null;
  /** JSON array of tags whose statistics the public profile shows. */
  public_tags: Json;
  rev: ColumnType<string, never, never>;
}

export interface Schema {
  users: UsersTable;
  sessions: SessionsTable;
  login_throttle: LoginThrottleTable;
  ib_links: IbLinksTable;
  accounts: AccountsTable;
  raw_statements: RawStatementsTable;
  statements_meta: StatementsMetaTable;
  executions: ExecutionsTable;
  execution_instruments: ExecutionInstrumentsTable;
  option_events: OptionEventsTable;
  corporate_actions: CorporateActionsTable;
  position_snapshots: PositionSnapshotsTable;
  transfers: TransfersTable;
  securities: SecuritiesTable;
  conversion_rates: ConversionRatesTable;
  account_books: AccountBooksTable;
  sync_runs: SyncRunsTable;
  link_imports: LinkImportsTable;
  token_key: TokenKeyTable;
  cash_transactions: CashTransactionsTable;
  nav_rows: NavRowsTable;
  nav_changes: NavChangesTable;
  journal_entries: JournalEntriesTable;
  journal_days: JournalDaysTable;
  journal_settings: JournalSettingsTable;
}

export type UserRow = Selectable<UsersTable>;
export type IbLinkRow = Selectable<IbLinksTable>;
export type AccountRow = Selectable<AccountsTable>;
export type RawStatementRow = Selectable<RawStatementsTable>;
export type ExecutionRow = Selectable<ExecutionsTable>;
export type NewExecutionRow = Insertable<ExecutionsTable>;
export type SyncRunRow = Selectable<SyncRunsTable>;

// What the API needs from the outside world: injected, so tests call app.request() without a port, a network
// or a real clock.
import type { SignupMode } from "../config/serve-config.ts";
import type { TokenCipher } from "../crypto/token-cipher.ts";
import type { Db } from "../db/database.ts";
import type { FlexClient } from "../flex-client/flex-client.ts";
import type { Logger } from "./logger.ts";
import type { HttpMetrics } from "./metrics.ts";
import type { ResponseCache } from "./response-cache.ts";
import type { TradeBookCache } from "./trade-book.ts";

export interface AppDeps {
  readonly db: Db;
  readonly clock: { now(): number };
  /** One client for the process, so IB's per-token pacing is shared by every request. */
  readonly flexClient: FlexClient;
  readonly cipher: Pick<TokenCipher, "encrypt">;
  /** Queues a sync of the link (deduplicated by the queue). */
  readonly enqueueSync: (linkId: string, reason: "manual" | "link") => Promise<void>;
  readonly logger: Logger;
  /** Origin the browser uses (Origin check, Secure cookies when https). */
  readonly publicUrl: string;
  /** Built web app to serve with SPA fallback; null: API only. */
  readonly webDist?: string | null;
  /** Trusted reverse proxies in front (the client address is the hops-th X-Forwarded-For entry from the right). */
  readonly proxyHops?: number;
  /** Who may sign up; default "invite", so that an embedder forgetting it does not open the door. */
  readonly signup?: SignupMode;
  /** Closed trades needed before a public profile shows figures (default 20). */
  readonly publicMinTrades?: number;
  readonly metrics?: HttpMetrics;
  /** Bearer token that /metrics asks for; null or absent: /metrics answers 404. */
  readonly metricsToken?: string | null;
  /** How long /readyz waits for the database before answering 503 (default 1.5 s). */
  readonly readyTimeoutMs?: number;
  readonly books?: TradeBookCache;
  /** Budget of the trade books (estimated bytes) when `books` is not given. */
  readonly bookCacheBytes?: number;
  /** Cap on each user's stored raw statements, gzip bytes (default raw-statement-quota.ts). */
  readonly rawQuotaBytes?: number;
  /** Serialized answers per (user, data version, query), e.g. the dashboard's statistics. */
  readonly responses?: ResponseCache;
  /**
   * How often the cached users' data versions are re-checked so that books changed by a background sync are
   * rebuilt (and their statistics serialized) before the next request; 0 turns this off. Default 10 s.
   */
  readonly bookRefreshMs?: number;
  /** Largest statement upload in bytes (CLOSEOUT_UPLOAD_MAX_MB); default DEFAULT_UPLOAD_MAX_BYTES. */
  readonly uploadMaxBytes?: number;
  /** Journal writes per user per minute (default journal-write-limit.ts). */
  readonly journalWritesPerMinute?: number;
  /** Characters of notes one user may store (default journal-write-limit.ts). */
  readonly journalMaxChars?: number;
}

export interface AppEnv {
  Variables: {
    requestId: string;
    userId: string;
    /** The live session's id (from its cookie), for the CSRF token bound to it. */
    sessionId: string;
    /** The CSRF token this request's session (or signed-out browser) must echo. */
    csrfToken: string;
    log: Logger;
  };
}

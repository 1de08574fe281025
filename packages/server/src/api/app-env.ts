// What the API needs from the outside world: injected, so tests call app.request() without a port, a network
// or a real clock.
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
  /** Use X-Forwarded-For for the client address (only behind a trusted reverse proxy). */
  readonly trustProxy?: boolean;
  /** Closed trades needed before a public profile shows figures (default 20). */
  readonly publicMinTrades?: number;
  readonly metrics?: HttpMetrics;
  readonly books?: TradeBookCache;
  /** Serialized answers per (user, data version, query), e.g. the dashboard's statistics. */
  readonly responses?: ResponseCache;
  /**
   * How often the cached users' data versions are re-checked so that books changed by a background sync are
   * rebuilt (and their statistics serialized) before the next request; 0 turns this off. Default 10 s.
   */
  readonly bookRefreshMs?: number;
  /** Largest statement upload in bytes (CLOSEOUT_UPLOAD_MAX_MB); default DEFAULT_UPLOAD_MAX_BYTES. */
  readonly uploadMaxBytes?: number;
}

export interface AppEnv {
  Variables: {
    requestId: string;
    userId: string;
    log: Logger;
  };
}

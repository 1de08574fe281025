// Per-user cap on journal writes in a fixed one-minute window, in this process: a runaway client or script
// gets 429 instead of filling the database. Storage is capped separately by journalCharsUsed.
import { AppError } from "../app-error.ts";

export const DEFAULT_JOURNAL_WRITES_PER_MINUTE = 120;
/** Characters of notes (trades and days) one user may store. */
export const DEFAULT_JOURNAL_MAX_CHARS = 5_000_000;

export interface JournalWriteLimit {
  /** Counts a write by `userId`; throws too-many-attempts once the minute's budget is spent. */
  take(userId: string): void;
}

export function createJournalWriteLimit(perMinute: number, now: () => number): JournalWriteLimit {
  let windowStart = 0;
  let counts = new Map<string, number>();
  return {
    take(userId) {
      const t = now();
      if (t - windowStart >= 60_000) {
        windowStart = t;
        counts = new Map();
      }
      const n = (counts.get(userId) ?? 0) + 1;
      counts.set(userId, n);
      if (n > perMinute) {
        const retryAfterSeconds = Math.max(1, Math.ceil((windowStart + 60_000 - t) / 1000));
        throw new AppError("too-many-attempts", "too many journal writes; wait a minute and try again", {
          retryAfterSeconds,
        });
      }
    },
  };
}

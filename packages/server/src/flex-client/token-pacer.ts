// IB allows about one Flex request per second and ten per minute for one token; going faster earns error
// 1018 and a forced pause. The pacer spaces each token's requests to stay inside both limits.
// It paces within one process; several processes stay apart because one account's sync holds a queue lock.
import { createHash } from "node:crypto";
import type { Clock } from "./clock.ts";

export interface PacerLimits {
  readonly minIntervalMs: number;
  readonly perWindow: number;
  readonly windowMs: number;
}

export const IB_FLEX_LIMITS: PacerLimits = { minIntervalMs: 1100, perWindow: 10, windowMs: 61_000 };

export class TokenPacer {
  private readonly history = new Map<string, number[]>();
  private readonly queue = new Map<string, Promise<void>>();

  constructor(
    private readonly clock: Clock,
    private readonly limits: PacerLimits = IB_FLEX_LIMITS,
  ) {}

  /** Resolves when a request with this token may be sent, and records it as sent. */
  acquire(token: string): Promise<void> {
    // Keyed by a digest so the raw token is not kept around longer than the request needs it.
    const key = createHash("sha256").update(token).digest("hex");
    const previous = this.queue.get(key) ?? Promise.resolve();
    const next = previous.then(() => this.waitTurn(key));
    this.queue.set(key, next);
    return next;
  }

  private async waitTurn(key: string): Promise<void> {
    const { minIntervalMs, perWindow, windowMs } = this.limits;
    for (;;) {
      const now = this.clock.now();
      const sent = (this.history.get(key) ?? []).filter((t) => now - t < windowMs);
      const last = sent[sent.length - 1];
      let wait = last === undefined ? 0 : last + minIntervalMs - now;
      if (sent.length >= perWindow)
        wait = Math.max(wait, (sent[sent.length - perWindow] ?? now) + windowMs - now);
      if (wait <= 0) {
        sent.push(now);
        this.history.set(key, sent);
        return;
      }
      await this.clock.sleep(wait);
    }
  }
}

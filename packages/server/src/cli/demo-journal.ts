// The demo user's journal: a dozen trades of the simulated year get setups, a few mistakes, a note and a
// planned risk, and one day gets a note, so a newcomer sees what tags and R give. Written through the API like
// a user would, once (a user with any tag is left alone), after the link's first import has trades.
import { Decimal } from "@closeout/core";
import type { ApiSession } from "./api-session.ts";

const SETUPS = ["setup:breakout", "setup:pullback", "setup:gap-and-go", "setup:reversal"] as const;
/** The R each picked trade is given a risk for, in turn: winners and losers of various sizes. */
const R_TARGETS = ["1.5", "0.8", "2.4", "1", "3", "0.5"] as const;
const NOTES = [
  "Clean break of the morning range on volume. **Followed the plan.**",
  "Waited for the pullback to the 20-period average; entry was patient.",
  "Gap held above the premarket high. Sized down: news day.",
  "Faded the spike into resistance. Stop was tight, as planned.",
] as const;

interface ListedTrade {
  readonly id: string;
  readonly realizedPnl: string;
  readonly closedAtExchange: string;
}

export interface DemoJournalOptions {
  /** How long to wait for the link's first import to give trades. */
  readonly waitMs?: number;
  readonly pollMs?: number;
  readonly trades?: number;
}

/** Writes the demo journal; returns how many trades got one (0 when the user already has tags, or no trades). */
export async function seedDemoJournal(api: ApiSession, options: DemoJournalOptions = {}): Promise<number> {
  const tags = (await api.call("GET", "/api/journal/tags")).json as { tags?: unknown[] };
  if ((tags.tags?.length ?? 0) > 0) return 0;
  const deadline = Date.now() + (options.waitMs ?? 120_000);
  let trades: ListedTrade[] = [];
  for (;;) {
    const res = await api.call("GET", "/api/trades?limit=500&sort=closedAt");
    trades = ((res.json as { trades?: ListedTrade[] }).trades ?? []).filter((t) => t.id);
    if (trades.length > 0 || Date.now() >= deadline) break;
    await new Promise((resolve) => setTimeout(resolve, options.pollMs ?? 1000));
  }
  const want = Math.min(options.trades ?? 12, trades.length);
  const step = Math.max(1, Math.floor(trades.length / Math.max(1, want)));
  let written = 0;
  for (let i = 0; i < want; i++) {
    const trade = trades[i * step]!;
    const pnl = new Decimal(trade.realizedPnl).abs();
    const risk = pnl.div(R_TARGETS[i % R_TARGETS.length]!).toDecimalPlaces(2, Decimal.ROUND_UP);
    const tagList: string[] = [SETUPS[i % SETUPS.length]!];
    if (i % 3 === 2) tagList.push("mistake:chased-entry");
    if (i % 5 === 4) tagList.push("mistake:moved-stop");
    const res = await api.call("PUT", `/api/trades/${trade.id}/journal`, {
      note: NOTES[i % NOTES.length],
      tags: tagList,
      plannedRisk: risk.gt(0) ? risk.toFixed() : "100",
    });
    if (res.status === 200) written++;
  }
  if (written > 0) {
    const day = trades[0]!.closedAtExchange.slice(0, 10);
    await api.call("PUT", `/api/journal/${day}`, {
      note: "First day of the year. Plan: two setups only, breakout and pullback; stop after two losses.",
    });
  }
  return written;
}

// The journal endpoints (docs/api.md "Journal") over the typed RPC client, and their react-query hooks.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { InferResponseType } from "hono/client";
import { api, json } from "./client.ts";

const rpc = api.rpc.api;
export type TradeJournal = InferResponseType<(typeof rpc.trades)[":id"]["journal"]["$put"], 200>["journal"];
export type DayJournal = InferResponseType<(typeof rpc.journal)[":date"]["$get"], 200>;
export type JournalOrphan = InferResponseType<typeof rpc.journal.orphans.$get, 200>["orphans"][number];

export interface JournalInput {
  readonly note: string;
  readonly tags: readonly string[];
  readonly plannedRisk?: string | null;
  readonly stopPrice?: string | null;
}

export const journalClient = {
  save: (tradeId: string, input: JournalInput) =>
    json(
      rpc.trades[":id"].journal.$put({
        param: { id: encodeURIComponent(tradeId) },
        json: { ...input, tags: [...input.tags] },
      }),
    ),
  tags: (q: string) => json(rpc.journal.tags.$get({ query: q ? { q } : {} })),
  day: (date: string) => json(rpc.journal[":date"].$get({ param: { date } })),
  saveDay: (date: string, note: string) =>
    json(rpc.journal[":date"].$put({ param: { date }, json: { note } })),
  orphans: () => json(rpc.journal.orphans.$get()),
  deleteEntry: (entryId: string) => json(rpc.journal.entries[":entryId"].$delete({ param: { entryId } })),
  reattach: (entryId: string, tradeId: string) =>
    json(rpc.journal.entries[":entryId"].reattach.$post({ param: { entryId }, json: { tradeId } })),
};

export function useSaveJournal(tradeId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: JournalInput) => journalClient.save(tradeId, input),
    onSuccess: () => {
      // Tags and R show in lists and statistics too.
      void client.invalidateQueries({ queryKey: ["trade", tradeId] });
      void client.invalidateQueries({ queryKey: ["trades"] });
      void client.invalidateQueries({ queryKey: ["stats"] });
      void client.invalidateQueries({ queryKey: ["journal"] });
    },
  });
}

export function useTagSuggestions() {
  return useQuery({
    queryKey: ["journal", "tags"],
    queryFn: () => journalClient.tags(""),
    staleTime: 60_000,
  });
}

export function useDayJournal(date: string) {
  return useQuery({ queryKey: ["journal", "day", date], queryFn: () => journalClient.day(date) });
}

/** Journal entries no trade contains any more (after a rebuild), to reattach or delete. */
export function useJournalOrphans() {
  return useQuery({ queryKey: ["journal", "orphans"], queryFn: () => journalClient.orphans() });
}

/** Deletes an orphan, or reattaches it to a trade; either way the lists and figures are stale. */
export function useResolveOrphan() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (action: { entryId: string; tradeId?: string }): Promise<void> => {
      if (action.tradeId) await journalClient.reattach(action.entryId, action.tradeId);
      else await journalClient.deleteEntry(action.entryId);
    },
    onSuccess: () => {
      for (const queryKey of [["journal"], ["trades"], ["trade"], ["stats"]])
        void client.invalidateQueries({ queryKey });
    },
  });
}

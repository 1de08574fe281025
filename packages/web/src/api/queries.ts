// react-query hooks over the API client: one query key per endpoint, so mutations invalidate precisely.
import {
  keepPreviousData,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from "@tanstack/react-query";
import { useCallback } from "react";
import { ApiError, api } from "./client.ts";
import type {
  BreakdownDimension,
  BreakdownSort,
  LinkImport,
  StatsDetail,
  TradeFilters,
  TradeSort,
} from "./types.ts";

export const keys = {
  me: ["me"] as const,
  signupOptions: ["signup-options"] as const,
  links: ["links"] as const,
  syncs: (id: string) => ["links", id, "syncs"] as const,
  linkImport: (id: string) => ["links", id, "import"] as const,
  accounts: ["accounts"] as const,
  stats: (filters: TradeFilters, detail?: StatsDetail) => ["stats", filters, detail ?? null] as const,
  breakdown: (dimension: BreakdownDimension, filters: TradeFilters, sort: BreakdownSort) =>
    ["stats", "breakdown", dimension, filters, sort] as const,
  trades: (filters: TradeFilters, sort: TradeSort) => ["trades", filters, sort] as const,
  trade: (id: string, filters: TradeFilters = {}, sort?: TradeSort) =>
    ["trade", id, filters, sort ?? null] as const,
  positions: ["positions"] as const,
  unmatched: ["unmatched"] as const,
  publicProfile: (handle: string) => ["public", handle] as const,
  returns: ["returns"] as const,
};

const PAGE = 50;

/** The signed-in user, or null when signed out (401 is an answer, not an error). */
export function useMe() {
  return useQuery({
    queryKey: keys.me,
    queryFn: async () => {
      try {
        return (await api.me()).user;
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) return null;
        throw error;
      }
    },
    staleTime: 60_000,
  });
}

export function useSignupOptions(enabled: boolean) {
  return useQuery({
    queryKey: keys.signupOptions,
    queryFn: async () => (await api.signupOptions()).signup,
    enabled,
    staleTime: 5 * 60_000,
  });
}

export function useLinks(options: { poll?: boolean } = {}) {
  return useQuery({
    queryKey: keys.links,
    queryFn: async () => (await api.links()).links,
    refetchInterval: options.poll ? 5_000 : false,
  });
}

export function useSyncs(linkId: string | null, poll: boolean) {
  return useQuery({
    queryKey: keys.syncs(linkId ?? ""),
    queryFn: async () => (await api.syncs(linkId!)).syncs,
    enabled: linkId !== null,
    refetchInterval: poll ? 2_000 : false,
  });
}

/** A new link's first import, asked every second until it is done or failed. */
export function useLinkImport(linkId: string, initial: LinkImport) {
  return useQuery({
    queryKey: keys.linkImport(linkId),
    queryFn: async () => (await api.linkImport(linkId)).import,
    initialData: initial,
    initialDataUpdatedAt: 0,
    refetchInterval: (query) => {
      const state = query.state.data?.state;
      return state === "done" || state === "failed" ? false : 1_000;
    },
  });
}

export function useAccounts() {
  return useQuery({ queryKey: keys.accounts, queryFn: async () => (await api.accounts()).accounts });
}

/**
 * Statistics for the filters: the light answer the dashboard draws (equity curve per day, the 50 busiest
 * symbols), or with `detail` more of it — the breakdowns page asks for "symbols", every symbol row.
 */
export function useStats(filters: TradeFilters = {}, detail?: StatsDetail) {
  return useQuery({ queryKey: keys.stats(filters, detail), queryFn: () => api.stats(filters, detail) });
}

/** Rows by underlying or contract, a page at a time ("Show more"). */
export function useBreakdown(
  dimension: BreakdownDimension,
  filters: TradeFilters,
  sort: BreakdownSort,
  limit = 50,
  enabled = true,
) {
  return useInfiniteQuery({
    queryKey: [...keys.breakdown(dimension, filters, sort), limit],
    queryFn: ({ pageParam }) => api.breakdown(dimension, filters, sort, pageParam, limit),
    initialPageParam: 1,
    getNextPageParam: (last) => (last.page * last.limit < last.total ? last.page + 1 : undefined),
    enabled,
  });
}

export function useTrades(filters: TradeFilters, sort: TradeSort, enabled = true) {
  return useInfiniteQuery({
    queryKey: keys.trades(filters, sort),
    queryFn: ({ pageParam }) => api.trades(filters, sort, pageParam, PAGE),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled,
    // A new sort or filter keeps the current rows until the new ones arrive: the table (and the focused
    // column header) stays in place instead of a loading line replacing it.
    placeholderData: keepPreviousData,
  });
}

/** A trade, with its neighbours in the list these filters and sort give (the list it was opened from). */
export function useTrade(id: string, filters: TradeFilters = {}, sort?: TradeSort) {
  return useQuery({ queryKey: keys.trade(id, filters, sort), queryFn: () => api.trade(id, filters, sort) });
}

export function usePositions() {
  return useQuery({ queryKey: keys.positions, queryFn: async () => (await api.positions()).openPositions });
}

export function useUnmatched() {
  return useQuery({ queryKey: keys.unmatched, queryFn: async () => (await api.unmatched()).unmatched });
}

export function usePublicProfile(handle: string) {
  return useQuery({
    queryKey: keys.publicProfile(handle),
    queryFn: () => api.publicProfile(handle),
    retry: (count, error) => !(error instanceof ApiError && error.status === 404) && count < 2,
  });
}

/** After data changes on the server (sync, import), everything derived from trades is stale. */
export function useInvalidateTradeData() {
  const client = useQueryClient();
  return useCallback(
    () =>
      Promise.all(
        [keys.links, keys.accounts, ["stats"], ["trades"], ["trade"], keys.positions, keys.unmatched].map(
          (queryKey) => client.invalidateQueries({ queryKey }),
        ),
      ),
    [client],
  );
}

export function useSyncNow() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (linkId: string) => api.syncNow(linkId),
    onSuccess: (_data, linkId) => {
      client.invalidateQueries({ queryKey: keys.syncs(linkId) });
      client.invalidateQueries({ queryKey: keys.links });
    },
  });
}

/** Forget every cached answer of the previous user (memory and the service worker's API cache). */
export async function clearUserData(client: ReturnType<typeof useQueryClient>): Promise<void> {
  client.clear();
  client.setQueryData(keys.me, null);
  const storage = (globalThis as { caches?: { delete(name: string): Promise<boolean> } }).caches;
  if (storage) await storage.delete("closeout-api").catch(() => false);
}

/** Account performance of every account of the user (GET /api/returns). */
export function useReturns() {
  return useQuery({ queryKey: keys.returns, queryFn: () => api.returns() });
}

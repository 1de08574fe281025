// The one door to the closeout API: the typed Hono RPC client (`hc<AppType>`, with `AppType` imported as a type
// from `@closeout/server`) behind named methods. Paths, inputs and answers are checked against the server's
// routes; this file adds the CSRF header, same-origin credentials, and one error type for every failure.
import type { AppType } from "@closeout/server";
import type { ClientResponse } from "hono/client";
import { hc } from "hono/client";
import type { ResponseFormat } from "hono/types";
import type { SuccessStatusCode } from "hono/utils/http-status";
import { markOffline, noteResponse } from "../lib/connection.ts";
import type {
  ApiErrorBody,
  BreakdownDimension,
  BreakdownSort,
  PublicProfileMode,
  Rpc,
  StatsDetail,
  TradeFilters,
  TradeSort,
} from "./types.ts";

export const CSRF_COOKIE = "closeout_csrf";
/** The name the server gives it under https (the `__Host-` prefix: Secure, path /, no Domain). */
export const HOST_CSRF_COOKIE = `__Host-${CSRF_COOKIE}`;
export const CSRF_HEADER = "X-CSRF-Token";

/** An answer other than 2xx, with the server's error body when it sent one. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly fields: Record<string, string>;
  readonly body: ApiErrorBody | null;

  constructor(status: number, body: ApiErrorBody | null) {
    super(body?.error.message ?? `The server answered ${status}.`);
    this.name = "ApiError";
    this.status = status;
    this.code = body?.error.code ?? (status === 0 ? "network" : `http-${status}`);
    this.fields = body?.error.fields ?? {};
    this.body = body;
  }
}

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

export interface ClientDeps {
  /** Defaults to the global fetch. */
  fetch?: FetchLike;
  /** Returns `document.cookie`; defaults to the page's cookies ("" outside a browser). */
  cookies?: () => string;
  /** Prefix for every path; "" for the same origin. */
  baseUrl?: string;
}

/** The value of one cookie from a `document.cookie` string, decoded; null when absent. */
export function readCookie(cookieHeader: string, name: string): string | null {
  for (const part of cookieHeader.split(";")) {
    const eq = part.indexOf("=");
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() !== name) continue;
    const raw = part.slice(eq + 1).trim();
    try {
      return decodeURIComponent(raw);
    } catch {
      return raw;
    }
  }
  return null;
}

const STATE_CHANGING = new Set(["POST", "PUT", "PATCH", "DELETE"]);

function pageCookies(): string {
  const doc = (globalThis as { document?: { cookie?: string } }).document;
  return doc?.cookie ?? "";
}

/** The defined, non-empty values only (hc sends every value it is given). */
export function compact<T extends object>(params: T): { [K in keyof T]?: Exclude<T[K], null | ""> } {
  const kept: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === "") continue;
    kept[key] = value;
  }
  return kept as { [K in keyof T]?: Exclude<T[K], null | ""> };
}

/** Builds `?a=1&b=2` from the defined, non-empty values. */
export function toQuery(params: Record<string, string | number | undefined | null>): string {
  const text = new URLSearchParams(compact(params) as Record<string, string>).toString();
  return text === "" ? "" : `?${text}`;
}

type AnyResponse = ClientResponse<unknown, number, ResponseFormat>;
/** The JSON of a route's 2xx answers. */
type OkJson<R> =
  R extends ClientResponse<infer T, infer S, infer F>
    ? S extends SuccessStatusCode
      ? F extends "json"
        ? T
        : never
      : never
    : never;

/** The server's `{error: …}` body, when the answer has one. */
async function errorOf(response: Response): Promise<ApiError> {
  let json: unknown = null;
  try {
    const text = await response.text();
    json = text === "" ? null : JSON.parse(text);
  } catch {
    json = null;
  }
  const body = json !== null && typeof json === "object" && "error" in json ? (json as ApiErrorBody) : null;
  return new ApiError(response.status, body);
}

/** A JSON answer, or ApiError. */
export async function json<R extends AnyResponse>(call: Promise<R>): Promise<OkJson<R>> {
  const response = await call;
  if (!response.ok) throw await errorOf(response);
  const text = await response.text();
  if (text === "") return null as OkJson<R>;
  try {
    return JSON.parse(text) as OkJson<R>;
  } catch {
    return null as OkJson<R>;
  }
}

/** A 204 answer, or ApiError. */
async function empty(call: Promise<ClientResponse<null, 204, ResponseFormat>>): Promise<void> {
  const response = await call;
  if (!response.ok) throw await errorOf(response);
}

export function createApiClient(deps: ClientDeps = {}) {
  const doFetch: FetchLike = deps.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const cookies = deps.cookies ?? pageCookies;
  const base = deps.baseUrl ?? "";

  /** Every request of hc: JSON accepted, the CSRF cookie echoed on state-changing ones, failures typed. */
  const rpcFetch = async (input: string | URL | Request, init: RequestInit = {}): Promise<Response> => {
    const method = (init.method ?? "GET").toUpperCase();
    const headers = new Headers(init.headers);
    if (!headers.has("Accept")) headers.set("Accept", "application/json");
    if (STATE_CHANGING.has(method)) {
      const jar = cookies();
      const token = readCookie(jar, HOST_CSRF_COOKIE) ?? readCookie(jar, CSRF_COOKIE);
      if (token !== null) headers.set(CSRF_HEADER, token);
    }
    const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    try {
      const response = await doFetch(url, { ...init, method, headers });
      noteResponse(response);
      return response;
    } catch {
      markOffline(null);
      throw new ApiError(0, {
        error: {
          code: "network",
          message: "closeout could not be reached. Check your connection and try again.",
        },
      });
    }
  };
  const rpc: Rpc = hc<AppType>(base, { fetch: rpcFetch, init: { credentials: "same-origin" } });
  const { api } = rpc;
  const id = (value: string) => ({ param: { id: encodeURIComponent(value) } });

  return {
    /** The typed RPC client itself, for features kept in their own files (api/journal-client.ts). */
    rpc,
    signup: (email: string, password: string, invite?: string) =>
      json(api.auth.signup.$post({ json: { email, password, ...(invite ? { invite } : {}) } })),
    /** Whether this server takes sign-ups: "open", "invite" (a code from its administrator) or "closed". */
    signupOptions: () => json(api.auth.options.$get()),
    login: (email: string, password: string) => json(api.auth.login.$post({ json: { email, password } })),
    logout: () => empty(api.auth.logout.$post()),
    /** Ends every session of the user, this one included. */
    logoutEverywhere: () => empty(api.me.sessions.revoke.$post()),
    me: () => json(api.me.$get()),
    changePassword: (currentPassword: string, newPassword: string) =>
      empty(api.me.password.$post({ json: { currentPassword, newPassword } })),
    deleteAccount: (password: string) => empty(api.me.$delete({ json: { password } })),
    updateProfile: (publicProfile: PublicProfileMode, handle: string | null) =>
      json(api.me.profile.$put({ json: { publicProfile, handle } })),

    createLink: (token: string, queryId: string, tokenExpiresOn?: string) =>
      json(api.links.$post({ json: { token, queryId, tokenExpiresOn } })),
    links: () => json(api.links.$get()),
    updateToken: (linkId: string, token: string, tokenExpiresOn?: string) =>
      json(api.links[":id"].token.$put({ ...id(linkId), json: { token, tokenExpiresOn } })),
    deleteLink: (linkId: string) => empty(api.links[":id"].$delete(id(linkId))),
    syncNow: (linkId: string) => json(api.links[":id"].sync.$post(id(linkId))),
    syncs: (linkId: string) => json(api.links[":id"].syncs.$get(id(linkId))),
    linkImport: (linkId: string) => json(api.links[":id"].import.$get(id(linkId))),

    accounts: () => json(api.accounts.$get()),
    /** The statement goes as the raw XML body (the route reads it as text; hc has no typed raw body). */
    importStatement: (xml: string) =>
      json(
        api.accounts.import.$post(undefined, {
          headers: { "Content-Type": "application/xml" },
          init: { body: xml },
        }),
      ),

    trades: (filters: TradeFilters, sort?: TradeSort, cursor?: string | null, limit?: number) =>
      json(api.trades.$get({ query: compact({ ...filters, sort, cursor, limit }) })),
    /** A trade; the list's filters and sort name its neighbours in that list. */
    trade: (tradeId: string, filters: TradeFilters = {}, sort?: TradeSort) =>
      json(api.trades[":id"].$get({ ...id(tradeId), query: compact({ ...filters, sort }) })),
    /** A download link (CSV, not JSON): the browser fetches it with the session cookie. */
    tradesCsvUrl: (filters: TradeFilters) =>
      `${base}${api["trades.csv"].$path({ query: compact({ ...filters }) })}`,
    positions: (account?: string) => json(api.positions.$get({ query: compact({ account }) })),
    unmatched: (account?: string) => json(api.unmatched.$get({ query: compact({ account }) })),
    /** The dashboard's light statistics, or with `detail` more (e.g. "symbols": every bySymbol row). */
    stats: (filters: TradeFilters, detail?: StatsDetail) =>
      json(api.stats.$get({ query: compact({ ...filters, detail }) })),
    /** Account performance (NAV, TWR, flows, costs) per account, from the stored cash and NAV rows. */
    returns: (query: { account?: string; from?: string; to?: string } = {}) =>
      json(api.returns.$get({ query: compact(query) })),
    /** One page of rows by underlying or by contract (GET /api/breakdowns/:dimension). */
    breakdown: (
      dimension: BreakdownDimension,
      filters: TradeFilters,
      sort: BreakdownSort,
      page: number,
      limit: number,
    ) =>
      json(
        api.breakdowns[":dimension"].$get({
          param: { dimension },
          query: compact({ ...filters, sort, page, limit }),
        }),
      ),
    publicProfile: (handle: string) =>
      json(api.public[":handle"].$get({ param: { handle: encodeURIComponent(handle) } })),
  };
}

export type ApiClient = ReturnType<typeof createApiClient>;

export const api: ApiClient = createApiClient();

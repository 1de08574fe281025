// The one door to the closeout API. Every endpoint of docs/api.md is a typed method here, so switching to
// the typed Hono RPC client (`hc<AppType>` from "hono/client", with `AppType` imported as a type from
// `@closeout/server`) changes this file only: the methods keep their names and answer types.
import type {
  Account,
  ApiErrorBody,
  CreateLinkAnswer,
  ImportAnswer,
  Link,
  OpenPosition,
  PublicProfile,
  PublicProfileMode,
  StatsAnswer,
  Sync,
  TradeDetail,
  TradeFilters,
  TradeSort,
  TradesPage,
  Unmatched,
  User,
} from "./types.ts";

export const CSRF_COOKIE = "closeout_csrf";
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

/** Builds `?a=1&b=2` from the defined, non-empty values. */
export function toQuery(params: Record<string, string | number | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === "") continue;
    search.set(key, String(value));
  }
  const text = search.toString();
  return text === "" ? "" : `?${text}`;
}

export function createApiClient(deps: ClientDeps = {}) {
  const doFetch: FetchLike = deps.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const cookies = deps.cookies ?? pageCookies;
  const base = deps.baseUrl ?? "";

  async function request<T>(method: string, path: string, body?: unknown, contentType?: string): Promise<T> {
    const headers: Record<string, string> = { Accept: "application/json" };
    if (STATE_CHANGING.has(method)) {
      const token = readCookie(cookies(), CSRF_COOKIE);
      if (token !== null) headers[CSRF_HEADER] = token;
    }
    let payload: string | undefined;
    if (body !== undefined) {
      if (typeof body === "string") {
        payload = body;
        headers["Content-Type"] = contentType ?? "text/plain";
      } else {
        payload = JSON.stringify(body);
        headers["Content-Type"] = "application/json";
      }
    }
    let response: Response;
    try {
      response = await doFetch(`${base}${path}`, {
        method,
        headers,
        body: payload,
        credentials: "same-origin",
      });
    } catch {
      throw new ApiError(0, {
        error: {
          code: "network",
          message: "closeout could not be reached. Check your connection and try again.",
        },
      });
    }
    if (response.status === 204) return undefined as T;
    const text = await response.text();
    let json: unknown = null;
    if (text !== "") {
      try {
        json = JSON.parse(text);
      } catch {
        json = null;
      }
    }
    if (!response.ok) {
      const errorBody =
        json !== null && typeof json === "object" && "error" in json ? (json as ApiErrorBody) : null;
      throw new ApiError(response.status, errorBody);
    }
    return json as T;
  }

  const get = <T>(path: string) => request<T>("GET", path);

  return {
    signup: (email: string, password: string) =>
      request<{ user: User }>("POST", "/api/auth/signup", { email, password }),
    login: (email: string, password: string) =>
      request<{ user: User }>("POST", "/api/auth/login", { email, password }),
    logout: () => request<void>("POST", "/api/auth/logout"),
    me: () => get<{ user: User }>("/api/me"),
    changePassword: (currentPassword: string, newPassword: string) =>
      request<void>("POST", "/api/me/password", { currentPassword, newPassword }),
    deleteAccount: (password: string) => request<void>("DELETE", "/api/me", { password }),
    updateProfile: (publicProfile: PublicProfileMode, handle: string | null) =>
      request<{ user: User }>("PUT", "/api/me/profile", { publicProfile, handle }),

    createLink: (token: string, queryId: string, tokenExpiresOn?: string) =>
      request<CreateLinkAnswer>("POST", "/api/links", { token, queryId, tokenExpiresOn }),
    links: () => get<{ links: Link[] }>("/api/links"),
    updateToken: (id: string, token: string, tokenExpiresOn?: string) =>
      request<{ link: Link }>("PUT", `/api/links/${encodeURIComponent(id)}/token`, { token, tokenExpiresOn }),
    deleteLink: (id: string) => request<void>("DELETE", `/api/links/${encodeURIComponent(id)}`),
    syncNow: (id: string) => request<{ queued: true }>("POST", `/api/links/${encodeURIComponent(id)}/sync`),
    syncs: (id: string) => get<{ syncs: Sync[] }>(`/api/links/${encodeURIComponent(id)}/syncs`),

    accounts: () => get<{ accounts: Account[] }>("/api/accounts"),
    importStatement: (xml: string) =>
      request<ImportAnswer>("POST", "/api/accounts/import", xml, "application/xml"),

    trades: (filters: TradeFilters, sort?: TradeSort, cursor?: string | null, limit?: number) =>
      get<TradesPage>(`/api/trades${toQuery({ ...filters, sort, cursor, limit })}`),
    trade: (id: string) => get<TradeDetail>(`/api/trades/${encodeURIComponent(id)}`),
    tradesCsvUrl: (filters: TradeFilters) => `${base}/api/trades.csv${toQuery({ ...filters })}`,
    positions: (account?: string) =>
      get<{ openPositions: OpenPosition[] }>(`/api/positions${toQuery({ account })}`),
    unmatched: (account?: string) => get<{ unmatched: Unmatched[] }>(`/api/unmatched${toQuery({ account })}`),
    stats: (filters: TradeFilters) => get<StatsAnswer>(`/api/stats${toQuery({ ...filters })}`),
    publicProfile: (handle: string) => get<PublicProfile>(`/api/public/${encodeURIComponent(handle)}`),
  };
}

export type ApiClient = ReturnType<typeof createApiClient>;

export const api: ApiClient = createApiClient();

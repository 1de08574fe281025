// Test harness for the API: an app over a fresh test database, and a client with a cookie jar that sends the
// CSRF header the way the web app does. Requests go through app.request(), no port.
import { randomBytes } from "node:crypto";
import type { SignupMode } from "../config/serve-config.ts";
import { createTokenCipher, type TokenCipher } from "../crypto/token-cipher.ts";
import type { Db, DbKind } from "../db/database.ts";
import { createFlexClient, type FlexClient } from "../flex-client/flex-client.ts";
import { syncLink } from "../sync/sync-link.ts";
import { createTestDb } from "../test-support/test-database.ts";
import type { AppDeps } from "./app-env.ts";
import { createApp } from "./create-app.ts";
import { createMemoryLogger } from "./logger.ts";

export const TEST_ORIGIN = "http://closeout.test";

export interface TestApp {
  readonly app: ReturnType<typeof createApp>;
  readonly db: Db;
  readonly logs: string[];
  readonly enqueued: { linkId: string; reason: string }[];
  close(): Promise<void>;
}

export async function createTestApp(
  kind: DbKind,
  options: {
    flexClient?: FlexClient;
    publicMinTrades?: number;
    now?: () => number;
    db?: Db;
    signup?: SignupMode;
    proxyHops?: number;
    metricsToken?: string;
    publicUrl?: string;
    rawQuotaBytes?: number;
    uploadMaxBytes?: number;
    /** Default: recorded in `enqueued`, nothing runs (a test that wants the job run passes a real queue). */
    enqueueSync?: AppDeps["enqueueSync"];
    cipher?: TokenCipher;
    books?: AppDeps["books"];
    journalWritesPerMinute?: number;
    journalMaxChars?: number;
    /** Runs each queued sync at once, in the request, as a worker would (syncLink on the same database). */
    runSyncs?: boolean;
  } = {},
): Promise<TestApp> {
  const db = options.db ?? (await createTestDb(kind));
  const logger = createMemoryLogger();
  const enqueued: { linkId: string; reason: string }[] = [];
  const flexClient = options.flexClient ?? createFlexClient({ baseUrl: "http://127.0.0.1:9" });
  const cipher = options.cipher ?? createTokenCipher(randomBytes(32));
  const deps: AppDeps = {
    db,
    clock: { now: options.now ?? (() => Date.now()) },
    flexClient,
    cipher,
    enqueueSync: async (linkId, reason) => {
      enqueued.push({ linkId, reason });
      await options.enqueueSync?.(linkId, reason);
      if (options.runSyncs) await syncLink({ db, flexClient, cipher }, linkId);
    },
    logger,
    publicUrl: options.publicUrl ?? TEST_ORIGIN,
    publicMinTrades: options.publicMinTrades ?? 20,
    signup: options.signup ?? "open",
    proxyHops: options.proxyHops ?? 0,
    ...(options.metricsToken ? { metricsToken: options.metricsToken } : {}),
    rawQuotaBytes: options.rawQuotaBytes,
    ...(options.books ? { books: options.books } : {}),
    ...(options.uploadMaxBytes !== undefined ? { uploadMaxBytes: options.uploadMaxBytes } : {}),
    journalWritesPerMinute: options.journalWritesPerMinute,
    journalMaxChars: options.journalMaxChars,
  };
  return {
    app: createApp(deps),
    db,
    logs: logger.lines,
    enqueued,
    close: () => (options.db ? Promise.resolve() : db.close()),
  };
}

export interface TestResponse {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  // biome-ignore lint/suspicious/noExplicitAny: tests read answers freely.
  readonly json: any;
}

/** A browser-like client: keeps cookies, echoes closeout_csrf in X-CSRF-Token on unsafe methods. */
export class TestClient {
  readonly cookies = new Map<string, string>();
  constructor(
    private readonly app: TestApp["app"],
    private readonly options: { csrf?: boolean; origin?: string | null } = {},
  ) {}

  async request(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
    if (method !== "GET" && this.csrf === undefined) await this.request("GET", "/api/auth/csrf");
    const h: Record<string, string> = { ...headers };
    if (this.cookies.size > 0) h.Cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
    // A header the test names itself (e.g. a forged token) is sent as given.
    if (method !== "GET" && this.options.csrf !== false && !("X-CSRF-Token" in h))
      h["X-CSRF-Token"] = this.csrf ?? "";
    if (method !== "GET" && this.options.origin !== null) h.Origin = this.options.origin ?? TEST_ORIGIN;
    let payload: string | undefined;
    if (typeof body === "string") payload = body;
    else if (body !== undefined) {
      payload = JSON.stringify(body);
      h["Content-Type"] = "application/json";
    }
    const res = await this.app.request(path, { method, headers: h, body: payload });
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(";");
      const [name, ...rest] = pair!.split("=");
      const value = rest.join("=");
      const expired = attrs.some((a) => /max-age=0/i.test(a.trim())) || value === "";
      if (expired) this.cookies.delete(name!.trim());
      else this.cookies.set(name!.trim(), value);
    }
    const text = await res.text();
    let json: unknown = null;
    try {
      json = JSON.parse(text);
    } catch {}
    return { status: res.status, headers: res.headers, text, json } as TestResponse;
  }
  /** The CSRF cookie's value, under its https (`__Host-`) or http name. */
  get csrf(): string | undefined {
    return this.cookies.get("__Host-closeout_csrf") ?? this.cookies.get("closeout_csrf");
  }
  get(path: string) {
    return this.request("GET", path);
  }
  post(path: string, body?: unknown, headers?: Record<string, string>) {
    return this.request("POST", path, body, headers);
  }
  put(path: string, body?: unknown) {
    return this.request("PUT", path, body);
  }
  delete(path: string, body?: unknown) {
    return this.request("DELETE", path, body);
  }
}

let counter = 0;
export async function signUp(
  t: TestApp,
  email = `user${++counter}-${Date.now()}@example.com`,
  password = "correct horse battery",
) {
  const client = new TestClient(t.app);
  const res = await client.post("/api/auth/signup", { email, password });
  if (res.status !== 201) throw new Error(`signup failed: ${res.status} ${res.text}`);
  return { client, user: res.json.user as { id: string; email: string }, email, password };
}

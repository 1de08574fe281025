// Client of IB's Flex Web Service v3: SendRequest → reference code → GetStatement, polled while IB is
// still generating (1019). Transport, base URL and clock are injected so tests and the demo talk to
// flex-sim over real HTTP on loopback.
import { type Clock, systemClock } from "./clock.ts";
import { readFlexEnvelope } from "./flex-envelope.ts";
import { FlexServiceError } from "./flex-service-error.ts";
import { FLEX_SERVICE_PATH } from "./flex-service-url.ts";
import { TokenPacer } from "./token-pacer.ts";

export const IB_FLEX_BASE_URL = "https://ndcdyn.interactivebrokers.com/AccountManagement/FlexWebService";

/** The largest statement read by default (CLOSEOUT_FLEX_MAX_MB): a busy year of IB's rows is ~150 MB. */
export const DEFAULT_FLEX_MAX_BYTES = 256 * 1024 * 1024;

/** IB's answer to SendRequest is a few lines; nothing else is read past this. */
const ENVELOPE_MAX_BYTES = 1024 * 1024;

/** The part of a `fetch` response we use; a transport without `body` is read whole with `text()`. */
export interface FetchedResponse {
  readonly status: number;
  readonly body?: ReadableStream<Uint8Array> | null;
  text(): Promise<string>;
}

/** The part of `fetch` we use. */
export type FetchLike = (
  url: string,
  init: { headers: Record<string, string>; signal: AbortSignal; redirect: "error" },
) => Promise<FetchedResponse>;

export interface FlexClientOptions {
  readonly fetch?: FetchLike;
  readonly baseUrl?: string;
  readonly userAgent?: string;
  readonly timeoutMs?: number;
  /** Delays between GetStatement polls while IB answers 1019; the last one repeats up to maxPolls. */
  readonly pollDelaysMs?: readonly number[];
  readonly maxPolls?: number;
  readonly clock?: Clock;
  readonly pacer?: TokenPacer;
  /** A GetStatement body past this many bytes is refused while it downloads. */
  readonly maxStatementBytes?: number;
}

export interface FlexProgress {
  readonly phase: "requesting" | "waiting" | "downloading" | "done";
  readonly poll: number;
}

export interface FetchedStatement {
  readonly xml: string;
  readonly referenceCode: string;
  readonly polls: number;
}

export interface FlexClient {
  fetchStatement(
    credentials: { token: string; queryId: string },
    onProgress?: (p: FlexProgress) => void,
  ): Promise<FetchedStatement>;
}

export function createFlexClient(options: FlexClientOptions = {}): FlexClient {
  const fetchImpl: FetchLike = options.fetch ?? ((url, init) => fetch(url, init));
  const baseUrl = (options.baseUrl ?? IB_FLEX_BASE_URL).replace(/\/+$/, "");
  const userAgent = options.userAgent ?? "closeout/0.1 (+flex-web-service-v3)";
  const timeoutMs = options.timeoutMs ?? 30_000;
  const pollDelays = options.pollDelaysMs ?? [2_000, 3_000, 5_000, 8_000, 13_000, 20_000];
  const maxPolls = options.maxPolls ?? 15;
  const clock = options.clock ?? systemClock;
  const pacer = options.pacer ?? new TokenPacer(clock);
  const baseOrigin = new URL(baseUrl).origin;
  const maxStatementBytes = options.maxStatementBytes ?? DEFAULT_FLEX_MAX_BYTES;

  async function get(url: string, token: string, maxBytes: number | "envelope"): Promise<string> {
    await pacer.acquire(token);
    let response: FetchedResponse;
    try {
      response = await fetchImpl(url, {
        headers: { "User-Agent": userAgent, Accept: "application/xml, text/xml" },
        signal: AbortSignal.timeout(timeoutMs),
        // A redirect could lead anywhere; only the hosts checkStatementUrl allows are ever asked.
        redirect: "error",
      });
    } catch (error) {
      if (isRedirectRefusal(error)) {
        throw new FlexServiceError(
          "disallowed-host",
          null,
          "IB's Flex Web Service answered with a redirect; closeout follows none, so it only ever talks to IB's hosts.",
        );
      }
      const timedOut =
        error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError");
      throw new FlexServiceError(
        timedOut ? "timeout" : "network",
        null,
        timedOut
          ? `IB's Flex Web Service did not answer within ${Math.round(timeoutMs / 1000)} s; closeout will try again later.`
          : "IB's Flex Web Service could not be reached; closeout will try again later.",
      );
    }
    // A 404 from the service's own address is a wrong base URL, not an IB outage: asking again cannot help.
    if (response.status === 404) {
      throw new FlexServiceError(
        "not-found",
        null,
        `The Flex Web Service address answered HTTP 404 (not found), so the Flex base URL is wrong. Set CLOSEOUT_FLEX_BASE_URL (or --flex-base-url) to the service's host or to its address ending with ${FLEX_SERVICE_PATH}.`,
      );
    }
    if (response.status >= 400) {
      throw new FlexServiceError(
        "http-status",
        null,
        `IB's Flex Web Service answered HTTP ${response.status}; closeout will try again later.`,
      );
    }
    try {
      return await readBody(response, maxBytes);
    } catch (error) {
      if (error instanceof FlexServiceError) throw error;
      throw new FlexServiceError(
        "network",
        null,
        "The download from IB broke off; closeout will try again later.",
      );
    }
  }

  /** The statement URL comes from IB's answer; it is followed only to IB's own hosts (or the configured base). */
  function checkStatementUrl(raw: string | null): string {
    const fallback = `${baseUrl}/GetStatement`;
    if (raw === null || raw === "") return fallback;
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      throw new FlexServiceError("bad-response", null, "IB returned an unreadable statement address.");
    }
    const ibHost =
      url.protocol === "https:" &&
      (url.hostname === "interactivebrokers.com" || url.hostname.endsWith(".interactivebrokers.com"));
    if (!ibHost && url.origin !== baseOrigin) {
      throw new FlexServiceError(
        "disallowed-host",
        null,
        "IB's answer pointed to a host that is not IB's; closeout did not follow it.",
      );
    }
    return `${url.origin}${url.pathname}`;
  }

  return {
    async fetchStatement({ token, queryId }, onProgress) {
      const q = (params: Record<string, string>) => new URLSearchParams({ ...params, v: "3" }).toString();
      onProgress?.({ phase: "requesting", poll: 0 });
      const sendBody = await get(`${baseUrl}/SendRequest?${q({ t: token, q: queryId })}`, token, "envelope");
      const sent = readFlexEnvelope(sendBody);
      if (sent === null)
        throw new FlexServiceError(
          "bad-response",
          null,
          "IB's answer to the statement request was not understood.",
        );
      if (sent.status !== "Success" || sent.referenceCode === null) {
        throw new FlexServiceError("ib-error", sent.errorCode ?? "1020");
      }
      const statementUrl = checkStatementUrl(sent.url);
      for (let poll = 1; poll <= maxPolls; poll++) {
        onProgress?.({ phase: poll === 1 ? "downloading" : "waiting", poll });
        const body = await get(
          `${statementUrl}?${q({ t: token, q: sent.referenceCode })}`,
          token,
          maxStatementBytes,
        );
        const envelope = readFlexEnvelope(body);
        if (envelope === null) {
          onProgress?.({ phase: "done", poll });
          return { xml: body, referenceCode: sent.referenceCode, polls: poll };
        }
        const code = envelope.errorCode ?? "1020";
        if (code !== "1019") throw new FlexServiceError("ib-error", code);
        await clock.sleep(pollDelays[Math.min(poll - 1, pollDelays.length - 1)] ?? 5_000);
      }
      throw new FlexServiceError(
        "ib-error",
        null,
        `IB was still generating the statement after ${maxPolls} tries; closeout will try again later.`,
      );
    },
  };
}

/** Reads a body chunk by chunk and stops as soon as it is larger than its limit. */
async function readBody(response: FetchedResponse, limit: number | "envelope"): Promise<string> {
  const maxBytes = limit === "envelope" ? ENVELOPE_MAX_BYTES : limit;
  if (!response.body) {
    // A transport without a stream (an injected one) is read whole first.
    const text = await response.text();
    if (text.length > maxBytes) throw tooLarge(limit);
    return text;
  }
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  const parts: string[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => {});
      throw tooLarge(limit);
    }
    parts.push(decoder.decode(value, { stream: true }));
  }
  parts.push(decoder.decode());
  return parts.join("");
}

function tooLarge(limit: number | "envelope"): FlexServiceError {
  if (limit === "envelope") {
    return new FlexServiceError(
      "too-large",
      null,
      "IB's answer to the statement request is larger than 1 MB, far more than it ever is; closeout did not read it.",
    );
  }
  const mb = Math.round((limit / (1024 * 1024)) * 10) / 10;
  return new FlexServiceError(
    "too-large",
    null,
    `The statement from IB is larger than ${mb} MB (CLOSEOUT_FLEX_MAX_MB), so closeout did not read it; ` +
      "shorten the Flex query's period or raise the limit.",
  );
}

/** fetch (undici) rejects a redirect under `redirect: "error"` with a TypeError whose cause names it. */
function isRedirectRefusal(error: unknown): boolean {
  const cause = error instanceof Error ? (error.cause as unknown) : null;
  return cause instanceof Error && /redirect/i.test(cause.message);
}

import { createRng, type Rng } from "./create-rng.ts";
import type { FlexErrorCode } from "./flex-errors.ts";

export type FlexEndpoint = "SendRequest" | "GetStatement";

/** Faults injectable per token. `times` bounds how often one fires (default: every time it applies). */
export type FlexSimFault =
  /** Enforces IB's pacing (1 request/s and 10/min per token by default) with error 1018. */
  | { readonly kind: "rate-limit"; readonly perSecond?: number; readonly perMinute?: number }
  | { readonly kind: "http-500"; readonly endpoint?: FlexEndpoint; readonly times?: number }
  /** Accepts the request and never answers (until the simulator closes). */
  | { readonly kind: "timeout"; readonly endpoint?: FlexEndpoint; readonly times?: number }
  /** Sends half of the statement with the full Content-Length, then drops the connection. */
  | { readonly kind: "truncated-body"; readonly times?: number }
  /** Trickles the statement `bytesPerTick` bytes every `intervalMs`. */
  | {
      readonly kind: "slow-body";
      readonly bytesPerTick?: number;
      readonly intervalMs?: number;
      readonly times?: number;
    }
  /** Error 1009 on the next `times` requests. */
  | { readonly kind: "heavy-load"; readonly times: number; readonly endpoint?: FlexEndpoint }
  /** Any IB error code on the given endpoint. */
  | {
      readonly kind: "error";
      readonly code: FlexErrorCode;
      readonly endpoint?: FlexEndpoint;
      readonly times?: number;
    };

export interface FlexSimQuery {
  readonly accounts?: number | readonly string[];
  readonly seed?: number;
  readonly executions?: number;
  readonly fromDate?: string;
  readonly toDate?: string;
  readonly omitSections?: readonly string[];
  /** Also serve the account-performance sections (cash, NAV, ChangeInNAV); see GenerateStatementOptions. */
  readonly accountSections?: boolean;
  /** A fixed statement to serve instead of a generated one. */
  readonly xml?: string;
}

export interface FlexSimToken {
  readonly queries: Readonly<Record<string, FlexSimQuery>>;
  readonly expired?: boolean;
  readonly invalid?: boolean;
  readonly ipRestricted?: boolean;
  readonly inactive?: boolean;
  /** GetStatement answers 1019 this many times per reference before the statement is ready. */
  readonly pollsBeforeReady?: number;
  readonly faults?: readonly FlexSimFault[];
}

export interface FlexSimRequestCounts {
  sendRequest: number;
  getStatement: number;
}

export type FlexSimDecision =
  | { readonly type: "error"; readonly code: FlexErrorCode }
  | { readonly type: "reference"; readonly referenceCode: string }
  | { readonly type: "http-500" }
  | { readonly type: "timeout" }
  | { readonly type: "statement"; readonly query: FlexSimQuery; readonly delivery: StatementDelivery };

export type StatementDelivery =
  | { readonly kind: "whole" }
  | { readonly kind: "truncated" }
  | { readonly kind: "slow"; readonly bytesPerTick: number; readonly intervalMs: number };

interface TokenState {
  readonly config: FlexSimToken;
  readonly counts: FlexSimRequestCounts;
  readonly recent: number[];
  readonly faultUses: number[];
}

interface Reference {
  readonly token: string;
  readonly queryId: string;
  pollsLeft: number;
}

/**
 * Tokens, queries, references and fault plans of the fake Flex service. Tokens are secrets in real life,
 * so this class never prints them; tests read counts through `requestCounts(token)`.
 */
export class FlexSimRegistry {
  private readonly tokens = new Map<string, TokenState>();
  private readonly references = new Map<string, Reference>();
  private readonly unknownCounts: FlexSimRequestCounts = { sendRequest: 0, getStatement: 0 };
  private readonly rng: Rng;

  constructor(
    seed: number,
    private readonly now: () => number,
  ) {
    this.rng = createRng(seed ^ 0xf1e5);
  }

  addToken(token: string, config: FlexSimToken): void {
    this.tokens.set(token, {
      config,
      counts: { sendRequest: 0, getStatement: 0 },
      recent: [],
      faultUses: (config.faults ?? []).map(() => 0),
    });
  }

  removeToken(token: string): void {
    this.tokens.delete(token);
  }

  /** Requests seen for a token (unknown tokens are counted together under any unregistered name). */
  requestCounts(token: string): FlexSimRequestCounts {
    return { ...(this.tokens.get(token)?.counts ?? this.unknownCounts) };
  }

  handle(
    endpoint: FlexEndpoint,
    token: string | null,
    q: string | null,
    version: string | null,
  ): FlexSimDecision {
    const state = token === null ? undefined : this.tokens.get(token);
    const counts = state?.counts ?? this.unknownCounts;
    if (endpoint === "SendRequest") counts.sendRequest++;
    else counts.getStatement++;
    if (!token || !q || (version !== null && version !== "3" && version !== "2"))
      return { type: "error", code: 1020 };
    if (!state || state.config.invalid) return { type: "error", code: 1015 };
    const fault = this.takeFault(state, endpoint);
    if (fault) return fault;
    const { config } = state;
    if (config.expired) return { type: "error", code: 1012 };
    if (config.ipRestricted) return { type: "error", code: 1013 };
    if (config.inactive) return { type: "error", code: 1011 };
    if (this.overPace(state)) return { type: "error", code: 1018 };
    if (endpoint === "SendRequest") {
      if (!Object.hasOwn(config.queries, q)) return { type: "error", code: 1014 };
      const referenceCode = String(this.rng.int(1_000_000_000, 9_999_999_999));
      this.references.set(referenceCode, { token, queryId: q, pollsLeft: config.pollsBeforeReady ?? 0 });
      return { type: "reference", referenceCode };
    }
    const reference = this.references.get(q);
    if (!reference || reference.token !== token) return { type: "error", code: 1017 };
    if (reference.pollsLeft > 0) {
      reference.pollsLeft--;
      return { type: "error", code: 1019 };
    }
    const query = config.queries[reference.queryId];
    if (!query) return { type: "error", code: 1003 };
    return { type: "statement", query, delivery: this.takeDelivery(state) };
  }

  private takeFault(state: TokenState, endpoint: FlexEndpoint): FlexSimDecision | null {
    const faults = state.config.faults ?? [];
    for (const [index, fault] of faults.entries()) {
      if (fault.kind === "rate-limit" || fault.kind === "truncated-body" || fault.kind === "slow-body")
        continue;
      if (fault.endpoint && fault.endpoint !== endpoint) continue;
      if (!this.use(state, index, fault.times)) continue;
      if (fault.kind === "http-500") return { type: "http-500" };
      if (fault.kind === "timeout") return { type: "timeout" };
      if (fault.kind === "heavy-load") return { type: "error", code: 1009 };
      return { type: "error", code: fault.code };
    }
    return null;
  }

  private takeDelivery(state: TokenState): StatementDelivery {
    for (const [index, fault] of (state.config.faults ?? []).entries()) {
      if (fault.kind === "truncated-body" && this.use(state, index, fault.times))
        return { kind: "truncated" };
      if (fault.kind === "slow-body" && this.use(state, index, fault.times)) {
        return { kind: "slow", bytesPerTick: fault.bytesPerTick ?? 512, intervalMs: fault.intervalMs ?? 5 };
      }
    }
    return { kind: "whole" };
  }

  private use(state: TokenState, index: number, times: number | undefined): boolean {
    const used = state.faultUses[index] ?? 0;
    if (times !== undefined && used >= times) return false;
    state.faultUses[index] = used + 1;
    return true;
  }

  /** IB counts every request against the token's pace, refused ones included. */
  private overPace(state: TokenState): boolean {
    const limit = state.config.faults?.find((f) => f.kind === "rate-limit");
    if (limit?.kind !== "rate-limit") return false;
    const now = this.now();
    while (state.recent.length > 0 && (state.recent[0] ?? 0) <= now - 60_000) state.recent.shift();
    const lastSecond = state.recent.filter((t) => t > now - 1_000).length;
    state.recent.push(now);
    return lastSecond >= (limit.perSecond ?? 1) || state.recent.length > (limit.perMinute ?? 10);
  }
}

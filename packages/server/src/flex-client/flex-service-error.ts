import { type FlexErrorInfo, flexErrorInfo, type RetryClass } from "./flex-error-codes.ts";

export type FlexFailureKind =
  | "ib-error"
  | "timeout"
  | "network"
  | "http-status"
  | "not-found"
  | "bad-response"
  | "disallowed-host"
  | "too-large";

const FATAL_KINDS: ReadonlySet<FlexFailureKind> = new Set(["disallowed-host", "too-large", "not-found"]);

/** A Flex Web Service failure. The message is safe to show and log: it never contains the token or a URL. */
export class FlexServiceError extends Error {
  readonly kind: FlexFailureKind;
  readonly ibCode: string | null;
  readonly info: FlexErrorInfo;

  constructor(kind: FlexFailureKind, ibCode: string | null, message?: string) {
    const info =
      ibCode !== null
        ? flexErrorInfo(ibCode)
        : {
            // Asking again would get the same answer: a foreign host, a statement past the size limit, or a
            // base URL that does not point at the service.
            retry: (FATAL_KINDS.has(kind) ? "fatal" : "transient") as RetryClass,
            linkStatus: "ib-unavailable" as const,
            message: message ?? "IB's Flex Web Service could not be reached; closeout will try again later.",
          };
    super(ibCode !== null ? `IB error ${ibCode}: ${info.message}` : info.message);
    this.name = "FlexServiceError";
    this.kind = kind;
    this.ibCode = ibCode;
    this.info = info;
  }

  get retry(): RetryClass {
    return this.info.retry;
  }

  /** How long to wait before the next try of the whole sync (IB asks for a pause after 1018). */
  get retryAfterMs(): number | null {
    if (this.info.retry === "throttled") return 65_000;
    if (this.info.retry === "transient") return 5 * 60_000;
    return null;
  }
}

// Why a sync failed, in terms the link and the queue act on: which link status to show, whether to retry
// (with backoff, after IB's pause, or never), and a message for people that never contains the token.
import { FlexFormatError } from "@closeout/core";
import { AppError } from "../app-error.ts";
import { TokenDecryptError } from "../crypto/token-cipher.ts";
import { FlexServiceError } from "../flex-client/flex-service-error.ts";
import type { SyncLinkStatus } from "./link-status.ts";

/** IB's 1018 asks for a pause of at least a minute. */
export const MIN_THROTTLE_PAUSE_MS = 60_000;

export interface SyncFailure {
  readonly linkStatus: SyncLinkStatus;
  readonly retry: "backoff" | "after-pause" | "never";
  readonly retryAfterMs: number;
  readonly ibErrorCode: string | null;
  readonly message: string;
}

export function classifySyncFailure(
  error: unknown,
  { lastAttempt, redact }: { lastAttempt: boolean; redact: string | null },
): SyncFailure {
  const failure = classify(error);
  let message = failure.message;
  if (failure.retry === "backoff" && lastAttempt)
    message = `${message} (gave up for today; the next daily sync tries again)`;
  return { ...failure, message: redactSecret(message, redact) };
}

function classify(error: unknown): SyncFailure {
  if (error instanceof FlexServiceError) {
    const retry = error.retry;
    return {
      linkStatus: retry === "fatal" ? fatalStatus(error) : "ib-unavailable",
      retry: retry === "fatal" ? "never" : retry === "throttled" ? "after-pause" : "backoff",
      retryAfterMs: Math.max(error.retryAfterMs ?? 0, retry === "throttled" ? MIN_THROTTLE_PAUSE_MS : 0),
      ibErrorCode: error.ibCode,
      message: error.message,
    };
  }
  if (error instanceof FlexFormatError) {
    // A cut-off or garbled download may come right on the next try; a statement with a DOCTYPE never will,
    // and slash dates need the user to change the query's Date Format.
    if (error.code === "ambiguous-date-format") return stop("query-invalid", error.message);
    const retry = error.code === "doctype-forbidden" ? "never" : "backoff";
    return {
      linkStatus: "statement-rejected",
      retry,
      retryAfterMs: 0,
      ibErrorCode: null,
      message: `IB's statement could not be read (${error.code}): ${error.message}. Nothing was stored.`,
    };
  }
  if (error instanceof AppError && error.code === "flex-query-incomplete") {
    return stop("query-invalid", `${error.message} Then update the link with the token again.`);
  }
  if (error instanceof AppError && error.code === "account-owned-by-another-user") {
    return stop("account-conflict", `${error.message}. Check that the Flex query is of your own account.`);
  }
  if (error instanceof AppError && error.code === "raw-quota-exceeded") {
    return stop("statement-rejected", `${error.message}. The server's operator can raise the quota.`);
  }
  if (error instanceof TokenDecryptError) {
    return stop(
      "token-invalid",
      "The stored Flex token could not be decrypted. Enter the token again to update the link.",
    );
  }
  return {
    linkStatus: "error",
    retry: "backoff",
    retryAfterMs: 0,
    ibErrorCode: null,
    message: "closeout hit an unexpected error during the sync; nothing was stored. It will try again.",
  };
}

function fatalStatus(error: FlexServiceError): SyncLinkStatus {
  const status = error.info.linkStatus;
  return status === "ok" || status === "ib-unavailable" ? "error" : status;
}

function stop(linkStatus: SyncLinkStatus, message: string): SyncFailure {
  return { linkStatus, retry: "never", retryAfterMs: 0, ibErrorCode: null, message };
}

/** Defence in depth: the Flex client's messages never carry the token, but nothing stored may either. */
export function redactSecret(text: string, secret: string | null): string {
  if (secret === null || secret.length < 4) return text;
  return text.split(secret).join("[token]");
}

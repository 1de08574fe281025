// The one HTTP error handler: every failure becomes {error: {code, message, fields?}} with the status from
// the AppError catalogue. Unexpected errors are logged with their stack and answered with a generic message.
import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { AppError, asSentence, fieldSentence, toAppError } from "../app-error.ts";
import type { AppEnv } from "./app-env.ts";
import { errorFields } from "./logger.ts";

export interface ErrorBody {
  error: {
    code: string;
    message: string;
    fields?: Record<string, string>;
    ibErrorCode?: string | null;
    check?: unknown;
  };
}

/** The answer's body; its message and field messages are sentences a page can show as they are. */
export function errorBody(error: AppError): ErrorBody {
  const { fields, ibErrorCode, check } = error.details;
  return {
    error: {
      code: error.code,
      message: asSentence(error.message),
      ...(fields
        ? {
            fields: Object.fromEntries(
              Object.entries(fields).map(([field, message]) => [field, fieldSentence(field, message)]),
            ),
          }
        : {}),
      ...(ibErrorCode !== undefined ? { ibErrorCode } : {}),
      ...(check !== undefined ? { check } : {}),
    },
  };
}

function fromHttpException(error: HTTPException): AppError {
  if (error.status === 413) return new AppError("payload-too-large", "the request body is too large");
  if (error.status === 401) return new AppError("unauthenticated", "sign in first");
  if (error.status === 400) {
    // hono's JSON validator: the body is not JSON.
    return new AppError("validation", "the request body is not valid JSON", {
      fields: { body: "not valid JSON" },
    });
  }
  return new AppError("internal", "closeout hit an unexpected error; nothing was changed");
}

export function handleError(error: unknown, c: Context<AppEnv>): Response {
  const appError = error instanceof HTTPException ? fromHttpException(error) : toAppError(error);
  const log = c.get("log");
  if (appError.code === "internal") log?.error("unhandled error", errorFields(error));
  const status = appError.httpStatus as ContentfulStatusCode;
  if (appError.details.retryAfterSeconds !== undefined) {
    c.header("Retry-After", String(appError.details.retryAfterSeconds));
  }
  return c.json(errorBody(appError), status);
}

export function notFound(what: string): AppError {
  return new AppError("not-found", `this ${what} was not found; it may have been removed`);
}

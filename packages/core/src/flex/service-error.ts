// The Flex Web Service answers failures (expired token, statement not ready, ...) with a FlexStatementResponse
// envelope instead of a statement; users sometimes save that answer as their "statement".
import { FlexFormatError } from "./flex-format-error.ts";

/** IB's Web Service answers errors with <FlexStatementResponse><ErrorCode/><ErrorMessage/>, not a statement. */
export function serviceError(fields: ReadonlyMap<string, string>): FlexFormatError {
  const code = fields.get("ErrorCode")?.trim() ?? "";
  const message = (fields.get("ErrorMessage") ?? "").replace(/\s+/g, " ").trim().slice(0, 200);
  if (code === "" && message === "") {
    return new FlexFormatError(
      "not-flex-statement",
      "This is a Flex Web Service response without a statement (FlexStatementResponse), not a Flex statement.",
    );
  }
  return new FlexFormatError(
    "flex-service-error",
    `IB's Flex Web Service returned error ${code || "(no code)"}: ${message || "(no message)"}`,
  );
}

/** IB Flex Web Service v3 error codes and their exact messages, as IB sends them. */
export const FLEX_ERRORS = {
  1001: "Statement could not be generated at this time. Please try again shortly.",
  1003: "Statement is not available.",
  1004: "Statement is incomplete at this time. Please try again shortly.",
  1005: "Settlement data is not ready at this time. Please try again shortly.",
  1006: "FIFO P/L data is not ready at this time. Please try again shortly.",
  1007: "MTM P/L data is not ready at this time. Please try again shortly.",
  1008: "MTM and FIFO P/L data is not ready at this time. Please try again shortly.",
  1009: "The server is under heavy load. Statement could not be generated at this time. Please try again shortly.",
  1010: "Legacy Flex Queries are no longer supported. Please convert over to Activity Flex.",
  1011: "Service account is inactive.",
  1012: "Token has expired.",
  1013: "IP restriction.",
  1014: "Query is invalid.",
  1015: "Token is invalid.",
  1016: "Account in invalid.",
  1017: "Reference code is invalid.",
  1018: "Too many requests have been made from this token. Please try again shortly.",
  1019: "Statement generation in progress. Please try again shortly.",
  1020: "Invalid request or unable to validate request.",
  1021: "Statement could not be retrieved at this time. Please try again shortly.",
} as const;

export type FlexErrorCode = keyof typeof FLEX_ERRORS;

/** IB's envelope timestamp, e.g. "28 August, 2012 10:37 AM EDT" (rendered in UTC here). */
export function flexTimestamp(epochMs: number): string {
  const date = new Date(epochMs);
  const months = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
  ];
  const hours = date.getUTCHours();
  const minutes = String(date.getUTCMinutes()).padStart(2, "0");
  return `${date.getUTCDate()} ${months[date.getUTCMonth()]}, ${date.getUTCFullYear()} ${String(hours % 12 || 12).padStart(2, "0")}:${minutes} ${hours < 12 ? "AM" : "PM"} UTC`;
}

/** The Fail envelope; 1019 comes as "Warn" from IB, since polling again is the expected reaction. */
export function flexErrorEnvelope(code: FlexErrorCode, epochMs: number): string {
  const status = code === 1019 ? "Warn" : "Fail";
  return (
    `<FlexStatementResponse timestamp='${flexTimestamp(epochMs)}'>\n<Status>${status}</Status>\n` +
    `<ErrorCode>${code}</ErrorCode>\n<ErrorMessage>${FLEX_ERRORS[code]}</ErrorMessage>\n</FlexStatementResponse>\n`
  );
}

export function flexSuccessEnvelope(referenceCode: string, getStatementUrl: string, epochMs: number): string {
  return (
    `<FlexStatementResponse timestamp='${flexTimestamp(epochMs)}'>\n<Status>Success</Status>\n` +
    `<ReferenceCode>${referenceCode}</ReferenceCode>\n<Url>${getStatementUrl}</Url>\n</FlexStatementResponse>\n`
  );
}

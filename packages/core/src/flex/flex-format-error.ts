// Unusable input: the whole file is rejected (exit 2). Bad rows are never this; they become Issues.

export type FlexFormatErrorCode =
  | "malformed-xml"
  | "truncated"
  | "not-flex-statement"
  | "flex-service-error"
  | "doctype-forbidden"
  | "ambiguous-date-format"
  // Hostile input (flex-input-limits.ts): refused before it costs memory.
  | "nesting-too-deep"
  | "too-many-attributes"
  | "attribute-too-long"
  | "markup-too-long"
  | "too-many-rows";

/** Thrown when a document cannot be read at all. `message` is one human line, without stack or secrets. */
export class FlexFormatError extends Error {
  readonly code: FlexFormatErrorCode;

  constructor(code: FlexFormatErrorCode, message: string) {
    super(message);
    this.name = "FlexFormatError";
    this.code = code;
  }
}

/** IB's "Date Format" setting offers slash formats; month/day order cannot be told apart, so we refuse them. */
export function ambiguousDateError(field: string, value: string): FlexFormatError {
  return new FlexFormatError(
    "ambiguous-date-format",
    `${field} "${value.slice(0, 40)}" uses a slash date, which is ambiguous (month/day or day/month): ` +
      'in the Flex query settings change "Date Format" to yyyyMMdd and run the query again.',
  );
}

// How much of anything a document may have before it is refused as hostile (ADR 0002, "Limits"). Each bound is
// far above what IB's statements hold (the ADR gives the real samples' figures) and far below what would cost
// real memory.
import { FlexFormatError } from "./flex-format-error.ts";

export interface FlexInputLimits {
  /** Elements open at once. A Flex statement nests 5 deep (root, statements, statement, section, row). */
  readonly maxDepth: number;
  /** Attributes in one tag. */
  readonly maxAttributes: number;
  /** Characters of one attribute value. */
  readonly maxAttributeChars: number;
  /**
   * Characters of one piece of markup or text: a tag with its attributes, the text between two tags, a
   * comment, a CDATA section or a processing instruction (saxes builds each as one string).
   */
  readonly maxMarkupChars: number;
  /** Elements in the document (rows, sections, statements): a busy year is ~200k rows. */
  readonly maxRows: number;
}

export const DEFAULT_FLEX_INPUT_LIMITS: FlexInputLimits = {
  maxDepth: 32,
  maxAttributes: 1024,
  maxAttributeChars: 8192,
  maxMarkupChars: 1024 * 1024,
  maxRows: 1_000_000,
};

const NOT_READ = "a Flex statement never comes close, so the file was not read.";

export function tooDeep(limits: FlexInputLimits): FlexFormatError {
  return new FlexFormatError(
    "nesting-too-deep",
    `The file nests elements more than ${limits.maxDepth} deep; ${NOT_READ}`,
  );
}

export function tooManyAttributes(limits: FlexInputLimits): FlexFormatError {
  return new FlexFormatError(
    "too-many-attributes",
    `A tag has more than ${limits.maxAttributes} attributes; ${NOT_READ}`,
  );
}

export function attributeTooLong(limits: FlexInputLimits, name: string): FlexFormatError {
  return new FlexFormatError(
    "attribute-too-long",
    `The attribute ${name.slice(0, 40)} is longer than ${limits.maxAttributeChars} characters; ${NOT_READ}`,
  );
}

export function markupTooLong(limits: FlexInputLimits): FlexFormatError {
  return new FlexFormatError(
    "markup-too-long",
    `A tag, text, comment or CDATA section is longer than ${limits.maxMarkupChars} characters; ${NOT_READ}`,
  );
}

export function tooManyRows(limits: FlexInputLimits): FlexFormatError {
  return new FlexFormatError(
    "too-many-rows",
    `The file has more than ${limits.maxRows} rows; that is far more than a year of IB statements, so the file was not read.`,
  );
}

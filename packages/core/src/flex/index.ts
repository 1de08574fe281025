// Public API of the Flex statement parser.
export {
  createFlexParser,
  FLEX_CHUNK_BYTES,
  type FlexParser,
  type FlexParserOptions,
} from "./create-flex-parser.ts";
export { FlexFormatError, type FlexFormatErrorCode } from "./flex-format-error.ts";
export { DEFAULT_FLEX_INPUT_LIMITS, type FlexInputLimits } from "./flex-input-limits.ts";
export { mergeFlexData, nextFlexParserOptions } from "./merge-flex-data.ts";
export { parseFlex } from "./parse-flex.ts";

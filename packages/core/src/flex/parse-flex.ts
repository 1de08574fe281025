// Convenience for a document already in memory (tests, small files).
import type { FlexData } from "../types.ts";
import { createFlexParser, type FlexParserOptions } from "./create-flex-parser.ts";

export function parseFlex(text: string, options?: FlexParserOptions): FlexData {
  const parser = createFlexParser(options);
  parser.write(text);
  return parser.end();
}

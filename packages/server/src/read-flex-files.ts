// Reads Flex XML files from disk in chunks and feeds the streaming parser, so a large statement is never
// held as one string next to its parse result.
import { createReadStream } from "node:fs";
import {
  createFlexParser,
  FLEX_CHUNK_BYTES,
  type FlexData,
  mergeFlexData,
  nextFlexParserOptions,
} from "@closeout/core";
import { AppError } from "./app-error.ts";

export async function readFlexFile(
  path: string,
  offsets: { fileOrderStart: number; statementIndexStart: number } = {
    fileOrderStart: 0,
    statementIndexStart: 0,
  },
): Promise<FlexData> {
  const parser = createFlexParser(offsets);
  let first = true;
  try {
    const stream = createReadStream(path, { encoding: "utf8", highWaterMark: FLEX_CHUNK_BYTES });
    for await (const chunk of stream as AsyncIterable<string>) {
      // A UTF-8 byte-order mark is legal at the start of a file but not inside the XML prolog.
      parser.write(first && chunk.charCodeAt(0) === 0xfeff ? chunk.slice(1) : chunk);
      first = false;
    }
  } catch (error) {
    if (error instanceof Error && "syscall" in error) {
      throw new AppError("unreadable-file", `cannot read ${path}: ${describeFsError(error)}`);
    }
    throw error;
  }
  return parser.end();
}

/** Several files are one history (report-contract "Commands"): parsed in turn, then merged. */
export async function readFlexFiles(paths: readonly string[]): Promise<FlexData> {
  const parts: FlexData[] = [];
  let offsets = { fileOrderStart: 0, statementIndexStart: 0 };
  for (const path of paths) {
    const data = await readFlexFile(path, offsets);
    parts.push(data);
    // A file without rows hands back offsets of 0: never move backwards.
    const next = nextFlexParserOptions(data);
    offsets = {
      fileOrderStart: Math.max(offsets.fileOrderStart, next.fileOrderStart),
      statementIndexStart: Math.max(offsets.statementIndexStart, next.statementIndexStart),
    };
  }
  return mergeFlexData(parts);
}

function describeFsError(error: Error): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === "ENOENT") return "no such file";
  if (code === "EACCES") return "permission denied";
  if (code === "EISDIR") return "is a directory";
  return code ?? "read error";
}

// A trade book as it is stored: core's lossless text encoding, gzipped, with its closed-trade count.

import { gzipSync } from "node:zlib";
import { encodeTradeBook, type StoredBook } from "@closeout/core";
import { gzipOffThread } from "./zlib-off-thread.ts";

export interface PackedTradeBook {
  readonly gzip: Uint8Array;
  readonly tradeCount: number;
}

// Level 1: a 30k-trade book (16 MB of text) becomes 4.3 MB in ~0.11 s; the default level gives 3.4 MB but
// takes ~0.46 s, inside the import's transaction.
const LEVEL = 1;

/** On zlib's thread pool (the main thread only encodes). */
export async function packTradeBook(book: StoredBook): Promise<PackedTradeBook> {
  const gzip = await gzipOffThread(Buffer.from(encodeTradeBook(book), "utf8"), LEVEL);
  return { gzip, tradeCount: book.trades.length };
}

/** In the calling thread: for a worker thread that has nothing else to do. */
export function packTradeBookSync(book: StoredBook): PackedTradeBook {
  const gzip = gzipSync(Buffer.from(encodeTradeBook(book), "utf8"), { level: LEVEL });
  return { gzip, tradeCount: book.trades.length };
}

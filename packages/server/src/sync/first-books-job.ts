// Runs in the worker thread started by first-books.ts: parses the statement again (parsing is deterministic,
// so this is the same FlexData the import holds), builds every account's trade book, packs each one and
// hands the bytes back (transferred, not copied).
import { parentPort, workerData } from "node:worker_threads";
import { parseFlex } from "@closeout/core";
import { packTradeBookSync } from "../db/packed-trade-book.ts";
import { booksByIbAccount } from "./books-by-ib-account.ts";

export interface FirstBooksJob {
  readonly rawXml: string;
}

export type FirstBooksReply =
  | { readonly ok: true; readonly books: readonly (readonly [string, Uint8Array, number])[] }
  | { readonly ok: false; readonly error: string };

function run({ rawXml }: FirstBooksJob): FirstBooksReply {
  try {
    const books = [...booksByIbAccount(parseFlex(rawXml))].map(([ib, book]) => {
      const packed = packTradeBookSync(book);
      // A copy of its own: a small Buffer is a slice of Node's shared pool, which must not be transferred.
      return [ib, new Uint8Array(packed.gzip), packed.tradeCount] as const;
    });
    return { ok: true, books };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

if (parentPort !== null) {
  const reply = run(workerData as FirstBooksJob);
  const transfer = reply.ok ? reply.books.map(([, gzip]) => gzip.buffer as ArrayBuffer) : [];
  parentPort.postMessage(reply, transfer);
}

// gzip/gunzip of whole buffers on zlib's thread pool, in one pass.
//
// Node's callback zlib works in rounds of `chunkSize` bytes of output (16 KB by default), and each round needs
// a turn of the event loop before the next starts. While an import keeps the main thread busy (the embedded
// PGlite runs its statements there), a 77 MB statement's gzip crawled along one 16 KB round per turn and was
// still unfinished when the rows were stored: measured 0.7 s of waiting at the end of a 100k-execution import.
// An output buffer the size of the whole result lets the thread pool do it all in one round.
import { promisify } from "node:util";
import { gunzip, gzip } from "node:zlib";

const gzipAsync = promisify(gzip);
const gunzipAsync = promisify(gunzip);

/** zlib's smallest allowed chunk size is 64 bytes; keep a sane floor above it. */
const MIN_CHUNK = 64 * 1024;
/** zlib keeps one output buffer of this size per call: cap it so a hostile size field cannot ask for more. */
const MAX_CHUNK = 256 * 1024 * 1024;

const clampChunk = (bytes: number) => Math.min(MAX_CHUNK, Math.max(MIN_CHUNK, Math.ceil(bytes)));

/** gzip with an output buffer large enough for the whole result (deflate never grows data by more than ~0.1%). */
export function gzipOffThread(input: Buffer, level = 6): Promise<Buffer> {
  return gzipAsync(input, { level, chunkSize: clampChunk(input.length * 1.001 + 1024) });
}

/** gunzip with an output buffer sized from the gzip trailer (ISIZE: the input size mod 2^32). */
export function gunzipOffThread(input: Buffer): Promise<Buffer> {
  const size = input.length >= 18 ? input.readUInt32LE(input.length - 4) : 0;
  return gunzipAsync(input, { chunkSize: clampChunk(size + 1) });
}

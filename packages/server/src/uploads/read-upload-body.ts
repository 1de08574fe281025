// Reads an upload's body with a byte limit, chunk by chunk as it arrives, so a body past the limit is refused
// having cost at most the limit (a declared Content-Length past it costs nothing). The bytes land in shared
// memory: the worker that checks the statement (check-statement-off-thread.ts) reads them without a copy.
import { AppError } from "../app-error.ts";

/** The default of CLOSEOUT_UPLOAD_MAX_MB: a year of an active account's executions is well under it. */
export const DEFAULT_UPLOAD_MAX_BYTES = 100 * 1024 * 1024;

export function uploadTooLarge(maxBytes: number): AppError {
  const mb = Math.round((maxBytes / (1024 * 1024)) * 10) / 10;
  return new AppError(
    "payload-too-large",
    `the statement is larger than the upload limit of ${mb} MB (CLOSEOUT_UPLOAD_MAX_MB); upload a shorter date range`,
  );
}

export async function readUploadBody(request: Request, maxBytes: number): Promise<Uint8Array> {
  const declared = Number(request.headers.get("content-length") ?? Number.NaN);
  if (declared > maxBytes) throw uploadTooLarge(maxBytes);
  if (request.body === null) return new Uint8Array(0);
  let buffer = sharedBytes(declared > 0 ? declared : 1024 * 1024);
  let size = 0;
  const reader = request.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    const end = size + value.byteLength;
    if (end > maxBytes) {
      await reader.cancel().catch(() => {});
      throw uploadTooLarge(maxBytes);
    }
    if (end > buffer.byteLength) {
      const grown = sharedBytes(Math.min(maxBytes, Math.max(end, buffer.byteLength * 2)));
      grown.set(buffer.subarray(0, size));
      buffer = grown;
    }
    buffer.set(value, size);
    size = end;
  }
  return buffer.subarray(0, size);
}

function sharedBytes(length: number): Uint8Array {
  return new Uint8Array(new SharedArrayBuffer(length));
}

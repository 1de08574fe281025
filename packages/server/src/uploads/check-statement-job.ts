// Worker-thread job of check-statement-off-thread.ts: reads the uploaded bytes through the Flex parser with its
// limits and answers whether the statement is usable. The bytes are shared memory and decoded a chunk at a time,
// so hostile input never becomes one large string here.
import { StringDecoder } from "node:string_decoder";
import { parentPort, workerData } from "node:worker_threads";
import { createFlexParser, FLEX_CHUNK_BYTES, FlexFormatError, type FlexInputLimits } from "@closeout/core";

export interface CheckStatementJob {
  readonly bytes: Uint8Array;
  readonly limits: Partial<FlexInputLimits>;
}

export type CheckStatementReply = { ok: true } | { ok: false; code: string; message: string };

function check(job: CheckStatementJob): CheckStatementReply {
  const { bytes } = job;
  const parser = createFlexParser({ limits: job.limits });
  const decoder = new StringDecoder("utf8");
  try {
    for (let at = 0; at < bytes.byteLength; at += FLEX_CHUNK_BYTES) {
      const end = Math.min(bytes.byteLength, at + FLEX_CHUNK_BYTES);
      let text = decoder.write(Buffer.from(bytes.buffer, bytes.byteOffset + at, end - at));
      if (at === 0 && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      parser.write(text);
    }
    const rest = decoder.end();
    if (rest !== "") parser.write(rest);
    parser.end();
    return { ok: true };
  } catch (error) {
    if (error instanceof FlexFormatError) return { ok: false, code: error.code, message: error.message };
    throw error;
  }
}

parentPort?.postMessage(check(workerData as CheckStatementJob));

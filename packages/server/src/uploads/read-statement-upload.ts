// A statement upload from the body of a request to what the import needs: the raw XML and its parse. The body
// is read with a byte limit, checked on a worker thread with the parser's limits, and only then decoded and
// parsed here (in steps), so hostile input costs the server neither memory nor a blocked event loop.
import type { FlexData, FlexInputLimits } from "@closeout/core";
import { AppError } from "../app-error.ts";
import { checkStatementOffThread } from "./check-statement-off-thread.ts";
import { parseFlexInSteps } from "./parse-flex-in-steps.ts";
import { DEFAULT_UPLOAD_MAX_BYTES, readUploadBody } from "./read-upload-body.ts";

export interface StatementUploadOptions {
  /** CLOSEOUT_UPLOAD_MAX_MB in bytes. */
  readonly maxBytes?: number;
  readonly limits?: Partial<FlexInputLimits>;
}

export async function readStatementUpload(
  request: Request,
  options: StatementUploadOptions = {},
): Promise<{ xml: string; data: FlexData }> {
  const bytes = await readUploadBody(request, options.maxBytes ?? DEFAULT_UPLOAD_MAX_BYTES);
  if (
    bytes.byteLength < 4096 &&
    decode(bytes)
      .replace(/^\uFEFF/, "")
      .trim() === ""
  ) {
    throw new AppError("validation", "send the Flex statement XML as the request body", {
      fields: { body: "is empty" },
    });
  }
  await checkStatementOffThread(bytes, options.limits);
  const xml = decode(bytes);
  const data = await parseFlexInSteps(xml.charCodeAt(0) === 0xfeff ? xml.slice(1) : xml, options.limits);
  return { xml, data };
}

function decode(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("utf8");
}

// Parses a statement already checked off the main thread (check-statement-off-thread.ts) on the main thread,
// yielding to the event loop every few chunks so that other requests are answered while a large one is read.
import { createFlexParser, FLEX_CHUNK_BYTES, type FlexData, type FlexInputLimits } from "@closeout/core";

const CHUNKS_PER_STEP = 8;

export async function parseFlexInSteps(
  xml: string,
  limits: Partial<FlexInputLimits> = {},
): Promise<FlexData> {
  const parser = createFlexParser({ limits });
  for (let at = 0, chunk = 0; at < xml.length; at += FLEX_CHUNK_BYTES, chunk++) {
    if (chunk > 0 && chunk % CHUNKS_PER_STEP === 0) await new Promise((resolve) => setImmediate(resolve));
    parser.write(xml.slice(at, at + FLEX_CHUNK_BYTES));
  }
  return parser.end();
}

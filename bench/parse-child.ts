// One parse measurement in its own process (see parse-throughput.ts). Prints one JSON line.
import { createReadStream } from "node:fs";
import { createFlexParser, FLEX_CHUNK_BYTES } from "@closeout/core";
import { SaxesParser } from "saxes";

const [mode, file] = process.argv.slice(2);
if (!file) throw new Error("usage: parse-child <bare|parse> <file>");
const mb = () => process.memoryUsage().rss / 1e6;
const baseRssMb = mb();
let peakRssMb = baseRssMb;
const started = performance.now();
let executions = 0;

const stream = createReadStream(file, { encoding: "utf8", highWaterMark: FLEX_CHUNK_BYTES });
if (mode === "bare") {
  const sax = new SaxesParser();
  sax.on("opentag", (tag) => {
    if (tag.name === "Trade") executions++;
  });
  for await (const chunk of stream as AsyncIterable<string>) {
    sax.write(chunk);
    peakRssMb = Math.max(peakRssMb, mb());
  }
  sax.close();
} else {
  const parser = createFlexParser();
  for await (const chunk of stream as AsyncIterable<string>) {
    parser.write(chunk);
    peakRssMb = Math.max(peakRssMb, mb());
  }
  executions = parser.end().executions.length;
  peakRssMb = Math.max(peakRssMb, mb());
}
const seconds = (performance.now() - started) / 1000;
console.log(JSON.stringify({ mode, seconds, baseRssMb, peakRssMb, executions }));

// The 25 real Flex statements live beside the repository, in <repo>/../shared/flex-samples/ (see SOURCES.md).
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const SAMPLES_URL = new URL("../../../../../shared/flex-samples/", import.meta.url);

/** Absolute path of the samples folder. */
export const SAMPLES_DIR = fileURLToPath(SAMPLES_URL);

/** File names of all XML samples, sorted. */
export function sampleNames(): string[] {
  return readdirSync(SAMPLES_DIR)
    .filter((f) => f.endsWith(".xml"))
    .sort();
}

/** Absolute path of one sample, e.g. samplePath("titov-vv_jal_ibkr.xml"). */
export function samplePath(name: string): string {
  return fileURLToPath(new URL(name, SAMPLES_URL));
}

/** Absolute paths of all XML samples, sorted by name. */
export function samplePaths(): string[] {
  return sampleNames().map(samplePath);
}

export function readSample(name: string): string {
  return readFileSync(samplePath(name), "utf8");
}

// Parse throughput on a generated ~50 MB statement (~200k executions), as a ratio to a bare pass of the same
// tokenizer (saxes) over the same bytes, plus MB/s and peak RSS growth. Each measurement runs in a fresh
// child process so peak RSS belongs to that measurement alone.
import { execFileSync } from "node:child_process";
import { createWriteStream, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { generateStatementChunks } from "@closeout/flex-sim";

const CHILD = fileURLToPath(new URL("./parse-child.ts", import.meta.url));

export async function writeGeneratedStatement(
  path: string,
  executions: number,
  accounts: number,
): Promise<void> {
  const out = createWriteStream(path);
  for (const chunk of generateStatementChunks({
    seed: 42,
    accounts,
    executions,
    fromDate: "2025-01-02",
    toDate: "2025-12-31",
  })) {
    if (!out.write(chunk)) await new Promise<void>((resolve) => out.once("drain", () => resolve()));
  }
  await new Promise<void>((resolve, reject) =>
    out.end((error?: Error | null) => (error ? reject(error) : resolve())),
  );
}

interface ChildResult {
  mode: string;
  seconds: number;
  baseRssMb: number;
  peakRssMb: number;
  executions: number;
}

function runChild(mode: "bare" | "parse", file: string): ChildResult {
  const out = execFileSync(
    process.execPath,
    ["--conditions=closeout-source", "--import", "tsx", CHILD, mode, file],
    { encoding: "utf8" },
  );
  return JSON.parse(out.trim().split("\n").pop() ?? "{}") as ChildResult;
}

export async function benchParse(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "closeout-bench-"));
  try {
    const file = join(dir, "statement.xml");
    // ~700 bytes per full IB row: 70k executions make a file of at least 50 MB.
    await writeGeneratedStatement(file, 70_000, 3);
    const mb = statSync(file).size / 1e6;
    // Alternate the two modes and keep each one's best of three, so a noisy neighbour hurts both alike.
    const bare: ChildResult[] = [];
    const parse: ChildResult[] = [];
    for (let i = 0; i < 3; i++) {
      bare.push(runChild("bare", file));
      parse.push(runChild("parse", file));
    }
    const best = (rs: ChildResult[]) => rs.reduce((a, b) => (b.seconds < a.seconds ? b : a));
    const b = best(bare);
    const p = best(parse);
    const growth = Math.max(...parse.map((r) => r.peakRssMb - r.baseRssMb));
    console.log(`file: ${mb.toFixed(1)} MB, ${p.executions} executions`);
    console.log(`bare saxes pass: ${b.seconds.toFixed(2)} s (${(mb / b.seconds).toFixed(1)} MB/s)`);
    console.log(`closeout parser: ${p.seconds.toFixed(2)} s (${(mb / p.seconds).toFixed(1)} MB/s)`);
    console.log(`ratio parser/bare speed: ${((b.seconds / p.seconds) * 100).toFixed(1)}% (target ≥ 50%)`);
    console.log(`peak RSS growth while parsing: ${growth.toFixed(0)} MB (target < 150 MB)`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

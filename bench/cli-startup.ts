// The built CLI's start-up, as a user runs it: `--help` and `report` on a small real sample, against `node -e 0`
// (Node's own start) and `npm run -s env` (npm's own start, which `npm run -s closeout` pays too), all in the
// same run, best of 5 each, wall time and peak RSS (GNU time). Also `report --json` on the 50 MB statement (the
// eTax sample's trades repeated) with and without `--max-semi-space-size=64`.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { ETAX_SAMPLE, writeRepeatedEtaxStatement } from "./repeat-etax-statement.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const BIN = join(ROOT, "bin/closeout.js");
const RUNS = 5;

interface Run {
  readonly seconds: number;
  readonly peakRssMb: number;
}

const TIME = "/usr/bin/time";
const hasTime = existsSync(TIME);

/** Wall time of the whole process; its peak RSS from GNU time when installed (else 0). */
function once(command: string, args: readonly string[]): Promise<Run> {
  const rssFile = join(tmpdir(), `closeout-bench-rss-${process.pid}`);
  const [cmd, argv] = hasTime ? [TIME, ["-f", "%M", "-o", rssFile, command, ...args]] : [command, [...args]];
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(cmd, argv, { cwd: ROOT, stdio: ["ignore", "ignore", "ignore"] });
    child.once("error", reject);
    child.once("exit", (code) => {
      const seconds = (performance.now() - started) / 1000;
      if (code !== 0) return reject(new Error(`${command} ${args.join(" ")} exited ${code}`));
      const peakRssMb = hasTime ? Number(readFileSync(rssFile, "utf8").trim().split("\n").pop()) / 1024 : 0;
      resolve({ seconds, peakRssMb });
    });
  });
}

async function best(command: string, args: readonly string[]): Promise<Run> {
  const runs: Run[] = [];
  for (let i = 0; i < RUNS; i++) runs.push(await once(command, args));
  return runs.reduce((a, b) => (b.seconds < a.seconds ? b : a));
}

const s = (r: Run) => `${r.seconds.toFixed(3)} s, ${r.peakRssMb.toFixed(0)} MB`;

export async function benchCliStartup(): Promise<void> {
  // Build first, so that no measurement includes a rebuild.
  spawnSync(process.execPath, [BIN, "--help"], { cwd: ROOT, stdio: ["ignore", "ignore", "inherit"] });
  const node = await best(process.execPath, ["-e", "0"]);
  const npmEnv = await best("npm", ["run", "-s", "env"]);
  const help = await best(process.execPath, [BIN, "--help"]);
  const npmHelp = await best("npm", ["run", "-s", "closeout", "--", "--help"]);
  const report = await best(process.execPath, [BIN, "report", ETAX_SAMPLE]);
  const npmReport = await best("npm", ["run", "-s", "closeout", "--", "report", ETAX_SAMPLE]);
  console.log(`node -e 0: ${s(node)}; npm run -s env: ${s(npmEnv)}`);
  console.log(
    `closeout --help: ${s(help)} (${(help.seconds / node.seconds).toFixed(1)}× node -e 0, +${(help.seconds - node.seconds).toFixed(3)} s)`,
  );
  console.log(
    `npm run -s closeout -- --help: ${s(npmHelp)} (+${(npmHelp.seconds - npmEnv.seconds).toFixed(3)} s over npm run -s env, target ≤ 0.25 s)`,
  );
  console.log(
    `closeout report (eTax sample, 1.3 MB): ${s(report)} (${(report.seconds / node.seconds).toFixed(1)}× node -e 0)`,
  );
  console.log(
    `npm run -s closeout -- report: ${s(npmReport)} (+${(npmReport.seconds - npmEnv.seconds).toFixed(3)} s over npm run -s env, target ≤ 0.35 s)`,
  );

  const dir = mkdtempSync(join(tmpdir(), "closeout-bench-"));
  try {
    const big = join(dir, "etax-50mb.xml");
    const trades = writeRepeatedEtaxStatement(big);
    const plain = await best(process.execPath, [BIN, "report", "--json", big]);
    const semi = await best(process.execPath, ["--max-semi-space-size=64", BIN, "report", "--json", big]);
    console.log(`closeout report --json (50 MB, ${trades} trades): ${s(plain)}`);
    console.log(
      `  with --max-semi-space-size=64: ${s(semi)} (${((plain.seconds / semi.seconds - 1) * 100).toFixed(0)}% faster)`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

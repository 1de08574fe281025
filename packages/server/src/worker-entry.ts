// Where a worker thread starts. The built server (dist/*.js) starts the job module itself; from sources (tests,
// benchmarks under tsx) it starts a .mjs shim that registers tsx, and the thread resolves the workspace packages
// to their sources like its host (the "closeout-source" export condition, ADR 0012).
export interface WorkerEntry {
  readonly url: URL;
  readonly execArgv: string[];
}

/** `hostUrl` is the caller's import.meta.url; `shim` the .mjs beside it; `job` the job module's name in dist. */
export function workerEntry(hostUrl: string, shim: string, job: string): WorkerEntry {
  return hostUrl.endsWith(".ts")
    ? { url: new URL(shim, hostUrl), execArgv: ["--conditions=closeout-source"] }
    : { url: new URL(job, hostUrl), execArgv: [] };
}

// Signals for long-running commands. systemd and `kill -- -PGID` signal every process of the group, and
// `npm start` runs tsx, which forwards its own signal: one stop often arrives as two signals. So the handlers
// stay installed after the first one: a later signal is logged and only hurries the shutdown (syncs in flight
// are released for another worker), never kills the process mid-sync.
import type { Logger } from "../api/logger.ts";

const SIGNALS: readonly NodeJS.Signals[] = ["SIGINT", "SIGTERM"];

/** Resolves with the first SIGINT/SIGTERM, so long-running commands can stop gracefully. */
export function waitForShutdown(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const onSignal = (signal: NodeJS.Signals) => {
      for (const s of SIGNALS) process.off(s, onSignal);
      resolve(signal);
    };
    for (const s of SIGNALS) process.on(s, onSignal);
  });
}

export interface Stoppable {
  /** Stops gracefully: waits for requests and syncs in flight. */
  stop(): Promise<void>;
  /** Stops waiting for syncs: releases them for another worker at once. */
  releaseSyncs(): Promise<number>;
  /** Gives up on requests still in flight (the deadline). */
  closeConnections?(): void;
}

/**
 * Runs until the first signal, then stops `target`. Later signals release the syncs in flight at once; at
 * `deadlineMs` the syncs are released and open connections closed. Returns the first signal.
 */
export async function stopOnSignals(
  target: Stoppable,
  logger: Logger,
  { deadlineMs }: { deadlineMs: number },
): Promise<NodeJS.Signals> {
  let first: NodeJS.Signals | null = null;
  let released: Promise<unknown> | null = null;
  const release = (why: string) => {
    released ??= target
      .releaseSyncs()
      .then((n) => logger.info("syncs in flight released", { reason: why, released: n }))
      .catch((error: unknown) =>
        logger.warn("releasing syncs failed", {
          error: error instanceof Error ? error.message : String(error),
        }),
      );
    return released;
  };
  const signalled = new Promise<NodeJS.Signals>((resolve) => {
    const onSignal = (signal: NodeJS.Signals) => {
      if (first === null) {
        first = signal;
        resolve(signal);
        return;
      }
      logger.warn(
        "another stop signal while shutting down: releasing syncs in flight, still draining requests",
        {
          signal,
        },
      );
      void release("signal");
    };
    for (const s of SIGNALS) process.on(s, onSignal);
  });
  const signal = await signalled;
  logger.info("shutting down", { signal, deadlineSeconds: deadlineMs / 1000 });
  const deadline = setTimeout(() => {
    logger.warn("shutdown deadline reached: releasing syncs and closing connections");
    void release("deadline").then(() => target.closeConnections?.());
  }, deadlineMs);
  deadline.unref();
  try {
    await target.stop();
    if (released) await released;
  } finally {
    clearTimeout(deadline);
  }
  // Work that was released may still hold a timer or a socket (an abandoned Flex poll): it must not keep a
  // stopped process alive.
  setTimeout(() => process.exit(), 1_000).unref();
  return signal;
}

import { generateStatementChunks } from "./generate-statement.ts";
import type { GenerateStatementOptions } from "./statement-options.ts";

export interface StatementTruth {
  /** Non-CASH Trade rows (cancelled and cancelling rows and expiry/assignment bookings included). */
  readonly executionCount: number;
  /** Round trips opened and closed inside the window (flips count the trade they close). */
  readonly closedRoundTrips: number;
  /** Non-zero end positions, keyed "accountId:conid". */
  readonly endPositions: Readonly<Record<string, number>>;
  /** Positions held before the window, keyed "accountId:conid" (the part no execution explains). */
  readonly startPositions: Readonly<Record<string, number>>;
}

/** The statement plus what the generator knows it put in, for tests (holds the whole XML in memory). */
export function generateStatementWithTruth(options: GenerateStatementOptions): {
  xml: string;
  truth: StatementTruth;
} {
  let executionCount = 0;
  let closedRoundTrips = 0;
  const endPositions: Record<string, number> = {};
  const startPositions: Record<string, number> = {};
  let xml = "";
  const chunks = generateStatementChunks(options, ({ accountId, simulation }) => {
    executionCount += simulation.executionCount;
    closedRoundTrips += simulation.closedRoundTrips;
    for (const [conid, holding] of simulation.holdings) {
      if (holding.book.position !== 0) endPositions[`${accountId}:${conid}`] = holding.book.position;
    }
    for (const [conid, quantity] of simulation.startPositions)
      startPositions[`${accountId}:${conid}`] = quantity;
  });
  for (const chunk of chunks) xml += chunk;
  return { xml, truth: { executionCount, closedRoundTrips, endPositions, startPositions } };
}

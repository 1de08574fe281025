import { describe, expect, it } from "vitest";
import type { LinkImport } from "../api/types.ts";
import { linkImportFinished, linkImportWords } from "./link-import-words.ts";

const progress = (over: Partial<LinkImport>): LinkImport => ({
  state: "queued",
  statementExecutions: null,
  executionsAdded: null,
  executionsExisting: null,
  trades: null,
  attempts: 0,
  message: null,
  updatedAt: "2026-12-05T00:00:00Z",
  ...over,
});

describe("link import words", () => {
  it("follows the import from the queue to its counts, in one count format", () => {
    expect(linkImportWords(progress({ statementExecutions: 1200 }))).toBe(
      "Your statement (1,200 executions) is waiting for its turn to be imported…",
    );
    expect(linkImportWords(progress({ state: "importing", statementExecutions: 1 }))).toBe(
      "Importing 1 execution and building your trades…",
    );
    expect(
      linkImportWords(
        progress({ state: "done", executionsAdded: 12345, executionsExisting: 0, trades: 4321 }),
      ),
    ).toBe("Imported 12,345 executions: 4,321 closed trades.");
    expect(
      linkImportWords(progress({ state: "done", executionsAdded: 2, executionsExisting: 1000, trades: 1 })),
    ).toBe("Imported 2 executions (1,000 already stored): 1 closed trade.");
  });

  it("says that closeout retries by itself, and shows a failure's own words", () => {
    expect(linkImportWords(progress({ state: "retrying", attempts: 2, message: "IB is busy." }))).toBe(
      "IB is busy. closeout tries again by itself (2 tries so far); you can leave this page.",
    );
    expect(linkImportWords(progress({ state: "failed", message: "The query lacks X." }))).toBe(
      "The query lacks X.",
    );
    expect(linkImportFinished({ state: "retrying" })).toBe(false);
    expect(linkImportFinished({ state: "failed" })).toBe(true);
  });
});

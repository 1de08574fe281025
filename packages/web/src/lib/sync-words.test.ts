import { describe, expect, it } from "vitest";
import type { Sync } from "../api/types.ts";
import { daysUntil, latestSync, linkStatusWords, syncWords } from "./sync-words.ts";

const sync = (over: Partial<Sync>): Sync => ({
  id: "s",
  status: "succeeded",
  startedAt: "2025-01-01T00:00:00Z",
  finishedAt: null,
  ibErrorCode: null,
  message: null,
  executionsAdded: null,
  ...over,
});

describe("sync words", () => {
  it("says what a sync is doing", () => {
    expect(syncWords(sync({ status: "succeeded", executionsAdded: 1 }))).toBe(
      "Finished: 1 new execution imported.",
    );
    // One way of writing counts: grouped like every other count on the page.
    expect(syncWords(sync({ status: "succeeded", executionsAdded: 3032 }))).toMatch(
      /^Finished: 3[,.\u00a0\u202f]032 new executions imported\.$/,
    );
    expect(syncWords(sync({ status: "failed", message: "The Flex token has expired." }))).toBe(
      "The Flex token has expired.",
    );
  });
  it("picks the latest started sync", () => {
    const a = sync({ id: "a", startedAt: "2025-01-01T00:00:00Z" });
    const b = sync({ id: "b", startedAt: "2025-01-02T00:00:00Z" });
    expect(latestSync([a, b])?.id).toBe("b");
    expect(
      latestSync([b, sync({ id: "r", status: "running", startedAt: "2025-01-01T12:00:00Z" }), a])?.id,
    ).toBe("b");
    expect(latestSync([])).toBeNull();
  });
  it("words link statuses", () => {
    expect(linkStatusWords({ status: "ip-restricted", statusMessage: null })).toMatch(/IP address/);
    expect(linkStatusWords({ status: "weird", statusMessage: "Server words" })).toBe("Server words");
  });
  it("counts days to token expiry", () => {
    expect(daysUntil("2025-02-01", "2025-01-15")).toBe(17);
    expect(daysUntil("2025-01-10", "2025-01-15")).toBe(-5);
    expect(daysUntil(null, "2025-01-15")).toBeNull();
  });
});

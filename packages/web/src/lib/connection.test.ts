import { afterEach, describe, expect, it } from "vitest";
import { connection, markOnline, noteResponse, OFFLINE_HEADER, subscribeConnection } from "./connection.ts";

const answer = (headers: Record<string, string>) => ({ headers: new Headers(headers) });

describe("connection state from API answers", () => {
  afterEach(() => markOnline());

  it("is offline, as of the replayed answer's Date, while the service worker replays saved answers", () => {
    let changes = 0;
    const stop = subscribeConnection(() => changes++);
    noteResponse(answer({ [OFFLINE_HEADER]: "1", Date: "Sat, 05 Dec 2026 16:20:00 GMT" }));
    expect(connection()).toEqual({ state: "offline", asOf: "2026-12-05T16:20:00.000Z" });
    // An older saved answer shown too: the banner names the older time, never a newer one.
    noteResponse(answer({ [OFFLINE_HEADER]: "1", Date: "Sat, 05 Dec 2026 09:00:00 GMT" }));
    expect(connection()).toEqual({ state: "offline", asOf: "2026-12-05T09:00:00.000Z" });
    noteResponse(answer({ [OFFLINE_HEADER]: "1", Date: "Sat, 05 Dec 2026 17:00:00 GMT" }));
    expect(connection()).toEqual({ state: "offline", asOf: "2026-12-05T09:00:00.000Z" });
    // A fresh answer from the server: online again.
    noteResponse(answer({ Date: "Sat, 05 Dec 2026 17:01:00 GMT" }));
    expect(connection()).toEqual({ state: "online" });
    expect(changes).toBe(3);
    stop();
  });
});

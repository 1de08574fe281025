import { describe, expect, it } from "vitest";
import { matchRoute } from "./router.ts";

describe("matchRoute", () => {
  it("matches static and parameter routes", () => {
    expect(matchRoute("/")).toEqual({ name: "home", params: {} });
    expect(matchRoute("/trades")).toEqual({ name: "trades", params: {} });
    expect(matchRoute("/trades/")).toEqual({ name: "trades", params: {} });
    expect(matchRoute("/trades/t%2F1")).toEqual({ name: "trade", params: { id: "t/1" } });
    expect(matchRoute("/p/jane_doe")).toEqual({ name: "public", params: { handle: "jane_doe" } });
  });
  it("falls through to not-found", () => {
    expect(matchRoute("/nope").name).toBe("not-found");
    expect(matchRoute("/p/").name).toBe("not-found");
    expect(matchRoute("/trades/%E0%A4%A").name).toBe("not-found");
  });
});

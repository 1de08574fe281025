import { randomBytes } from "node:crypto";
import { gunzipSync, gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { gunzipOffThread, gzipOffThread } from "./zlib-off-thread.ts";

describe("gzipOffThread / gunzipOffThread", () => {
  it("round-trip text and incompressible bytes, and read what zlib's defaults wrote", async () => {
    const text = Buffer.from("<Trade symbol='AAPL' quantity='100'/>\n".repeat(200_000), "utf8");
    const noise = randomBytes(3 * 1024 * 1024);
    for (const input of [text, noise, Buffer.alloc(0)]) {
      const packed = await gzipOffThread(input);
      expect(gunzipSync(packed).equals(input)).toBe(true);
      expect((await gunzipOffThread(packed)).equals(input)).toBe(true);
      expect((await gunzipOffThread(gzipSync(input))).equals(input)).toBe(true);
    }
    expect((await gzipOffThread(text, 1)).length).toBeLessThan(text.length / 20);
  });

  it("still inflates everything when the size in the gzip trailer is wrong", async () => {
    const input = Buffer.from("x".repeat(1_000_000), "utf8");
    const packed = Buffer.from(gzipSync(input));
    packed.writeUInt32LE(10, packed.length - 4); // claims 10 bytes: zlib then fails the trailer check
    await expect(gunzipOffThread(packed)).rejects.toThrow();
    // Two gzip members in a row: the trailer names only the last member's size.
    const twice = Buffer.concat([gzipSync(input), gzipSync(Buffer.from("end"))]);
    expect((await gunzipOffThread(twice)).toString("utf8")).toBe(`${input.toString("utf8")}end`);
  });
});

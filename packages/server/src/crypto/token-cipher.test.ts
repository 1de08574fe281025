import { randomBytes } from "node:crypto";
import { chmod, mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  createTokenCipher,
  loadOrCreateKeyFile,
  parseTokenKey,
  TokenDecryptError,
  TokenKeyError,
} from "./token-cipher.ts";

const TOKEN = "123456789012345678901234";

describe("token cipher", () => {
  const cipher = createTokenCipher(randomBytes(32));

  it("round-trips a token with a fresh IV each time", () => {
    const a = cipher.encrypt(TOKEN);
    const b = cipher.encrypt(TOKEN);
    expect(a.iv).toHaveLength(12);
    expect(a.tag).toHaveLength(16);
    expect(a.iv.equals(b.iv)).toBe(false);
    expect(a.ciphertext.includes(Buffer.from(TOKEN))).toBe(false);
    expect(cipher.decrypt(a)).toBe(TOKEN);
    expect(cipher.decrypt(b)).toBe(TOKEN);
  });

  it("detects a changed ciphertext, tag or IV, and a wrong key", () => {
    const sealed = cipher.encrypt(TOKEN);
    const flip = (b: Buffer) => {
      const copy = Buffer.from(b);
      copy[0]! ^= 1;
      return copy;
    };
    expect(() => cipher.decrypt({ ...sealed, ciphertext: flip(sealed.ciphertext) })).toThrow(
      TokenDecryptError,
    );
    expect(() => cipher.decrypt({ ...sealed, tag: flip(sealed.tag) })).toThrow(TokenDecryptError);
    expect(() => cipher.decrypt({ ...sealed, iv: flip(sealed.iv) })).toThrow(TokenDecryptError);
    expect(() => cipher.decrypt({ ...sealed, tag: sealed.tag.subarray(0, 8) })).toThrow(TokenDecryptError);
    expect(() => createTokenCipher(randomBytes(32)).decrypt(sealed)).toThrow(TokenDecryptError);
  });

  it("never puts the token in an error message", () => {
    const sealed = cipher.encrypt(TOKEN);
    try {
      createTokenCipher(randomBytes(32)).decrypt(sealed);
    } catch (error) {
      expect(String(error)).not.toContain(TOKEN);
      expect((error as Error).stack ?? "").not.toContain(TOKEN);
    }
  });

  it("accepts only 32-byte base64 keys", () => {
    const key = randomBytes(32);
    expect(parseTokenKey(key.toString("base64")).equals(key)).toBe(true);
    expect(() => parseTokenKey(randomBytes(16).toString("base64"))).toThrow(TokenKeyError);
    expect(() => parseTokenKey("not base64 at all!")).toThrow(TokenKeyError);
    expect(() => createTokenCipher(randomBytes(31))).toThrow(TokenKeyError);
  });
});

describe("loadOrCreateKeyFile", () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "closeout-key-"));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("creates a key file with mode 0600 and reads the same key back", async () => {
    const path = join(dir, "nested", "token.key");
    const key = await loadOrCreateKeyFile(path);
    expect(key).toHaveLength(32);
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect((await loadOrCreateKeyFile(path)).equals(key)).toBe(true);
    expect((await readFile(path, "utf8")).trim()).toBe(key.toString("base64"));
  });

  it("gives concurrent first starts the same key", async () => {
    const path = join(dir, "token.key");
    const keys = await Promise.all([
      loadOrCreateKeyFile(path),
      loadOrCreateKeyFile(path),
      loadOrCreateKeyFile(path),
    ]);
    expect(keys[1]!.equals(keys[0]!)).toBe(true);
    expect(keys[2]!.equals(keys[0]!)).toBe(true);
  });

  it("refuses a key file that group or others can read", async () => {
    const path = join(dir, "token.key");
    await writeFile(path, randomBytes(32).toString("base64"));
    await chmod(path, 0o644);
    await expect(loadOrCreateKeyFile(path)).rejects.toThrow(/chmod 600/);
    await chmod(path, 0o640);
    await expect(loadOrCreateKeyFile(path)).rejects.toThrow(TokenKeyError);
    await chmod(path, 0o600);
    await expect(loadOrCreateKeyFile(path)).resolves.toHaveLength(32);
  });

  it("refuses a key file that does not hold a 32-byte key", async () => {
    const path = join(dir, "token.key");
    await writeFile(path, "short", { mode: 0o600 });
    await expect(loadOrCreateKeyFile(path)).rejects.toThrow(TokenKeyError);
  });
});

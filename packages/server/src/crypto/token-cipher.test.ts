import { createCipheriv, randomBytes } from "node:crypto";
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
  tokenKeyFingerprint,
} from "./token-cipher.ts";

const TOKEN = "123456789012345678901234";

const LINK = "6f1c2a0e-0d6b-4b8e-9d2a-3c4b5a697887";
const OTHER_LINK = "0b7f5e4c-2a1d-4c3b-8e9f-1a2b3c4d5e6f";

describe("token cipher", () => {
  const key = randomBytes(32);
  const cipher = createTokenCipher(key);

  it("round-trips a token with a fresh IV each time, recording the key id", () => {
    const a = cipher.encrypt(TOKEN, LINK);
    const b = cipher.encrypt(TOKEN, LINK);
    expect(a.iv).toHaveLength(12);
    expect(a.tag).toHaveLength(16);
    expect(a.iv.equals(b.iv)).toBe(false);
    expect(a.ciphertext.includes(Buffer.from(TOKEN))).toBe(false);
    expect(a).toMatchObject({ format: 2, keyId: cipher.keyId });
    expect(cipher.decrypt(a, LINK)).toBe(TOKEN);
    expect(cipher.decrypt(b, LINK)).toBe(TOKEN);
  });

  it("opens a token only for the link it was sealed for", () => {
    const sealed = cipher.encrypt(TOKEN, LINK);
    expect(() => cipher.decrypt(sealed, OTHER_LINK)).toThrow(TokenDecryptError);
    // Claiming the old format (no associated data) does not get around the binding either.
    expect(() => cipher.decrypt({ ...sealed, format: 1, keyId: null }, LINK)).toThrow(TokenDecryptError);
  });

  it("still reads format 1 (no key id, no associated data)", () => {
    const iv = randomBytes(12);
    const legacy = createCipheriv("aes-256-gcm", key, iv);
    const ciphertext = Buffer.concat([legacy.update(TOKEN, "utf8"), legacy.final()]);
    const sealed = { ciphertext, iv, tag: legacy.getAuthTag(), format: 1 as const, keyId: null };
    expect(cipher.decrypt(sealed, LINK)).toBe(TOKEN);
    expect(() => createTokenCipher(randomBytes(32)).decrypt(sealed, LINK)).toThrow(TokenDecryptError);
  });

  it("detects a changed ciphertext, tag, IV or key id, and a wrong key", () => {
    const sealed = cipher.encrypt(TOKEN, LINK);
    const flip = (b: Buffer) => {
      const copy = Buffer.from(b);
      copy[0]! ^= 1;
      return copy;
    };
    const open = (s: typeof sealed) => () => cipher.decrypt(s, LINK);
    expect(open({ ...sealed, ciphertext: flip(sealed.ciphertext) })).toThrow(TokenDecryptError);
    expect(open({ ...sealed, tag: flip(sealed.tag) })).toThrow(TokenDecryptError);
    expect(open({ ...sealed, iv: flip(sealed.iv) })).toThrow(TokenDecryptError);
    expect(open({ ...sealed, tag: sealed.tag.subarray(0, 8) })).toThrow(TokenDecryptError);
    expect(open({ ...sealed, keyId: "0000000000000000" })).toThrow(TokenDecryptError);
    expect(() => createTokenCipher(randomBytes(32)).decrypt(sealed, LINK)).toThrow(TokenDecryptError);
  });

  it("names a key by a fingerprint that is stable and differs between keys", () => {
    expect(cipher.keyId).toMatch(/^[0-9a-f]{16}$/);
    expect(tokenKeyFingerprint(key)).toBe(cipher.keyId);
    expect(createTokenCipher(Buffer.from(key)).keyId).toBe(cipher.keyId);
    expect(createTokenCipher(randomBytes(32)).keyId).not.toBe(cipher.keyId);
    expect(key.toString("hex")).not.toContain(cipher.keyId);
  });

  it("never puts the token in an error message", () => {
    const sealed = cipher.encrypt(TOKEN, LINK);
    let caught: unknown;
    try {
      createTokenCipher(randomBytes(32)).decrypt(sealed, LINK);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(TokenDecryptError);
    expect(String(caught)).not.toContain(TOKEN);
    expect((caught as Error).stack ?? "").not.toContain(TOKEN);
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
    expect((await stat(join(dir, "nested"))).mode & 0o777).toBe(0o700);
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

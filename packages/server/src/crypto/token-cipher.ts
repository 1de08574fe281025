// Flex tokens at rest: AES-256-GCM, a fresh random 12-byte IV per encryption, and the 16-byte auth tag, so a
// changed ciphertext fails to decrypt instead of yielding a wrong token. Errors never include the token.
// Format 2 records the key's id and binds the link id as associated data, so a ciphertext copied onto another
// link row fails to decrypt; format 1 (before key ids) is still read, and upgraded at start.
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from "node:crypto";
import { chmod, link, mkdir, open, readFile, rename, stat, unlink } from "node:fs/promises";
import { dirname } from "node:path";

const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const ALGORITHM = "aes-256-gcm";

/** 1: no key id, no associated data (before 2026-12-02); 2: key id recorded, link id bound. */
export type TokenFormat = 1 | 2;

export interface EncryptedToken {
  readonly ciphertext: Buffer;
  readonly iv: Buffer;
  readonly tag: Buffer;
  readonly format: TokenFormat;
  /** The fingerprint of the key that sealed it; null in format 1. */
  readonly keyId: string | null;
}

export interface TokenCipher {
  /** The key's fingerprint: names the key without revealing anything about it. */
  readonly keyId: string;
  /** Seals a token for one link row: only that row's id opens it again. */
  encrypt(token: string, linkId: string): EncryptedToken;
  /** Throws TokenDecryptError when the data, the link or the key is wrong. */
  decrypt(encrypted: EncryptedToken, linkId: string): string;
}

export class TokenKeyError extends Error {
  override readonly name = "TokenKeyError";
}

export class TokenDecryptError extends Error {
  override readonly name = "TokenDecryptError";
  constructor() {
    super("stored Flex token could not be decrypted (wrong key or tampered data)");
  }
}

/** A key given in config: 32 bytes, base64. */
export function parseTokenKey(base64: string): Buffer {
  const trimmed = base64.trim();
  const key = Buffer.from(trimmed, "base64");
  if (key.length !== KEY_BYTES || !/^[A-Za-z0-9+/]+={0,2}$/.test(trimmed)) {
    throw new TokenKeyError(`token encryption key must be ${KEY_BYTES} bytes, base64-encoded`);
  }
  return key;
}

/** HMAC-SHA256 of a fixed label under the key, cut to 64 bits: equal keys give equal ids, and it tells nothing else. */
export function tokenKeyFingerprint(key: Uint8Array): string {
  return createHmac("sha256", key).update("closeout token key fingerprint v1").digest("hex").slice(0, 16);
}

const associatedData = (linkId: string) => Buffer.from(`closeout ib_links token v2 ${linkId}`, "utf8");

export function createTokenCipher(key: Uint8Array): TokenCipher {
  if (key.length !== KEY_BYTES) throw new TokenKeyError(`token encryption key must be ${KEY_BYTES} bytes`);
  const secret = Buffer.from(key);
  const keyId = tokenKeyFingerprint(secret);
  return {
    keyId,
    encrypt(token, linkId) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv(ALGORITHM, secret, iv);
      cipher.setAAD(associatedData(linkId));
      const ciphertext = Buffer.concat([cipher.update(token, "utf8"), cipher.final()]);
      return { ciphertext, iv, tag: cipher.getAuthTag(), format: 2, keyId };
    },
    decrypt({ ciphertext, iv, tag, format, keyId: sealedBy }, linkId) {
      if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) throw new TokenDecryptError();
      if (format === 2 && sealedBy !== keyId) throw new TokenDecryptError();
      try {
        const decipher = createDecipheriv(ALGORITHM, secret, iv, { authTagLength: TAG_BYTES });
        if (format === 2) decipher.setAAD(associatedData(linkId));
        decipher.setAuthTag(tag);
        return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString("utf8");
      } catch {
        throw new TokenDecryptError();
      }
    },
  };
}

export function generateTokenKey(): Buffer {
  return randomBytes(KEY_BYTES);
}

/**
 * The key file at `path`, or one created there (random, mode 0600, in a 0700 directory). A key file that group
 * or others may read or write is refused: the key would no longer protect the tokens.
 */
export async function loadOrCreateKeyFile(path: string): Promise<Buffer> {
  return (await readKeyFile(path)) ?? (await createKeyFile(path, generateTokenKey()));
}

/** Writes `key` to a new file at `path`; when another process created one meanwhile, that file's key wins. */
export async function createKeyFile(path: string, key: Buffer): Promise<Buffer> {
  const temp = await writeTempKeyFile(path, key);
  // Hard-linked into place: the key file appears complete or not at all, and a key another process created
  // meanwhile is never overwritten (that would orphan its tokens).
  try {
    await link(temp, path);
    return key;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    const raced = await readKeyFile(path);
    if (raced === null) throw error;
    return raced;
  } finally {
    await unlink(temp).catch(() => {});
  }
}

/** Puts `key` at `path` in one step (rename), replacing what was there; durable when it returns. */
export async function replaceKeyFile(path: string, key: Buffer): Promise<void> {
  const temp = await writeTempKeyFile(path, key);
  try {
    await rename(temp, path);
  } catch (error) {
    await unlink(temp).catch(() => {});
    throw error;
  }
  await syncDir(dirname(path));
}

/** Moves a key file in one step (rename on the same directory), durable when it returns. */
export async function moveKeyFile(from: string, to: string): Promise<void> {
  await rename(from, to);
  await syncDir(dirname(to));
}

async function writeTempKeyFile(path: string, key: Buffer): Promise<string> {
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  const temp = `${path}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`;
  const handle = await open(temp, "wx", 0o600);
  try {
    await handle.writeFile(`${key.toString("base64")}\n`, "utf8");
    await handle.sync();
  } finally {
    await handle.close();
  }
  await chmod(temp, 0o600); // explicit: a umask can only narrow it, never widen.
  return temp;
}

async function syncDir(dir: string): Promise<void> {
  const handle = await open(dir, "r");
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** The key in the file at `path`, or null when there is no such file. */
export async function readKeyFile(path: string): Promise<Buffer | null> {
  let mode: number;
  try {
    mode = (await stat(path)).mode;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
  if ((mode & 0o077) !== 0) {
    throw new TokenKeyError(
      `key file ${path} is accessible by group or others (mode ${(mode & 0o777).toString(8)}); run chmod 600 on it`,
    );
  }
  try {
    return parseTokenKey(await readFile(path, "utf8"));
  } catch (error) {
    if (error instanceof TokenKeyError) throw new TokenKeyError(`key file ${path}: ${error.message}`);
    throw error;
  }
}

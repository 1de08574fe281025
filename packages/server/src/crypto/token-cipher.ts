// Flex tokens at rest: AES-256-GCM, a fresh random 12-byte IV per encryption, and the 16-byte auth tag, so a
// changed ciphertext fails to decrypt instead of yielding a wrong token. Errors never include the token.
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { chmod, link, mkdir, open, readFile, stat, unlink } from "node:fs/promises";
import { dirname } from "node:path";

const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const ALGORITHM = "aes-256-gcm";

export interface EncryptedToken {
  readonly ciphertext: Buffer;
  readonly iv: Buffer;
  readonly tag: Buffer;
}

export interface TokenCipher {
  encrypt(token: string): EncryptedToken;
  /** Throws TokenDecryptError when the data or the key is wrong. */
  decrypt(encrypted: EncryptedToken): string;
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

export function createTokenCipher(key: Uint8Array): TokenCipher {
  if (key.length !== KEY_BYTES) throw new TokenKeyError(`token encryption key must be ${KEY_BYTES} bytes`);
  const secret = Buffer.from(key);
  return {
    encrypt(token) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv(ALGORITHM, secret, iv);
      const ciphertext = Buffer.concat([cipher.update(token, "utf8"), cipher.final()]);
      return { ciphertext, iv, tag: cipher.getAuthTag() };
    },
    decrypt({ ciphertext, iv, tag }) {
      if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) throw new TokenDecryptError();
      try {
        const decipher = createDecipheriv(ALGORITHM, secret, iv, { authTagLength: TAG_BYTES });
        decipher.setAuthTag(tag);
        return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString("utf8");
      } catch {
        throw new TokenDecryptError();
      }
    },
  };
}

/**
 * The embedded default's key: read from `path`, or created there (random, mode 0600) on first start. A key
 * file that group or others may read or write is refused: the key would no longer protect the tokens.
 */
export async function loadOrCreateKeyFile(path: string): Promise<Buffer> {
  const existing = await readKeyFile(path);
  if (existing !== null) return existing;
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  const key = randomBytes(KEY_BYTES);
  // Written to a private temp file, then hard-linked into place: the key file appears complete or not at
  // all, and a key another process created meanwhile is never overwritten (that would orphan its tokens).
  const temp = `${path}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`;
  const handle = await open(temp, "wx", 0o600);
  try {
    await handle.writeFile(`${key.toString("base64")}\n`, "utf8");
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await chmod(temp, 0o600); // explicit: a umask can only narrow it, never widen.
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

async function readKeyFile(path: string): Promise<Buffer | null> {
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
  return parseTokenKey(await readFile(path, "utf8"));
}

// The token key at start: read (or, on a database without links, created), checked against the fingerprint
// the database records, and only then used. A missing or different key while links exist stops the start with
// nothing changed: a silently made new key would orphan every stored token. Tokens of the format before key
// ids are re-sealed here (the migration cannot see the key), all in one transaction.
import { unlink } from "node:fs/promises";
import { join } from "node:path";
import type { Logger } from "../api/logger.ts";
import { AppError } from "../app-error.ts";
import type { ServeConfig } from "../config/serve-config.ts";
import {
  createKeyFile,
  createTokenCipher,
  loadOrCreateKeyFile,
  moveKeyFile,
  parseTokenKey,
  readKeyFile,
  type TokenCipher,
  TokenDecryptError,
  TokenKeyError,
  tokenKeyFingerprint,
} from "../crypto/token-cipher.ts";
import type { Db } from "../db/database.ts";
import { countLinkTokens, lockLinkTokens, resealLinkToken } from "../db/links-repository.ts";
import {
  readTokenKeyFingerprint,
  recordTokenKeyFingerprint,
  replaceTokenKeyFingerprint,
} from "../db/token-key-repository.ts";

type KeyConfig = Pick<ServeConfig, "secretKey" | "keyFile" | "keyFileSource" | "dataDir">;

/** Where `closeout rotate-key` puts the new key until its transaction has committed. */
export function pendingKeyFile(keyFile: string): string {
  return `${keyFile}.next`;
}

export async function openTokenCipher(db: Db, config: KeyConfig, logger: Logger): Promise<TokenCipher> {
  try {
    return await open(db, config, logger);
  } catch (error) {
    if (error instanceof TokenKeyError) throw new AppError("config", error.message);
    throw error;
  }
}

async function open(db: Db, config: KeyConfig, logger: Logger): Promise<TokenCipher> {
  const source = config.secretKey ? "CLOSEOUT_SECRET_KEY" : `the key file ${config.keyFile}`;
  let key: Buffer | null;
  if (config.secretKey) key = parseTokenKey(config.secretKey);
  else {
    // Info, not a warning: commands run by tests and scripts without a home stay quiet; serve logs it.
    if (config.keyFileSource === "no-home")
      logger.info("neither HOME nor XDG_CONFIG_HOME is set: the token key stays in the data dir", {
        keyFile: config.keyFile,
      });
    if (config.keyFileSource === "config-home") await moveKeyOutOfDataDir(config, logger);
    key = await readKeyFile(config.keyFile);
  }
  const recorded = await readTokenKeyFingerprint(db.kysely);
  if (key !== null && recorded !== null && tokenKeyFingerprint(key) !== recorded && !config.secretKey)
    key = (await finishInterruptedRotation(config.keyFile, recorded, logger)) ?? key;

  const { links } = await countLinkTokens(db.kysely, recorded ?? "");
  if (key === null) {
    if (links > 0) throw missingKey(config.keyFile, links);
    key = await loadOrCreateKeyFile(config.keyFile);
    logger.info("token key created", { keyFile: config.keyFile });
  }
  const cipher = createTokenCipher(key);
  if (recorded !== null && recorded !== cipher.keyId) {
    if (links > 0) throw wrongKey(source, recorded, cipher.keyId);
    // No stored token depends on the recorded key: the new one takes its place.
    await replaceTokenKeyFingerprint(db.kysely, cipher.keyId);
    logger.warn("the token key differs from the one recorded, and no links exist: recorded the new key", {
      keyId: cipher.keyId,
    });
  }
  await sealLegacyTokens(db, cipher, source, logger);
  const { otherKey } = await countLinkTokens(db.kysely, cipher.keyId);
  if (otherKey > 0)
    logger.warn(
      "some links' tokens are sealed by another key; their syncs fail until they are linked again",
      {
        links: otherKey,
      },
    );
  return cipher;
}

/**
 * Records the key when the database has none recorded yet and re-seals format-1 tokens (no key id, no link
 * binding) under it: idempotent, one transaction, rows locked so that processes starting together do it once.
 * A format-1 token the key cannot open means the key is the wrong one: the start stops, nothing changed.
 */
async function sealLegacyTokens(db: Db, cipher: TokenCipher, source: string, logger: Logger) {
  const upgraded = await db.kysely.transaction().execute(async (trx) => {
    await recordTokenKeyFingerprint(trx, cipher.keyId);
    const recorded = await readTokenKeyFingerprint(trx);
    if (recorded !== cipher.keyId) throw wrongKey(source, recorded ?? "none", cipher.keyId);
    const legacy = await lockLinkTokens(trx, { legacyOnly: true });
    let failed = 0;
    const resealed = legacy.flatMap(({ linkId, token }) => {
      try {
        return [{ linkId, token: cipher.encrypt(cipher.decrypt(token, linkId), linkId) }];
      } catch (error) {
        if (!(error instanceof TokenDecryptError)) throw error;
        failed++;
        return [];
      }
    });
    if (failed > 0)
      throw new AppError(
        "config",
        `the token key from ${source} does not open ${failed} of the ${legacy.length} stored Flex tokens: it is not the key they were encrypted with. Nothing was changed; start with the right key (CLOSEOUT_KEY_FILE or CLOSEOUT_SECRET_KEY).`,
      );
    for (const { linkId, token } of resealed) await resealLinkToken(trx, linkId, token);
    return resealed.length;
  });
  if (upgraded > 0)
    logger.info("stored Flex tokens re-sealed with a key id and bound to their links", { links: upgraded });
}

/**
 * `closeout rotate-key` commits, then puts the new key in place; a crash in between leaves the new key in
 * the pending file, and the database recording it. That rotation is finished here.
 */
async function finishInterruptedRotation(
  keyFile: string,
  recorded: string,
  logger: Logger,
): Promise<Buffer | null> {
  const pending = await readKeyFile(pendingKeyFile(keyFile));
  if (pending === null || tokenKeyFingerprint(pending) !== recorded) return null;
  await moveKeyFile(pendingKeyFile(keyFile), keyFile);
  logger.warn("finished an interrupted key rotation: the new token key is now in place", { keyFile });
  return pending;
}

/** Before 2026-12 the default key sat in the data dir, where any copy of the data dir took it along. */
async function moveKeyOutOfDataDir(config: KeyConfig, logger: Logger): Promise<void> {
  const old = join(config.dataDir, "token.key");
  const oldKey = await readKeyFile(old);
  if (oldKey === null) return;
  const current = await readKeyFile(config.keyFile);
  if (current !== null && !current.equals(oldKey)) {
    logger.warn("the data dir holds a token.key that is not the key in use; it was left in place", {
      stale: old,
      keyFile: config.keyFile,
    });
    return;
  }
  if (current === null) {
    const kept = await createKeyFile(config.keyFile, oldKey);
    if (!kept.equals(oldKey)) return; // another process made a different key meanwhile: leave both alone.
  }
  await unlink(old);
  logger.warn(
    "moved the token key out of the data dir; back it up apart from the data dir (older copies of the data dir still hold it)",
    { from: old, to: config.keyFile },
  );
}

function missingKey(keyFile: string, links: number): AppError {
  return new AppError(
    "config",
    `the token key file ${keyFile} is missing, but the database holds ${links} linked account${links === 1 ? "" : "s"} whose Flex tokens need it. closeout will not make a new key (those tokens could never be read again). Restore the key file, or set CLOSEOUT_KEY_FILE or CLOSEOUT_SECRET_KEY to the key; nothing was changed.`,
  );
}

function wrongKey(source: string, recorded: string, actual: string): AppError {
  return new AppError(
    "config",
    `the token key from ${source} (key id ${actual}) is not the key this database's Flex tokens are encrypted with (key id ${recorded}); nothing was changed. Start with the right key (CLOSEOUT_KEY_FILE or CLOSEOUT_SECRET_KEY); after "closeout rotate-key --new-key-file F", that is the new key.`,
  );
}

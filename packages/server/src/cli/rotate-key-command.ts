// `closeout rotate-key`: every stored Flex token re-encrypted with a new key, in one transaction. The new key
// is either the operator's (--new-key-file F, e.g. for CLOSEOUT_SECRET_KEY or several hosts) or made here: then
// it is written, 0600 and synced, to "<key file>.next" before the transaction, and renamed over the key file
// after the commit. A crash in between leaves both keys on disk, and the next start finishes the rotation.
import { unlink } from "node:fs/promises";
import { createJsonLogger } from "../api/logger.ts";
import { AppError } from "../app-error.ts";
import { parseServeConfig } from "../config/serve-config.ts";
import {
  createTokenCipher,
  generateTokenKey,
  moveKeyFile,
  readKeyFile,
  replaceKeyFile,
  TokenKeyError,
} from "../crypto/token-cipher.ts";
import { pendingKeyFile } from "../runtime/open-token-cipher.ts";
import { rotateTokenKey } from "../runtime/rotate-token-key.ts";
import { openStore } from "../runtime/start-runtime.ts";
import type { CliIo } from "./cli-io.ts";
import { DATA_DIR_OPTION } from "./open-cli-database.ts";
import { parseCliArgs } from "./parse-cli-args.ts";

export async function rotateKeyCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseCliArgs("rotate-key", args, {
    ...DATA_DIR_OPTION,
    "new-key-file": { type: "string" },
    json: { type: "boolean" },
  });
  const config = parseServeConfig(io.env, values);
  const given = values["new-key-file"];
  if (config.secretKey !== null && given === undefined)
    throw new AppError(
      "usage",
      "rotate-key: the key comes from CLOSEOUT_SECRET_KEY, so give the new one with --new-key-file F (e.g. `openssl rand -base64 32 > F && chmod 600 F`)",
    );
  const givenKey = given === undefined ? null : await readGivenKey(given);
  const store = await openStore(
    config,
    createJsonLogger((line) => io.err(line), { level: "warn" }),
    {
      keyLock: "exclusive",
    },
  );
  try {
    const pending = pendingKeyFile(config.keyFile);
    const newKey = givenKey ?? generateTokenKey();
    if (givenKey === null) await replaceKeyFile(pending, newKey);
    const to = createTokenCipher(newKey);
    let links: number;
    try {
      ({ links } = await rotateTokenKey(store.db, store.cipher, to));
    } catch (error) {
      // Refused before any commit: the pending key is of no use. Other failures (a lost connection at commit)
      // leave it, for the next start to finish the rotation if the commit happened.
      if (givenKey === null && error instanceof AppError) await unlink(pending).catch(() => {});
      throw error;
    }
    if (givenKey === null) await moveKeyFile(pending, config.keyFile);
    const next =
      given === undefined
        ? `the new key is in ${config.keyFile}; the old key is no longer needed`
        : `now point every closeout process at the new key (CLOSEOUT_KEY_FILE=${given}, or CLOSEOUT_SECRET_KEY set to its content); they refuse the old key`;
    if (values.json) io.out(JSON.stringify({ keyId: to.keyId, links, keyFile: given ?? config.keyFile }));
    else io.out(`re-encrypted ${links} Flex token${links === 1 ? "" : "s"} with key ${to.keyId}; ${next}`);
    return 0;
  } finally {
    await store.stop();
  }
}

async function readGivenKey(path: string): Promise<Buffer> {
  let key: Buffer | null;
  try {
    key = await readKeyFile(path);
  } catch (error) {
    if (error instanceof TokenKeyError) throw new AppError("usage", `rotate-key: ${error.message}`);
    throw error;
  }
  if (key === null) throw new AppError("usage", `rotate-key: no key file at ${path}`);
  return key;
}

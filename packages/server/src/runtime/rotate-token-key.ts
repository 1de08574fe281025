// Re-seals every stored Flex token under a new key in one transaction: either all tokens and the recorded
// fingerprint move to the new key, or nothing does. The caller keeps the new key durable before this runs
// (a commit whose key could be lost would lose every token) and retires the old one only after it returns.
import { AppError } from "../app-error.ts";
import { type TokenCipher, TokenDecryptError } from "../crypto/token-cipher.ts";
import type { Db } from "../db/database.ts";
import { lockLinkTokens, resealLinkToken } from "../db/links-repository.ts";
import { readTokenKeyFingerprint, replaceTokenKeyFingerprint } from "../db/token-key-repository.ts";

export async function rotateTokenKey(
  db: Db,
  from: TokenCipher,
  to: TokenCipher,
): Promise<{ readonly links: number }> {
  if (from.keyId === to.keyId)
    throw new AppError("usage", "rotate-key: the new key is the key already in use");
  return db.kysely.transaction().execute(async (trx) => {
    if ((await readTokenKeyFingerprint(trx)) !== from.keyId)
      throw new AppError(
        "config",
        "rotate-key: the database no longer records the key in use; nothing was changed",
      );
    const tokens = await lockLinkTokens(trx);
    for (const { linkId, token } of tokens) {
      let plain: string;
      try {
        plain = from.decrypt(token, linkId);
      } catch (error) {
        if (!(error instanceof TokenDecryptError)) throw error;
        throw new AppError(
          "config",
          `rotate-key: the token of link ${linkId} cannot be opened with the current key; nothing was changed. Delete that link (or replace its token) and run rotate-key again.`,
        );
      }
      await resealLinkToken(trx, linkId, to.encrypt(plain, linkId));
    }
    await replaceTokenKeyFingerprint(trx, to.keyId);
    return { links: tokens.length };
  });
}

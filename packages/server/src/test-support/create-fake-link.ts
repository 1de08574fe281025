// A link row for tests that import "as the link would" without pulling through flex-sim: its token is
// never decrypted, so any well-formed ciphertext will do.
import { randomUUID } from "node:crypto";
import type { DbExecutor } from "../db/database.ts";
import { createLink } from "../db/links-repository.ts";

const UNUSED_TOKEN = {
  ciphertext: Buffer.from("x"),
  iv: Buffer.alloc(12),
  tag: Buffer.alloc(16),
  format: 2,
  keyId: "0000000000000000",
} as const;

export function createFakeLink(db: DbExecutor, userId: string) {
  return createLink(db, { id: randomUUID(), userId, queryId: "100003", token: UNUSED_TOKEN });
}

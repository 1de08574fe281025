// Compares a request's `Authorization: Bearer …` with the configured token in constant time: both sides are
// hashed first, so neither the token's length nor its first differing byte shows in the timing.
import { createHash, timingSafeEqual } from "node:crypto";

export function bearerTokenMatches(header: string | undefined, expected: string): boolean {
  const match = /^Bearer ([\x21-\x7e]+)$/i.exec(header?.trim() ?? "");
  const given = createHash("sha256")
    .update(match?.[1] ?? "")
    .digest();
  const wanted = createHash("sha256").update(expected).digest();
  return timingSafeEqual(given, wanted) && match !== null;
}

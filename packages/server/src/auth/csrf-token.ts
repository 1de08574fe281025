// A signed-in session's CSRF token: an HMAC keyed by the session id itself. Only the holder of the (HttpOnly)
// session cookie can know it, another session's token never matches, and a new session means a new token, so a
// token picked up before sign-in is worthless after it. Nothing is stored: the server recomputes it.
import { createHmac } from "node:crypto";

export function csrfTokenFor(sessionId: string): string {
  return createHmac("sha256", sessionId).update("closeout csrf v1").digest("base64url");
}

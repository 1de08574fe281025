// Sign-up, login (throttled per email + address), logout, and a CSRF token for clients that start cold.
import { type Context, Hono } from "hono";
import { z } from "zod";
import { AppError } from "../../app-error.ts";
import {
  clearLoginFailures,
  loginRetryAfter,
  recordLoginFailure,
  throttleKey,
} from "../../auth/login-throttle.ts";
import { burnPasswordCheck, hashPassword, verifyPassword } from "../../auth/passwords.ts";
import { createSession, deleteSession } from "../../auth/sessions.ts";
import type { AppDeps, AppEnv } from "../app-env.ts";
import { clientAddress } from "../client-address.ts";
import { clearSessionCookie, isSecureUrl, readSessionCookie, setSessionCookie } from "../cookies.ts";
import { isUniqueViolation, loadApiUser } from "../users-api.ts";
import { zv } from "../validate.ts";

export const emailSchema = z
  .string({ message: "is required" })
  .trim()
  .max(254, "is too long")
  .pipe(z.email({ message: "must be an email address" }));
export const newPasswordSchema = z
  .string({ message: "is required" })
  .min(10, "must have at least 10 characters")
  .max(256, "must have at most 256 characters");
const credentials = z.object({
  email: emailSchema,
  password: z.string({ message: "is required" }).min(1, "is required").max(256, "is too long"),
});
const signup = z.object({ email: emailSchema, password: newPasswordSchema });

export function authRoutes(deps: AppDeps) {
  const secure = isSecureUrl(deps.publicUrl);
  const now = () => new Date(deps.clock.now());

  async function startSession(c: Context<AppEnv>, userId: string) {
    // Rotation: the session presented (if any) ends; the new id is fresh.
    const old = readSessionCookie(c, secure);
    if (old) await deleteSession(deps.db.kysely, old);
    const session = await createSession(deps.db.kysely, userId, now(), c.req.header("User-Agent") ?? null);
    setSessionCookie(c, session.id, session.expiresAt, secure);
  }

  return new Hono<AppEnv>()
    .get("/csrf", (c) => {
      // The middleware chose the token (and sets its cookie when the browser lacks it).
      return c.json({ csrfToken: c.get("csrfToken") });
    })
    .post("/signup", zv("json", signup), async (c) => {
      const { email, password } = c.req.valid("json");
      const passwordHash = await hashPassword(password);
      let userId: string;
      try {
        const row = await deps.db.kysely
          .insertInto("users")
          .values({ email: email.toLowerCase(), password_hash: passwordHash })
          .returning("id")
          .executeTakeFirstOrThrow();
        userId = row.id;
      } catch (error) {
        if (isUniqueViolation(error)) {
          throw new AppError("email-taken", "an account with this email already exists", {
            fields: { email: "is already registered" },
          });
        }
        throw error;
      }
      await startSession(c, userId);
      c.get("log").info("user signed up", { userId });
      const user = (await loadApiUser(deps.db.kysely, userId))!;
      return c.json({ user }, 201);
    })
    .post("/login", zv("json", credentials), async (c) => {
      const { email, password } = c.req.valid("json");
      const key = throttleKey(email, clientAddress(c, deps.trustProxy ?? false));
      const wait = await loginRetryAfter(deps.db.kysely, key, now());
      if (wait > 0) {
        throw new AppError("too-many-attempts", `too many failed sign-ins; try again in ${wait} s`, {
          retryAfterSeconds: wait,
        });
      }
      const row = await deps.db.kysely
        .selectFrom("users")
        .select(["id", "password_hash"])
        .where("email", "=", email.toLowerCase())
        .executeTakeFirst();
      // An unknown email costs the same hashing time as a wrong password.
      const ok = row ? await verifyPassword(row.password_hash, password) : await burnPasswordCheck(password);
      if (!row || !ok) {
        const lock = await recordLoginFailure(deps.db.kysely, key, now());
        c.get("log").info("login failed", { lockSeconds: lock });
        throw new AppError("wrong-password", "email or password is wrong");
      }
      await clearLoginFailures(deps.db.kysely, key);
      await startSession(c, row.id);
      const user = (await loadApiUser(deps.db.kysely, row.id))!;
      return c.json({ user }, 200);
    })
    .post("/logout", async (c) => {
      const id = readSessionCookie(c, secure);
      if (id) await deleteSession(deps.db.kysely, id);
      clearSessionCookie(c, secure);
      return c.body(null, 204);
    });
}

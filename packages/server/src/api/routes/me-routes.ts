// The signed-in user: who am I, change password, public profile, delete everything. The current-password
// checks count against the same limits as login.
import { type Context, Hono } from "hono";
import { z } from "zod";
import { AppError } from "../../app-error.ts";
import { authDb } from "../../auth/auth-tables.ts";
import { limitedPasswordCheck } from "../../auth/limited-password-check.ts";
import { hashPassword, verifyPassword } from "../../auth/passwords.ts";
import { createSession, deleteSessionsOfUser } from "../../auth/sessions.ts";
import type { AppDeps, AppEnv } from "../app-env.ts";
import { clientAddress } from "../client-address.ts";
import { clearSessionCookie, isSecureUrl, setSessionCookie } from "../cookies.ts";
import { notFound } from "../http-errors.ts";
import { requireUser } from "../security-middleware.ts";
import { isUniqueViolation, loadApiUser, profileToDb } from "../users-api.ts";
import { zv } from "../validate.ts";
import { newPasswordSchema } from "./auth-routes.ts";

const changePassword = z.object({
  currentPassword: z.string({ message: "is required" }).min(1, "is required").max(256, "is too long"),
  newPassword: newPasswordSchema,
});
const deleteAccount = z.object({
  password: z.string({ message: "is required" }).min(1, "is required").max(256, "is too long"),
});
const profile = z
  .object({
    publicProfile: z.enum(["off", "percent", "full"], { message: 'must be "off", "percent" or "full"' }),
    handle: z
      .string()
      .trim()
      .toLowerCase()
      .regex(
        /^[a-z0-9][a-z0-9_-]{2,29}$/,
        "must be 3–30 letters, digits, - or _, starting with a letter or digit",
      )
      .nullable()
      .optional(),
  })
  .refine((p) => p.publicProfile === "off" || (p.handle !== null && p.handle !== undefined), {
    message: "is required for a public profile",
    path: ["handle"],
  });

export function meRoutes(deps: AppDeps) {
  const secure = isSecureUrl(deps.publicUrl);
  const db = deps.db.kysely;

  /** Under the same limits as login (per account and address): a stolen session gets no extra guesses. */
  async function checkPassword(c: Context<AppEnv>, userId: string, password: string): Promise<void> {
    const row = await db
      .selectFrom("users")
      .select(["email", "password_hash"])
      .where("id", "=", userId)
      .executeTakeFirst();
    if (!row) throw notFound("user");
    const attempt = {
      email: row.email,
      address: clientAddress(c, deps.proxyHops ?? 0),
      now: new Date(deps.clock.now()),
    };
    if (!(await limitedPasswordCheck(db, attempt, () => verifyPassword(row.password_hash, password)))) {
      throw new AppError("wrong-password", "the password is wrong", { fields: { password: "is wrong" } });
    }
  }

  return new Hono<AppEnv>()
    .use(requireUser)
    .get("/", async (c) => {
      const user = await loadApiUser(db, c.get("userId"));
      if (!user) throw new AppError("unauthenticated", "sign in first");
      return c.json({ user }, 200);
    })
    .post("/password", zv("json", changePassword), async (c) => {
      const userId = c.get("userId");
      const { currentPassword, newPassword } = c.req.valid("json");
      try {
        await checkPassword(c, userId, currentPassword);
      } catch (error) {
        if (error instanceof AppError && error.code === "wrong-password") {
          throw new AppError("wrong-password", "the current password is wrong", {
            fields: { currentPassword: "is wrong" },
          });
        }
        throw error;
      }
      const hash = await hashPassword(newPassword);
      await db.transaction().execute(async (tx) => {
        await tx.updateTable("users").set({ password_hash: hash }).where("id", "=", userId).execute();
        // Every other session ends; this one is replaced by a fresh id.
        await authDb(tx).deleteFrom("sessions").where("user_id", "=", userId).execute();
      });
      const session = await createSession(
        db,
        userId,
        new Date(deps.clock.now()),
        c.req.header("User-Agent") ?? null,
      );
      setSessionCookie(c, session.id, session.expiresAt, secure);
      c.get("log").info("password changed");
      return c.body(null, 204);
    })
    .post("/sessions/revoke", async (c) => {
      // "Sign out everywhere": every session of the user ends, this one included (a lost phone, a shared PC).
      await deleteSessionsOfUser(db, c.get("userId"));
      clearSessionCookie(c, secure);
      c.get("log").info("all sessions revoked");
      return c.body(null, 204);
    })
    .delete("/", zv("json", deleteAccount), async (c) => {
      const userId = c.get("userId");
      await checkPassword(c, userId, c.req.valid("json").password);
      // One statement: ON DELETE CASCADE removes links, tokens, accounts, statements, rows, trades, sessions.
      await db.deleteFrom("users").where("id", "=", userId).execute();
      deps.books?.forget(userId);
      deps.responses?.forget(userId);
      clearSessionCookie(c, secure);
      c.get("log").info("account deleted");
      return c.body(null, 204);
    })
    .put("/profile", zv("json", profile), async (c) => {
      const userId = c.get("userId");
      const { publicProfile, handle } = c.req.valid("json");
      try {
        await db
          .updateTable("users")
          // "full" is allowed by migration 2026-11-26-auth; the shared row type lists the older two.
          .set({
            public_profile: profileToDb(publicProfile) as "percent",
            ...(handle === undefined ? {} : { handle }),
          })
          .where("id", "=", userId)
          .execute();
      } catch (error) {
        if (isUniqueViolation(error)) {
          throw new AppError("handle-taken", "this handle is taken by someone else; choose another one", {
            fields: { handle: "is taken by someone else; choose another one" },
          });
        }
        throw error;
      }
      const user = await loadApiUser(db, userId);
      return c.json({ user: user! }, 200);
    });
}

// Sign-up (open, by invite or closed; throttled per address), login (limited per account and per address
// before the password is checked), logout, the public sign-up options, and a CSRF token for cold clients.
import { type Context, Hono } from "hono";
import { z } from "zod";
import { AppError } from "../../app-error.ts";
import { claimInvite, type InviteProblem, inviteProblem } from "../../auth/invites.ts";
import { limitedPasswordCheck, reserveOrRefuse } from "../../auth/limited-password-check.ts";
import { addressKey, SIGNUP_POLICY } from "../../auth/login-throttle.ts";
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
const signup = z.object({
  email: emailSchema,
  password: newPasswordSchema,
  invite: z.string().trim().max(100, "is not a valid invite code").optional(),
});

const INVITE_PROBLEMS: Readonly<Record<InviteProblem, string>> = {
  wrong: "is not a valid invite code",
  used: "has already been used",
  expired: "has expired",
};

/** The one answer to a wrong password, an unknown e-mail, and a sign-up of a registered e-mail. */
const wrongCredentials = () => new AppError("wrong-password", "email or password is wrong");

export function authRoutes(deps: AppDeps) {
  const secure = isSecureUrl(deps.publicUrl);
  const now = () => new Date(deps.clock.now());
  const signupMode = deps.signup ?? "invite";
  const address = (c: Context<AppEnv>) => clientAddress(c, deps.proxyHops ?? 0);

  /** Login's check: the same limits and the same answers whether the e-mail is registered or not. */
  async function checkCredentials(c: Context<AppEnv>, email: string, password: string) {
    const row = await deps.db.kysely
      .selectFrom("users")
      .select(["id", "password_hash"])
      .where("email", "=", email.toLowerCase())
      .executeTakeFirst();
    const ok = await limitedPasswordCheck(deps.db.kysely, { email, address: address(c), now: now() }, () =>
      // An unknown email costs the same hashing time as a wrong password.
      row ? verifyPassword(row.password_hash, password) : burnPasswordCheck(password),
    );
    return ok && row ? row.id : null;
  }

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
    .get("/options", (c) => c.json({ signup: signupMode }, 200))
    .post("/signup", zv("json", signup), async (c) => {
      const { email, password, invite } = c.req.valid("json");
      if (signupMode === "closed")
        throw new AppError("signup-closed", "this server does not take new sign-ups; ask its administrator");
      await reserveOrRefuse(deps.db.kysely, addressKey(SIGNUP_POLICY, address(c)), SIGNUP_POLICY, now());
      // The invite is checked before the e-mail, so only an invite holder gets as far as the e-mail question.
      if (signupMode === "invite") {
        const problem = invite ? await inviteProblem(deps.db.kysely, invite, now()) : "wrong";
        if (problem !== null) throw inviteRefused(problem, invite);
      }
      const registered = await deps.db.kysely
        .selectFrom("users")
        .select("id")
        .where("email", "=", email.toLowerCase())
        .executeTakeFirst();
      if (registered) {
        // Answered like a login, under the login's limits: the owner is signed in, anyone else learns what a
        // wrong login would have told them. The invite stays unused.
        const userId = await checkCredentials(c, email, password);
        if (!userId) throw wrongCredentials();
        await startSession(c, userId);
        const user = (await loadApiUser(deps.db.kysely, userId))!;
        return c.json({ user }, 200);
      }
      const passwordHash = await hashPassword(password);
      let userId: string;
      try {
        userId = await deps.db.kysely.transaction().execute(async (tx) => {
          const row = await tx
            .insertInto("users")
            .values({ email: email.toLowerCase(), password_hash: passwordHash })
            .returning("id")
            .executeTakeFirstOrThrow();
          if (signupMode === "invite" && !(await claimInvite(tx, invite!, row.id, now())))
            throw inviteRefused("used", invite);
          return row.id;
        });
      } catch (error) {
        // Registered a moment ago by a concurrent sign-up: the same answer as above.
        if (isUniqueViolation(error)) throw wrongCredentials();
        throw error;
      }
      await startSession(c, userId);
      c.get("log").info("user signed up", { userId });
      const user = (await loadApiUser(deps.db.kysely, userId))!;
      return c.json({ user }, 201);
    })
    .post("/login", zv("json", credentials), async (c) => {
      const { email, password } = c.req.valid("json");
      const userId = await checkCredentials(c, email, password);
      if (!userId) {
        c.get("log").info("login failed");
        throw wrongCredentials();
      }
      await startSession(c, userId);
      const user = (await loadApiUser(deps.db.kysely, userId))!;
      return c.json({ user }, 200);
    })
    .post("/logout", async (c) => {
      const id = readSessionCookie(c, secure);
      if (id) await deleteSession(deps.db.kysely, id);
      clearSessionCookie(c, secure);
      return c.body(null, 204);
    });
}

function inviteRefused(problem: InviteProblem, given: string | undefined): AppError {
  const message = given ? `the invite code ${INVITE_PROBLEMS[problem]}` : "sign-up needs an invite code";
  return new AppError("invite-invalid", message, {
    fields: { invite: given ? INVITE_PROBLEMS[problem] : "is required" },
  });
}

// Every check of a user's password — login, the sign-up of a registered e-mail, the current-password checks
// of a password change and an account deletion — goes through here, so that one budget covers all of them:
// a slot is reserved for the client address and for the account before the password is verified.
import { AppError } from "../app-error.ts";
import type { DbExecutor } from "../db/database.ts";
import {
  ACCOUNT_POLICY,
  ADDRESS_POLICY,
  accountKey,
  addressKey,
  clearAttempts,
  releaseAttempt,
  reserveAttempt,
  type ThrottlePolicy,
} from "./login-throttle.ts";

export function tooManyAttempts(retryAfter: number): AppError {
  return new AppError("too-many-attempts", `too many attempts; try again in ${retryAfter} s`, {
    retryAfterSeconds: retryAfter,
  });
}

/** Reserves an attempt under `key` or throws 429 with the wait. */
export async function reserveOrRefuse(db: DbExecutor, key: string, policy: ThrottlePolicy, now: Date) {
  const reservation = await reserveAttempt(db, key, policy, now);
  if (!reservation.admitted) throw tooManyAttempts(reservation.retryAfter);
}

/**
 * Runs `verify` only when both the address and the account (by e-mail, registered or not, so that the limit
 * says nothing about existence) have a free slot. A right password clears the account's count and gives the
 * address its slot back; a wrong one leaves both counted.
 */
export async function limitedPasswordCheck(
  db: DbExecutor,
  attempt: { readonly email: string; readonly address: string; readonly now: Date },
  verify: () => Promise<boolean>,
): Promise<boolean> {
  const addressSlot = addressKey(ADDRESS_POLICY, attempt.address);
  const accountSlot = accountKey(attempt.email);
  await reserveOrRefuse(db, addressSlot, ADDRESS_POLICY, attempt.now);
  await reserveOrRefuse(db, accountSlot, ACCOUNT_POLICY, attempt.now);
  const ok = await verify();
  if (ok) {
    await clearAttempts(db, accountSlot);
    await releaseAttempt(db, addressSlot, ADDRESS_POLICY);
  }
  return ok;
}

// Passwords are hashed with argon2id (OWASP's first choice) at @node-rs/argon2's defaults: 19 MiB, t=2, p=1.
import { hash, verify } from "@node-rs/argon2";

/** Algorithm.Argon2id: the package exports a const enum, which isolated modules cannot read. */
const ARGON2ID = 2;

export function hashPassword(password: string): Promise<string> {
  return hash(password, { algorithm: ARGON2ID });
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** Verified when the email is unknown, so a login for an unknown email takes as long as a wrong password. */
let dummyHash: Promise<string> | null = null;
export async function burnPasswordCheck(password: string): Promise<false> {
  dummyHash ??= hashPassword("closeout-dummy-password");
  await verifyPassword(await dummyHash, password);
  return false;
}

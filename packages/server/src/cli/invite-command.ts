// `closeout invite`: one single-use sign-up invite for CLOSEOUT_SIGNUP=invite. The code is printed once (with a
// sign-up link that carries it in the URL fragment, which browsers never send to a server or put in a Referer)
// and only its hash is stored.
import { AppError } from "../app-error.ts";
import { createInvite, DEFAULT_INVITE_DAYS } from "../auth/invites.ts";
import { parseServeConfig } from "../config/serve-config.ts";
import type { CliIo } from "./cli-io.ts";
import { DATA_DIR_OPTION, openCliStore } from "./open-cli-database.ts";
import { parseCliArgs } from "./parse-cli-args.ts";

export async function inviteCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCliArgs("invite", args, {
    "expires-days": { type: "string", default: String(DEFAULT_INVITE_DAYS) },
    "public-url": { type: "string" },
    json: { type: "boolean" },
    ...DATA_DIR_OPTION,
  });
  if (positionals.length > 0) throw new AppError("usage", "invite: takes no file or name");
  const days = Number(values["expires-days"]);
  if (!Number.isInteger(days) || days < 1 || days > 365)
    throw new AppError("usage", "invite: --expires-days must be a whole number from 1 to 365");
  const flags = { "data-dir": values["data-dir"], "public-url": values["public-url"] };
  const config = parseServeConfig(io.env, flags);
  const store = await openCliStore(flags, io);
  try {
    const invite = await createInvite(store.db.kysely, new Date(), days);
    const url = `${config.publicUrl}/signup#invite=${invite.code}`;
    const expiresAt = invite.expiresAt.toISOString();
    if (values.json) io.out(JSON.stringify({ code: invite.code, url, expiresAt }));
    else {
      io.out(`invite code: ${invite.code}`);
      io.out(`sign-up link: ${url}`);
      io.out(`single use; expires ${expiresAt.slice(0, 16).replace("T", " ")} UTC`);
    }
    if (config.signup !== "invite")
      io.err(
        `closeout: note: with these settings sign-up is ${config.signup}; invites count only when it is "invite"`,
      );
  } finally {
    await store.stop();
  }
  return 0;
}

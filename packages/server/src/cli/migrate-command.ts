import type { CliIo } from "./cli-io.ts";
import { DATA_DIR_OPTION, openCliStore } from "./open-cli-database.ts";
import { parseCliArgs } from "./parse-cli-args.ts";

/** `closeout migrate`: applies pending migrations (every command also does so on start). */
export async function migrateCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseCliArgs("migrate", args, { ...DATA_DIR_OPTION });
  const store = await openCliStore(values, io);
  await store.stop();
  const applied = store.migrationsApplied;
  io.out(
    applied.length === 0
      ? "database is up to date: no migration to apply"
      : `applied ${applied.length} migration${applied.length === 1 ? "" : "s"}: ${applied.join(", ")}`,
  );
  return 0;
}

// Child process of sync-link.kill-mid-import.test.ts: runs one sync and, once the import transaction has
// written its rows, says so on stdout and waits to be killed with SIGKILL. Not part of the app.
import { openPostgres } from "../db/database.ts";
import { openEmbeddedDatabase } from "../embedded/open-embedded-database.ts";
import { syncLink } from "./sync-link.ts";
import { testCipher, testFlexClient } from "./sync-test-kit.ts";

const { CHILD_DATA_DIR, CHILD_DATABASE_URL, CHILD_SIM_URL, CHILD_KEY, CHILD_LINK_ID } = process.env;
if (!CHILD_SIM_URL || !CHILD_KEY || !CHILD_LINK_ID) throw new Error("missing child env");
const db = CHILD_DATA_DIR
  ? await openEmbeddedDatabase(CHILD_DATA_DIR)
  : openPostgres(CHILD_DATABASE_URL ?? "", { max: 3 });
await syncLink(
  {
    db,
    cipher: testCipher(Buffer.from(CHILD_KEY, "base64")),
    flexClient: testFlexClient({ url: CHILD_SIM_URL }),
    // A lease that lapses at once, so the parent may take the link over right after the kill.
    syncLeaseMs: 0,
    rebuild: async (tx) => {
      const row = await tx
        .selectFrom("executions")
        .select((eb) => eb.fn.countAll().as("n"))
        .executeTakeFirst();
      process.stdout.write(`IN_TRANSACTION ${String(row?.n)}\n`);
      await new Promise(() => {});
      return 0;
    },
  },
  CHILD_LINK_ID,
);
process.stdout.write("FINISHED\n");

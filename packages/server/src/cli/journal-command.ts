// `closeout journal export [--out FILE]` and `closeout journal import FILE`: the journal (notes, tags, risk,
// day notes, settings) as JSON, for backups and for moving to another instance (journal/journal-transfer.ts).
import { readFile, writeFile } from "node:fs/promises";
import { AppError } from "../app-error.ts";
import { exportJournal, importJournal, parseJournalText } from "../journal/journal-transfer.ts";
import type { CliIo } from "./cli-io.ts";
import { cliUserId, DATA_DIR_OPTION, openCliStore } from "./open-cli-database.ts";
import { parseCliArgs } from "./parse-cli-args.ts";

/** A journal file is small text; a larger file is not one. */
const MAX_JOURNAL_FILE_BYTES = 512 * 1024 * 1024;

export async function journalCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCliArgs("journal", args, {
    json: { type: "boolean" },
    out: { type: "string" },
    user: { type: "string" },
    ...DATA_DIR_OPTION,
  });
  const [action, file, ...extra] = positionals;
  if (action !== "export" && action !== "import")
    throw new AppError("usage", 'journal: say "export [--out FILE]" or "import FILE"');
  if (action === "import" && (file === undefined || extra.length > 0))
    throw new AppError("usage", "journal import: give one journal JSON file");
  if (action === "export" && file !== undefined)
    throw new AppError("usage", "journal export: write to a file with --out FILE");
  let document: unknown = null;
  if (action === "import") {
    const text = await readFile(file!, "utf8").catch((error: NodeJS.ErrnoException) => {
      throw new AppError("unreadable-file", `cannot read ${file}: ${error.code ?? "read error"}`);
    });
    if (Buffer.byteLength(text) > MAX_JOURNAL_FILE_BYTES)
      throw new AppError("unreadable-file", `${file} is too large for a journal file`);
    document = parseJournalText(text.replace(/^\uFEFF/, ""));
  }
  const store = await openCliStore(values, io);
  try {
    const userId = await cliUserId(store.db, values.user);
    if (action === "export") {
      const text = JSON.stringify(await exportJournal(store.db.kysely, userId), null, 2);
      if (values.out === undefined) io.out(text);
      else {
        await writeFile(values.out, `${text}\n`, { mode: 0o600 });
        if (!values.json) io.err(`journal written to ${values.out}`);
      }
      return 0;
    }
    const result = await importJournal(store.db.kysely, userId, document);
    io.out(
      values.json
        ? JSON.stringify(result)
        : `journal: ${result.entriesAdded} entries added (${result.entriesExisting} already there), ` +
            `${result.daysAdded} day notes added (${result.daysExisting} already there)`,
    );
    return 0;
  } finally {
    await store.stop();
  }
}

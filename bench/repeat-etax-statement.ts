// The 50 MB "real-shaped" statement: the eTax sample from shared/flex-samples with its <Trade> rows
// repeated until the file reaches the target size. Each copy gets its own IB ids (transactionID, tradeID,
// ibExecID) so that closeout counts every row, as it would in a real statement of that size.
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

export const ETAX_SAMPLE = fileURLToPath(
  new URL(
    "../../shared/flex-samples/vroonhof_opensteuerauszug_eTax_report_anonymised_2025.xml",
    import.meta.url,
  ),
);

const ID_ATTRIBUTES = /\b(transactionID|tradeID|ibExecID)="([^"]*)"/g;

/** Writes the repeated statement to `path` and returns the number of <Trade> rows in it. */
export function writeRepeatedEtaxStatement(path: string, targetBytes = 50e6, sample = ETAX_SAMPLE): number {
  const xml = readFileSync(sample, "utf8");
  const open = xml.indexOf("<Trades>");
  const close = xml.indexOf("</Trades>");
  if (open < 0 || close < 0) throw new Error(`${sample} has no <Trades> section`);
  const body = xml.slice(open + "<Trades>".length, close);
  const rows = body.split("\n").filter((line) => line.trimStart().startsWith("<Trade "));
  const rest = xml.length - body.length;
  const copies = Math.max(1, Math.ceil((targetBytes - rest) / Buffer.byteLength(body)));
  const parts: string[] = [xml.slice(0, open + "<Trades>".length), "\n"];
  for (let copy = 0; copy < copies; copy++) {
    const suffix = copy === 0 ? "" : `9${String(copy).padStart(4, "0")}`;
    for (const row of rows) {
      parts.push(
        copy === 0
          ? row
          : row.replace(ID_ATTRIBUTES, (_m, name: string, id: string) => `${name}="${id}${suffix}"`),
        "\n",
      );
    }
  }
  parts.push(xml.slice(close));
  writeFileSync(path, parts.join(""));
  return rows.length * copies;
}

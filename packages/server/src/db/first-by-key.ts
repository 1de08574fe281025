/**
 * The first row of each conflict key, in file order: a file may repeat a row (two FlexStatements listing the
 * same security or rate), and ON CONFLICT DO UPDATE may not touch one row twice in a statement.
 */
export function firstByKey<R extends Record<string, unknown>>(
  rows: readonly R[],
  key: readonly (keyof R)[],
): R[] {
  const seen = new Set<string>();
  return rows.filter((row) => {
    const k = JSON.stringify(key.map((c) => row[c] ?? null));
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

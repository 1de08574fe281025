// A lookup that must succeed: a miss is a bug (rows we wrote ourselves that do not match up), not bad input.
export function need<V>(map: ReadonlyMap<string, V>, key: string, what = "stored row"): V {
  const value = map.get(key);
  if (value === undefined) throw new Error(`no ${what} for ${JSON.stringify(key)}`);
  return value;
}

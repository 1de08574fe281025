// A lookup that must succeed: a miss is a bug of the import, not bad input.
export function need<V>(map: ReadonlyMap<string, V>, key: string): V {
  const value = map.get(key);
  if (value === undefined) throw new Error(`import: no stored row for ${JSON.stringify(key)}`);
  return value;
}

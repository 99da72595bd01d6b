/** Equal values with the same key order (our output must be byte-stable, so order counts). */
export function expectSame(actual: unknown, expected: unknown): void {
  expect(actual).toEqual(expected);
  expect(JSON.stringify(actual, null, 1)).toBe(JSON.stringify(expected, null, 1));
}

/** Deep-freezes a value so a test fails if the merge writes into its inputs. */
export function frozen<T>(v: T): T {
  if (v && typeof v === 'object') {
    for (const x of Object.values(v as object)) frozen(x);
    Object.freeze(v);
  }
  return v;
}

// Deterministic generators of plain data for the YAML writer tests: strings full of the characters
// and words that decide YAML quoting, keys, numbers, nested maps and lists, and ConfigMaps.

/** mulberry32: a small deterministic pseudo-random generator. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Pieces that decide how a scalar is written: indicators, words YAML 1.1/1.2 resolve, whitespace, escapes. */
export const TOKENS = [
  '', ' ', '  ', '\n', '\n\n', '\t', ':', ': ', ' :', '#', ' #', '# ', '-', '- ', '--', '---', '...', '?', '? ', '%', '@', '`',
  "'", '"', '|', '>', '[', ']', '{', '}', ',', '&', '*', '!', '=', '<<', '~', '\\', '/', '.',
  '0', '00', '0644', '0755', '1', '-1', '+1', '1.5', '.5', '1.', '1e3', '1E+3', '-1e-3', '1_000', '0x1F', '0xG', '0b101', '0o14',
  // Numbers to YAML 1.2 or Go's readers only (Go's ParseInt/ParseFloat after dropping underscores), and near misses.
  '0O14', '0X1F', '0B1', '-0o7', '0b+1', '-0b-1', '0o8', '+0x1f', '1e_3', '_1', '+_1', '1__0', '0_x1', '1_.5_', '09', '.5e3', '.e3', 'e7', 'E7', 'e', '.', '._', '-.e3', '+e3',
  '+Inf', '-inf', 'inf', '0x1p3', '0x1.8p1', '1e', '+', '-0', '+.5', '1:60', '=', '==', '<<<',
  '2001-1-2', '2001-12-14t21:59:43Z', '2001-12-14 21:59:43,5', '2001-12-14T1:2:3+01:00', '2001-12-14 x',
  '12:30', '1:20:30', '190:20:30.15', '2001-12-14', '2001-12-14T21:59:43.10-05:00', '2001-12-14 21:59:43.10 -5',
  'yes', 'Yes', 'YES', 'no', 'NO', 'on', 'On', 'off', 'OFF', 'y', 'Y', 'n', 'N', 'true', 'False', 'TRUE', 'null', 'Null', 'NULL',
  '.inf', '-.Inf', '.nan', '.NaN', 'Infinity', 'NaN',
  '\r', '\r\n', '\u0000', '\u0007', '\u000b', '\u001b', '\u007f', '\u0085', '\u00a0', '\u2028', '\u2029', '\ud800', '\udc00',
  '\b', '\f', '\u0001', '\u0080', '\u009f', '\ufeff', '\u00ad', '\ufffd', '\n \n', ' \n', '\n\t',
  'é', 'ß', '日本', '😀', 'a', 'b', 'abc', 'x y', 'key', 'value', 'http://example.com/a?b=c#d', '${VAR}', '{{inherit}}',
];

export function pick<T>(rnd: () => number, xs: readonly T[]): T {
  return xs[Math.floor(rnd() * xs.length)];
}

export function genString(rnd: () => number): string {
  const r = rnd();
  if (r < 0.25) return pick(rnd, TOKENS);
  if (r < 0.27) {
    // Only blanks and newlines.
    let w = '';
    const n = 1 + Math.floor(rnd() * 6);
    for (let i = 0; i < n; i++) w += pick(rnd, [' ', '  ', '\t', '\n', '\n']);
    return w;
  }
  if (r < 0.35) {
    // Multi-line text, sometimes long enough for a folded double-quoted scalar.
    const lines: string[] = [];
    const n = 1 + Math.floor(rnd() * 5);
    for (let i = 0; i < n; i++) lines.push((rnd() < 0.3 ? pick(rnd, [' ', '  ', '\t', '']) : '') + pick(rnd, TOKENS) + 'line number ' + i + pick(rnd, TOKENS));
    return (rnd() < 0.3 ? pick(rnd, ['\n', ' ', '\n\n']) : '') + lines.join(pick(rnd, ['\n', '\n\n', ' \n', '\n '])) + pick(rnd, ['', '\n', '\n\n', ' ', '\n ', '\n\t']);
  }
  let s = '';
  const n = 1 + Math.floor(rnd() * 5);
  for (let i = 0; i < n; i++) s += pick(rnd, TOKENS);
  return s;
}

export function genNumber(rnd: () => number): number {
  return pick(rnd, [
    0, -0, 1, -1, 42, 0.5, -2.25, 1e21, 1e-7, 123456789, 2 ** 53, Number.MAX_VALUE, Number.MIN_VALUE, NaN, Infinity, -Infinity,
    Math.floor(rnd() * 1e6), rnd() * 1000 - 500,
  ]);
}

export function genValue(rnd: () => number, depth = 0): unknown {
  const r = rnd();
  if (depth < 5 && r < 0.2) return genMap(rnd, depth + 1);
  if (depth < 5 && r < 0.3) return genList(rnd, depth + 1);
  if (r < 0.35) return null;
  if (r < 0.4) return rnd() < 0.5;
  if (r < 0.5) return genNumber(rnd);
  if (r < 0.52) return undefined;
  return genString(rnd);
}

export function genMap(rnd: () => number, depth = 0): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const n = Math.floor(rnd() * 5);
  for (let i = 0; i < n; i++) out[rnd() < 0.5 ? pick(rnd, ['apiVersion', 'kind', 'name', 'data', 'spec', 'a-b', 'a.b/c']) : genString(rnd)] = genValue(rnd, depth);
  return out;
}

export function genList(rnd: () => number, depth = 0): unknown[] {
  const out: unknown[] = [];
  const n = Math.floor(rnd() * 4);
  for (let i = 0; i < n; i++) out.push(genValue(rnd, depth));
  return out;
}

/** A ConfigMap whose data keys and values are generated strings (what kubectl must read back). */
export function genConfigMap(rnd: () => number, i: number): { apiVersion: string; kind: string; metadata: { name: string }; data: Record<string, string> } {
  const data: Record<string, string> = {};
  const n = 1 + Math.floor(rnd() * 6);
  for (let j = 0; j < n; j++) data[`k${j}`] = genString(rnd);
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `cm-${i}` }, data };
}

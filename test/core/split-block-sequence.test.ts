// The block sequence splitter (fn/kio/split-block-sequence.ts) and the reading by pieces it allows
// (fn/yaml-split.ts): a large text read by pieces gives what the whole parse gives (values, node
// ranges, errors), or is read whole. Differential: thousands of generated texts, many hostile
// (comments and blank lines at every indentation, block scalars holding `- ` and `#` lines,
// quoted and flow scalars across item lines, anchors and aliases, merge keys, tags, directives,
// document markers, tabs, carriage returns, duplicate keys, lines moved left or right), read with
// the split sizes lowered to nothing, against the whole parse.
import { isDeepStrictEqual } from 'node:util';
import { visit } from 'yaml';
import { findBlockSequences, splitBlockSequence } from '../../fn/kio/split-block-sequence';
import { readResourceList, writeResourceList } from '../../fn/kio/resourcelist';
import { parseYamlDocumentNodes, parseYamlDocuments, splitReads } from '../../fn/yaml';
import { SPLIT_SIZES } from '../../fn/yaml-split';
import { prng, pick } from '../yaml-writer/generate';
import { FC_SEED } from '../fc-seed';

const items = (text: string, start = 0) => {
  const s = splitBlockSequence(text, start);
  return s && { column: s.column, items: s.items.map((from, i) => text.slice(from, s.items[i + 1] ?? s.end)), rest: text.slice(s.end) };
};

describe('splitBlockSequence', () => {
  test('one chunk per item; comment and blank lines between items go with the item before', () => {
    const text = '- a: 1\n  b: 2\n\n# about c\n- c\n-\n  - d\n- |\n  - not an item\n  # not a comment\nnext: 1\n';
    expect(items(text)).toEqual({
      column: 0,
      items: ['- a: 1\n  b: 2\n\n# about c\n', '- c\n', '-\n  - d\n', '- |\n  - not an item\n  # not a comment\n'],
      rest: 'next: 1\n',
    });
  });

  test('at a column: ends at a line less indented, or at the column and not an item; trailing comments are not its', () => {
    expect(items('  - x\n  - y\n  # after\n\nkey: v\n')).toEqual({ column: 2, items: ['  - x\n', '  - y\n'], rest: '  # after\n\nkey: v\n' });
    expect(items('  - x\n  key: v\n')).toEqual({ column: 2, items: ['  - x\n'], rest: '  key: v\n' });
    expect(items('- x\n---\n- y\n')).toEqual({ column: 0, items: ['- x\n'], rest: '---\n- y\n' });
    expect(items('- x\n-y\n')).toEqual({ column: 0, items: ['- x\n'], rest: '-y\n' });
    // A more indented comment is the item's (it may be a block scalar's line).
    expect(items('- |\n  a\n  # b\n')).toEqual({ column: 0, items: ['- |\n  a\n  # b\n'], rest: '' });
    // Parsed alone, the last item runs to the next line that is not blank or a comment.
    const text = '  - x\n  - y\n\n# c\n  # d\nkey: v\n';
    const s = splitBlockSequence(text, 0)!;
    expect([text.slice(s.items[1], s.end), text.slice(s.items[1], s.tail)]).toEqual(['  - y\n', '  - y\n\n# c\n  # d\n']);
    // The last item without a newline.
    expect(items('- x\n- y')).toEqual({ column: 0, items: ['- x\n', '- y'], rest: '' });
  });

  test('unusual layout is undefined: tabs or carriage returns in the indentation, an indicator before a tab', () => {
    expect(splitBlockSequence('- a\n\t- b\n', 0)).toBeUndefined();
    expect(splitBlockSequence('- a\n  \t\n- b\n', 0)).toBeUndefined();
    expect(splitBlockSequence('- a\r\n\r\n- b\r\n', 0)).toBeUndefined();
    expect(splitBlockSequence('- a\n-\tb\n', 0)).toBeUndefined();
    expect(splitBlockSequence('key: v\n', 0)).toBeUndefined();
    expect(splitBlockSequence('-x\n', 0)).toBeUndefined();
  });
});

describe('findBlockSequences', () => {
  test('sequences that are a key’s value or a document’s root, outermost first; not inside block scalars', () => {
    const text = [
      'items:',
      '- kind: A',
      '  env:',
      '  - name: a',
      '  - name: b',
      '- kind: B',
      'script: |',
      '  list:',
      '  - not',
      '  - a sequence',
      'plugins:',
      '  - package: x',
      '  - package: y',
      '',
    ].join('\n');
    const found = findBlockSequences(text).map((s) => text.slice(s.start, s.end));
    expect(found).toEqual(['- kind: A\n  env:\n  - name: a\n  - name: b\n- kind: B\n', '  - package: x\n  - package: y\n']);
    // The nested one, in an item's own text.
    const first = findBlockSequences(text)[0];
    const item = text.slice(first.items[0], first.items[1]);
    expect(findBlockSequences(item).map((s) => item.slice(s.start, s.end))).toEqual(['  - name: a\n  - name: b\n']);
    expect(findBlockSequences('- a\n- b\n---\n- c\n- d\n').length).toBe(2);
    expect(findBlockSequences(text, { minBytes: 40 }).length).toBe(1);
  });
});

// ---------------------------------------------------------------------------------------------
// Differential: the reading by pieces against the whole parse.

type Outcome = { error: string } | { values: unknown[]; ranges: unknown[] };

function rangesOf(docs: ReturnType<typeof parseYamlDocumentNodes>): unknown[] {
  const out: unknown[] = [];
  for (const d of docs) {
    visit(d.doc, (_k, n) => {
      const r = (n as { range?: unknown } | null)?.range;
      if (r) out.push([(n as object).constructor.name, r]);
    });
  }
  return out;
}

function read(text: string, split: boolean, nodes: boolean): Outcome {
  const saved = { ...SPLIT_SIZES };
  if (split) Object.assign(SPLIT_SIZES, { textFrom: 0, sequenceFrom: 0 });
  else SPLIT_SIZES.textFrom = Infinity;
  try {
    if (!nodes) return { values: parseYamlDocuments(text), ranges: [] };
    const docs = parseYamlDocumentNodes(text);
    return { values: docs.map((d) => d.value), ranges: rangesOf(docs) };
  } catch (e) {
    return { error: (e as Error).message };
  } finally {
    Object.assign(SPLIT_SIZES, saved);
  }
}

/** Generated YAML texts: half of them well-formed, in the shapes of large inputs; half hostile. */
function generate(rnd: () => number): string {
  const hostile = rnd() < 0.5;
  const lines: string[] = [];
  const bad = (p: number) => hostile && rnd() < p;
  const SCALARS = ['a', 'on', '0755', '2024-01-01', '1e400', '"quoted: v"', "'single'", '~', 'x y', '12:30', '!!str 1', '!!binary aGVsbG8=', '"a\\tb"', '#x', 'a #c', '{a: 1}', '[1, 2]', 'y', '&an a', '"# not a comment"', '|-', ''];
  const HOSTILE_SCALARS = ['- x', '*an', '*a0', '? x', '[a', '"open', '!!int x', '!!set {}', '<<'];
  const scalar = (): string => {
    const v = bad(0.15) ? pick(rnd, HOSTILE_SCALARS) : pick(rnd, SCALARS);
    return v === '|-' ? '"a"' : v;
  };
  const item = (col: number, depth: number): void => {
    const pad = ' '.repeat(col);
    const r = rnd();
    if (r < 0.25) lines.push(`${pad}- ${scalar()}`);
    else if (r < 0.55) {
      const keys = 1 + Math.floor(rnd() * 3);
      const used = new Set<string>();
      for (let k = 0; k < keys; k++) {
        let key = pick(rnd, ['name', 'value', 'on', 'k', 'n', 'package', '"x y"']);
        if (bad(0.3)) key = pick(rnd, ['y', '1', '"1"', '<<', '? x', 'name']);
        else if (used.has(key)) continue;
        used.add(key);
        const lead = k === 0 ? `${pad}- ` : `${pad}  `;
        const v = rnd();
        if (v < 0.6 || depth > 2) lines.push(`${lead}${key}: ${scalar()}`);
        else if (v < 0.75) {
          lines.push(`${lead}${key}: ${pick(rnd, ['|', '>', '|-', '|+', '|2'])}`);
          for (let j = 0; j < 1 + rnd() * 3; j++) lines.push(`${pad}    ${pick(rnd, ['text', '- a dash', '# a hash', 'key: v', '', '---', '  deeper'])}`);
        } else {
          lines.push(`${lead}${key}:`);
          const n = 2 + Math.floor(rnd() * 3);
          const c = col + 2 + (rnd() < 0.5 ? 0 : 2);
          for (let j = 0; j < n; j++) item(c, depth + 1);
        }
      }
    } else if (r < 0.62) {
      lines.push(`${pad}- "multi`);
      lines.push(`${pad}${bad(0.5) ? pick(rnd, ['', '- x"', 'a: b"']) : `  ${pick(rnd, ['line"', '- x"', 'a: b"', '# x"'])}`}`);
    } else if (r < 0.68) {
      lines.push(`${pad}- [a,`);
      lines.push(`${pad}${bad(0.5) ? pick(rnd, ['- c]', 'b]']) : `  ${pick(rnd, ['b]', '{x: 1}]', '- c]'])}`}`);
    } else if (r < 0.76) {
      lines.push(`${pad}-`);
      lines.push(`${pad}  k: ${scalar()}`);
    } else if (r < 0.84 && depth < 3) {
      lines.push(`${pad}- - ${scalar()}`);
      lines.push(`${pad}  - ${scalar()}`);
    } else if (r < 0.9) lines.push(`${pad}- ${pick(rnd, ['|', '>-'])}`, `${pad}  - in a block scalar`, `${pad}  # also`);
    else lines.push(`${pad}- &a${Math.floor(rnd() * 3)} ${scalar()}`);
    if (rnd() < 0.15) lines.push(`${' '.repeat(Math.floor(rnd() * (col + 4)))}# comment`);
    if (rnd() < 0.1) lines.push(pick(rnd, ['', '  ', ' ']));
  };
  const docs = rnd() < 0.15 ? 2 : 1;
  for (let d = 0; d < docs; d++) {
    if (d > 0 || rnd() < 0.05) lines.push(pick(rnd, hostile ? ['---', '--- ', '---\n%YAML 1.2\n---', '...\n---', '--- |\n  - a\n  - b'] : ['---', '--- # doc']));
    if (rnd() < 0.1) {
      for (let j = 0; j < 3; j++) item(0, 0);
      continue;
    }
    const keys = 1 + Math.floor(rnd() * 3);
    const used = new Set<string>();
    for (let k = 0; k < keys; k++) {
      const key = hostile ? pick(rnd, ['items', 'plugins', 'env', 'on', 'a', 'items', '<<', '&k items', '!!set s', '!!omap o', 'key # c', '? q']) : pick(rnd, ['items', 'plugins', 'env', 'a', 'b']);
      if (!hostile && used.has(key)) continue;
      used.add(key);
      const col = rnd() < 0.5 ? 0 : 2;
      lines.push(`${key}:${rnd() < 0.1 ? ' # c' : ''}`);
      const n = 2 + Math.floor(rnd() * 5);
      for (let j = 0; j < n; j++) item(col, 0);
      if (rnd() < 0.2) lines.push(`other${k}: ${scalar()}`);
    }
  }
  // Hostile edits to single lines.
  const edits = hostile ? Math.floor(rnd() * 3) : 0;
  for (let e = 0; e < edits && lines.length > 0; e++) {
    const i = Math.floor(rnd() * lines.length);
    const r = rnd();
    if (r < 0.2) lines[i] = lines[i].replace(/^ {1,2}/, '');
    else if (r < 0.4) lines[i] = `  ${lines[i]}`;
    else if (r < 0.5) lines[i] = lines[i].replace(/^( *)/, '$1\t');
    else if (r < 0.6) lines[i] = `${lines[i]}\r`;
    else if (r < 0.7) lines.splice(i, 1);
    else if (r < 0.8) lines.splice(i, 0, lines[i]);
    else if (r < 0.9) lines[i] = lines[i].replace('- ', '-\t');
    else lines.splice(i, 0, pick(rnd, ['*a0', '- *a1', '<<: *a0', '%TAG ! tag:x,2000:', '---', '...', '? x', ': y']));
  }
  return lines.join('\n') + (rnd() < 0.9 ? '\n' : '');
}

describe('reading by pieces gives what the whole parse gives', () => {
  const N = Number(process.env.SPLIT_N ?? 1000);
  test(`${N} generated texts (seed ${FC_SEED}): values, node ranges and errors`, () => {
    const rnd = prng(FC_SEED);
    let split = 0;
    let splitValid = 0;
    let valid = 0;
    splitReads.onSplit = () => split++;
    try {
      for (let i = 0; i < N; i++) {
        const text = generate(rnd);
        const before = split;
        const whole = read(text, false, true);
        const pieces = read(text, true, true);
        if (!isDeepStrictEqual(pieces, whole)) {
          throw new Error(`text ${i} reads otherwise by pieces:\n${JSON.stringify(text)}\nwhole: ${JSON.stringify(whole).slice(0, 2000)}\npieces: ${JSON.stringify(pieces).slice(0, 2000)}`);
        }
        const values = read(text, true, false);
        const wholeValues = 'error' in whole ? whole : { values: whole.values, ranges: [] };
        if (!isDeepStrictEqual(values, wholeValues)) throw new Error(`text ${i} reads other values by pieces:\n${JSON.stringify(text)}`);
        if (split > before && !('error' in whole)) splitValid++;
        if (!('error' in whole)) valid++;
      }
    } finally {
      splitReads.onSplit = undefined;
    }
    // The split is taken (and then agrees) on a good share of the valid texts, not only refused.
    if (process.env.SPLIT_STATS) console.log({ N, valid, splitValid });
    expect(splitValid).toBeGreaterThan(N / 5);
  });

  test('a ResourceList read by pieces: the same items, kept source texts and written output, the CR’s local-config line included', () => {
    const env = Array.from({ length: 40 }, (_, i) => `          - name: VAR_${i}\n            value: "v${i}" # c\n`).join('');
    const cm = Array.from({ length: 30 }, (_, i) => `- apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: cm-${i}\n  data:\n    on: 0755\n    k: "quoted"\n`).join('');
    const text = `apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems:\n${cm}- apiVersion: rhdh.redhat.com/v1alpha5\n  kind: Backstage\n  metadata:\n    name: hub\n  spec:\n    deployment:\n      patch:\n        spec:\n          env:\n${env}functionConfig:\n  apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: fc\n`;
    const write = (split: boolean) => {
      const saved = { ...SPLIT_SIZES };
      Object.assign(SPLIT_SIZES, split ? { textFrom: 0, sequenceFrom: 0 } : { textFrom: Infinity });
      let taken = 0;
      splitReads.onSplit = (n) => (taken += n);
      try {
        const rl = readResourceList(text);
        const cr = rl.items[rl.items.length - 1];
        const marked = { ...cr, metadata: { ...cr.metadata, annotations: { 'config.kubernetes.io/local-config': 'true' } } };
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        require('../../fn/kio/source-text').keepWithAnnotation(cr, marked, 'config.kubernetes.io/local-config', 'true');
        return { taken, out: writeResourceList([...rl.items.slice(0, -1), marked], [], rl.functionConfig) };
      } finally {
        Object.assign(SPLIT_SIZES, saved);
        splitReads.onSplit = undefined;
      }
    };
    const whole = write(false);
    const pieces = write(true);
    expect(whole.taken).toBe(0);
    expect(pieces.taken).toBeGreaterThan(0);
    expect(pieces.out).toBe(whole.out);
    expect(pieces.out).toContain('    value: "v39" # c\n');
    expect(pieces.out).toContain('      name: hub\n      annotations:\n        config.kubernetes.io/local-config: "true"\n    spec:');
  });
});

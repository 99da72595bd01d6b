// The ResourceList read item by item (fn/kio/block-sequence.ts, readResourceList): the same items,
// the same source texts (written back byte for byte), the same messages at the same lines as the
// whole document's reading; the node limit per item, so that large fleets read.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { splitTopLevelSequence } from '../../fn/kio/block-sequence';
import { readResourceList, writeResourceList } from '../../fn/kio/resourcelist';
import { sourceTextOf } from '../../fn/kio/source-text';
import { parseYamlDocuments } from '../../fn/yaml';

const HEAD = 'apiVersion: config.kubernetes.io/v1\nkind: ResourceList\n';

/** The fixtures' input objects, each as it is written in its file. */
function fixtureDocuments(): string[] {
  const dir = path.join(__dirname, '..', '..', 'fixtures');
  const docs: string[] = [];
  for (const name of fs.readdirSync(dir).sort()) {
    const file = path.join(dir, name, 'input.yaml');
    if (!fs.existsSync(file)) continue;
    for (const d of fs.readFileSync(file, 'utf8').split(/^---\n/m)) if (d.replace(/^#.*\n/gm, '').trim() !== '') docs.push(d.endsWith('\n') ? d : `${d}\n`);
  }
  return docs;
}

/** Documents as the items of a ResourceList, the `-` at `dash` (kpt writes 0, we write 2). */
function asItems(docs: string[], dash: number): string {
  const pad = ' '.repeat(dash + 2);
  return docs.map((d) => `${' '.repeat(dash)}- ${d.replace(/\n(?!$)/g, `\n${pad}`)}`).join('');
}

/** What reading gives: the items, and each item's kept source text. */
function readBoth(text: string) {
  const split = readResourceList(text);
  const whole = readResourceList(text, { whole: true });
  return { split, whole, splitSources: split.items.map((o) => sourceTextOf(o)?.text ?? null), wholeSources: whole.items.map((o) => sourceTextOf(o)?.text ?? null) };
}

function messageOf(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    return (e as Error).message;
  }
  return 'no error';
}

describe('splitTopLevelSequence', () => {
  test('the parts of a ResourceList: before, the key line, each item (comments and blank lines with the item before), after', () => {
    const text = `${HEAD}items: # the items\n  - a: 1\n    b: |\n      - not an item\n\n  # between\n  -\n    c: 2\n  - [x]\nfunctionConfig:\n  d: 3\n`;
    const s = splitTopLevelSequence(text, 'items')!;
    const part = (p: { start: number; end: number }) => text.slice(p.start, p.end);
    expect({ before: part(s.before), key: part(s.keyLine), items: s.items.map(part), lines: s.items.map((p) => p.line), dash: s.dashColumn, after: part(s.after), afterLine: s.after.line }).toEqual({
      before: HEAD,
      key: 'items: # the items\n',
      items: ['  - a: 1\n    b: |\n      - not an item\n\n  # between\n', '  -\n    c: 2\n', '  - [x]\n'],
      lines: [4, 9, 11],
      dash: 2,
      after: 'functionConfig:\n  d: 3\n',
      afterLine: 12,
    });
  });

  test('kpt layout: the `-` at column 0, a top-level key after the items ends them', () => {
    const text = `${HEAD}items:\n- a: 1\n- b: 2\n  c: 3\nfunctionConfig: {}\n`;
    const s = splitTopLevelSequence(text, 'items')!;
    expect(s.items.map((p) => text.slice(p.start, p.end))).toEqual(['- a: 1\n', '- b: 2\n  c: 3\n']);
    expect(text.slice(s.after.start)).toBe('functionConfig: {}\n');
  });

  test.each([
    ['no items key', HEAD],
    ['flow items', `${HEAD}items: []\n`],
    ['items given twice', `${HEAD}items:\n- a: 1\nitems:\n- b: 1\n`],
    ['a document marker', `---\n${HEAD}items:\n- a: 1\n`],
    ['a second document', `${HEAD}items:\n- a: 1\n---\nb: 1\n`],
    ['a directive', `%YAML 1.1\n---\n${HEAD}items:\n- a: 1\n`],
    ['a byte order mark', `\ufeff${HEAD}items:\n- a: 1\n`],
    ['an item line less indented than the `-`', `${HEAD}items:\n  - a: 1\n b: 2\n`],
    ['a first item line that is not a `-`', `${HEAD}items:\n  a: 1\n`],
    ['a flow map at the top', `{apiVersion: v1,\nitems: [\n]}\n`],
  ])('not the plain layout: %s', (_name, text) => {
    expect(splitTopLevelSequence(text, 'items')).toBeUndefined();
  });
});

describe('readResourceList item by item', () => {
  const docs = fixtureDocuments();

  test.each([0, 2, 4])('every fixture input object, `-` at column %i: the same items and source texts as read whole; written back the same bytes', (dash) => {
    expect(docs.length).toBeGreaterThan(100);
    const text = `# a comment first\n${HEAD}items:\n${asItems(docs, dash)}functionConfig:\n  apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: fc\n`;
    const { split, whole, splitSources, wholeSources } = readBoth(text);
    expect(split).toEqual(whole);
    expect(splitSources).toEqual(wholeSources);
    expect(splitSources.filter((s) => s === null)).toEqual([]);
    expect(writeResourceList(split.items, [], split.functionConfig)).toBe(writeResourceList(whole.items, [], whole.functionConfig));
  });

  test.each([
    ['comments and blank lines between items, in items, after the last', `${HEAD}items:\n# first\n- a: 1 # one\n\n  # inside\n  b: 2\n\n# between\n\n- c: |\n    x\n\n\n  # after\n\n# end\nfunctionConfig: {a: 1}\n`],
    ['the `-` alone on its line, a comment after it', `${HEAD}items:\n-\n  apiVersion: v1\n  kind: K\n- # note\n  apiVersion: v1\n  kind: K\n`],
    ['anchors and aliases inside one item', `${HEAD}items:\n- a: &x {k: v}\n  b: *x\n- c: 1\n`],
    ['CRLF line ends', `${HEAD.replace(/\n/g, '\r\n')}items:\r\n- a: 1\r\n  b: 2\r\n- c: 3\r\n`],
    ['flow maps as items (written from their values)', `${HEAD}items:\n- {a: 1, b: [2,\n    3]}\n- c: 4\n`],
    ['keys before and after items', `kind: ResourceList\nitems:\n- a: 1\napiVersion: config.kubernetes.io/v1\nfunctionConfig:\n  x: 1\n`],
    ['no final newline', `${HEAD}items:\n- a: 1\n- b: 2`],
  ])('%s: the same as read whole', (_name, text) => {
    const withKinds = text.replace(/^(-|  -) (\w)/gm, '$1 apiVersion: v1\n  kind: K\n  $2').replace(/- \{a/, '- {apiVersion: v1, kind: K, a');
    const { split, whole, splitSources, wholeSources } = readBoth(withKinds.includes('apiVersion: v1') ? withKinds : text);
    expect(split).toEqual(whole);
    expect(splitSources).toEqual(wholeSources);
  });

  test('an alias to an anchor in another item: read whole', () => {
    const text = `${HEAD}items:\n- apiVersion: v1\n  kind: A\n  data: &d {k: v}\n- apiVersion: v1\n  kind: B\n  data: *d\n`;
    expect(readResourceList(text).items.map((o) => o.data)).toEqual([{ k: 'v' }, { k: 'v' }]);
  });

  test.each([
    ['a syntax error in the fifth item', (n: number) => (i: number) => (i === 4 ? '- apiVersion: v1\n  kind: [x\n' : `- apiVersion: v1\n  kind: K${i}\n`), 'not valid YAML (line 14): '],
    ['duplicate keys in the third item', () => (i: number) => (i === 2 ? '- apiVersion: v1\n  kind: K\n  kind: L\n' : `- apiVersion: v1\n  kind: K${i}\n`), 'not valid YAML (line 10): Map keys must be unique'],
    ['an item that has no kind', () => (i: number) => (i === 3 ? '- apiVersion: v1\n' : `- apiVersion: v1\n  kind: K${i}\n`), 'items[3] has no kind'],
  ])('%s: the same message as read whole', (_name, make, message) => {
    const text = `${HEAD}items:\n${Array.from({ length: 6 }, (_, i) => make(6)(i)).join('')}`;
    expect(messageOf(() => readResourceList(text))).toContain(message);
    expect(messageOf(() => readResourceList(text))).toBe(messageOf(() => readResourceList(text, { whole: true })));
  });

  test("aliases share one budget, the whole input's: seven 1 MB items each expanding by 9 MB pass alone, not together (64 MiB at most)", () => {
    const item = (i: number) => `- apiVersion: v1\n  kind: K\n  metadata: {name: n${i}}\n  data:\n    a: &s ${'x'.repeat(1 << 20)}\n    b: [${Array(9).fill('*s').join(', ')}]\n`;
    const one = `${HEAD}items:\n${item(0)}`;
    expect(readResourceList(one).items.length).toBe(1);
    const text = `${HEAD}items:\n${Array.from({ length: 7 }, (_, i) => item(i)).join('')}`;
    const m = messageOf(() => readResourceList(text));
    expect(m).toBe('YAML aliases would expand the input to more than 67108864 bytes (10 times its size, at most 67108864); stopped at the alias on line 45');
    expect(m).toBe(messageOf(() => readResourceList(text, { whole: true })));
  });

  /** A ConfigMap of 50 keys: 107 nodes. */
  const bigItem = (i: number) => `- apiVersion: v1\n  kind: ConfigMap\n  metadata: {name: c${i}, namespace: ns}\n  data: {${Array.from({ length: 50 }, (_, k) => `k${k}: v`).join(', ')}}\n`;

  test('1,000,001 nodes in one item are refused; 10,000 items of 107 nodes each (1.07 million) are read', () => {
    const flood = `${HEAD}items:\n- apiVersion: v1\n  kind: K\n  data: [${'1,'.repeat(1_000_000)}1]\n`;
    expect(messageOf(() => readResourceList(flood))).toBe('input has more than 1000000 YAML nodes (keys, values and collections); split it');
    const many = `${HEAD}items:\n${Array.from({ length: 10_000 }, (_, i) => bigItem(i)).join('')}`;
    expect(messageOf(() => readResourceList(many, { whole: true }))).toBe('input has more than 1000000 YAML nodes (keys, values and collections); split it');
    const rl = readResourceList(many);
    expect(rl.items.length).toBe(10_000);
    expect(rl.items[9_999]).toEqual((parseYamlDocuments(bigItem(9_999))[0] as unknown[])[0]);
    expect(writeResourceList(rl.items.slice(-1), [])).toBe(`${HEAD}items:\n  ${bigItem(9_999).slice(0, -1).replace(/\n/g, '\n  ')}\n`);
  });

  test('a syntax error in a fleet too large to read whole is said at its line', () => {
    const items = Array.from({ length: 10_000 }, (_, i) => (i === 10 ? '- apiVersion: v1\n  kind: [x\n' : bigItem(i)));
    const text = `${HEAD}items:\n${items.join('')}`;
    expect(messageOf(() => readResourceList(text, { whole: true }))).toBe('input has more than 1000000 YAML nodes (keys, values and collections); split it');
    expect(messageOf(() => readResourceList(text))).toBe('not valid YAML (line 46): Flow sequence in block collection must be sufficiently indented and end with a ] at column 1');
  });
});

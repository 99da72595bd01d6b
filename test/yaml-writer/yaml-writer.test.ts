// The fast YAML writer (fn/yaml-writer.ts) must write exactly what stringifyYaml (the `yaml`
// package with our settings) writes, and what it writes must read back as the same values with
// the `yaml` parser (YAML 1.1 and 1.2) and with kubectl.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Document, parse } from 'yaml';
import { writeYamlDocument } from '../../fn/yaml-writer';
import { STRINGIFY, parseYamlDocuments } from '../../fn/yaml';
import { REPO_ROOT, run } from '../helpers';
import { genConfigMap, genList, genMap, genString, prng } from './generate';

/** stringifyYaml as the `yaml` package does it, whatever fn/yaml.ts uses. */
function reference(value: unknown): string {
  return new Document(value, STRINGIFY).toString(STRINGIFY);
}

/** What a reader gives back for a written value: undefined map values dropped, undefined list items null. */
function normalize(v: unknown): unknown {
  if (Array.isArray(v)) return v.map((x) => (x === undefined ? null : normalize(x)));
  if (v !== null && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) if (x !== undefined) out[k] = normalize(x);
    return out;
  }
  return v;
}

/**
 * Plain scalars the `yaml` package's YAML 1.1 writer leaves unquoted although a YAML 1.2 reader
 * (0o14) or Go's YAML readers, kubectl and kyaml (0O14, 0X1F, 0B1, +Inf, hex floats), read them
 * as numbers. The writer is byte-identical to stringifyYaml, so it leaves them too; see README, "Performance".
 */
const AMBIGUOUS_FOR_OTHER_READERS = /^[-+]?0[oObBxX]|^[-+]?\.?[0-9]|^[-+](?:inf|infinity)$/i;
function hasAmbiguous(v: unknown): boolean {
  if (typeof v === 'string') return AMBIGUOUS_FOR_OTHER_READERS.test(v);
  if (Array.isArray(v)) return v.some(hasAmbiguous);
  if (v !== null && typeof v === 'object') return Object.entries(v).some(([k, x]) => hasAmbiguous(k) || hasAmbiguous(x));
  return false;
}
/**
 * Strings the `yaml` package's writer (so stringifyYaml, so this writer) does not write back
 * faithfully: a line of one space inside a folded double-quoted scalar ("…\n \n…" comes back with a
 * backslash), and a whitespace-only block scalar (" \n" comes back as "\n": no indentation
 * indicator). See README, "Performance". Not used by the byte-for-byte tests.
 */
const NOT_ROUND_TRIPPED = (s: string): boolean => /\n \n/.test(s) || (/^[ \t\n]*\n$/.test(s) && /[ \t]/.test(s));
/**
 * What the kubectl test writes: printable ASCII, newlines and a few letters beyond ASCII. Go's YAML
 * reader also differs from the YAML specification on other input, whoever writes it: it refuses
 * tabs at the start of block scalar lines, escaped unpaired surrogates and the raw DEL/C1
 * characters the `yaml` package writes, and trims NBSP, NEL, U+2028/2029 as if they were spaces.
 */
const KUBECTL_TEXT = /^[\x20-\x7e\né日本😀]*$/u;
function some(v: unknown, pred: (s: string) => boolean): boolean {
  if (typeof v === 'string') return pred(v);
  if (Array.isArray(v)) return v.some((x) => some(x, pred));
  if (v !== null && typeof v === 'object') return Object.entries(v).some(([k, x]) => pred(k) || some(x, pred));
  return false;
}
function hasMergeKey(v: unknown): boolean {
  if (Array.isArray(v)) return v.some(hasMergeKey);
  if (v !== null && typeof v === 'object') return Object.entries(v).some(([k, x]) => k === '<<' || hasMergeKey(x));
  return false;
}

describe('writeYamlDocument: the same bytes as stringifyYaml', () => {
  test('small cases, one per rule', () => {
    const cases: unknown[] = [
      {},
      [],
      { a: 'plain', b: 'yes', c: 'on', d: 'y', e: 'N', f: '0644', g: '1.5', h: '1e3', i: '0x1F', j: '12:30', k: '2001-12-14', l: '~', m: '' },
      { a: ' lead', b: 'trail ', c: 'a: b', d: 'a #b', e: '#x', f: '- x', g: '-', h: '? x', i: '---', j: '%x', k: '@x', l: "it's", m: 'say "hi"', n: `both ' and "` },
      { a: 'one\ntwo', b: 'one\ntwo\n', c: 'one\ntwo\n\n', d: ' indented\nnext', e: '\nlead', f: 'x\n  ', g: 'ctl\u0007', h: 'tab\tin', i: '\ttab' },
      { a: 1, b: -0, c: 1.5, d: 1e21, e: NaN, f: Infinity, g: -Infinity, h: true, i: false, j: null, k: undefined, l: [undefined, null] },
      { list: [[1, [2, []]], {}, { a: { b: [] } }, [{ x: 1, y: [1] }]], empty: { only: undefined } },
      { 'yes': 1, '': 2, 'a\nb': 3, 'a: b': 4, '---': 5, '<<': '<<', nested: { '---': 1 } },
      { long: 'a double-quoted line long enough to be folded \n with a space\n\nand more' },
      // Own __proto__ / constructor keys (the model keeps them as data) are written as keys.
      JSON.parse('{"labels":{"__proto__":"x","constructor":"y","a":{"__proto__":{"b":[1]}}}}'),
    ];
    for (const c of cases) expect(writeYamlDocument(c)).toBe(reference(c));
  });

  test('root scalars and values that are not plain data fall back (undefined)', () => {
    expect(writeYamlDocument('x')).toBeUndefined();
    expect(writeYamlDocument(null)).toBeUndefined();
    expect(writeYamlDocument({ d: new Date(0) })).toBeUndefined();
    expect(writeYamlDocument({ m: new Map([['a', 1]]) })).toBeUndefined();
    expect(writeYamlDocument({ f: () => 1 })).toBeUndefined();
    expect(writeYamlDocument({ ['k'.repeat(1100)]: 1 })).toBeUndefined();
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    expect(writeYamlDocument(circular)).toBeUndefined();
  });

  test('10000 generated documents', () => {
    const rnd = prng(20260101);
    let checked = 0;
    for (let i = 0; i < 10000; i++) {
      const v = i % 5 === 0 ? genList(rnd) : genMap(rnd);
      const fast = writeYamlDocument(v);
      if (fast === undefined) throw new Error(`fell back on ${JSON.stringify(v)}`);
      const ref = reference(v);
      if (fast !== ref) expect({ value: v, fast }).toEqual({ value: v, fast: ref });
      checked++;
    }
    expect(checked).toBe(10000);
  });

  test('20000 generated strings as values, list items and keys, at depth 0 and 2', () => {
    const rnd = prng(7);
    for (let i = 0; i < 20000; i++) {
      const s = genString(rnd);
      for (const v of [{ [s]: s }, [s], { a: { b: [{ [s]: [s] }] } }]) {
        const fast = writeYamlDocument(v);
        if (fast !== reference(v)) expect({ s, fast }).toEqual({ s, fast: reference(v) });
      }
    }
  });

  test('every fixture output, document by document', () => {
    const dir = path.join(REPO_ROOT, 'fixtures');
    let docs = 0;
    for (const name of fs.readdirSync(dir).sort()) {
      for (const file of ['input.yaml', 'expected.yaml']) {
        const p = path.join(dir, name, file);
        if (!fs.existsSync(p)) continue;
        for (const doc of parseYamlDocuments(fs.readFileSync(p, 'utf8'))) {
          expect(writeYamlDocument(doc)).toBe(reference(doc));
          docs++;
        }
      }
    }
    expect(docs).toBeGreaterThan(20);
  });
});

describe('writeYamlDocument: readers get the same values back', () => {
  const rnd = prng(99);
  const values: unknown[] = [];
  for (let i = 0; i < 5000; i++) values.push(i % 4 === 0 ? genList(rnd) : genMap(rnd));

  test('the yaml parser, YAML 1.1 (our reader) and YAML 1.2', () => {
    let compared12 = 0;
    for (const v of values) {
      if (hasMergeKey(v)) continue; // `<<` is a merge key to a YAML 1.1 reader: stringifyYaml writes it plain too
      if (some(v, NOT_ROUND_TRIPPED)) continue;
      const text = writeYamlDocument(v)!;
      expect(parse(text, { version: '1.1' })).toEqual(normalize(v));
      if (hasAmbiguous(v)) continue;
      expect(parse(text, { version: '1.2' })).toEqual(normalize(v));
      compared12++;
    }
    expect(compared12).toBeGreaterThan(1000);
  });

  const kubectl = run('sh', ['-c', 'command -v kubectl']).status === 0;
  (kubectl ? test : test.skip)('kubectl reads generated ConfigMaps back with the same data', () => {
    const r = prng(5);
    const cms = [];
    for (let i = 0; i < 400; i++) {
      const cm = genConfigMap(r, i);
      // Go's readers take 0o14, 0X1F, +Inf as numbers (see AMBIGUOUS_FOR_OTHER_READERS).
      for (const [k, s] of Object.entries(cm.data)) if (hasAmbiguous(s) || NOT_ROUND_TRIPPED(s) || !KUBECTL_TEXT.test(s)) delete cm.data[k];
      cms.push(cm);
    }
    const text = cms.map((c) => writeYamlDocument(c)).join('---\n');
    // `label --local` reads and prints the objects with kubectl's own YAML reader, without a cluster.
    const out = run('kubectl', ['label', '--local', '-f', '-', '-o', 'json', 'read=back'], { input: text });
    expect(out.stderr).toBe('');
    const read = JSON.parse(`[${out.stdout.replace(/\n}\n{/g, '\n},\n{')}]`) as Array<{ metadata: { name: string }; data?: Record<string, string> }>;
    expect(read.map((o) => [o.metadata.name, o.data ?? {}])).toEqual(cms.map((c) => [c.metadata.name, c.data]));
    expect(read.length).toBe(400);
    expect(cms.reduce((n, c) => n + Object.keys(c.data).length, 0)).toBeGreaterThan(300);
  });
});

// The fast YAML writer (fn/yaml-writer.ts) must write exactly what stringifyYaml (the `yaml`
// package with our settings) writes, and what it writes must read back as the same values with
// the `yaml` parser (YAML 1.1 and 1.2) and with Go's readers: kubectl (go-yaml v2), kustomize and
// kpt (kyaml, go-yaml v3). Nothing generated is left out but what no UTF-8 reader can hold
// (unpaired surrogates) and, for kustomize, what its own re-encoding cannot carry.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Document, parse } from 'yaml';
import { writeYamlDocument } from '../../fn/yaml-writer';
import { STRINGIFY, parseYamlDocuments } from '../../fn/yaml';
import { REPO_ROOT, run } from '../helpers';
import { genList, genMap, genString, prng } from './generate';
import { testWithProgram } from '../operator-data';

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

/** Unpaired UTF-16 surrogates: no UTF-8 text holds them, so Go's readers cannot be given them. */
const UNPAIRED_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Many generated strings as the values, and as the keys, of a few big ConfigMaps. */
function genConfigMapsOfStrings(seed: number, maps: number, keys: number): Array<{ apiVersion: string; kind: string; metadata: { name: string }; data: Record<string, string> }> {
  const rnd = prng(seed);
  const out = [];
  for (let i = 0; i < maps; i++) {
    const data: Record<string, string> = {};
    for (let j = 0; j < keys; j++) {
      const value = genString(rnd);
      const key = i % 2 === 0 ? `k${j}` : genString(rnd);
      if (!UNPAIRED_SURROGATE.test(key) && !UNPAIRED_SURROGATE.test(value)) data[key] = value;
    }
    out.push({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `cm-${i}` }, data });
  }
  return out;
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

  test('strings YAML 1.2 or Go readers would read otherwise are quoted; what Go refuses or blocks cannot hold, escaped on one line', () => {
    const v = {
      a: '0o14', b: '0X1F', c: '1e_3', d: '0_x1', e: '2001-1-2 1:2:3', f: '<<', g: '=', '<<': 'x',
      h: '+Inf', i: '0x1p3', // strings to every reader here (kubectl, kustomize): left plain
      j: 'x\u007fy\u0085z\u2028\ufeff\u009f', k: ' \n', l: '\tfoo\nbar', m: 'a double-quoted line long enough to be folded\u0007\n \nnext',
    };
    const expected = [
      'a: "0o14"', 'b: "0X1F"', 'c: "1e_3"', 'd: "0_x1"', 'e: "2001-1-2 1:2:3"', 'f: "<<"', 'g: "="', '"<<": x', 'h: +Inf', 'i: 0x1p3',
      'j: "x\\x7fy\\Nz\\L\\uFEFF\\x9f"', 'k: " \\n"', 'l: "\\tfoo\\nbar"', 'm: "a double-quoted line long enough to be folded\\a\\n \\nnext"', '',
    ].join('\n');
    expect(writeYamlDocument(v)).toBe(expected);
    expect(reference(v)).toBe(expected);
  });

  test('exponent-only and dot-only strings (e7, .e7, ., ._) are quoted by both paths; our reader reads them as strings', () => {
    const v = { a: 'e7', b: 'E7', c: '.e7', d: '.', e: '._', f: 'e', g: '1e7' };
    const expected = ['a: "e7"', 'b: "E7"', 'c: ".e7"', 'd: "."', 'e: "._"', 'f: e', 'g: "1e7"', ''].join('\n');
    expect(writeYamlDocument(v)).toBe(expected);
    expect(reference(v)).toBe(expected);
    // The yaml package's YAML 1.1 floats would take the plain forms for NaN; ours, as Go's, do not.
    expect(parseYamlDocuments('a: e7\nb: .e7\nc: .\nd: ._\ne: 1e7\nf: .5\ng: 1.\n')).toEqual([{ a: 'e7', b: '.e7', c: '.', d: '._', e: 1e7, f: 0.5, g: 1 }]);
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

  test('the yaml parser, YAML 1.1 (our reader, merge keys on) and YAML 1.2 (core schema): generated documents', () => {
    for (const v of values) {
      const text = writeYamlDocument(v)!;
      expect(parse(text, { version: '1.1', merge: true })).toEqual(normalize(v));
      expect(parse(text, { version: '1.2', schema: 'core' })).toEqual(normalize(v));
    }
  });

  test('the yaml parser, YAML 1.1 and 1.2: 20000 generated strings as keys, values and list items', () => {
    const r = prng(11);
    for (let i = 0; i < 20000; i++) {
      const s = genString(r);
      const v = { [s]: s, list: [s, { [s]: [s] }] };
      const text = writeYamlDocument(v)!;
      const back11 = parse(text, { version: '1.1', merge: true });
      const back12 = parse(text, { version: '1.2', schema: 'core' });
      if (JSON.stringify(back11) !== JSON.stringify(v) || JSON.stringify(back12) !== JSON.stringify(v)) expect({ s, back11, back12, text }).toEqual({ s, back11: v, back12: v, text });
    }
  });

  testWithProgram('kubectl', 'kubectl (go-yaml v2) reads 6000 generated strings back, as ConfigMap values and keys', () => {
    const cms = genConfigMapsOfStrings(5, 12, 500);
    const text = cms.map((c) => writeYamlDocument(c)).join('---\n');
    // `label --local` reads and prints the objects with kubectl's own YAML reader, without a cluster.
    const out = run('kubectl', ['label', '--local', '-f', '-', '-o', 'json', 'read=back'], { input: text });
    expect(out.stderr).toBe('');
    const read = JSON.parse(`[${out.stdout.replace(/\n}\n{/g, '\n},\n{')}]`) as Array<{ metadata: { name: string }; data?: Record<string, string> }>;
    expect(read.map((o) => [o.metadata.name, o.data ?? {}])).toEqual(cms.map((c) => [c.metadata.name, c.data]));
    expect(cms.reduce((n, c) => n + Object.keys(c.data).length, 0)).toBeGreaterThan(5000);
  });

  // kustomize converts an object to JSON (go-yaml v3's decoder, as kyaml reads values) to apply a
  // JSON patch, then writes it back with go-yaml v3's emitter. Left out: what that emitter itself
  // cannot carry (control characters, U+2028/2029/FEFF and tabs: it writes them raw, or as literal
  // blocks with a tab first, which kustomize then refuses to read), and `<<` keys, which kyaml
  // drops even quoted or tagged `!!str`. Its output is read with YAML 1.2 (the emitter leaves
  // `.e3` plain, which the `yaml` package's YAML 1.1 reads as a number).
  testWithProgram('kubectl', 'kubectl kustomize (go-yaml v3 decoding, a JSON patch) reads 3000 generated strings back', () => {
    const emitterCannot = /[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff]/;
    const cms = genConfigMapsOfStrings(8, 12, 500);
    // go-yaml v3 takes a float whose value overflows (`.5e30644`: ParseFloat's range error) for a
    // string and writes it plain, which a YAML 1.2 reader then reads as Infinity: Go's emitter, not ours.
    const overflowingFloat = (x: string) => /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/.test(x) && !Number.isFinite(Number(x));
    for (const c of cms) {
      for (const [k, v] of Object.entries(c.data)) {
        if (k === '<<' || emitterCannot.test(k) || emitterCannot.test(v) || overflowingFloat(k) || overflowingFloat(v)) delete c.data[k];
      }
    }
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yaml-writer-kustomize-'));
    try {
      fs.writeFileSync(path.join(dir, 'cms.yaml'), cms.map((c) => writeYamlDocument(c)).join('---\n'));
      const patch = '- op: add\n  path: /metadata/labels\n  value: {read: back}\n';
      fs.writeFileSync(path.join(dir, 'kustomization.yaml'), `resources:\n- cms.yaml\npatches:\n- target:\n    kind: ConfigMap\n  patch: ${JSON.stringify(patch)}\n`);
      const out = run('kubectl', ['kustomize', dir], { cwd: dir });
      expect(out.stderr).toBe('');
      const read = out.stdout.split(/^---\n/m).map((d) => parse(d, { version: '1.2' })) as Array<{ metadata: { name: string; labels?: unknown }; data?: Record<string, string> }>;
      expect(read.every((o) => o.metadata.labels !== undefined)).toBe(true);
      expect(Object.fromEntries(read.map((o) => [o.metadata.name, o.data ?? {}]))).toEqual(Object.fromEntries(cms.map((c) => [c.metadata.name, c.data])));
      expect(cms.reduce((n, c) => n + Object.keys(c.data).length, 0)).toBeGreaterThan(3000);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  testWithProgram('kpt', 'kpt (kyaml, go-yaml v3) reads 6000 generated strings and writes them back', () => {
    const cms = genConfigMapsOfStrings(6, 12, 500);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yaml-writer-kpt-'));
    try {
      fs.writeFileSync(path.join(dir, 'cms.yaml'), cms.map((c) => writeYamlDocument(c)).join('---\n'));
      const out = run('kpt', ['fn', 'source', dir, '-o', 'unwrap'], { cwd: dir });
      expect(out.stderr).toBe('');
      for (const version of ['1.1', '1.2'] as const) {
        const read = out.stdout.split(/^---\n/m).map((d) => parse(d, { version, merge: version === '1.1' })) as Array<{ metadata: { name: string }; data?: Record<string, string> }>;
        expect(read.map((o) => [o.metadata.name, o.data ?? {}])).toEqual(cms.map((c) => [c.metadata.name, c.data]));
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

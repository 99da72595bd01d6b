// fn/model/profile-yaml.ts: the profile's files parsed once per profile (docs/performance.md). Each
// call must give exactly what parsing the text gives, as a fresh copy; plugin-deps templates what
// parsing the text with plain words for the placeholders gives, the words then replaced in its
// strings by the name and namespace, whatever these look like (they stay strings).
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as fc from 'fast-check';
import { fcParams } from '../fc-seed';
import { loadProfileDir } from '../../cli/profile-loader';
import type { Profile } from '../../fn/profile/profile';
import { listPluginDeps } from '../../fn/profile/profile';
import { parseProfileDocuments, parseProfileTemplate, parseProfileYaml } from '../../fn/model/profile-yaml';
import * as yamlModule from '../../fn/yaml';
import { parseYaml, parseYamlDocuments } from '../../fn/yaml';

const ROOT = path.join(__dirname, '..', '..');
// profiles/<operator version>/<name>: every embedded profile of every line, as `<version>/<name>`.
const subdirs = (dir: string) => fs.readdirSync(dir).filter((n) => fs.statSync(path.join(dir, n)).isDirectory()).sort();
const PROFILES = subdirs(path.join(ROOT, 'profiles')).flatMap((v) => subdirs(path.join(ROOT, 'profiles', v)).map((n) => `${v}/${n}`));

function substitute(text: string, bs: { name: string; namespace: string }): string {
  return text.split('{{backstage-name}}').join(bs.name).split('{{backstage-ns}}').join(bs.namespace);
}

// As long as the function's own words (`zbrn0q`), so that errors give the same columns.
const WORD_NAME = 'qqnam1';
const WORD_NS = 'qqnsp1';

/**
 * What a template must give for a CR: the documents of the text with plain words for the
 * placeholders (usual words, so text substitution is right), the words replaced by the CR's values
 * in every string and key.
 */
function filledAsStrings(text: string, bs: { name: string; namespace: string }): unknown[] {
  const words = new RegExp(`${WORD_NAME}|${WORD_NS}`, 'g');
  const fill = (s: string) => s.replace(words, (m) => (m === WORD_NAME ? bs.name : bs.namespace));
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return fill(v);
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) {
        if (Object.hasOwn(out, fill(k))) throw new yamlModule.YamlError('Map keys must be unique (a key made with {{backstage-name}} or {{backstage-ns}} is another key of the same map)');
        Object.defineProperty(out, fill(k), { value: walk(x), enumerable: true, writable: true, configurable: true });
      }
      return out;
    }
    return v;
  };
  return parseYamlDocuments(substitute(text, { name: WORD_NAME, namespace: WORD_NS })).map(walk);
}

/** What the function gives, or the error it throws, to compare two ways of parsing. */
function outcome(f: () => unknown): { value?: unknown; error?: string } {
  try {
    return { value: f() };
  } catch (e) {
    return { error: `${(e as Error).name}: ${(e as Error).message}` };
  }
}

const profile = (files: Record<string, string> = {}): Profile => ({ name: 'test', files });

describe('parseProfileDocuments / parseProfileYaml', () => {
  test('every YAML file of every profile: the same documents as parsing it, parsed once', () => {
    for (const name of PROFILES) {
      const p = loadProfileDir(path.join(ROOT, 'profiles', name), name);
      for (const [file, text] of Object.entries(p.files)) {
        if (file.startsWith('plugin-deps/')) continue; // templates, below
        expect({ file, ...outcome(() => parseProfileDocuments(p, text)) }).toStrictEqual({ file, ...outcome(() => parseYamlDocuments(text)) });
        expect({ file, ...outcome(() => parseProfileYaml(p, text)) }).toStrictEqual({ file, ...outcome(() => parseYaml(text)) });
      }
      const spy = jest.spyOn(yamlModule, 'parseYamlDocuments');
      try {
        for (const [file, text] of Object.entries(p.files)) if (!file.startsWith('plugin-deps/')) outcome(() => parseProfileDocuments(p, text));
        // Parsed above already: only the texts that are not plain data (or do not parse) again.
        expect(spy.mock.calls.length).toBeLessThanOrEqual(Object.keys(p.files).length / 4);
      } finally {
        spy.mockRestore();
      }
    }
  });

  test('each call gets its own copy; a change to one is not seen by the next', () => {
    const p = profile();
    const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  labels: {x: "1"}\ndata:\n  k: [1, 2]\n---\nb: 2\n';
    const first = parseProfileDocuments(p, text) as Array<Record<string, any>>;
    first[0].metadata.labels.x = 'changed';
    first[0].data.k.push(3);
    (first as unknown[]).push('extra');
    const second = parseProfileDocuments(p, text);
    expect(second).toStrictEqual(parseYamlDocuments(text));
    expect(second).not.toBe(first);
    const one = parseProfileYaml(p, 'a: {b: [1]}\n') as any;
    one.a.b.push(2);
    expect(parseProfileYaml(p, 'a: {b: [1]}\n')).toStrictEqual({ a: { b: [1] } });
  });

  test('keys, types and order as parsed: __proto__, numbers, octals, YAML 1.1 booleans, merge keys', () => {
    const p = profile();
    const text = '__proto__: {polluted: 1}\n10: a\n2: b\nz: 0644\nyes: on\nn: ~\nf: 1.5e3\nbase: &b {x: 1}\nm:\n  <<: *b\n  y: 2\n';
    const got = parseProfileDocuments(p, text);
    expect(got).toStrictEqual(parseYamlDocuments(text));
    expect(Object.keys(got[0] as object)).toEqual(Object.keys(parseYamlDocuments(text)[0] as object));
    expect(Object.getPrototypeOf(got[0])).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  test('timestamps, binary, sets and shared (aliased) objects are parsed again each time, as before', () => {
    const p = profile();
    for (const text of ['t: 2001-12-14\n', 'b: !!binary aGVsbG8=\n', 's: !!set {a, b}\n', 'a: &x {k: [1]}\nb: *x\n']) {
      const a = parseProfileDocuments(p, text);
      const b = parseProfileDocuments(p, text);
      expect(a).toStrictEqual(parseYamlDocuments(text));
      expect(b).toStrictEqual(parseYamlDocuments(text));
    }
    const shared = parseProfileDocuments(p, 'a: &x {k: [1]}\nb: *x\n')[0] as any;
    expect(shared.a).toBe(shared.b); // the same object twice, as toJS makes it
  });

  test('errors are the same each time, and nothing is kept for them', () => {
    const p = profile();
    for (const text of ['a: [1\n', 'a: 1\na: 2\n', 'a: 1\n---\nb: 2\n']) {
      expect(outcome(() => parseProfileYaml(p, text))).toStrictEqual(outcome(() => parseYaml(text)));
      expect(outcome(() => parseProfileYaml(p, text))).toStrictEqual(outcome(() => parseYaml(text)));
    }
  });
});

const NAMES = ['bs1', 'my-backstage', 'a.b.c', 'x', '123', '1e3', '0x1f', '0644', '2001-12-14', 'true', 'yes', 'y', 'n', 'on', 'null', 'no', 'Foo', 'with space', 'a: b', '#x', 'x #y', '-x', '...', '---', '', '{{backstage-ns}}', 'zbrs0q', 'zbrn0q', 'a"b', "a'b", 'a\\b', 'line\nbreak', 'x'.repeat(300)];

describe('parseProfileTemplate (plugin-deps)', () => {
  test('every plugin-deps file of every profile, for names and namespaces of every kind: the placeholders filled in as strings', () => {
    for (const name of PROFILES) {
      const p = loadProfileDir(path.join(ROOT, 'profiles', name), name);
      for (const [file, text] of listPluginDeps(p)) {
        for (const n of NAMES) {
          for (const ns of ['ns1', n]) {
            const bs = { name: n, namespace: ns };
            expect({ file, bs, ...outcome(() => parseProfileTemplate(p, text, bs)) }).toStrictEqual({ file, bs, ...outcome(() => filledAsStrings(text, bs)) });
          }
        }
      }
    }
  });

  test("the profile's templates are parsed once: a CR with a usual name and namespace parses nothing", () => {
    for (const name of PROFILES) {
      const p = loadProfileDir(path.join(ROOT, 'profiles', name), name);
      const deps = listPluginDeps(p).filter(([f]) => /\.ya?ml$/.test(f) && !f.endsWith('.provider.yaml'));
      for (const [, text] of deps) parseProfileTemplate(p, text, { name: 'first', namespace: 'first-ns' });
      const spy = jest.spyOn(yamlModule, 'parseYamlDocuments');
      try {
        for (const [, text] of deps) parseProfileTemplate(p, text, { name: 'backstage-2', namespace: 'team-b.x' });
        expect(spy).not.toHaveBeenCalled();
      } finally {
        spy.mockRestore();
      }
    }
  });

  const PIECES = [
    'name: {{backstage-name}}\n',
    'ns: {{backstage-ns}}\n',
    'q: "{{backstage-name}}-db"\n',
    "s: 'x-{{backstage-ns}}'\n",
    'p: psql-{{backstage-name}}\n',
    'n: 1{{backstage-name}}\n',
    'd: 2001-12-{{backstage-name}}\n',
    'l: |\n  line {{backstage-name}}\n  {{backstage-ns}} next\n',
    'f: >\n  folded {{backstage-ns}}\n\n  more\n',
    '# comment {{backstage-name}}\n',
    '{{backstage-name}}: key\n',
    'k-{{backstage-ns}}: key\n',
    'k-bs1: dup\n',
    'flow: [a-{{backstage-name}}, {{backstage-ns}}]\n',
    'fm: {a: {{backstage-name}}}\n',
    't: !!str {{backstage-name}}\n',
    'i: !!int 1{{backstage-name}}\n',
    'anchor: &a-{{backstage-name}} v\n',
    'e: "\\x7a{{backstage-name}}"\n',
    'x: {{backstage-{{backstage-ns}}name}}\n',
    'm: a:{{backstage-name}}\n',
    'list:\n- {{backstage-ns}}\n- x{{backstage-name}}\n',
    '---\n',
    'plain: multi\n  {{backstage-name}} line\n',
    'u: zbrn0q\n',
  ];

  test('generated templates and values: the placeholders filled in as strings, or the same error', () => {
    // Collection keys (`{{backstage-name}}: key` with a name such as `{x}`) make the yaml package warn.
    const quiet = jest.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    try {
      fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...PIECES), { minLength: 1, maxLength: 6 }),
        fc.constantFrom(...NAMES, 'bs1', 'ns', 'k'),
        fc.constantFrom(...NAMES, 'ns1', 'ns'),
        (pieces, n, ns) => {
          const p = profile();
          const text = pieces.join('');
          const bs = { name: n, namespace: ns };
          const want = outcome(() => filledAsStrings(text, bs));
          // Twice: the first call analyses the template, the second uses what was kept.
          expect(outcome(() => parseProfileTemplate(p, text, bs))).toStrictEqual(want);
          expect(outcome(() => parseProfileTemplate(p, text, { name: 'other', namespace: 'other-ns' }))).toStrictEqual(
            outcome(() => filledAsStrings(text, { name: 'other', namespace: 'other-ns' })),
          );
          expect(outcome(() => parseProfileTemplate(p, text, bs))).toStrictEqual(want);
        },
      ),
      fcParams({ numRuns: 400 }),
      );
    } finally {
      quiet.mockRestore();
    }
  });

  // Not `plain: multi {{backstage-name}} line`: a plain scalar with a space is parsed for each CR (a timestamp may have spaces).
  const BENIGN = PIECES.slice(0, 5).concat(PIECES.slice(7, 10), PIECES.slice(21, 23), PIECES.slice(24));

  test('templates with placeholders in plain, quoted and block scalars and comments are parsed once', () => {
    fc.assert(
      fc.property(
        fc.shuffledSubarray(BENIGN, { minLength: 1 }),
        fc.constantFrom('bs1', 'my-backstage', 'a.b', 'x9'),
        fc.constantFrom('ns1', 'team-b', 'n.s'),
        (pieces, n, ns) => {
          const p = profile();
          const text = pieces.join('');
          parseProfileTemplate(p, text, { name: 'first', namespace: 'first-ns' });
          const spy = jest.spyOn(yamlModule, 'parseYamlDocuments');
          try {
            expect(parseProfileTemplate(p, text, { name: n, namespace: ns })).toStrictEqual(parseYamlDocuments(substitute(text, { name: n, namespace: ns })));
            expect(spy).toHaveBeenCalledTimes(1); // the line above, not parseProfileTemplate
          } finally {
            spy.mockRestore();
          }
        },
      ),
      fcParams({ numRuns: 200 }),
    );
  });
});

// Hostile and broken input through the real executable (bin/backstage-render, the bundle CI runs),
// as the KRM function (stdin ResourceList) and as the CLI (`render -`): every case asserts the exit
// code, the stderr line, no stack trace, nothing half-rendered (KRM: the original items and the
// results; CLI: empty stdout) and a time bound. docs/reliability.md lists them.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { KObject } from '../../fn/kio/types';
import { withDefaults } from '../../fn/options';
import { renderBackstage } from '../../fn/render';
import { parseYamlDocuments } from '../../fn/yaml';
import { loadProfileDir } from '../../cli/profile-loader';
import { strategicMerge } from '../../fn/merge/strategic-merge';
import { mergeDynamicPluginsTexts } from '../../fn/plugins/merge';
import { REPO_ROOT, tmpDir, copyDir } from '../helpers';
import { canonicalItems, HAVE_TIME, readOutputList, resourceListText, runBin, STACK_TRACE, type BinRun } from './support';

const SEED = { BACKSTAGE_RENDER_SECRET_SEED: 'hostile-seed-0123456789abcdef' };
/** Generous: CI machines are shared; a hang is minutes, these cases take well under a second alone. */
const QUICK_MS = 15000;

function lines(s: string): string[] {
  return s.split('\n').filter((l) => l !== '');
}

/** The checks every failing case makes, for both doors. */
function expectRejected(r: BinRun, door: 'krm' | 'cli', stderrLine: string, originalItems: unknown[] = []): void {
  expect({ status: r.status, stderr: lines(r.stderr) }).toEqual({ status: 1, stderr: expect.arrayContaining([stderrLine]) });
  expect(r.stderr).not.toMatch(STACK_TRACE);
  expect(r.stderr).not.toContain('internal error');
  if (door === 'cli') expect(r.stdout).toBe('');
  else {
    const out = readOutputList(r.stdout);
    expect(out.results).toEqual(expect.arrayContaining([expect.objectContaining({ severity: 'error', message: expect.any(String) })]));
    expect(canonicalItems(out.items)).toEqual(canonicalItems(originalItems));
  }
}

/** A v1alpha5 CR; ns null: no namespace. */
const CR = (name = 'bs1', ns: string | null = 'ns1', extra = '') =>
  `apiVersion: rhdh.redhat.com/v1alpha5\nkind: Backstage\nmetadata:\n  name: ${name}\n${ns === null ? '' : `  namespace: ${ns}\n`}${extra}`;

function krm(items: string[], env: NodeJS.ProcessEnv = SEED): { run: BinRun; items: unknown[] } {
  const text = resourceListText(items);
  const parsed = (parseYamlDocuments(text)[0] as { items: unknown[] }).items;
  return { run: runBin([], { input: text, env }), items: parsed };
}

function cli(docs: string[], args: string[] = [], env: NodeJS.ProcessEnv = SEED): BinRun {
  return runBin(['render', '-', ...args], { input: docs.map((d) => (d.endsWith('\n') ? d : `${d}\n`)).join('---\n'), env });
}

describe('not YAML, not a ResourceList, empty', () => {
  test('not YAML', () => {
    const k = runBin([], { input: 'a: [b\n' });
    expectRejected(k, 'krm', 'error: not valid YAML (line 2): Flow sequence in block collection must be sufficiently indented and end with a ] at column 1');
    const c = runBin(['render', '-'], { input: 'a: [b\n' });
    expectRejected(c, 'cli', 'error: <stdin>: not valid YAML (line 2): Flow sequence in block collection must be sufficiently indented and end with a ] at column 1');
    expect(Math.max(k.ms, c.ms)).toBeLessThan(QUICK_MS);
  });

  test('YAML that is not a ResourceList (KRM); a scalar (both doors)', () => {
    expectRejected(runBin([], { input: 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n' }), 'krm', 'error: input is not a ResourceList (document 1 is v1 ConfigMap)');
    expectRejected(runBin([], { input: 'hello\n' }), 'krm', 'error: input is not a ResourceList (document 1 is a string)');
    expectRejected(runBin(['render', '-'], { input: 'hello\n' }), 'cli', 'error: <stdin>: document 1 is not an object');
    expectRejected(runBin([], { input: 'apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems: {a: 1}\n' }), 'krm', 'error: ResourceList items is not a list');
  });

  test('empty stdin: an error for the KRM function, a warning (nothing to render) for the CLI', () => {
    expectRejected(runBin([], { input: '' }), 'krm', 'error: input is empty: expected a ResourceList');
    const c = runBin(['render', '-'], { input: '' });
    expect({ status: c.status, stdout: c.stdout, stderr: lines(c.stderr) }).toEqual({
      status: 0,
      stdout: '',
      stderr: ['warning: no Backstage custom resource (apiVersion rhdh.redhat.com/v1alpha5, kind Backstage) in the input; nothing to render'],
    });
  });
});

describe('resource exhaustion: bounded, clear error, fast', () => {
  // Nine levels of nine aliases: 9^9 (387 million) nodes once expanded.
  const laughs = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  'bcdefghi'.split('').forEach((n, i) => laughs.push(`${n}: &${n} [${Array(9).fill(`*${'abcdefghi'[i]}`).join(',')}]`));

  test('a billion laughs (aliases expanding to millions of nodes)', () => {
    const k = { run: runBin([], { input: resourceListText([`apiVersion: v1\nkind: ConfigMap\nmetadata: {name: bomb}\ndata:\n${laughs.map((l) => `  ${l}`).join('\n')}`]) }) };
    // Nothing could be read, so no items come back.
    expectRejected(k.run, 'krm', 'error: YAML aliases would expand the input to more than 5080 bytes (10 times its size, at most 67108864); stopped at the alias on line 11');
    const c = runBin(['render', '-'], { input: laughs.join('\n') });
    expectRejected(c, 'cli', 'error: <stdin>: YAML aliases would expand the input to more than 3410 bytes (10 times its size, at most 67108864); stopped at the alias on line 3');
    expect(Math.max(k.run.ms, c.ms)).toBeLessThan(QUICK_MS);
  });

  test.each([
    ['100,000 levels of [', '['.repeat(100000) + ']'.repeat(100000)],
    ['100,000 levels of {a: ', 'a: ' + '{a: '.repeat(100000) + '1' + '}'.repeat(100000)],
    ['20 million unclosed [ (20 MB)', '['.repeat(20_000_000)],
    ['one million "- " on a line', 'a:\n  ' + '- '.repeat(1_000_000) + 'x'],
    ['5,000 levels of block indentation', Array.from({ length: 5000 }, (_, i) => `${' '.repeat(i)}a:`).join('\n') + '\n' + ' '.repeat(5000) + 'a: 1'],
  ])('deep nesting: %s', (_name, text) => {
    const k = runBin([], { input: text });
    expectRejected(k, 'krm', 'error: document is nested deeper than 200 levels');
    const c = runBin(['render', '-'], { input: text });
    expectRejected(c, 'cli', 'error: <stdin>: document is nested deeper than 200 levels');
    expect(Math.max(k.ms, c.ms)).toBeLessThan(QUICK_MS);
    if (HAVE_TIME) expect(Math.max(k.maxRssKb!, c.maxRssKb!)).toBeLessThan(512 * 1024);
  });

  test('5 million empty documents; 1.1 million tiny nodes', () => {
    const docs = runBin([], { input: '---\n'.repeat(5_000_000) });
    expectRejected(docs, 'krm', 'error: input has more than 100000 YAML documents; split it');
    const nodes = runBin(['render', '-'], { input: `a: [${'1,'.repeat(1_100_000)}1]\n` });
    expectRejected(nodes, 'cli', 'error: <stdin>: input has more than 1000000 YAML nodes (keys, values and collections); split it');
    expect(Math.max(docs.ms, nodes.ms)).toBeLessThan(QUICK_MS);
  });

  test('a ConfigMap with 50,000 keys is read in linear time (duplicate-key check)', () => {
    const data = Array.from({ length: 50000 }, (_, i) => `  k${i}: v`).join('\n');
    const r = krm([CR(), `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: many, namespace: ns1}\ndata:\n${data}`]);
    expect(r.run.status).toBe(0);
    expect(r.run.ms).toBeLessThan(QUICK_MS);
    const dup = runBin(['render', '-'], { input: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  name: b\n' });
    expectRejected(dup, 'cli', 'error: <stdin>: not valid YAML (line 5): Map keys must be unique');
  });

  test('stdin larger than 64 MiB is refused without reading it all', () => {
    const big = Buffer.alloc(65 * 1024 * 1024, 'a');
    expectRejected(runBin([], { input: big }), 'krm', 'error: <stdin>: larger than 67108864 bytes');
    expectRejected(runBin(['render', '-'], { input: big }), 'cli', 'error: <stdin>: larger than 67108864 bytes');
  });
});

describe('a 50 MB input', () => {
  // 50 ConfigMaps of 10 keys of 100 lines of 1,000 characters, with a CR: well-formed, just big.
  const line = 'x'.repeat(1000);
  const value = Array(100).fill(line).join('\n');
  const cms = Array.from(
    { length: 50 },
    (_, i) => `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: big-${i}, namespace: ns1}\ndata:\n${Array.from({ length: 10 }, (_, k) => `  key${k}.txt: |\n${value.replace(/^/gm, '    ')}`).join('\n')}`,
  );

  test('renders within 20 s and 1 GiB (KRM: every item comes back)', () => {
    const text = resourceListText([CR(), ...cms]);
    expect(text.length).toBeGreaterThan(50_000_000);
    const r = runBin([], { input: text, env: SEED });
    expect(r.stderr).not.toMatch(STACK_TRACE);
    expect(r.status).toBe(0);
    expect(r.ms).toBeLessThan(20000);
    if (HAVE_TIME) expect(r.maxRssKb!).toBeLessThan(1024 * 1024);
    const out = readOutputList(r.stdout);
    expect(out.items.filter((o) => o.kind === 'ConfigMap' && (o.metadata.name ?? '').startsWith('big-'))).toHaveLength(50);
  });

  test('the CLI reads the same from a file', () => {
    const dir = tmpDir('big');
    fs.writeFileSync(path.join(dir, 'in.yaml'), [CR(), ...cms].join('\n---\n'));
    const r = runBin(['render', path.join(dir, 'in.yaml')], { env: SEED });
    expect(r.status).toBe(0);
    expect(r.ms).toBeLessThan(20000);
    expect((parseYamlDocuments(r.stdout) as KObject[]).some((o) => o.kind === 'Deployment')).toBe(true);
  });
});

describe('binary junk', () => {
  // A small deterministic generator (mulberry32) so every run sends the same bytes.
  const bytes = (seed: number, n: number, max: number) => {
    let a = seed;
    return Buffer.from(
      Array.from({ length: n }, () => {
        a = (a + 0x6d2b79f5) | 0;
        let t = Math.imul(a ^ (a >>> 15), 1 | a);
        t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
        return (((t ^ (t >>> 14)) >>> 0) % max) & 0xff;
      }),
    );
  };

  test('random bytes (not UTF-8)', () => {
    const junk = bytes(42, 4096, 256);
    const k = runBin([], { input: junk });
    expectRejected(k, 'krm', expect.stringMatching(/^error: <stdin>: not valid UTF-8 \(line \d+, byte \d+\); YAML input must be UTF-8 text$/) as unknown as string);
    const c = runBin(['render', '-'], { input: junk });
    expectRejected(c, 'cli', lines(k.stderr)[0]);
  });

  test('invalid UTF-8 inside a CR value names the line', () => {
    const input = Buffer.concat([Buffer.from(CR('bs1', 'ns1', 'spec:\n  application:\n    route:\n      host: "h')), Buffer.from([0xff, 0xfe]), Buffer.from('.example.com"\n')]);
    expectRejected(runBin(['render', '-'], { input }), 'cli', 'error: <stdin>: not valid UTF-8 (line 9, byte 139); YAML input must be UTF-8 text');
  });

  test('random 7-bit bytes with NULs and control characters: a YAML error that does not echo them', () => {
    const junk = bytes(7, 4096, 128);
    const c = runBin(['render', '-'], { input: junk });
    expect(c.status).toBe(1);
    expect(c.stdout).toBe('');
    expect(lines(c.stderr)).toHaveLength(1);
    expect(c.stderr).toMatch(/^error: <stdin>: not valid YAML \(line \d+\): [^\n]{1,100} at column \d+\n$/);
    expect(c.stderr.length).toBeLessThan(200);
  });

  test('a NUL byte in a quoted name of a pass-through ConfigMap is passed on as it is', () => {
    const r = krm([CR(), 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: "a\\0b", namespace: ns1}\ndata: {k: v}']);
    expect(r.run.status).toBe(0);
    expect(readOutputList(r.run.stdout).items.some((o) => o.metadata.name === 'a\0b')).toBe(true);
  });
});

describe('__proto__ and constructor keys', () => {
  const profile = loadProfileDir(path.join(REPO_ROOT, 'profiles', '1.10', 'rhdh'), 'rhdh');
  const items = parseYamlDocuments(
    [
      CR(
        'bs1',
        'ns1',
        [
          'spec:',
          '  application:',
          '    appConfig:',
          '      configMaps: [{name: app-cfg}]',
          '    dynamicPluginsConfigMapName: my-plugins',
          '    extraEnvs:',
          '      envs: [{name: __proto__, value: x}, {name: constructor, value: z}]',
          '  deployment:',
          '    patch:',
          '      spec:',
          '        template:',
          '          metadata:',
          '            annotations: {__proto__: "x", constructor: "y"}',
        ].join('\n'),
      ),
      'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: app-cfg, namespace: ns1}\ndata:\n  constructor: "x: 1"\n  app-config.yaml: |\n    __proto__: {polluted: 1}\n    app: {title: x}',
      [
        'apiVersion: v1',
        'kind: ConfigMap',
        'metadata: {name: my-plugins, namespace: ns1}',
        'data:',
        '  dynamic-plugins.yaml: |',
        '    __proto__: {polluted: 1}',
        '    includes: [dynamic-plugins.default.yaml]',
        '    plugins:',
        '      - package: ./dynamic-plugins/dist/a',
        '        disabled: false',
        '        __proto__: {polluted: 1}',
        '        pluginConfig: {__proto__: {polluted: 1}, constructor: {prototype: {polluted: 1}}}',
      ].join('\n'),
    ].join('\n---\n'),
  ) as KObject[];

  test('rendering them pollutes no prototype, and every output object is a plain object', () => {
    const res = renderBackstage({ items, options: withDefaults({ secretSeed: 's', ingressDomain: 'apps.example.com' }), profile });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted')).toBe(false);
    expect(res.results.filter((r) => r.severity === 'error')).toEqual([]);
    // A merge that assigned through __proto__ would leave an object with another prototype.
    const odd: string[] = [];
    const walk = (v: unknown, p: string) => {
      if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${p}[${i}]`));
      else if (v && typeof v === 'object') {
        if (Object.getPrototypeOf(v) !== Object.prototype) odd.push(p);
        for (const k of Object.keys(v)) walk((v as Record<string, unknown>)[k], `${p}.${k}`);
      }
    };
    res.generated.forEach((o) => walk(o, `${o.kind}/${o.metadata.name}`));
    expect(odd).toEqual([]);
    // Keys are data: an annotation named constructor is an annotation, env vars named __proto__ and
    // constructor (legal C identifiers) are env vars. (An annotation key __proto__ is kept, as the
    // operator keeps it; the API server refuses it as an invalid key.)
    const dep = res.generated.find((o) => o.kind === 'Deployment') as KObject & {
      spec: { template: { metadata: { annotations: Record<string, string> }; spec: { containers: Array<{ name: string; env?: Array<{ name: string }> }> } } };
    };
    expect(Object.prototype.hasOwnProperty.call(dep.spec.template.metadata.annotations, 'constructor')).toBe(true);
    const env = dep.spec.template.spec.containers.find((c) => c.name === 'backstage-backend')!.env!.map((e) => e.name);
    expect(env).toEqual(expect.arrayContaining(['__proto__', 'constructor']));
  });

  test('the merges (fn/merge, fn/plugins/merge) keep __proto__ and constructor as data', () => {
    const base = parseYamlDocuments('spec: {template: {spec: {containers: [{name: a, image: x}]}}}')[0];
    const patch = parseYamlDocuments('__proto__: {polluted: 1}\nconstructor: {prototype: {polluted: 1}}\nspec: {template: {spec: {__proto__: {polluted: 1}, containers: [{name: a, __proto__: {polluted: 1}}]}}}')[0];
    const merged = strategicMerge(base, patch) as Record<string, any>;
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(merged)).toBe(Object.prototype);
    expect(Object.getPrototypeOf(merged.spec.template.spec)).toBe(Object.prototype);
    expect(Object.getPrototypeOf(merged.spec.template.spec.containers[0])).toBe(Object.prototype);
    expect(Object.getOwnPropertyNames(merged).sort()).toEqual(['__proto__', 'constructor', 'spec']);
    const plugins = mergeDynamicPluginsTexts(
      'plugins:\n  - package: a\n    pluginConfig: {x: 1}\n',
      '__proto__: {polluted: 1}\nplugins:\n  - package: a\n    __proto__: {polluted: 1}\n    pluginConfig: {__proto__: {polluted: 1}, constructor: {prototype: {polluted: 1}}}\n',
    );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(plugins).toContain('__proto__');
  });

  test('through the executable: exit 0, no stack trace', () => {
    const r = cli([...[items[0], items[1], items[2]].map((o) => JSON.stringify(o))], ['--ingress-domain', 'apps.example.com']);
    expect(r.stderr).not.toMatch(STACK_TRACE);
    expect(r.status).toBe(0);
  });

  // Found by this suite (fn/model/typed-fields.ts unknownFields: `k in fields` saw Object.prototype's
  // `constructor`, then called .startsWith on the Object function: KRM exit 3 with a stack trace,
  // CLI exit 1 "error: child.startsWith is not a function"); fixed there (a Map): a warning, dropped.
  test.each(['constructor', '__proto__'])('typed-fields: a %s key in spec.deployment.patch is an unknown field, not a crash', (key) => {
    const cr = CR('bs1', 'ns1', `spec:\n  deployment:\n    patch:\n      spec:\n        template:\n          spec:\n            ${key}: {a: 1}\n`);
    const k = krm([cr]);
    expect(k.run.stderr).not.toMatch(STACK_TRACE);
    expect([0, 1]).toContain(k.run.status);
    expect(k.run.stderr).toContain(`spec.deployment.patch.spec.template.spec.${key}`);
  });

  // Found by this suite (fn/validate/cr-schema.ts withoutNullFields assigned out['__proto__']: the
  // copy's prototype, its keys reported under metadata.labels.polluted); fixed there.
  test('cr-schema: a __proto__ key in the CR is reported under its own field path', () => {
    const r = cli([CR('bs1', 'ns1', '  labels:\n    __proto__: {polluted: 1}\n')]);
    expect(r.status).toBe(1);
    expect(r.stderr).not.toMatch(STACK_TRACE);
    expect(r.stderr).toContain('field metadata.labels.__proto__');
  });

  // Found by this suite (fn/model/external-config.ts: `res[k] = v` with k = '__proto__' silently
  // dropped the key from the keys that decide mounts); fixed there (maps without a prototype).
  test('external-config: an app-config ConfigMap key named __proto__ is mounted like any other', () => {
    const r = cli([CR('bs1', 'ns1', 'spec:\n  application:\n    appConfig:\n      configMaps: [{name: app-cfg}]\n'), 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: app-cfg, namespace: ns1}\ndata:\n  __proto__: "a: 1"\n  app.yaml: "b: 2"\n'], ['--ingress-domain', 'apps.example.com']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('/opt/app-root/src/app.yaml');
    expect(r.stdout).toContain('/opt/app-root/src/__proto__');
  });
});

describe('duplicates', () => {
  test('two identical CRs: an error naming the CR', () => {
    const k = krm([CR(), CR()]);
    expectRejected(k.run, 'krm', 'error: duplicate Backstage ns1/bs1: each CR may appear once (Backstage ns1/bs1)', k.items);
    expectRejected(cli([CR(), CR()]), 'cli', 'error: duplicate Backstage ns1/bs1: each CR may appear once (Backstage ns1/bs1)');
  });

  // Two input objects of one identity: different content is an error (which one would the cluster
  // keep?), identical copies a warning.
  test('two ConfigMaps of the same name: an error when they differ, a warning when identical', () => {
    const cm = (key: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: app-cfg, namespace: ns1}\ndata: {${key}: "app: {title: t}"}`;
    const cr = CR('bs1', 'ns1', 'spec:\n  application:\n    appConfig:\n      configMaps: [{name: app-cfg}]\n');
    const differ = cli([cr, cm('first.yaml'), cm('second.yaml')], ['--ingress-domain', 'apps.example.com']);
    expectRejected(
      differ,
      'cli',
      'error: ConfigMap ns1/app-cfg appears twice in the input with different content; keep one (the cluster would keep whichever is applied last) (ConfigMap ns1/app-cfg)',
    );
    const same = cli([cr, cm('first.yaml'), cm('first.yaml')], ['--ingress-domain', 'apps.example.com']);
    expect(same.status).toBe(0);
    expect(lines(same.stderr)).toEqual(['warning: ConfigMap ns1/app-cfg appears twice in the input (the same content); one is used (ConfigMap ns1/app-cfg)']);
    expect(same.stdout).toContain('/opt/app-root/src/first.yaml');
  });
});

describe('plugin-deps refs never leave the profile directory', () => {
  const plugins = (ref: string) =>
    `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: my-plugins, namespace: ns1}\ndata:\n  dynamic-plugins.yaml: |\n    plugins:\n      - package: ./dynamic-plugins/dist/example-plugin\n        disabled: false\n        dependencies:\n          - ref: ${JSON.stringify(ref)}\n`;
  const cr = CR('bs1', 'ns1', 'spec:\n  flavours: []\n  application:\n    dynamicPluginsConfigMapName: my-plugins\n');
  const where = '(Backstage ns1/bs1, field plugins[0].dependencies[0].ref)';

  test.each([
    ['../', '../../../etc/passwd', 'contains a path separator'],
    ['an absolute path', '/etc/passwd', 'contains a path separator'],
    ['URL-encoded ..%2f', '..%2f..%2fetc%2fpasswd', 'contains ".."'],
    ['a Windows path', 'C:\\Windows\\win.ini', 'contains a path separator'],
  ])('%s', (_name, ref, reason) => {
    const line = `error: plugin ./dynamic-plugins/dist/example-plugin: dependency ref "${ref}" ${reason}; a ref names files in plugin-deps/ and may not leave it ${where}`;
    const k = krm([cr, plugins(ref)]);
    expectRejected(k.run, 'krm', line, k.items);
    expectRejected(cli([cr, plugins(ref)]), 'cli', line);
  });

  test('URL-encoded %2e%2e%2f is a file name like any other: no such file, an error', () => {
    expectRejected(
      cli([cr, plugins('%2e%2e%2fetc')]),
      'cli',
      `error: plugin ./dynamic-plugins/dist/example-plugin: no plugin dependency matches ref "%2e%2e%2fetc" (no file in plugin-deps/ starts with it and no provider declares it) ${where}`,
    );
  });

  test('{{backstage-name}} in the keys of a plugin-deps file: replaced as text, and a CR name cannot smuggle YAML in', () => {
    const dir = tmpDir('profile');
    copyDir(path.join(REPO_ROOT, 'profiles', '1.10', 'rhdh'), dir);
    fs.writeFileSync(
      path.join(dir, 'plugin-deps', 'keys.yaml'),
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: keys-{{backstage-name}}\ndata:\n  {{backstage-name}}: x\n  "{{backstage-ns}}-key": "{{backstage-name}}"\n',
    );
    const r = cli([cr, plugins('keys')], ['--profile', dir, '--ingress-domain', 'apps.example.com']);
    expect(r.status).toBe(0);
    const dep = (parseYamlDocuments(r.stdout) as KObject[]).find((o) => o.metadata.name === 'keys-bs1') as KObject & { data: Record<string, string> };
    expect(dep.data).toEqual({ bs1: 'x', 'ns1-key': 'bs1' });
    // The name is validated before any substitution: YAML or placeholders in it are refused.
    const evil = CR('"a: {b"', 'ns1', 'spec:\n  flavours: []\n  application:\n    dynamicPluginsConfigMapName: my-plugins\n');
    expectRejected(
      cli([evil, plugins('keys')], ['--profile', dir]),
      'cli',
      `error: must be a lowercase RFC 1123 subdomain (lowercase letters, digits, '-' and '.', starting and ending with a letter or digit), not "a: {b" (Backstage ns1/a: {b, field metadata.name)`,
    );
  });
});

describe('names and namespaces', () => {
  test('a namespace with odd but legal characters, 63 long', () => {
    const ns = `a-b-0${'x'.repeat(58)}`;
    expect(ns).toHaveLength(63);
    const r = cli([CR('bs1', ns)], ['--ingress-domain', 'apps.example.com']);
    expect(r.status).toBe(0);
    const objs = parseYamlDocuments(r.stdout) as KObject[];
    expect(objs.length).toBeGreaterThan(5);
    expect(objs.every((o) => o.metadata.namespace === ns)).toBe(true);
    expectRejected(cli([CR('bs1', `${ns}x`)]), 'cli', `error: must be at most 63 characters long (found 64) (Backstage ${ns}x/bs1, field metadata.namespace)`);
  });

  test('a missing namespace: the default rules apply, said in an info result', () => {
    const r = cli([CR('bs1', null)], ['--ingress-domain', 'apps.example.com']);
    expect(r.status).toBe(0);
    expect(lines(r.stderr)).toEqual([
      'info: the CR has no metadata.namespace: rendered into namespace "default", as kubectl, kustomize and kpt do; set metadata.namespace or the namespace option to choose another (Backstage bs1, field metadata.namespace)',
    ]);
    expect((parseYamlDocuments(r.stdout) as KObject[]).every((o) => o.metadata.namespace === 'default')).toBe(true);
  });

  /** Names and label values in the output that Kubernetes would refuse. */
  function invalidNames(objs: KObject[]): string[] {
    const out: string[] = [];
    for (const o of objs) {
      const n = o.metadata.name ?? '';
      // Services need a DNS-1035 label (63); most other objects a DNS subdomain (253).
      const max = o.kind === 'Service' ? 63 : 253;
      if (n.length > max) out.push(`${o.kind} name is ${n.length} characters (at most ${max})`);
      const spec = (o as { spec?: Record<string, any> }).spec ?? {};
      const labelSets = [o.metadata.labels, spec.selector?.matchLabels ?? (o.kind === 'Service' ? spec.selector : undefined), spec.template?.metadata?.labels];
      for (const set of labelSets) for (const [k, v] of Object.entries(set ?? {})) if (typeof v === 'string' && v.length > 63) out.push(`${o.kind} ${n.slice(0, 30)}…: label ${k} value is ${v.length} characters (at most 63)`);
    }
    return [...new Set(out)].sort();
  }

  // Found by this suite (fn/model: names are `backstage-psql-<cr>`, `backstage-psql-secret-<cr>`, …
  // with no length check: from 49 characters the DB Service name and the rhdh.redhat.com/app label
  // passed 63, with exit 0); fixed in fn/model/names.ts. Either the render fails with an error naming
  // metadata.name, or every name is valid (boundaries with exact messages: test/model/names.test.ts).
  test.each([48, 49, 63, 253])('names: a CR name of %i characters gives valid names or an error', (len) => {
    const r = cli([CR('a'.repeat(len))], ['--ingress-domain', 'apps.example.com']);
    expect(r.stderr).not.toMatch(STACK_TRACE);
    if (r.status === 1) {
      expect(r.stdout).toBe('');
      expect(r.stderr).toContain('field metadata.name');
    } else {
      expect(invalidNames(parseYamlDocuments(r.stdout) as KObject[])).toEqual([]);
    }
  });
});

describe('files the function should not read', () => {
  /** A package directory with a CR and a symlink to a YAML file outside it (a stand-in for ~/.kube/config). */
  function packageWithSymlink(): string {
    const root = tmpDir('symlink');
    fs.mkdirSync(path.join(root, 'outside'));
    fs.writeFileSync(path.join(root, 'outside', 'config.yaml'), 'apiVersion: v1\nkind: Config\nmetadata: {name: kubeconfig}\nusers:\n- name: admin\n  user: {token: TOKEN-OUTSIDE-THE-PACKAGE}\n');
    const pkg = path.join(root, 'pkg');
    fs.mkdirSync(path.join(pkg, 'sub'), { recursive: true });
    fs.writeFileSync(path.join(pkg, 'sub', 'cr.yaml'), CR());
    fs.symlinkSync(path.join(root, 'outside', 'config.yaml'), path.join(pkg, 'sub', 'kc.yaml'));
    return pkg;
  }
  const withInputs = (inputs: string[]) =>
    `apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems: []\nfunctionConfig:\n  apiVersion: fn.kpt.dev/v1alpha1\n  kind: RenderBackstage\n  metadata: {name: r}\n  spec:\n    inputs: ${JSON.stringify(inputs)}\n`;

  test('the inputs option refuses paths outside the directory the function runs in', () => {
    const pkg = packageWithSymlink();
    for (const p of ['../outside/config.yaml', path.join(path.dirname(pkg), 'outside', 'config.yaml')]) {
      const r = runBin([], { input: withInputs([p]), env: SEED, cwd: pkg });
      expect(r.status).toBe(1);
      expect(r.stderr).toContain(`error: inputs: ${p} is outside the directory the function runs in (${pkg}); use a path below it (RenderBackstage r, field spec.inputs)`);
      expect(r.stdout).not.toContain('TOKEN-OUTSIDE-THE-PACKAGE');
    }
  });

  test('a directory of inputs (CLI render DIR, the inputs option) skips symlinks', () => {
    const pkg = packageWithSymlink();
    const cli = runBin(['render', 'sub', '--include-inputs'], { env: SEED, cwd: pkg });
    expect(cli.status).toBe(0);
    expect(cli.stdout).not.toContain('TOKEN-OUTSIDE-THE-PACKAGE');
    const krm = runBin([], { input: withInputs(['sub']), env: SEED, cwd: pkg });
    expect(krm.status).toBe(0);
    expect(krm.stdout).not.toContain('TOKEN-OUTSIDE-THE-PACKAGE');
  });

  // Found by this suite (the check was lexical: the symlink was followed and a kubeconfig's token
  // went into the output); fixed in cli/commands/inputs-option.ts.
  test('a symlink named in inputs that leads outside the directory is refused', () => {
    const pkg = packageWithSymlink();
    const r = runBin([], { input: withInputs(['sub/kc.yaml', 'sub/cr.yaml']), env: SEED, cwd: pkg });
    expect(r.stdout).not.toContain('TOKEN-OUTSIDE-THE-PACKAGE');
    expectRejected(r, 'krm', `error: inputs: sub/kc.yaml leads outside the directory the function runs in (${pkg}) through a symbolic link; use a path below it (RenderBackstage r, field spec.inputs)`);
  });
});

describe('the namespace option', () => {
  const noNs = CR('bs1', null);

  test('render -o DIR never writes outside DIR, whatever the namespace option', () => {
    const root = tmpDir('outdir');
    const cwd = path.join(root, 'a', 'b');
    fs.mkdirSync(cwd, { recursive: true });
    fs.writeFileSync(path.join(cwd, 'cr.yaml'), noNs);
    const r = runBin(['render', 'cr.yaml', '--namespace', '../../../escaped', '-o', 'out'], { env: SEED, cwd });
    expect(r.status).toBe(1);
    expect(r.stderr).not.toMatch(STACK_TRACE);
    // Refused as an option now, before anything is rendered (cli/main.ts still guards the paths).
    expect(lines(r.stderr)).toContain(
      'error: option "namespace" must be a Kubernetes namespace name (lowercase letters, digits and "-", starting and ending with a letter or digit, at most 63 characters), not "../../../escaped" (field --namespace)',
    );
    // Nothing written anywhere: not outside, not half inside.
    const files: string[] = [];
    const walk = (d: string) => fs.readdirSync(d, { withFileTypes: true }).forEach((e) => (e.isDirectory() ? walk(path.join(d, e.name)) : files.push(path.join(d, e.name))));
    walk(root);
    expect(files).toEqual([path.join(cwd, 'cr.yaml')]);
  });

  // DEFECT (fn/options.ts: the namespace option is not checked): a namespace option that is not an
  // RFC 1123 label renders with exit 0 into that namespace, is substituted into plugin-deps text
  // before parsing (a YAML injection surface: `Bad NS: {x` breaks sonataflow.yaml), and with `..`
  // gives KRM path annotations outside the package (rendered/../../…). Fails until fixed.
  test.each(['Bad NS: {x', '../../x'])('options: the namespace option %j is refused like a CR namespace', (ns) => {
    const r = cli([noNs], ['--namespace', ns]);
    expect(r.stderr).not.toMatch(STACK_TRACE);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    const k = runBin([], { input: `${resourceListText([noNs])}functionConfig:\n  apiVersion: v1\n  kind: ConfigMap\n  metadata: {name: f}\n  data: {namespace: ${JSON.stringify(ns)}}\n`, env: SEED });
    expect(k.status).toBe(1);
    expect(k.stdout).not.toContain('path: rendered/../');
  });
});

describe('code the input can make us run', () => {
  // A profile directory may declare exec dependency providers (plugin-deps/<name>.provider.yaml,
  // exec.path), and the profile can be chosen by the input itself (functionConfig `profile`, or
  // Argo CD's render.yaml in the app path). So exec providers run only with an opt-in the input
  // cannot give: the runner names the programs (--allow-exec-providers PROGRAM or
  // BACKSTAGE_RENDER_ALLOW_EXEC_PROVIDERS=PROGRAM,…), and a program never gets the seed.
  test('providers: an exec provider of a profile chosen by the functionConfig does not run without an opt-in', () => {
    const dir = tmpDir('exec');
    copyDir(path.join(REPO_ROOT, 'profiles', '1.10', 'rhdh'), path.join(dir, 'evilprof'));
    fs.writeFileSync(path.join(dir, 'evilprof', 'plugin-deps', 'x.provider.yaml'), 'apiVersion: backstage-render.dev/v1alpha1\nkind: DependencyProvider\nspec:\n  refs: [x]\n  exec: {path: ./evil.js}\n');
    const marker = path.join(dir, 'RAN');
    fs.writeFileSync(path.join(dir, 'evil.js'), `require('fs').writeFileSync(${JSON.stringify(marker)}, 'seed=' + process.env.BACKSTAGE_RENDER_SECRET_SEED);\nprocess.stdout.write('apiVersion: config.kubernetes.io/v1\\nkind: ResourceList\\nitems: []\\n');\n`);
    const cr = CR('bs1', 'ns1', 'spec:\n  flavours: []\n  application: {dynamicPluginsConfigMapName: p}\n');
    const plugins = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: p, namespace: ns1}\ndata:\n  dynamic-plugins.yaml: |\n    plugins:\n      - package: ./x\n        disabled: false\n        dependencies: [{ref: x}]\n';
    const fc = 'functionConfig:\n  apiVersion: fn.kpt.dev/v1alpha1\n  kind: RenderBackstage\n  metadata: {name: r}\n  spec: {profile: ./evilprof}\n';
    const r = runBin([], { input: resourceListText([cr, plugins]) + fc, env: SEED, cwd: dir });
    expect(r.stderr).not.toMatch(STACK_TRACE);
    expect(fs.existsSync(marker) ? fs.readFileSync(marker, 'utf8') : 'did not run').toBe('did not run');
    expect(r.status).toBe(1);
    expect(lines(r.stderr)).toContain(
      `error: plugin ./x: ref "x" is served by the external dependency provider plugin-deps/x.provider.yaml (exec ./evil.js), which is not run: a program runs only when the runner names it: --allow-exec-providers ${fs.realpathSync(path.join(dir, 'evil.js'))} (or x=PATH), or BACKSTAGE_RENDER_ALLOW_EXEC_PROVIDERS (Backstage ns1/bs1, field plugins[0].dependencies[0].ref)`,
    );

    // The runner naming the program (environment; the CLI flag is --allow-exec-providers) lets it run, without the seed.
    const allowed = runBin([], { input: resourceListText([cr, plugins]) + fc, env: { ...SEED, BACKSTAGE_RENDER_ALLOW_EXEC_PROVIDERS: path.join(dir, 'evil.js') }, cwd: dir });
    expect(allowed.status).toBe(0);
    expect(fs.readFileSync(marker, 'utf8')).toBe('seed=undefined');
  });
});

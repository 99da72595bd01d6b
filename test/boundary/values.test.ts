// Values at the edges (issue 10, items 1-3): items passed on as they came, typed values that stay
// typed or are refused on their field, and a YAML budget with exact messages.
import { readResourceList, writeResourceList } from '../../fn/kio/resourcelist';
import { parseYamlDocuments } from '../../fn/yaml';
import { main } from '../../cli/main';
import { runBin } from '../reliability/support';

const SEED = { BACKSTAGE_RENDER_SECRET_SEED: 'boundary-seed-0123456789' };
const CR = `apiVersion: rhdh.redhat.com/v1alpha5\nkind: Backstage\nmetadata:\n  name: bs1 # the CR's name\n  namespace: ns1\n`;

function list(items: string[]): string {
  const indent = (s: string) => s.trimEnd().split('\n').map((l, i) => (i === 0 ? `- ${l}` : `  ${l}`)).join('\n');
  return `apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems:\n${items.map(indent).join('\n')}\n`;
}

/** The KRM door in-process: stdout, stderr, exit code. */
function krm(text: string): { stdout: string; stderr: string; exitCode: number } {
  let stdout = '';
  let stderr = '';
  const exitCode = main({ argv: [], env: SEED, cwd: process.cwd(), readStdin: () => text, stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) });
  return { stdout, stderr, exitCode };
}

/** The items part of a ResourceList text, one string per item as written (`  - ` and what follows). */
function writtenItems(text: string): string[] {
  const body = text.slice(text.indexOf('items:\n') + 7).split(/^(?=\S)/m)[0];
  return body.split(/^(?= {2}- )/m);
}

describe('pass-through items are written back as they came (item 1)', () => {
  const USER_CM = [
    'apiVersion: v1 # a comment',
    'kind: ConfigMap',
    'metadata:',
    '  name: cm',
    '  namespace: ns1',
    'data:',
    '  on: "a"',
    '  0755: b',
    '  2024-01-01: c',
    '  y: d',
    "  big: 99999999999999999999999",
    '  huge: 1e400',
    '  sexagesimal: 190:20:30',
    '  ts: 2001-12-14t21:59:43.10-05:00',
    '  f: !!float 1',
    '  bin: !!binary aGVsbG8=',
    "  quoted: 'value'",
    '  block: |',
    '    line',
    '',
    '      indented',
    '  # the end',
  ].join('\n');

  test('a ResourceList read and written again: each item exactly its text, moved under the `-` of our layout', () => {
    const text = list([USER_CM, 'apiVersion: example.com/v1\nkind: Other\nmetadata: {name: o}\nspec: {a: [1, 0x1f, {b: on}]}']);
    const rl = readResourceList(text);
    const out = writeResourceList(rl.items, []);
    expect(writtenItems(out)).toEqual([`  - ${USER_CM.split('\n').join('\n    ')}\n`, '  - apiVersion: example.com/v1\n    kind: Other\n    metadata: {name: o}\n    spec: {a: [1, 0x1f, {b: on}]}\n']);
  });

  test('through the KRM door: the ConfigMap (!!binary, timestamps, y and on keys) comes back as it was, exit 0', () => {
    const r = krm(list([CR, USER_CM]));
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain(`  - ${USER_CM.split('\n').join('\n    ')}\n`);
  });

  test.each([
    ['no annotations', `${CR}spec: {}\n`, `${CR}  annotations:\n    config.kubernetes.io/local-config: "true"\nspec: {}\n`],
    [
      'annotations (a comment after the last one)',
      `${CR}  annotations:\n    a: 'on' # kept\nspec: {}\n`,
      `${CR}  annotations:\n    a: 'on' # kept\n    config.kubernetes.io/local-config: "true"\nspec: {}\n`,
    ],
    ['local-config "false"', `${CR}  annotations:\n    config.kubernetes.io/local-config: 'false'\n`, `${CR}  annotations:\n    config.kubernetes.io/local-config: "true"\n`],
    ['local-config already set', `${CR}  annotations:\n    config.kubernetes.io/local-config: 'true'\n`, `${CR}  annotations:\n    config.kubernetes.io/local-config: 'true'\n`],
    ['no metadata annotations, labels last', `${CR}  labels:\n    on: x\n`, `${CR}  labels:\n    on: x\n  annotations:\n    config.kubernetes.io/local-config: "true"\n`],
  ])('the CR gets its local-config line and nothing else changes: %s', (_name, cr, written) => {
    const r = krm(list([cr]));
    const items = writtenItems(r.stdout);
    expect(items.find((i) => i.includes('kind: Backstage'))).toBe(`  - ${written.trimEnd().split('\n').join('\n    ')}\n`);
  });

  test('a CR whose metadata ends the input, with no final newline', () => {
    const r = krm('apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems:\n- kind: Backstage\n  apiVersion: rhdh.redhat.com/v1alpha5\n  metadata:\n    name: bs1 # the name\n    namespace: ns1');
    expect(r.exitCode).toBe(0);
    expect(writtenItems(r.stdout).find((i) => i.includes('kind: Backstage'))).toBe(
      '  - kind: Backstage\n    apiVersion: rhdh.redhat.com/v1alpha5\n    metadata:\n      name: bs1 # the name\n      namespace: ns1\n      annotations:\n        config.kubernetes.io/local-config: "true"\n',
    );
  });

  test('a CR whose metadata is a flow map is written from its value (still marked); the ConfigMap beside it as it came', () => {
    const r = krm(list(['apiVersion: rhdh.redhat.com/v1alpha5\nkind: Backstage\nmetadata: {name: bs1, namespace: ns1}\n', 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, namespace: ns1}\ndata: {on: "on"}\n']));
    const rl = parseYamlDocuments(r.stdout)[0] as { items: Array<{ kind: string; metadata: { annotations?: Record<string, string> } }> };
    expect(rl.items.find((i) => i.kind === 'Backstage')?.metadata.annotations).toEqual({ 'config.kubernetes.io/local-config': 'true' });
    expect(r.stdout).toContain('  - apiVersion: v1\n    kind: ConfigMap\n    metadata: {name: c, namespace: ns1}\n    data: {on: "on"}\n');
  });
});

describe('the CLI prints inputs as they came (render --include-inputs)', () => {
  test('a ConfigMap of the user with YAML 1.1 look-alike keys and a comment', () => {
    const cm = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: my-app-config\n  namespace: ns1\ndata:\n  on: "a"   # quoted\n  0755: b\n  app-config.yaml: |\n    app:\n      title: x\n';
    const cr = `${CR}spec:\n  application:\n    appConfig:\n      configMaps:\n        - name: my-app-config\n`;
    let stdout = '';
    const code = main({ argv: ['render', '--include-inputs', '-'], env: SEED, cwd: process.cwd(), readStdin: () => `${cr}---\n${cm}`, stdout: (s) => (stdout += s), stderr: () => undefined });
    expect(code).toBe(0);
    expect(stdout.split(/^---\n/m)).toContain(cm);
  });
});

describe('typed values (item 2)', () => {
  test.each([['.inf'], ['-1'], ['1e20'], ['2.5'], ['"3"'], ['2147483648']])('replicas %s in the deployment patch is an error on its field (0, 3 and 2147483647 render)', (v) => {
    const r = krm(list([`${CR}spec:\n  deployment:\n    patch:\n      spec:\n        replicas: ${v}\n`]));
    expect(r.exitCode).toBe(1);
    expect(r.stderr.split('\n').filter((l) => l.startsWith('error'))).toEqual([
      'error: spec.deployment.patch.spec.replicas must be a whole number from 0 to 2147483647 (Backstage ns1/bs1, field spec.deployment.patch.spec.replicas)',
    ]);
    for (const ok of ['0', '3', '2147483647']) {
      const good = krm(list([`${CR}spec:\n  deployment:\n    patch:\n      spec:\n        replicas: ${ok}\n`]));
      expect(good.exitCode).toBe(0);
      expect(good.stdout).toContain(`\n      replicas: ${ok}\n`);
    }
  });

});

describe('YAML budget and duplicate keys (item 3)', () => {
  const read = (text: string) => {
    try {
      return parseYamlDocuments(text);
    } catch (e) {
      return `${(e as Error).name}: ${(e as Error).message}`;
    }
  };

  test('keys that are the same key: by resolved value, and collections; never quoting them', () => {
    expect(read('1: a\n"1": b\n')).toBe('YamlError: not valid YAML (line 2): Map keys must be unique');
    expect(read('0x1: a\n1: b\n')).toBe('YamlError: not valid YAML (line 2): Map keys must be unique');
    expect(read('true: a\n"true": b\n')).toBe('YamlError: not valid YAML (line 2): Map keys must be unique');
    expect(read('? [secret-value]\n: a\n? [secret-value]\n: b\n')).toBe('YamlError: not valid YAML (line 3): Map keys must be unique');
    expect(read('? {k: secret-value}\n: a\n? {k: secret-value}\n: b\n')).toBe('YamlError: not valid YAML (line 3): Map keys must be unique');
  });

  test('keys only YAML 1.1 reads alike (y and on, yes and true) may share a map', () => {
    expect(read('y: a\non: b\n')).toEqual([{ true: 'b' }]);
    expect(read('yes: a\n"true": b\n')).toEqual([{ true: 'b' }]);
  });

  test('aliases: at most 10 times the text once expanded, the error says which limit and where', () => {
    const text = `a: &x ${'x'.repeat(100)}\nb: [${Array(20).fill('*x').join(', ')}]\n`;
    expect(read(text)).toBe(`YamlError: YAML aliases would expand the input to more than ${10 * text.length} bytes (10 times its size, at most 67108864); stopped at the alias on line 2`);
    expect(read(`a: &x ${'x'.repeat(100)}\nb: [${Array(5).fill('*x').join(', ')}]\n`)).toEqual([{ a: 'x'.repeat(100), b: Array(5).fill('x'.repeat(100)) }]);
  });

  test('a 1 MB string aliased 400 times (401 MB once expanded) is refused quickly, through the KRM door', () => {
    const big = 'x'.repeat(1 << 20);
    const text = list([`apiVersion: v1\nkind: ConfigMap\nmetadata: {name: big}\ndata:\n  a: &a ${big}\n${Array.from({ length: 400 }, (_, i) => `  k${i}: *a`).join('\n')}`]);
    const r = runBin([], { input: text, env: SEED });
    expect(r.status).toBe(1);
    expect(r.stderr).toBe('error: YAML aliases would expand the input to more than 10538060 bytes (10 times its size, at most 67108864); stopped at the alias on line 18\n');
    expect(r.stdout).toContain('kind: ResourceList');
    expect(r.maxRssKb === undefined || r.maxRssKb < 400 * 1024).toBe(true);
  });

  test('collections as keys and unresolved tags: no Node warning on stderr', () => {
    const secret = 'apiVersion: v1\nkind: Secret\nmetadata: {name: s, namespace: ns1}\nstringData:\n  ? [the-secret-value]\n  : x\n  f: !!float 1\n';
    const r = runBin([], { input: list([CR, secret]), env: SEED });
    expect(r.stderr).not.toContain('Warning');
    expect(r.stderr).not.toContain('the-secret-value');
    expect(r.status).toBe(0);
  });
});

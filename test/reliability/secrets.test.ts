// No value of a Secret (of the input, or generated: the DB password) and not the secret seed ever
// appears in a result message, on stderr, in an error, or in a fixture's expected results; in an
// expected output only inside a Secret object (the fixture is then about that Secret).
//
// Values scanned: every Secret's `data` (base64-decoded, and as written) and `stringData` values,
// the seed, and the password the seed derives for every CR. Not scanned: POSTGRES_HOST,
// POSTGRES_PORT and POSTGRES_USER (the DB Secret's connection identifiers: the Service name, the
// port, `postgres`, which messages name on purpose) and values under 6 characters (they occur by
// chance).
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { KObject } from '../../fn/kio/types';
import { derivePassword, dbSecretName } from '../../fn/model/db-password';
import { parseYamlDocuments } from '../../fn/yaml';
import { FIXTURES, fixtureCases, readOutputList, renderFixtureCase, resourceListText, runBin, STACK_TRACE } from './support';

const NOT_SECRET_KEYS = new Set(['POSTGRES_HOST', 'POSTGRES_PORT', 'POSTGRES_USER']);
const MIN_LENGTH = 6;

interface SecretValue {
  where: string;
  value: string;
}

function strings(v: unknown): string[] {
  if (typeof v === 'string') return [v];
  if (typeof v === 'number' || typeof v === 'boolean') return [String(v)];
  if (Array.isArray(v)) return v.flatMap(strings);
  if (v && typeof v === 'object') return Object.values(v).flatMap(strings);
  return [];
}

/** Every value of every Secret among objs. */
export function secretValues(objs: unknown[]): SecretValue[] {
  const out: SecretValue[] = [];
  for (const o of objs as KObject[]) {
    if (!o || o.kind !== 'Secret') continue;
    const name = `Secret ${o.metadata?.namespace ?? ''}/${o.metadata?.name}`;
    for (const field of ['data', 'stringData'] as const) {
      const map = o[field];
      if (!map || typeof map !== 'object') continue;
      for (const [k, v] of Object.entries(map)) {
        if (NOT_SECRET_KEYS.has(k)) continue;
        for (const s of strings(v)) {
          out.push({ where: `${name} ${field}.${k}`, value: s });
          if (field === 'data') {
            const decoded = Buffer.from(s, 'base64').toString('utf8');
            if (/^[A-Za-z0-9+/]*={0,2}$/.test(s)) out.push({ where: `${name} ${field}.${k} (decoded)`, value: decoded });
            // Each line of a decoded value too: a message quoting one line is a leak as well.
            for (const line of decoded.split('\n')) if (line !== decoded) out.push({ where: `${name} ${field}.${k} (a decoded line)`, value: line });
          } else for (const line of s.split('\n')) if (line !== s) out.push({ where: `${name} ${field}.${k} (a line)`, value: line });
        }
      }
    }
  }
  return out.filter((v) => v.value.trim().length >= MIN_LENGTH);
}

/** The seed and the password it derives for every CR of the input. */
function seedValues(seed: string | undefined, items: KObject[], defaultNs = 'default'): SecretValue[] {
  if (!seed) return [];
  const out: SecretValue[] = [{ where: 'the secret seed', value: seed }];
  for (const o of items) {
    if (o.kind !== 'Backstage') continue;
    const ns = o.metadata?.namespace ?? defaultNs;
    out.push({ where: `the derived password of ${ns}/${o.metadata.name}`, value: derivePassword(seed, ns, dbSecretName(o.metadata.name ?? '')) });
  }
  return out;
}

/** The values found in text, as `<where>: <value>` lines (empty: none). */
function leaks(text: string, values: SecretValue[]): string[] {
  return [...new Set(values.filter((v) => text.includes(v.value)).map((v) => `${v.where}: ${JSON.stringify(v.value)}`))];
}

/** The output without its Secret objects, as text. */
function withoutSecrets(yamlText: string): string {
  return JSON.stringify((parseYamlDocuments(yamlText) as KObject[]).filter((o) => o.kind !== 'Secret'));
}

describe('fixtures: no Secret value or seed in results, stderr or non-Secret output', () => {
  const cases = fixtureCases();

  test.each(cases)('%s', (name) => {
    const dir = path.join(FIXTURES, name);
    const items = parseYamlDocuments(fs.readFileSync(path.join(dir, 'input.yaml'), 'utf8')) as KObject[];
    const out = renderFixtureCase(name);
    const seed = (out.flags.secretSeed as string | undefined) ?? out.env.BACKSTAGE_RENDER_SECRET_SEED;
    const outputs = parseYamlDocuments(out.stdout) as KObject[];
    const values = [...secretValues(items), ...secretValues(outputs), ...seedValues(seed, items, out.flags.namespace as string | undefined)];

    // The CLI door: stderr holds every result.
    expect(leaks(out.stderr, values)).toEqual([]);
    // The fixture's recorded results.
    const expectedResults = path.join(dir, 'expected-results.yaml');
    if (fs.existsSync(expectedResults)) expect(leaks(fs.readFileSync(expectedResults, 'utf8'), values)).toEqual([]);
    // The output: values only inside Secret objects.
    expect(leaks(withoutSecrets(out.stdout), values)).toEqual([]);
    const expected = path.join(dir, 'expected.yaml');
    if (fs.existsSync(expected)) expect(leaks(withoutSecrets(fs.readFileSync(expected, 'utf8')), values)).toEqual([]);
  });

  test('the hostile-secrets fixture has values to look for, and its output keeps them in Secrets', () => {
    const items = parseYamlDocuments(fs.readFileSync(path.join(FIXTURES, 'hostile-secrets', 'input.yaml'), 'utf8')) as KObject[];
    const values = secretValues(items).map((v) => v.value);
    expect(values).toEqual(expect.arrayContaining(['file-secret-value-6c1f0a', 'env-secret-value-93ab77', 'db-password-value-4e2d: {unclosed', 'kept-password-value-81c3']));
    // The kept DB Secret of second-hub is output as it came (that fixture is about it).
    expect(fs.readFileSync(path.join(FIXTURES, 'hostile-secrets', 'expected.yaml'), 'utf8')).toContain('kept-password-value-81c3');
  });
});

describe('the KRM door on every fixture: no Secret value or seed in results or stderr', () => {
  // One executable run with every fixture's input as its own ResourceList would hide per-case
  // failures; each runs alone (the fixture's options as the functionConfig).
  test.each(fixtureCases())('%s', (name) => {
    const dir = path.join(FIXTURES, name);
    const text = fs.readFileSync(path.join(dir, 'input.yaml'), 'utf8');
    const items = parseYamlDocuments(text) as KObject[];
    const optsFile = path.join(dir, 'options.yaml');
    const opts = fs.existsSync(optsFile) ? ((parseYamlDocuments(fs.readFileSync(optsFile, 'utf8'))[0] ?? {}) as Record<string, unknown>) : {};
    const env = (opts.env ?? {}) as Record<string, string>;
    const data: Record<string, string> = {};
    for (const [k, v] of Object.entries(opts)) if (k !== 'env') data[k] = String(v);
    const fc = `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: function-input}\ndata: ${JSON.stringify(data)}\n`;
    const rl = `${resourceListText(items.map((o) => JSON.stringify(o)))}functionConfig:\n${fc.replace(/^/gm, '  ')}`;
    const r = runBin([], { input: rl, env });
    expect(r.stderr).not.toMatch(STACK_TRACE);
    const seed = (opts.secretSeed as string | undefined) ?? env.BACKSTAGE_RENDER_SECRET_SEED;
    const out = readOutputList(r.stdout);
    const generated = out.items.filter((o) => o.metadata?.annotations?.['backstage-render.dev/rendered-from'] !== undefined);
    const values = [...secretValues(items), ...secretValues(generated), ...seedValues(seed, items, opts.namespace as string | undefined)];
    expect(leaks(r.stderr, values)).toEqual([]);
    expect(leaks(JSON.stringify(out.results), values)).toEqual([]);
  });
});

describe('hostile Secrets: errors in and around Secret values never quote them', () => {
  const CR = 'apiVersion: rhdh.redhat.com/v1alpha5\nkind: Backstage\nmetadata: {name: bs1, namespace: ns1}\nspec:\n  application:\n    extraEnvs:\n      secrets: [{name: s}]\n';
  const secret = (body: string) => `apiVersion: v1\nkind: Secret\nmetadata: {name: s, namespace: ns1}\n${body}`;
  const SEED = 'hostile-seed-value-19af';

  test.each([
    ['an unterminated quote', 'stringData:\n  P: "leak-me-1a2b3c\n', 'leak-me-1a2b3c'],
    ['a nested mapping on one line', 'stringData:\n  P: leak-me-4d5e6f: x\n', 'leak-me-4d5e6f'],
    ['a block scalar header with text', 'stringData:\n  P: |x leak-me-7a8b9c\n    y\n', 'leak-me-7a8b9c'],
    ['a duplicate key', 'stringData:\n  P: leak-me-0d1e2f\n  P: leak-me-3a4b5c\n', 'leak-me-0d1e2f'],
    ['an unknown escape', 'stringData:\n  P: "leak-me-6d7e8f\\q"\n', 'leak-me-6d7e8f'],
    ['a flow collection left open', 'stringData: {P: [leak-me-9a0b1c\n', 'leak-me-9a0b1c'],
    ['a tab as indentation', 'stringData:\n\tP: leak-me-2d3e4f\n', 'leak-me-2d3e4f'],
    ['a stray document marker', 'stringData:\n  P: leak-me-5a6b7c\n  --- x\n', 'leak-me-5a6b7c'],
    ['data that is not base64', 'data:\n  P: "leak-me-8d9e0f!!"\n', 'leak-me-8d9e0f'],
    ['data that is a list', 'data:\n  P: [leak-me-1f2e3d]\n', 'leak-me-1f2e3d'],
    ['stringData that is a map', 'stringData:\n  P: {v: leak-me-4c5b6a}\n', 'leak-me-4c5b6a'],
    ['an alias to an undefined anchor', 'stringData:\n  P: *leak-me-7f8e9d\n', 'leak-me-7f8e9d'],
  ])('%s', (_name, body, value) => {
    const docs = [CR, secret(body)];
    const cli = runBin(['render', '-'], { input: docs.join('---\n'), env: { BACKSTAGE_RENDER_SECRET_SEED: SEED } });
    expect(cli.status).toBe(1);
    expect(cli.stdout).toBe('');
    expect(cli.stderr).not.toMatch(STACK_TRACE);
    for (const v of [value, SEED]) expect(cli.stderr).not.toContain(v);
    const krm = runBin([], { input: resourceListText(docs), env: { BACKSTAGE_RENDER_SECRET_SEED: SEED } });
    expect(krm.status).toBe(1);
    expect(krm.stderr).not.toMatch(STACK_TRACE);
    for (const v of [value, SEED]) expect(krm.stderr).not.toContain(v);
    const out = readOutputList(krm.stdout);
    for (const v of [value, SEED]) expect(JSON.stringify(out.results)).not.toContain(v);
  });

  test('invalid UTF-8 inside a Secret value', () => {
    const input = Buffer.concat([Buffer.from(`${CR}---\n${secret('stringData:\n  P: "leak-me-0a1b2c')}`), Buffer.from([0xc3, 0x28]), Buffer.from('"\n')]);
    const r = runBin(['render', '-'], { input });
    expect(r.status).toBe(1);
    expect(r.stderr).not.toContain('leak-me-0a1b2c');
  });

  test('a bad seed option is refused without being printed', () => {
    const fc = 'functionConfig:\n  apiVersion: fn.kpt.dev/v1alpha1\n  kind: RenderBackstage\n  metadata: {name: r}\n  spec:\n    secretSeed: [leak-me-seed-3c4d5e]\n';
    const r = runBin([], { input: resourceListText([CR]) + fc });
    expect(r.status).toBe(1);
    expect(r.stderr).not.toMatch(STACK_TRACE);
    expect(r.stderr).not.toContain('leak-me-seed-3c4d5e');
    expect(JSON.stringify(readOutputList(r.stdout).results)).not.toContain('leak-me-seed-3c4d5e');
  });

  test('a seed given as a CLI flag and the derived password never reach stderr, even on errors', () => {
    const bad = CR.replace('secrets: [{name: s}]', 'secrets: [{name: s}]\n  deployment: {kind: Nope}');
    const r = runBin(['render', '-', '--secret-seed', SEED], { input: bad });
    expect(r.status).toBe(1);
    expect(r.stderr).not.toContain(SEED);
    expect(r.stderr).not.toContain(derivePassword(SEED, 'ns1', dbSecretName('bs1')));
  });
});

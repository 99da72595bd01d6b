// The CLI door through the real executable, as a user or CI runs it.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseYamlDocuments, stringifyYaml } from '../../fn/yaml';
import { BIN, REPO_ROOT, readTree, run, tmpDir } from '../helpers';

const SEED = { BACKSTAGE_RENDER_SECRET_SEED: 'e2e-seed-0123456789abcdef' };
const EXAMPLE = path.join(REPO_ROOT, 'example', 'backstage.yaml');

describe('backstage-render CLI', () => {
  test('--help prints usage on stdout and exits 0', () => {
    const r = run(BIN, ['--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^Usage: backstage-render/);
    expect(r.stdout).toContain('render [options] [paths...]');
  });

  test('render prints only objects to apply: no CR, no bookkeeping annotations', () => {
    const r = run(BIN, ['render', EXAMPLE, '--ingress-domain', 'apps.example.com'], { env: SEED });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const objects = parseYamlDocuments(r.stdout) as Array<Record<string, any>>;
    expect(objects.length).toBeGreaterThan(3);
    for (const o of objects) {
      expect(o.kind).not.toBe('Backstage');
      expect(Object.keys(o.metadata.annotations ?? {}).filter((k) => k.includes('config.kubernetes.io'))).toEqual([]);
      expect(o.metadata.annotations['backstage-render.dev/rendered-from']).toBe('rhdh/developer-hub');
    }
  });

  test('stdin (-) and a file give the same bytes; flag and environment seed agree', () => {
    const fromFile = run(BIN, ['render', EXAMPLE], { env: SEED });
    const fromStdin = run(BIN, ['render', '-'], { env: SEED, input: fs.readFileSync(EXAMPLE, 'utf8') });
    const fromFlag = run(BIN, ['render', EXAMPLE, '--secret-seed', 'e2e-seed-0123456789abcdef']);
    expect(fromStdin.stdout).toBe(fromFile.stdout);
    expect(fromFlag.stdout).toBe(fromFile.stdout);
  });

  test('-o DIR writes one file per object; a file it did not write stays, even one carrying our annotation', () => {
    const out = tmpDir('out');
    const stale = path.join(out, 'rhdh', 'developer-hub', 'configmap_stale.yaml');
    fs.mkdirSync(path.dirname(stale), { recursive: true });
    fs.writeFileSync(stale, stringifyYaml({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'stale', annotations: { 'backstage-render.dev/rendered-from': 'rhdh/developer-hub' } } }));
    fs.writeFileSync(path.join(out, 'mine.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: mine\n');
    const r = run(BIN, ['render', EXAMPLE, '-o', out], { env: SEED });
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('');
    const tree = readTree(out);
    expect(tree['rhdh/developer-hub/configmap_stale.yaml']).toContain('name: stale');
    expect(tree['mine.yaml']).toBe('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: mine\n');
    const printed = parseYamlDocuments(run(BIN, ['render', EXAMPLE], { env: SEED }).stdout);
    const written = Object.entries(tree)
      .filter(([f]) => f !== 'mine.yaml' && f !== 'rhdh/developer-hub/configmap_stale.yaml' && !f.startsWith('.'))
      .map(([, t]) => parseYamlDocuments(t)[0]);
    expect(written.length).toBe(printed.length);
    expect(new Set(written.map((o) => JSON.stringify(o)))).toEqual(new Set(printed.map((o) => JSON.stringify(o))));
  });

  test('KRM mode: no arguments, ResourceList on stdin, ResourceList on stdout', () => {
    const input = stringifyYaml({ apiVersion: 'config.kubernetes.io/v1', kind: 'ResourceList', items: parseYamlDocuments(fs.readFileSync(EXAMPLE, 'utf8')) });
    const r = run(BIN, [], { env: SEED, input });
    expect(r.status).toBe(0);
    const rl = parseYamlDocuments(r.stdout)[0] as Record<string, any>;
    expect(rl.kind).toBe('ResourceList');
    const cr = rl.items.find((i: any) => i.kind === 'Backstage');
    expect(cr.metadata.annotations).toEqual({ 'config.kubernetes.io/local-config': 'true' });
    for (const i of rl.items.filter((x: any) => x.kind !== 'Backstage')) {
      expect(i.metadata.annotations['internal.config.kubernetes.io/path']).toMatch(/^rendered\/rhdh_developer-hub_[a-z]+_[a-z0-9.-]+\.yaml$/);
    }
  });

  test.each([
    ['empty stdin', '', 'error: input is empty: expected a ResourceList'],
    ['not YAML', '{{{', 'error: not valid YAML'],
    ['not a ResourceList', 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n', 'error: input is not a ResourceList (document 1 is v1 ConfigMap)'],
  ])('KRM mode, %s: an error result, one stderr line, exit 1', (_name, input, line) => {
    const r = run(BIN, [], { input });
    expect(r.status).toBe(1);
    expect(r.stderr.startsWith(line)).toBe(true);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    const rl = parseYamlDocuments(r.stdout)[0] as Record<string, any>;
    expect(rl.results[0].severity).toBe('error');
  });

  test('a missing file is one readable line and exit 1', () => {
    const r = run(BIN, ['render', '/nonexistent/cr.yaml']);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe('error: /nonexistent/cr.yaml: no such file or directory\n');
    expect(r.stdout).toBe('');
  });
});

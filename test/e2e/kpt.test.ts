// The real kpt on this machine runs our function by path, as users will. What kpt writes is compared
// with the committed files of test/expected/ (UPDATE_FIXTURES=1 rewrites them: review the diff).
// kpt fn doc needs an image: test/image/image.test.ts runs it.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseYamlDocuments } from '../../fn/yaml';
import { BIN, REPO_ROOT, copyDir, expectExpectedFiles, readTree, run, tmpDir } from '../helpers';

const SEED = { BACKSTAGE_RENDER_SECRET_SEED: 'e2e-seed-0123456789abcdef' };
// The Kptfile runs backstage-render from the PATH (as after npm install -g): the clone's bin/ here.
const PATH_WITH_BIN = { PATH: `${path.dirname(BIN)}:${process.env.PATH}` };

/** A copy of the root example package. */
function examplePackage(): string {
  const dir = tmpDir('kpt');
  fs.copyFileSync(path.join(REPO_ROOT, 'Kptfile'), path.join(dir, 'Kptfile'));
  fs.copyFileSync(path.join(REPO_ROOT, '.krmignore'), path.join(dir, '.krmignore'));
  copyDir(path.join(REPO_ROOT, 'example'), path.join(dir, 'example'));
  // Files kpt must not read (.krmignore): a stray manifest in the repository.
  fs.mkdirSync(path.join(dir, 'fixtures'));
  fs.writeFileSync(path.join(dir, 'fixtures', 'stray.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: stray\n');
  return dir;
}

describe('kpt fn render --allow-exec on the example package', () => {
  test('renders the CR into files, keeps the CR, and a second run changes nothing', () => {
    const dir = examplePackage();
    const first = run('kpt', ['fn', 'render', '--allow-exec', '.'], { cwd: dir, env: { ...SEED, ...PATH_WITH_BIN } });
    expect(first.stderr).toContain('Successfully executed 1 function(s)');
    expect(first.status).toBe(0);
    const tree1 = readTree(dir);
    // The CR stays in its file, marked local-config; the stray file was never read or changed.
    expect(tree1['example/backstage.yaml']).toContain('config.kubernetes.io/local-config: "true"');
    expect(tree1['fixtures/stray.yaml']).toBe('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: stray\n');
    // What kpt wrote: the committed expected files (openshift, apps.example.com, as the Kptfile says).
    expectExpectedFiles('kpt-render-example', Object.fromEntries(Object.entries(tree1).filter(([f]) => f.startsWith('rendered/'))));

    const second = run('kpt', ['fn', 'render', '--allow-exec', '.'], { cwd: dir, env: { ...SEED, ...PATH_WITH_BIN } });
    expect(second.status).toBe(0);
    expect(readTree(dir)).toEqual(tree1);
  });

  test('with dbSecret plain, a render without the seed fails with a readable message and writes nothing', () => {
    const dir = examplePackage();
    // The example renders with dbSecret external-secrets, which needs no seed; plain does.
    const config = path.join(dir, 'example', 'render.yaml');
    fs.writeFileSync(config, fs.readFileSync(config, 'utf8').replace('  dbSecret: external-secrets\n', ''));
    const before = readTree(dir);
    const r = run('kpt', ['fn', 'render', '--allow-exec', '.'], { cwd: dir, env: PATH_WITH_BIN });
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('BACKSTAGE_RENDER_SECRET_SEED');
    expect(readTree(dir)).toEqual(before);
  });
});

describe('kpt fn eval --exec', () => {
  test('key=value arguments reach the function; the expected files; running twice changes nothing', () => {
    const dir = tmpDir('eval');
    fs.copyFileSync(path.join(REPO_ROOT, 'example', 'backstage.yaml'), path.join(dir, 'backstage.yaml'));
    const args = ['fn', 'eval', dir, '--exec', BIN, '--', 'platform=kubernetes', 'profile=backstage.io'];
    const first = run('kpt', args, { env: SEED });
    expect(first.status).toBe(0);
    const tree1 = readTree(dir);
    expectExpectedFiles('kpt-eval-kubernetes-backstage.io', tree1);
    expect(Object.values(tree1).some((text) => /^kind: Route$/m.test(text))).toBe(false);
    const second = run('kpt', args, { env: SEED });
    expect(second.status).toBe(0);
    expect(readTree(dir)).toEqual(tree1);
  });

  test('an unknown option is an error result and a non-zero exit', () => {
    const dir = tmpDir('eval-bad');
    fs.copyFileSync(path.join(REPO_ROOT, 'example', 'backstage.yaml'), path.join(dir, 'backstage.yaml'));
    const r = run('kpt', ['fn', 'eval', dir, '--exec', BIN, '--', 'platfrom=kubernetes'], { env: SEED });
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('unknown option "platfrom"');
  });
});

describe('kpt fn eval -- operatorVersion=<line>', () => {
  const cliObjects = (input: string, args: string[]): Array<Record<string, any>> => {
    const r = run(BIN, ['render', input, ...args], { env: SEED });
    expect(r.stderr).not.toMatch(/^(error|warning):/m);
    expect(r.status).toBe(0);
    return parseYamlDocuments(r.stdout) as Array<Record<string, any>>;
  };
  const byId = (a: Record<string, any>, b: Record<string, any>) => {
    const ka = `${a.kind}/${a.metadata.name}`;
    const kb = `${b.kind}/${b.metadata.name}`;
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  };

  test.each(['1.9', '1.10', 'main'])('renders as operator %s: the objects the CLI prints with --operator-version', (line) => {
    const dir = examplePackage();
    const r = run('kpt', ['fn', 'eval', 'example', '--exec', BIN, '--', `operatorVersion=${line}`, 'ingressDomain=apps.example.com'], { cwd: dir, env: SEED });
    expect(r.status).toBe(0);
    const expected = cliObjects(path.join(REPO_ROOT, 'example', 'backstage.yaml'), ['--ingress-domain', 'apps.example.com', '--operator-version', line]);
    const written = Object.entries(readTree(path.join(dir, 'example')))
      .filter(([f]) => f.startsWith('rendered/'))
      .flatMap(([, t]) => parseYamlDocuments(t) as Array<Record<string, any>>);
    expect(written.sort(byId)).toEqual(expected.sort(byId));
    // 1.9 names its default app-config ConfigMap backstage-appconfig-<cr>; 1.10 and main add the configured name.
    const appConfigs = written.filter((o) => o.kind === 'ConfigMap' && o.metadata.name.startsWith('backstage-appconfig-')).map((o) => o.metadata.name);
    expect(appConfigs.length).toBeGreaterThan(0);
    expect(appConfigs.every((n) => (line === '1.9' ? !n.endsWith('-default-appconfig') : n.endsWith('-default-appconfig')))).toBe(true);
  });
});

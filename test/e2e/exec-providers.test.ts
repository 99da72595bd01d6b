// Exec providers run only what the runner named (issue #11), through the real kpt fn eval: a
// profile in the package (chosen by the function config) declares a provider; the runner lists
// programs (paths, or NAME=PATH); the program gets PATH, HOME, LANG and the listed variables,
// never the seed; what it says on stderr reaches the results cut short, values masked.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { BIN, REPO_ROOT, copyDir, run, tmpDir } from '../helpers';

const SEED_VALUE = 'exec-seed-0123456789abcdef';
const CR = 'apiVersion: rhdh.redhat.com/v1alpha5\nkind: Backstage\nmetadata:\n  name: bs1\n  namespace: ns1\nspec:\n  application:\n    dynamicPluginsConfigMapName: plugins\n';
const PLUGINS = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: plugins\n  namespace: ns1\ndata:\n  dynamic-plugins.yaml: |\n    plugins:\n      - package: ./x\n        disabled: false\n        dependencies: [{ref: x}]\n';
const FC = 'apiVersion: fn.kpt.dev/v1alpha1\nkind: RenderBackstage\nmetadata:\n  name: render\n  annotations:\n    config.kubernetes.io/local-config: "true"\nspec:\n  profile: ./prof\n';

/** A program that records its environment in `marker` and answers with one ConfigMap (or fails, saying things on stderr). */
function program(file: string, marker: string, fail = false): string {
  const body = fail
    ? `for (let i = 0; i < 40; i++) process.stderr.write('line ' + i + ' home=' + process.env.HOME + '\\n');\nprocess.stderr.write('the seed is ${SEED_VALUE} and EXTRA is ' + (process.env.EXTRA || 'extra-value-42') + '\\n');\nprocess.exit(3);\n`
    : `process.stdout.write('apiVersion: config.kubernetes.io/v1\\nkind: ResourceList\\nitems:\\n- apiVersion: v1\\n  kind: ConfigMap\\n  metadata: {name: dep-from-' + require('path').basename(__filename, '.js') + ', namespace: ns1}\\n');\n`;
  fs.writeFileSync(file, `require('fs').writeFileSync(${JSON.stringify(marker)}, JSON.stringify(Object.keys(process.env).sort()) + '\\n' + (process.env.${'BACKSTAGE_RENDER_SECRET_SEED'} || 'no seed'));\n${body}`);
  return file;
}

function setup(prefix: string, opts: { fail?: boolean } = {}) {
  const root = tmpDir(prefix);
  const pkg = path.join(root, 'pkg');
  fs.mkdirSync(pkg);
  copyDir(path.join(REPO_ROOT, 'profiles', '1.10', 'rhdh'), path.join(pkg, 'prof'));
  fs.writeFileSync(path.join(pkg, 'prof', 'plugin-deps', 'x.provider.yaml'), 'apiVersion: backstage-render.dev/v1alpha1\nkind: DependencyProvider\nspec:\n  refs: [x]\n  exec: {path: ./evil.js}\n');
  fs.writeFileSync(path.join(pkg, '.krmignore'), 'prof/\nevil.js\n');
  fs.writeFileSync(path.join(pkg, 'cr.yaml'), `${CR}---\n${PLUGINS}`);
  fs.writeFileSync(path.join(pkg, 'render.yaml'), FC);
  const evilMarker = path.join(root, 'EVIL-RAN');
  program(path.join(pkg, 'evil.js'), evilMarker, opts.fail);
  const goodMarker = path.join(root, 'GOOD-RAN');
  const good = program(path.join(root, 'good.js'), goodMarker);
  return { root, pkg, evil: path.join(pkg, 'evil.js'), evilMarker, good, goodMarker };
}

function kptEval(pkg: string, env: NodeJS.ProcessEnv) {
  return run('kpt', ['fn', 'eval', '.', '--exec', BIN, '--fn-config', 'render.yaml', '-o', 'stdout'], {
    cwd: pkg,
    env: { BACKSTAGE_RENDER_SECRET_SEED: SEED_VALUE, LANG: 'C.UTF-8', EXTRA: 'extra-value-42', OTHER: 'not-for-providers', ...env },
  });
}

const read = (f: string) => (fs.existsSync(f) ? fs.readFileSync(f, 'utf8') : 'did not run');

describe('exec dependency providers run only the programs the runner names', () => {
  test('no list: not run, and the error says how to allow it', () => {
    const s = setup('exec-none');
    const r = kptEval(s.pkg, {});
    expect(r.status).not.toBe(0);
    expect(read(s.evilMarker)).toBe('did not run');
    expect(r.stderr).toContain(`ref \\"x\\" is served by the external dependency provider plugin-deps/x.provider.yaml (exec ./evil.js), which is not run: a program runs only when the runner names it: --allow-exec-providers ${fs.realpathSync(s.evil)} (or x=PATH), or BACKSTAGE_RENDER_ALLOW_EXEC_PROVIDERS`);
  });

  test('the old yes/no opt-in is an error; another program listed does not allow this one', () => {
    const s = setup('exec-yes');
    const yes = kptEval(s.pkg, { BACKSTAGE_RENDER_ALLOW_EXEC_PROVIDERS: 'true' });
    expect(yes.status).not.toBe(0);
    expect(yes.stderr).toContain('BACKSTAGE_RENDER_ALLOW_EXEC_PROVIDERS: \\"true\\" is not a program: list the programs providers may run, as paths or NAME=PATH');
    const other = kptEval(s.pkg, { BACKSTAGE_RENDER_ALLOW_EXEC_PROVIDERS: s.good });
    expect(other.status).not.toBe(0);
    expect(read(s.evilMarker)).toBe('did not run');
    expect(read(s.goodMarker)).toBe('did not run');
  });

  test('listed by path: it runs with PATH, HOME, LANG and the listed variables only, never the seed', () => {
    const s = setup('exec-path');
    const r = kptEval(s.pkg, { BACKSTAGE_RENDER_ALLOW_EXEC_PROVIDERS: s.evil, BACKSTAGE_RENDER_EXEC_PROVIDER_ENV: 'EXTRA' });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('name: dep-from-evil');
    expect(read(s.evilMarker)).toBe(`${JSON.stringify(['EXTRA', 'HOME', 'LANG', 'PATH'])}\nno seed`);
  });

  test('NAME=PATH: the provider runs the runner\'s program, not the one the profile names', () => {
    const s = setup('exec-name');
    const r = kptEval(s.pkg, { BACKSTAGE_RENDER_ALLOW_EXEC_PROVIDERS: `x=${s.good}` });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('name: dep-from-good');
    expect(read(s.evilMarker)).toBe('did not run');
    expect(read(s.goodMarker)).toBe(`${JSON.stringify(['HOME', 'LANG', 'PATH'])}\nno seed`);
  });

  test('the seed cannot be listed for providers', () => {
    const s = setup('exec-seed');
    const r = kptEval(s.pkg, { BACKSTAGE_RENDER_ALLOW_EXEC_PROVIDERS: s.evil, BACKSTAGE_RENDER_EXEC_PROVIDER_ENV: 'BACKSTAGE_RENDER_SECRET_SEED' });
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('BACKSTAGE_RENDER_SECRET_SEED is never passed to a dependency provider');
    expect(read(s.evilMarker)).toBe('did not run');
  });

  test('a failing program: its stderr reaches the results as its last 5 lines, environment values masked', () => {
    const s = setup('exec-fail', { fail: true });
    const r = kptEval(s.pkg, { BACKSTAGE_RENDER_ALLOW_EXEC_PROVIDERS: s.evil, BACKSTAGE_RENDER_EXEC_PROVIDER_ENV: 'EXTRA' });
    expect(r.status).not.toBe(0);
    expect(r.stdout + r.stderr).not.toContain(SEED_VALUE);
    expect(r.stdout + r.stderr).not.toContain('extra-value-42');
    expect(r.stdout + r.stderr).not.toContain('line 35 ');
    expect(r.stderr).toContain('exited with code 3: … line 36 home=*** | line 37 home=*** | line 38 home=*** | line 39 home=*** | the seed is *** and EXTRA is ***');
  });
});

// Paths from the input stay inside the input (issue #11): a `profile` named by the function config,
// a config file or the Argo CD plugin's render.yaml resolves, after symbolic links, inside the
// directory the function runs in; absolute and outside paths only from the runner. Through the
// real kpt fn eval and the real executable.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseYamlDocuments } from '../../fn/yaml';
import { BIN, REPO_ROOT, copyDir, run, tmpDir } from '../helpers';

const SEED = { BACKSTAGE_RENDER_SECRET_SEED: 'paths-seed-0123456789abcdef' };

/** A package with a CR, and a profile directory outside it whose app-config carries a marker. */
function setup(prefix: string): { pkg: string; outside: string } {
  const root = tmpDir(prefix);
  const pkg = path.join(root, 'pkg');
  fs.mkdirSync(pkg);
  fs.copyFileSync(path.join(REPO_ROOT, 'example', 'backstage.yaml'), path.join(pkg, 'backstage.yaml'));
  const outside = path.join(root, 'secret-profile');
  copyDir(path.join(REPO_ROOT, 'profiles', '1.10', 'rhdh'), outside);
  const appConfig = path.join(outside, 'default-config', 'app-config.yaml');
  fs.writeFileSync(appConfig, fs.readFileSync(appConfig, 'utf8').replace('environment: development', 'environment: OUTSIDE-MARKER'));
  return { pkg, outside };
}

function kptEval(pkg: string, args: string[], env: NodeJS.ProcessEnv = {}) {
  return run('kpt', ['fn', 'eval', '.', '--exec', BIN, '-o', 'stdout', '--', ...args], { cwd: pkg, env: { ...SEED, ...env } });
}

/** The message of the profile error, with the path as given replaced by P. */
function profileError(stderr: string, given: string): string {
  // kpt quotes the function's stderr lines: "error: profile \"…\" …"
  const line = stderr.split('\n').map((l) => l.trim().replace(/^"(.*)"$/, '$1').replace(/\\"/g, '"')).find((l) => l.startsWith('error: profile'));
  return (line ?? `<no profile error in: ${stderr}>`).split(given).join('P');
}

describe('a profile named by the input stays inside the input', () => {
  test('kpt fn eval: absolute, ../ and symlinked-out profiles are one error, existing or not; nothing of them reaches the output', () => {
    const { pkg, outside } = setup('paths-kpt');
    fs.symlinkSync(outside, path.join(pkg, 'linked'));
    fs.symlinkSync(path.join(outside, 'nothing-here'), path.join(pkg, 'linked-missing'));
    const cases = [outside, `${outside}-missing`, '../secret-profile', '../no-such-dir', 'linked', 'linked-missing', '/etc'];
    const messages = new Set<string>();
    for (const p of cases) {
      const r = kptEval(pkg, [`profile=${p}`]);
      expect(r.status).not.toBe(0);
      expect(r.stdout + r.stderr).not.toContain('OUTSIDE-MARKER');
      messages.add(profileError(r.stderr, p));
    }
    expect([...messages]).toEqual([
      `error: profile "P" comes from the input, so it must be a relative path that stays inside the directory the function runs in (${pkg}), symbolic links included; the runner names other directories with --profile or BACKSTAGE_RENDER_PROFILE (field data.profile)`,
    ]);
  });

  test('kpt fn eval: a profile directory inside the package works; the runner\'s BACKSTAGE_RENDER_PROFILE may name one anywhere', () => {
    const { pkg, outside } = setup('paths-kpt-ok');
    copyDir(outside, path.join(pkg, 'my-profile'));
    fs.writeFileSync(path.join(pkg, '.krmignore'), 'my-profile/\n'); // its files are not the package's resources
    const inside = kptEval(pkg, ['profile=./my-profile']);
    expect(inside.status).toBe(0);
    expect(inside.stdout).toContain('OUTSIDE-MARKER'); // the copy inside carries the marker too
    const runner = kptEval(pkg, [], { BACKSTAGE_RENDER_PROFILE: outside });
    expect(runner.status).toBe(0);
    expect(runner.stdout).toContain('OUTSIDE-MARKER');
  });

  test('CLI: --config render.yaml (the Argo CD plugin\'s file) cannot name an outside profile; --profile can', () => {
    const { pkg, outside } = setup('paths-cli');
    fs.writeFileSync(path.join(pkg, 'render.yaml'), `apiVersion: fn.kpt.dev/v1alpha1\nkind: RenderBackstage\nmetadata:\n  name: render\n  annotations:\n    config.kubernetes.io/local-config: "true"\nspec:\n  profile: ${outside}\n`);
    const fromConfig = run(BIN, ['render', 'backstage.yaml', '--config', 'render.yaml'], { cwd: pkg, env: SEED });
    expect(fromConfig.status).toBe(1);
    expect(fromConfig.stdout).toBe('');
    expect(fromConfig.stderr).toContain(`error: profile "${outside}" comes from the input, so it must be a relative path that stays inside the directory the function runs in`);
    const fromFlag = run(BIN, ['render', 'backstage.yaml', '--profile', outside], { cwd: pkg, env: SEED });
    expect(fromFlag.status).toBe(0);
    expect((parseYamlDocuments(fromFlag.stdout) as Array<Record<string, any>>).some((o) => JSON.stringify(o).includes('OUTSIDE-MARKER'))).toBe(true);
  });
});

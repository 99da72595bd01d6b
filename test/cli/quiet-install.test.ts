// Install and test runs print no warnings we could prevent (issue 13): every dependency with an
// install script is reviewed in package.json's allowScripts (npm ci lists unreviewed ones as
// warnings), and ts-jest reads isolatedModules from tsconfig.json (its own option is deprecated and
// printed a warning on every run). The @kubernetes-models packages, which declare Node >= 22, are
// not dependencies (npm ci warned EBADENGINE on Node 20): scripts/schema-packages.mjs fetches them
// at pinned versions and integrities.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT, run, tmpDir } from '../helpers';

test('npm install-scripts ls: no package with unreviewed install scripts', () => {
  const r = run('npm', ['install-scripts', 'ls'], { env: { npm_config_update_notifier: 'false' } });
  expect(r.status).toBe(0);
  expect(r.stdout.trim()).toBe('No packages with unreviewed install scripts.');
});

test('jest.config.js gives ts-jest no deprecated isolatedModules option; tsconfig.json sets it', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const config = require('../../jest.config.js');
  expect(JSON.stringify(config.transform)).not.toContain('isolatedModules');
  expect(JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'tsconfig.json'), 'utf8')).compilerOptions.isolatedModules).toBe(true);
});

/** Lines npm or our scripts print as warnings or errors. */
const warnings = (text: string): string[] => text.split('\n').filter((l) => /^npm (warn|error)\b/i.test(l));

test('no package of package-lock.json declares engines that exclude Node 20.19 (npm ci printed EBADENGINE for eight)', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const semver = require('semver') as { satisfies: (v: string, range: string) => boolean };
  const lock = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, { version?: string; engines?: { node?: string } }> };
  const excluding = Object.entries(lock.packages)
    .filter(([, p]) => p.engines?.node !== undefined && !semver.satisfies('20.19.0', p.engines.node))
    .map(([k, p]) => `${k.replace(/^node_modules\//, '')}@${p.version}`);
  expect(excluding).toEqual([]);
});

test('npm ci --dry-run over package.json and package-lock.json prints no warning (no EBADENGINE)', () => {
  // The real npm ci resolves and checks every package of the lock file; --dry-run and
  // --ignore-scripts keep it from writing or fetching (the lock file already says everything).
  const dir = tmpDir('quiet-install');
  for (const f of ['package.json', 'package-lock.json']) fs.copyFileSync(path.join(REPO_ROOT, f), path.join(dir, f));
  const r = run('npm', ['ci', '--dry-run', '--ignore-scripts', '--no-audit', '--no-fund'], { cwd: dir, env: { npm_config_update_notifier: 'false' } });
  expect(r.status).toBe(0);
  expect(warnings(r.stdout + r.stderr)).toEqual([]);
  expect(r.stdout).toMatch(/^added \d+ packages in /m);
});

test('scripts/schema-packages.mjs lays out the pinned @kubernetes-models packages silently, their @kubernetes-models dependencies pinned too and the rest our devDependencies', () => {
  const r = run(process.execPath, [path.join(REPO_ROOT, 'scripts', 'schema-packages.mjs')]);
  expect({ status: r.status, stdout: r.stdout, stderr: r.stderr }).toEqual({ status: 0, stdout: '', stderr: '' });
  const pins = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'scripts', 'schema-packages.json'), 'utf8')).packages as Record<string, { version: string }>;
  const ours = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')).devDependencies as Record<string, string>;
  const modules = path.join(REPO_ROOT, 'build', 'schema-packages', 'node_modules');
  const unmet: string[] = [];
  for (const [name, pin] of Object.entries(pins)) {
    const manifest = JSON.parse(fs.readFileSync(path.join(modules, name, 'package.json'), 'utf8')) as { version: string; dependencies?: Record<string, string> };
    expect(`${name}@${manifest.version}`).toBe(`${name}@${pin.version}`);
    expect(fs.lstatSync(path.join(modules, name)).isSymbolicLink()).toBe(false);
    for (const dep of Object.keys(manifest.dependencies ?? {})) {
      const pinned = /^(@kubernetes-models\/|kubernetes-models$)/.test(dep);
      if (pinned ? !(dep in pins) : !(dep in ours)) unmet.push(`${name} -> ${dep}`);
    }
  }
  expect(unmet).toEqual([]);
  // what they import resolves to our node_modules
  expect(fs.realpathSync(path.join(modules, 'ajv'))).toBe(fs.realpathSync(path.join(REPO_ROOT, 'node_modules', 'ajv')));
});

test('scripts/schema-packages.mjs: a tarball whose sha512 is not the pinned one stops it with one line, nothing unpacked', () => {
  // A copy of the script with one pin altered; npm pack fetches the real tarball (npm's cache).
  const dir = tmpDir('schema-pins');
  fs.mkdirSync(path.join(dir, 'scripts'));
  fs.copyFileSync(path.join(REPO_ROOT, 'scripts', 'schema-packages.mjs'), path.join(dir, 'scripts', 'schema-packages.mjs'));
  const pin = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'scripts', 'schema-packages.json'), 'utf8')).packages['@kubernetes-models/base'] as { version: string; integrity: string };
  const wrong = `sha512-${Buffer.alloc(64, 1).toString('base64')}`;
  fs.writeFileSync(path.join(dir, 'scripts', 'schema-packages.json'), JSON.stringify({ packages: { '@kubernetes-models/base': { version: pin.version, integrity: wrong } } }));
  const r = run(process.execPath, [path.join(dir, 'scripts', 'schema-packages.mjs')], { cwd: dir });
  expect(r.status).toBe(1);
  expect(r.stdout).toBe('');
  expect(r.stderr).toBe(`schema-packages: @kubernetes-models/base@${pin.version}: integrity ${pin.integrity} is not the pinned ${wrong} (scripts/schema-packages.json)\n`);
  expect(fs.existsSync(path.join(dir, 'build', 'schema-packages', 'node_modules', '@kubernetes-models', 'base'))).toBe(false);
});

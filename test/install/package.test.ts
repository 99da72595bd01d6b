// The npm package (issue #12): `npm pack` holds what runs and nothing else, prepack builds it, and
// the tarball installs and runs on a machine that never saw the clone: `npm install -g` and
// `npx --package`, from empty directories outside the clone, with an empty HOME and npm cache.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { EMBEDDED_OPERATOR_RELEASE, EMBEDDED_OPERATOR_RELEASES } from '../../cli/version';
import { BIN, REPO_ROOT, run, tmpDir } from '../helpers';
import { PACKAGE, installedPackage, packTarball, systemPath } from './package';

const CR = fs.readFileSync(path.join(REPO_ROOT, 'fixtures', 'minimal', 'input.yaml'), 'utf8');
const SEED = { BACKSTAGE_RENDER_SECRET_SEED: 'package-seed-0123456789abcdef' };
const VERSION_LINE = `backstage-render ${PACKAGE.version} (embedded profiles: rhdh-operator ${EMBEDDED_OPERATOR_RELEASES})\n`;

describe('npm pack', () => {
  test('the tarball holds the bundle, bin/, README, LICENSE and package.json only', () => {
    expect(packTarball().files).toEqual(['LICENSE', 'README.md', 'bin/backstage-render', 'dist/backstage-render.js', 'package.json']);
  });

  test('package.json is ready to publish: name, version, license, repository, engines, bin, no runtime dependencies', () => {
    expect(PACKAGE).toMatchObject({ name: 'backstage-render', license: 'Apache-2.0', bin: { 'backstage-render': 'bin/backstage-render' } });
    expect((PACKAGE as unknown as Record<string, unknown>).private).toBeUndefined();
    expect(PACKAGE.version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(PACKAGE.repository.url).toMatch(/^git\+https:\/\/github\.com\/[^/]+\/[^/]+\.git$/);
    expect(PACKAGE.engines.node).toBe('^20.19.0 || ^22.12.0 || >=24');
    // The bundle carries its dependencies: installing it fetches nothing.
    expect((PACKAGE as unknown as Record<string, unknown>).dependencies).toBeUndefined();
    expect(fs.readFileSync(path.join(REPO_ROOT, 'LICENSE'), 'utf8')).toMatch(/^\s*Apache License\s+Version 2\.0, January 2004/);
  });

  test('the tarball\'s package.json is the installer\'s: no scripts (prepare builds a clone), no dev dependencies; the clone\'s is put back', () => {
    const { tarball } = packTarball();
    const packed = JSON.parse(run('tar', ['-xzOf', tarball, 'package/package.json']).stdout);
    const { scripts, devDependencies, overrides, ...rest } = PACKAGE as unknown as Record<string, unknown>;
    expect([scripts, devDependencies, overrides].every((x) => x !== undefined)).toBe(true);
    expect(packed).toEqual(rest);
    expect(packTarball().manifestAfter).toBe(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'));
  });

  test('the embedded profiles follow the release --version names (profiles/README.md)', () => {
    expect(fs.readFileSync(path.join(REPO_ROOT, 'profiles', 'README.md'), 'utf8')).toContain(`carry the defaults\nof the **${EMBEDDED_OPERATOR_RELEASE}** line`);
  });
});

describe('npm install -g ./backstage-render-<version>.tgz', () => {
  test('backstage-render --version from an empty directory: the package version and the operator release', () => {
    const user = installedPackage();
    const r = run('backstage-render', ['--version'], { cwd: tmpDir('user-empty'), env: user.env });
    expect([r.status, r.stdout, r.stderr]).toEqual([0, VERSION_LINE, '']);
    expect(run(BIN, ['-V']).stdout).toBe(VERSION_LINE);
    // Nothing for the user to allow or fix.
    expect(user.installOutput).not.toMatch(/warn|install-scripts|prepare/i);
  });

  test('renders a CR in a directory outside the clone, the same bytes as the clone\'s bin/', () => {
    const user = installedPackage();
    const dir = tmpDir('user-render');
    fs.writeFileSync(path.join(dir, 'backstage.yaml'), CR);
    const r = run('backstage-render', ['render', 'backstage.yaml'], { cwd: dir, env: { ...user.env, ...SEED } });
    const clone = run(BIN, ['render', path.join(dir, 'backstage.yaml')], { env: SEED });
    expect([r.status, r.stdout, r.stderr]).toEqual([0, clone.stdout, clone.stderr]);
    expect(r.stdout).toContain('kind: Deployment');
    expect(fs.realpathSync(run('sh', ['-c', 'command -v backstage-render'], { env: user.env }).stdout.trim())).toBe(
      path.join(user.prefix, 'lib', 'node_modules', 'backstage-render', 'bin', 'backstage-render'),
    );
  });
});

describe('npx --package ./backstage-render-<version>.tgz backstage-render', () => {
  test('runs from a directory holding only the tarball', () => {
    const dir = tmpDir('user-npx');
    const tgz = path.basename(packTarball().tarball);
    fs.copyFileSync(packTarball().tarball, path.join(dir, tgz));
    fs.writeFileSync(path.join(dir, 'backstage.yaml'), CR);
    const home = tmpDir('npx-home');
    const env = { PATH: systemPath(), HOME: home, npm_config_cache: path.join(home, '.npm'), ...SEED };
    const v = run('npx', ['--yes', '--offline', '--package', `./${tgz}`, 'backstage-render', '--version'], { cwd: dir, env, timeout: 120000 });
    expect([v.status, v.stdout]).toEqual([0, VERSION_LINE]);
    const r = run('npx', ['--yes', '--offline', '--package', `./${tgz}`, 'backstage-render', 'render', 'backstage.yaml'], { cwd: dir, env, timeout: 120000 });
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(run(BIN, ['render', path.join(dir, 'backstage.yaml')], { env: SEED }).stdout);
  });
});

// The container image (Dockerfile, delivery/argocd/Dockerfile), built with podman from the
// committed Dockerfiles on stand-in bases (test/image/image.ts) and run by the real tools: kpt
// (fn eval --image, fn render with a Kptfile image:, fn doc --image), standalone kustomize (a
// container: function, through a docker shim to podman) and the Argo CD sidecar as the
// repo-server runs it. Each compares with committed files (test/expected/image-*, the examples'
// expected output; UPDATE_FIXTURES=1 rewrites test/expected: review the diff), and runs twice.
// In CI (CI=true) these fail when podman cannot run; elsewhere they are skipped, saying why.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { KUSTOMIZE, REPO_ROOT, copyDir, expectExpectedFiles, readTree, run, tmpDir } from '../helpers';
import { APP_CONFIG, CR, argoManifests, cmpServerEnv, readYaml, writeFiles, type Obj } from '../delivery/support';
import { FUNCTION_IMAGE, SIDECAR_IMAGE, buildImages, describeWithPodman, dockerShim, podmanEnv } from './image';

const SEED = { BACKSTAGE_RENDER_SECRET_SEED: 'image-seed-0123456789' };
/** docs/container.md: its commands are the ones run here, and its render.yaml is the one kustomize runs. */
const DOC = fs.readFileSync(path.join(REPO_ROOT, 'docs', 'container.md'), 'utf8');
const BIN_DIR = path.join(REPO_ROOT, 'bin');

function packageWithCr(): string {
  const dir = path.join(tmpDir('img-pkg'), 'pkg');
  writeFiles(dir, { 'backstage.yaml': CR, 'app-config.yaml': APP_CONFIG });
  return dir;
}

describeWithPodman('the function image', () => {
  beforeAll(() => buildImages(), 900000);

  test('kpt fn eval --image -e BACKSTAGE_RENDER_SECRET_SEED: the expected files; again, nothing changes', () => {
    const viaImage = packageWithCr();
    const args = (dir: string, how: string[]) => ['fn', 'eval', dir, ...how, '--', 'platform=kubernetes'];
    const image = ['--image', FUNCTION_IMAGE, '--image-pull-policy', 'ifNotPresent', '-e', 'BACKSTAGE_RENDER_SECRET_SEED'];
    expect(DOC).toContain(`kpt fn eval my-package ${image.join(' ')} -- platform=kubernetes\n`);
    const r = run('kpt', args(viaImage, image), { env: { ...SEED, ...podmanEnv() }, timeout: 120000 });
    expect(r.stderr).toContain(`[PASS] "${FUNCTION_IMAGE}"`);
    expect(r.status).toBe(0);
    const tree = readTree(viaImage);
    expect(Object.keys(tree).filter((f) => f.startsWith('rendered/')).length).toBeGreaterThan(5);
    expectExpectedFiles('image-kpt-eval', tree);
    expect(run('kpt', args(viaImage, image), { env: { ...SEED, ...podmanEnv() }, timeout: 120000 }).status).toBe(0);
    expect(readTree(viaImage)).toEqual(tree);
  });

  test('kpt fn eval --image without -e: the seed stays outside the container, and the error says what to set', () => {
    const dir = packageWithCr();
    const r = run('kpt', ['fn', 'eval', dir, '--image', FUNCTION_IMAGE, '--image-pull-policy', 'ifNotPresent'], { env: { ...SEED, ...podmanEnv() }, timeout: 120000 });
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('BACKSTAGE_RENDER_SECRET_SEED');
    expect(fs.existsSync(path.join(dir, 'rendered'))).toBe(false);
  });

  test('kpt fn render of examples/kpt with the image in its Kptfile: the committed rendered/ files; again, nothing changes', () => {
    const viaImage = path.join(tmpDir('img-render'), 'kpt');
    copyDir(path.join(REPO_ROOT, 'examples', 'kpt'), viaImage);
    const kptfile = path.join(viaImage, 'Kptfile');
    const exec = /- exec: \S+/;
    expect(fs.readFileSync(kptfile, 'utf8')).toMatch(exec);
    fs.writeFileSync(kptfile, fs.readFileSync(kptfile, 'utf8').replace(exec, `- image: ${FUNCTION_IMAGE}`));
    fs.rmSync(path.join(viaImage, 'rendered'), { recursive: true });
    const render = () => run('kpt', ['fn', 'render', viaImage, '--image-pull-policy', 'ifNotPresent'], { env: podmanEnv(), timeout: 120000 });
    expect(DOC).toContain('kpt fn render my-package --image-pull-policy ifNotPresent\n');
    expect(DOC).toContain(`    - image: ${FUNCTION_IMAGE}\n`);
    const r = render();
    expect(r.stderr).toContain('Successfully executed 1 function(s)');
    expect(r.status).toBe(0);
    const tree = readTree(viaImage);
    const committed = readTree(path.join(REPO_ROOT, 'examples', 'kpt'));
    expect({ ...tree, Kptfile: committed.Kptfile }).toEqual(committed);
    expect(render().status).toBe(0);
    expect(readTree(viaImage)).toEqual(tree);
  });

  test('kpt fn doc --image prints --help', () => {
    expect(DOC).toContain(`kpt fn doc --image ${FUNCTION_IMAGE}\n`);
    const r = run('kpt', ['fn', 'doc', '--image', FUNCTION_IMAGE], { env: podmanEnv(), timeout: 120000 });
    expect(r.status).toBe(0);
    expectExpectedFiles('image-kpt-doc', { 'help.txt': r.stdout }); // kpt adds a line break to --help
  });

  test('standalone kustomize, a container: function with envs: [BACKSTAGE_RENDER_SECRET_SEED]: the expected output, as the exec function gives it', () => {
    const config = (fn: string) => `apiVersion: fn.kpt.dev/v1alpha1\nkind: RenderBackstage\nmetadata:\n  name: render-backstage\n  annotations:\n    config.kubernetes.io/function: |\n${fn}spec:\n  platform: kubernetes\n`;
    const kustomization = 'resources:\n  - backstage.yaml\n  - app-config.yaml\ntransformers:\n  - render.yaml\n';
    const viaImage = packageWithCr();
    writeFiles(viaImage, {
      'kustomization.yaml': kustomization,
      'render.yaml': /```yaml\n# render\.yaml\n([\s\S]*?)```/.exec(DOC)![1],
    });
    const viaExec = packageWithCr();
    writeFiles(viaExec, { 'kustomization.yaml': kustomization, 'render.yaml': config('      exec:\n        path: backstage-render\n') });
    const build = (dir: string, extra: string[], pathDirs: string[]) =>
      run(KUSTOMIZE, ['build', '--enable-alpha-plugins', ...extra, dir], { env: { ...SEED, PATH: [...pathDirs, process.env.PATH].join(':') }, timeout: 120000 });
    const shim = dockerShim();
    const r = build(viaImage, [], [shim]);
    // kustomize ignores results, so the one warning (the doc's config keeps dbSecret plain, to show
    // the seed reaching the container) is its stderr line, the same from the image as from exec.
    const plainWarning =
      'warning: dbSecret plain: Secret rhdh/backstage-psql-secret-developer-hub is written with the database password in plaintext; do not commit it. ' +
      'dbSecret sealed-secrets (a SealedSecret only the cluster can open) or external-secrets (the cluster makes the password) keep it out of git; ' +
      'omit leaves the Secret out (Secret rhdh/backstage-psql-secret-developer-hub)\n';
    expect(r.stderr).toBe(plainWarning);
    expect(r.status).toBe(0);
    const exec = build(viaExec, ['--enable-exec'], [BIN_DIR]);
    expect(exec.status).toBe(0);
    expect(exec.stderr).toBe(plainWarning);
    expect(r.stdout).toContain('kind: Deployment');
    expectExpectedFiles('image-kustomize-container', { 'stdout.yaml': r.stdout });
    expect(exec.stdout).toBe(r.stdout);
    expect(build(viaImage, [], [shim]).stdout).toBe(r.stdout);
  });

  test('the Argo CD sidecar as the repo-server runs it (uid 999, read-only root, ARGOCD_* variables, the app path as working directory): examples/argocd/expected.yaml', () => {
    const plugin = readYaml(path.join(REPO_ROOT, 'delivery', 'argocd', 'plugin.yaml'));
    const application = readYaml(path.join(REPO_ROOT, 'examples', 'argocd', 'application.yaml'));
    const repo = tmpDir('img-argo');
    copyDir(path.join(REPO_ROOT, 'examples'), path.join(repo, 'examples'));
    // The cmp-server extracts the repository as its own user.
    expect(run('chown', ['-R', '999:999', repo]).status).toBe(0);
    // examples.test.ts's seed: examples/argocd/expected.yaml is rendered with it.
    const env: Record<string, string> = { ...cmpServerEnv(application), BACKSTAGE_RENDER_SECRET_SEED: 'examples-test-seed-9f3c2a71' };
    const inSidecar = (command: { command: string[]; args?: string[] }) =>
      run(
        'podman',
        [
          'run', '--rm', '--user', '999', '--read-only', '--tmpfs', '/tmp', '--network', 'none',
          '-v', `${repo}:/tmp/_cmp_server/repo:ro`, '-w', `/tmp/_cmp_server/repo/${application.spec.source.path}`,
          ...Object.keys(env).flatMap((k) => ['-e', k]),
          SIDECAR_IMAGE, ...command.command, ...(command.args ?? []),
        ],
        { env: { ...env, ...podmanEnv() }, timeout: 120000 },
      );
    const discover = inSidecar(plugin.spec.discover.find);
    expect([discover.status, discover.stdout]).toEqual([0, './backstage.yaml\n']);
    const r = inSidecar(plugin.spec.generate);
    expect([r.status, r.stderr.split('\n').filter((l) => /^(error|warning)/.test(l))]).toEqual([0, []]);
    expect(r.stdout).toBe(fs.readFileSync(path.join(REPO_ROOT, 'examples', 'argocd', 'expected.yaml'), 'utf8'));
    expect(argoManifests(r.stdout).map((o: Obj) => o.kind)).toContain('Deployment');
    expect(inSidecar(plugin.spec.generate).stdout).toBe(r.stdout);
  });
});

// examples/: a small GitOps repository layout per tool, each rendered by the real tool (Argo CD:
// as its cmp-server runs the plugin) and compared with the output kept beside it. Regenerate on
// purpose with `UPDATE_EXAMPLES=1 npx jest test/delivery/examples.test.ts`, then read the diff.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { KUSTOMIZE, REPO_ROOT, copyDir, readTree, run, tmpDir } from '../helpers';
import { REPO_SERVER, argoManifests, buildInstall, readYaml, runLikeCmpServer, writeFiles } from './support';

const EXAMPLES = path.join(REPO_ROOT, 'examples');
const UPDATE = process.env.UPDATE_EXAMPLES === '1';
// The tests' own seed (the expected files' passwords come from it); never printed in the docs, and
// never use a committed seed for a real instance.
const SEED = 'examples-test-seed-9f3c2a71';
const PATH_WITH_BIN = `${path.join(REPO_ROOT, 'bin')}:${process.env.PATH}`;

function expectFile(file: string, text: string): void {
  if (UPDATE) fs.writeFileSync(file, text);
  expect(fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : `<${path.relative(REPO_ROOT, file)} missing: run UPDATE_EXAMPLES=1>`).toBe(text);
}

describe('examples/kustomize', () => {
  test('kustomize build --enable-alpha-plugins --enable-exec overlays/production equals expected.yaml', () => {
    const args = ['build', '--enable-alpha-plugins', '--enable-exec', path.join(EXAMPLES, 'kustomize', 'overlays', 'production')];
    const env = { PATH: PATH_WITH_BIN, BACKSTAGE_RENDER_SECRET_SEED: SEED };
    const r = run(KUSTOMIZE, args, { env });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expectFile(path.join(EXAMPLES, 'kustomize', 'expected.yaml'), r.stdout);
    expect(run(KUSTOMIZE, args, { env }).stdout).toBe(r.stdout);
  });
});

describe('examples/kpt', () => {
  test('kpt fn render --allow-exec writes exactly the committed package (rendered/ included); again, nothing changes', () => {
    const pkg = path.join(EXAMPLES, 'kpt');
    const dir = path.join(tmpDir('ex-kpt'), 'kpt');
    copyDir(pkg, dir);
    fs.rmSync(path.join(dir, 'rendered'), { recursive: true, force: true });
    const env = { PATH: PATH_WITH_BIN }; // dbSecret external-secrets: no seed needed; the Kptfile runs backstage-render from the PATH
    const r = run('kpt', ['fn', 'render', '--allow-exec', dir], { env, cwd: REPO_ROOT });
    expect(r.stderr).toContain('Successfully executed 1 function(s)');
    expect(r.status).toBe(0);
    const tree = readTree(dir);
    if (UPDATE) {
      fs.rmSync(path.join(pkg, 'rendered'), { recursive: true, force: true });
      copyDir(dir, pkg);
    }
    expect(readTree(pkg)).toEqual(tree);
    // No password in the package: ESO makes the DB Secret in the cluster (dbSecret external-secrets).
    expect(Object.keys(tree).some((f) => f.startsWith('rendered/') && f.includes('_secret_backstage-psql-secret'))).toBe(false);
    expect(Object.keys(tree).filter((f) => /^rendered\/.*(password|externalsecret)_backstage-psql-secret/.test(f)).sort()).toEqual([
      'rendered/rhdh_developer-hub_externalsecret_backstage-psql-secret-developer-hub.yaml',
      'rendered/rhdh_developer-hub_password_backstage-psql-secret-developer-hub.yaml',
    ]);
    expect(r.stderr).not.toContain('dbSecret plain');
    expect(run('kpt', ['fn', 'render', '--allow-exec', dir], { env, cwd: REPO_ROOT }).status).toBe(0);
    expect(readTree(dir)).toEqual(tree);
  });
});

describe('examples/argocd', () => {
  const application = readYaml(path.join(EXAMPLES, 'argocd', 'application.yaml'));
  const plugin = readYaml(path.join(REPO_ROOT, 'delivery', 'argocd', 'plugin.yaml'));

  test('the Application names the plugin and an app path in this repository', () => {
    expect(application.spec.source.plugin.name).toBe(`${plugin.metadata.name}-${plugin.spec.version}`);
    expect(fs.existsSync(path.join(REPO_ROOT, application.spec.source.path, 'backstage.yaml'))).toBe(true);
  });

  test('the plugin renders the app path as the repo-server would; equals expected.yaml', () => {
    const repo = tmpDir('ex-argo');
    copyDir(EXAMPLES, path.join(repo, 'examples'));
    const sidecarEnv = { PATH: PATH_WITH_BIN, HOME: '/home/argocd', BACKSTAGE_RENDER_SECRET_SEED: SEED };
    const discover = runLikeCmpServer(plugin.spec.discover.find, { repoDir: repo, application, sidecarEnv });
    expect(discover.stdout).toBe('./backstage.yaml\n');
    const r = runLikeCmpServer(plugin.spec.generate, { repoDir: repo, application, sidecarEnv });
    expect(r.stderr.split('\n').filter((l) => /^(error|warning)/.test(l))).toEqual([]);
    expect(r.status).toBe(0);
    expect(argoManifests(r.stdout).length).toBeGreaterThan(0);
    expectFile(path.join(EXAMPLES, 'argocd', 'expected.yaml'), r.stdout);
  });

  test('argocd-install builds with kubectl kustomize (the upstream install replaced by a stand-in repo-server)', () => {
    const dir = tmpDir('ex-argo-install');
    copyDir(path.join(REPO_ROOT, 'delivery', 'argocd'), path.join(dir, 'delivery', 'argocd'));
    const kustomization = fs.readFileSync(path.join(EXAMPLES, 'argocd', 'argocd-install', 'kustomization.yaml'), 'utf8');
    const remote = /https:\/\/raw\.githubusercontent\.com\/argoproj\/argo-cd\/v[0-9.]+\/manifests\/install\.yaml/;
    expect(kustomization).toMatch(remote);
    writeFiles(path.join(dir, 'examples', 'argocd', 'argocd-install'), {
      'kustomization.yaml': kustomization.replace(remote, 'repo-server.yaml'),
      'repo-server.yaml': REPO_SERVER,
    });
    const objects = buildInstall(path.join(dir, 'examples', 'argocd', 'argocd-install'));
    expect(objects.map((o) => `${o.kind}/${o.metadata.namespace}/${o.metadata.name.replace(/-[a-z0-9]{10}$/, '-<hash>')}`)).toEqual([
      'ConfigMap/argocd/backstage-render-cmp-<hash>',
      'Deployment/argocd/argocd-repo-server',
    ]);
    expect(objects[1].spec.template.spec.containers.map((c: { name: string }) => c.name)).toEqual(['backstage-render', 'argocd-repo-server']);
  });
});

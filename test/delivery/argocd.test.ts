// The Argo CD Config Management Plugin (delivery/argocd). No Argo CD runs here, so its part is
// played exactly: the generate and discover commands of plugin.yaml run as the cmp-server in the
// sidecar runs them (support.ts runLikeCmpServer: argv, working directory = app path of a copy of
// the repository, the sidecar's environment + ARGOCD_APP_* / ARGOCD_ENV_* from the Application),
// and the manifests are read from stdout as Argo CD splits them. The component that installs the
// sidecar is built with the real kubectl kustomize.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT, copyDir, tmpDir } from '../helpers';
import { APP_CONFIG, CR, REPO_SERVER, argoManifests, buildInstall, cliRender, readYaml, runLikeCmpServer, sorted, writeFiles, type Obj } from './support';

const DELIVERY = path.join(REPO_ROOT, 'delivery', 'argocd');
const plugin = readYaml(path.join(DELIVERY, 'plugin.yaml'));
/** The sidecar container's environment: PATH with backstage-render, HOME, the seed from the Secret. */
const sidecar = (seed?: string): NodeJS.ProcessEnv => ({
  PATH: `${path.join(REPO_ROOT, 'bin')}:${process.env.PATH}`,
  HOME: '/home/argocd',
  ...(seed ? { BACKSTAGE_RENDER_SECRET_SEED: seed } : {}),
});

function application(env: Array<{ name: string; value: string }> = []): Obj {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: { name: 'developer-hub', namespace: 'argocd' },
    spec: {
      project: 'default',
      source: { repoURL: 'https://git.example.com/gitops.git', targetRevision: 'main', path: 'apps/developer-hub', plugin: { name: 'backstage-render-v1', env } },
      destination: { server: 'https://kubernetes.default.svc', namespace: 'rhdh' },
    },
  };
}

function repo(files: Record<string, string>): string {
  const dir = tmpDir('argo-repo');
  writeFiles(path.join(dir, 'apps', 'developer-hub'), files);
  writeFiles(path.join(dir, 'apps', 'other'), { 'deployment.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: other\n' });
  return dir;
}

const RENDER_YAML = 'apiVersion: fn.kpt.dev/v1alpha1\nkind: RenderBackstage\nmetadata:\n  name: render-backstage\nspec:\n  platform: kubernetes\n';

/** The reference: the CLI on the same files, with the inputs to apply. */
function expectedObjects(seed: string, args: string[]): Obj[] {
  const dir = tmpDir('argo-ref');
  writeFiles(dir, { 'backstage.yaml': CR, 'app-config.yaml': APP_CONFIG });
  return sorted(cliRender([path.join(dir, 'backstage.yaml'), path.join(dir, 'app-config.yaml')], [...args, '--include-inputs'], { BACKSTAGE_RENDER_SECRET_SEED: seed }));
}

describe('delivery/argocd/plugin.yaml', () => {
  test('a sidecar ConfigManagementPlugin: backstage-render-v1, generate through sh -c, discovery by command', () => {
    expect([plugin.apiVersion, plugin.kind, plugin.metadata.name, plugin.spec.version]).toEqual(['argoproj.io/v1alpha1', 'ConfigManagementPlugin', 'backstage-render', 'v1']);
    expect(plugin.spec.generate.command).toEqual(['sh', '-c']);
    expect(plugin.spec.discover.find.command[0]).toBe('sh');
    expect(plugin.spec.preserveFileMode).toBe(false);
  });

  test('generate: the objects to apply, with the options of render.yaml and the seed of the sidecar', () => {
    const dir = repo({ 'backstage.yaml': CR, 'app-config.yaml': APP_CONFIG, 'render.yaml': RENDER_YAML });
    const r = runLikeCmpServer(plugin.spec.generate, { repoDir: dir, application: application(), sidecarEnv: sidecar('sidecar-seed-0123456789abcdef') });
    expect(r.stderr.split('\n').filter((l) => /^(error|warning)/.test(l))).toEqual([]);
    expect(r.status).toBe(0);
    const objects = argoManifests(r.stdout);
    expect(sorted(objects)).toEqual(expectedObjects('sidecar-seed-0123456789abcdef', ['--platform', 'kubernetes']));
    expect(objects.some((o) => o.kind === 'ConfigMap' && o.metadata.name === 'my-app-config')).toBe(true);
    expect(objects.some((o) => o.kind === 'Backstage' || o.kind === 'RenderBackstage')).toBe(false);
  });

  test('generate: the Application\'s BACKSTAGE_RENDER_SECRET_SEED (ARGOCD_ENV_…) wins; BACKSTAGE_RENDER_CONFIG names the options file', () => {
    const dir = repo({ 'backstage.yaml': CR, 'app-config.yaml': APP_CONFIG, 'options/k8s.yaml': RENDER_YAML });
    const app = application([
      { name: 'BACKSTAGE_RENDER_SECRET_SEED', value: 'app-seed-0123456789abcdef' },
      { name: 'BACKSTAGE_RENDER_CONFIG', value: 'options/k8s.yaml' },
    ]);
    const r = runLikeCmpServer(plugin.spec.generate, { repoDir: dir, application: app, sidecarEnv: sidecar('sidecar-seed-0123456789abcdef') });
    expect(r.status).toBe(0);
    expect(sorted(argoManifests(r.stdout))).toEqual(expectedObjects('app-seed-0123456789abcdef', ['--platform', 'kubernetes']));
  });

  test('generate: BACKSTAGE_RENDER_CONFIG may not leave the app path', () => {
    const dir = repo({ 'backstage.yaml': CR, 'app-config.yaml': APP_CONFIG });
    for (const config of ['/etc/passwd', '../other/render.yaml', 'a/../../x.yaml']) {
      const r = runLikeCmpServer(plugin.spec.generate, { repoDir: dir, application: application([{ name: 'BACKSTAGE_RENDER_CONFIG', value: config }]), sidecarEnv: sidecar('sidecar-seed-0123456789abcdef') });
      expect([r.status, r.stdout, r.stderr]).toEqual([1, '', `error: BACKSTAGE_RENDER_CONFIG must be a path inside the app path, not ${config}\n`]);
    }
  });

  test('generate: a CR without a namespace gets the Application\'s destination namespace', () => {
    const noNs = 'apiVersion: rhdh.redhat.com/v1alpha5\nkind: Backstage\nmetadata:\n  name: developer-hub\nspec: {}\n';
    const dir = repo({ 'backstage.yaml': noNs, 'render.yaml': RENDER_YAML });
    const app = application();
    app.spec.destination.namespace = 'team-a';
    const r = runLikeCmpServer(plugin.spec.generate, { repoDir: dir, application: app, sidecarEnv: sidecar('sidecar-seed-0123456789abcdef') });
    expect(r.status).toBe(0);
    const objects = argoManifests(r.stdout);
    expect(objects.length).toBeGreaterThan(0);
    expect([...new Set(objects.map((o) => o.metadata.namespace))]).toEqual(['team-a']);
    const ref = tmpDir('argo-ns');
    writeFiles(ref, { 'backstage.yaml': noNs });
    expect(sorted(objects)).toEqual(sorted(cliRender([path.join(ref, 'backstage.yaml')], ['--platform', 'kubernetes', '--namespace', 'team-a', '--include-inputs'], { BACKSTAGE_RENDER_SECRET_SEED: 'sidecar-seed-0123456789abcdef' })));
  });

  test('generate without render.yaml: the defaults (openshift)', () => {
    const dir = repo({ 'backstage.yaml': CR, 'app-config.yaml': APP_CONFIG });
    const r = runLikeCmpServer(plugin.spec.generate, { repoDir: dir, application: application(), sidecarEnv: sidecar('sidecar-seed-0123456789abcdef') });
    expect(r.status).toBe(0);
    expect(sorted(argoManifests(r.stdout))).toEqual(expectedObjects('sidecar-seed-0123456789abcdef', []));
  });

  test('generate fails with the reason on stderr and nothing on stdout: no seed; a mistake in the CR', () => {
    const noSeed = runLikeCmpServer(plugin.spec.generate, { repoDir: repo({ 'backstage.yaml': CR, 'app-config.yaml': APP_CONFIG }), application: application(), sidecarEnv: sidecar() });
    expect(noSeed.status).toBe(1);
    expect(noSeed.stdout).toBe('');
    expect(noSeed.stderr).toContain('error: the local database Secret backstage-psql-secret-developer-hub needs a password');

    const bad = runLikeCmpServer(plugin.spec.generate, {
      repoDir: repo({ 'backstage.yaml': CR.replace('  application:', '  flavours:\n    - name: no-such-flavour\n  application:'), 'app-config.yaml': APP_CONFIG }),
      application: application(),
      sidecarEnv: sidecar('sidecar-seed-0123456789abcdef'),
    });
    expect(bad.status).toBe(1);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toContain("error: flavour 'no-such-flavour' not found in profile rhdh");
  });

  test('discover: matches an app path with a Backstage CR, not one without', () => {
    const dir = repo({ 'nested/backstage.yaml': CR, 'app-config.yaml': APP_CONFIG });
    const yes = runLikeCmpServer(plugin.spec.discover.find, { repoDir: dir, application: application(), sidecarEnv: sidecar() });
    expect([yes.status, yes.stdout]).toEqual([0, './nested/backstage.yaml\n']);
    const other = application();
    other.spec.source.path = 'apps/other';
    const no = runLikeCmpServer(plugin.spec.discover.find, { repoDir: dir, application: other, sidecarEnv: sidecar() });
    expect([no.status, no.stdout]).toEqual([0, '']);
  });
});

describe('delivery/argocd component (kubectl kustomize)', () => {
  test('adds the plugin ConfigMap and the sidecar to argocd-repo-server', () => {
    const dir = tmpDir('argo-install');
    copyDir(DELIVERY, path.join(dir, 'delivery', 'argocd'));
    writeFiles(path.join(dir, 'install'), {
      'repo-server.yaml': REPO_SERVER,
      'kustomization.yaml': 'namespace: argocd\nresources:\n  - repo-server.yaml\ncomponents:\n  - ../delivery/argocd\n',
    });
    const objects = buildInstall(path.join(dir, 'install'));
    const cm = objects.find((o) => o.kind === 'ConfigMap')!;
    expect(cm.metadata.name).toMatch(/^backstage-render-cmp-[a-z0-9]{10}$/);
    expect(cm.data).toEqual({ 'plugin.yaml': fs.readFileSync(path.join(DELIVERY, 'plugin.yaml'), 'utf8') });
    const dep = objects.find((o) => o.kind === 'Deployment')!;
    const patch = readYaml(path.join(DELIVERY, 'repo-server-patch.yaml'));
    // A strategic merge patch puts new list elements first.
    expect(dep.spec.template.spec.containers).toEqual([patch.spec.template.spec.containers[0], { name: 'argocd-repo-server', image: 'quay.io/argoproj/argocd:v3.5.1' }]);
    expect(dep.spec.template.spec.containers[0].command).toEqual(['/var/run/argocd/argocd-cmp-server']);
    expect(dep.spec.template.spec.volumes).toEqual([
      { name: 'backstage-render-cmp', configMap: { name: cm.metadata.name } },
      { name: 'backstage-render-tmp', emptyDir: {} },
      { name: 'var-files', emptyDir: {} },
      { name: 'plugins', emptyDir: {} },
    ]);
  });
});

// Ports of the operator main's (c0cb1c9) flavour, default-config and plugin-deps tests, its
// internal/controller monitor test and its ginkgo integration specs, rendered as operator main.
// The integration suite runs on the rhdh profile: here the embedded profiles/main/rhdh. Inputs are
// written here; test/operator-ports/main.ts maps every Go test and spec to its port or a reason.
import type { KObject } from '../../fn/kio/types';
import { renderBackstage } from '../../fn/render';
import { withDefaults } from '../../fn/options';
import { resolveProfile } from '../../cli/profile-loader';
import { getEnabledFlavours } from '../../fn/model/flavour';
import { readBackstageCR } from '../../fn/model/cr';
import { Diagnostics } from '../../fn/diagnostics';
import { errorsOf } from '../model/helpers';
import { cm, containerOf, crOf, podSpecOf, secret, testProfile } from '../model/fixtures';
import { buildMain } from './main-profile';
import { resolvePackageReferences } from '../../fn/plugins/references';
import { toRFC1123Label } from '../../fn/model/utils';

const noDb = { database: { enableLocalDb: false } };
const cmText = (name: string, key: string, annotations = '') => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n${annotations}data:\n  ${key}: "x"\n`;
const dpText = (...pkgs: Array<[string, boolean]>) =>
  `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: dp\ndata:\n  dynamic-plugins.yaml: |\n    plugins:\n${pkgs.map(([p, on]) => `      - package: ${p}\n        disabled: ${!on}\n`).join('')}`;
const flavourDeployment = (f: string) =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  labels:\n    flavor: ${f}\nspec:\n  template:\n    spec:\n      containers:\n        - name: backstage-backend\n          env:\n            - name: ${f.toUpperCase()}_ENABLED\n              value: "true"\n`;

function flavour(name: string, enabledByDefault: boolean | undefined, withFiles = true): Record<string, string> {
  const dir = `default-config/flavours/${name}`;
  const files: Record<string, string> = {};
  if (withFiles) {
    files[`${dir}/app-config.yaml`] = cmText(`${name}-app-config`, `${name}.yaml`);
    files[`${dir}/configmap-files.yaml`] = cmText(`${name}-files`, `${name}.txt`);
    files[`${dir}/configmap-envs.yaml`] = cmText(`${name}-envs`, `${name.toUpperCase()}_E`);
    files[`${dir}/deployment.yaml`] = flavourDeployment(name);
    files[`${dir}/dynamic-plugins.yaml`] = dpText([`./plugin-${name}`, true]);
  }
  if (enabledByDefault !== undefined) files[`${dir}/metadata.yaml`] = `enabledByDefault: ${enabledByDefault}\n`;
  return files;
}

/** Base files, flavor1 (on by default), flavor2 (off), flavor3 (on, metadata only). */
const FLAVOURED = testProfile({
  'default-config/app-config.yaml': cmText('base-app-config', 'base.yaml'),
  'default-config/configmap-files.yaml': cmText('base-configmap-files', 'base.txt'),
  'default-config/configmap-envs.yaml': cmText('base-configmap-envs', 'BASE_E'),
  'default-config/dynamic-plugins.yaml': dpText(['./plugin-base', true]),
  ...flavour('flavor1', true),
  ...flavour('flavor2', false),
  ...flavour('flavor3', true, false),
});

function flavourView(spec: Record<string, unknown>, profile = FLAVOURED) {
  const b = buildMain({ cr: crOf({ ...noDb, ...spec }), profile, options: { platform: 'kubernetes' } });
  const objs = b.model.objects;
  const d = b.byKey('Deployment', 'backstage-bs1')!;
  return {
    errors: errorsOf(b.results).map((r) => r.message),
    configMaps: objs.filter((o) => o.kind === 'ConfigMap' && o.metadata.name !== 'backstage-dynamic-plugins-bs1').map((o) => `${o.metadata.name} ${o.metadata.annotations?.['rhdh.redhat.com/source']}`),
    flavorLabel: d?.metadata.labels?.flavor,
    env: (containerOf(d).env ?? []).map((e: { name: string }) => e.name),
    plugins: b.model.dynamicPlugins?.plugins?.map((p) => p.package),
  };
}

describe('flavour_test.go and default-config_test.go (main)', () => {
  test('TestFlavoursWithDefaultsEnabled: base and flavor1 objects, flavor1 label and env, base and flavor1 plugins', () => {
    expect(flavourView({})).toEqual({
      errors: [],
      configMaps: ['backstage-appconfig-bs1-base-app-config default', 'backstage-appconfig-bs1-flavor1-app-config flavour-flavor1', 'backstage-envs-bs1-base-configmap-envs default', 'backstage-envs-bs1-flavor1-envs flavour-flavor1', 'backstage-files-bs1-base-configmap-files default', 'backstage-files-bs1-flavor1-files flavour-flavor1'],
      flavorLabel: 'flavor1',
      env: ['FLAVOR1_ENABLED'],
      plugins: ['./plugin-base', './plugin-flavor1'],
    });
  });

  test('TestFlavoursWithExplicitEnabled: flavor2 named, flavor1 still on by default', () => {
    const v = flavourView({ flavours: [{ name: 'flavor2', enabled: true }] });
    expect(v).toEqual({
      errors: [],
      configMaps: ['backstage-appconfig-bs1-base-app-config default', 'backstage-appconfig-bs1-flavor1-app-config flavour-flavor1', 'backstage-appconfig-bs1-flavor2-app-config flavour-flavor2', 'backstage-envs-bs1-base-configmap-envs default', 'backstage-envs-bs1-flavor1-envs flavour-flavor1', 'backstage-envs-bs1-flavor2-envs flavour-flavor2', 'backstage-files-bs1-base-configmap-files default', 'backstage-files-bs1-flavor1-files flavour-flavor1', 'backstage-files-bs1-flavor2-files flavour-flavor2'],
      flavorLabel: 'flavor2',
      env: ['FLAVOR1_ENABLED', 'FLAVOR2_ENABLED'],
      plugins: ['./plugin-base', './plugin-flavor1', './plugin-flavor2'],
    });
  });

  test('TestFlavoursWithDefaultDisabled: flavor1 turned off: base objects only, no label, no env', () => {
    expect(flavourView({ flavours: [{ name: 'flavor1', enabled: false }] })).toEqual({
      errors: [],
      configMaps: ['backstage-appconfig-bs1-base-app-config default', 'backstage-envs-bs1-base-configmap-envs default', 'backstage-files-bs1-base-configmap-files default'],
      flavorLabel: undefined,
      env: [],
      plugins: ['./plugin-base'],
    });
  });

  test('TestFlavoursOnlyNoBase: a profile with no base files: the flavour objects alone', () => {
    const noBase = testProfile({ ...flavour('flavor3', false) });
    expect(flavourView({ flavours: [{ name: 'flavor3', enabled: true }] }, noBase)).toEqual({
      errors: [],
      configMaps: ['backstage-appconfig-bs1-flavor3-app-config flavour-flavor3', 'backstage-envs-bs1-flavor3-envs flavour-flavor3', 'backstage-files-bs1-flavor3-files flavour-flavor3'],
      flavorLabel: 'flavor3',
      env: ['FLAVOR3_ENABLED'],
      plugins: ['./plugin-flavor3'],
    });
  });

  test('TestFlavoursWithEmptyArray: flavours: [] turns every flavour off', () => {
    expect(flavourView({ flavours: [] }).configMaps).toEqual(['backstage-appconfig-bs1-base-app-config default', 'backstage-envs-bs1-base-configmap-envs default', 'backstage-files-bs1-base-configmap-files default']);
  });

  test.each([
    ['nil spec.Flavours returns all defaults', undefined, ['flavor1', 'flavor3']],
    ['empty spec.Flavours returns no defaults', [], []],
    ['explicit enabled flavour', [{ name: 'flavor2', enabled: true }], ['flavor1', 'flavor3', 'flavor2']],
    ['default enabled flavour disabled explicitly', [{ name: 'flavor1', enabled: false }], ['flavor3']],
    [
      'mix of explicit enabled, disabled, and defaults',
      [
        { name: 'flavor2', enabled: true },
        { name: 'flavor1', enabled: false },
        { name: 'flavor3', enabled: true },
      ],
      ['flavor2', 'flavor3'],
    ],
    [
      'all flavours explicitly enabled',
      [
        { name: 'flavor3', enabled: true },
        { name: 'flavor2', enabled: true },
        { name: 'flavor1', enabled: true },
      ],
      ['flavor3', 'flavor2', 'flavor1'],
    ],
  ])('TestGetEnabledFlavours: %s', (_n, flavours, expected) => {
    const diag = new Diagnostics();
    const cr = readBackstageCR(crOf(flavours === undefined ? {} : { flavours }), 'ns1', diag, 'main')!;
    // the operator's order is a map's (ElementsMatch): ours is stable, defaults by name first
    expect(getEnabledFlavours(cr, FLAVOURED, diag, 'main').map((f) => f.name).sort()).toEqual([...expected].sort());
    expect(diag.results.filter((r) => r.severity === 'error')).toEqual([]);
  });

  test("TestGetEnabledFlavours: nonexistent flavour returns error (flavour 'nonexistent' not found)", () => {
    const b = buildMain({ cr: crOf({ ...noDb, flavours: [{ name: 'nonexistent', enabled: true }] }), profile: FLAVOURED });
    expect(errorsOf(b.results).map((r) => [r.message, r.field?.path])).toEqual([[expect.stringContaining("flavour 'nonexistent' not found"), 'spec.flavours[0].name']]);
  });

  test('TestMergeDynamicPluginsFunction: base and flavour plugins merged by package (the flavour wins), includes unioned', () => {
    const base = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: dp\ndata:\n  dynamic-plugins.yaml: |\n    includes:\n      - dynamic-plugins.default.yaml\n    plugins:\n      - package: ./plugin-a\n        disabled: false\n      - package: ./plugin-b\n        disabled: true\n        integrity: sha512-base\n";
    const over = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: dp\ndata:\n  dynamic-plugins.yaml: |\n    includes:\n      - dynamic-plugins.custom.yaml\n    plugins:\n      - package: ./plugin-b\n        enabled: true\n        integrity: sha512-overlay\n      - package: ./plugin-c\n";
    const p = testProfile({ 'default-config/dynamic-plugins.yaml': base, 'default-config/flavours/f/dynamic-plugins.yaml': over, 'default-config/flavours/f/metadata.yaml': 'enabledByDefault: true\n' });
    const b = buildMain({ cr: crOf(noDb), profile: p });
    expect(errorsOf(b.results)).toEqual([]);
    expect(b.model.dynamicPlugins).toEqual({
      includes: ['dynamic-plugins.default.yaml', 'dynamic-plugins.custom.yaml'],
      plugins: [
        { package: './plugin-a', disabled: false },
        { package: './plugin-b', integrity: 'sha512-overlay', enabled: true, disabled: false },
        { package: './plugin-c', disabled: false },
      ],
    });
  });

  test('TestMergeDynamicPluginsFunction: a dynamic-plugins.yaml holding no ConfigMap is an error naming the file', () => {
    const p = testProfile({ 'default-config/dynamic-plugins.yaml': 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: x\n' });
    const b = buildMain({ cr: crOf(noDb), profile: p });
    expect(b.model.objects).toEqual([]);
    expect(errorsOf(b.results).map((r) => r.message)).toEqual([expect.stringContaining('dynamic-plugins.yaml')]);
  });
});

describe('dynamic-plugins_test.go TestWithDynamicPluginsDeps and plugin-deps (main)', () => {
  test("TestWithDynamicPluginsDeps: the CR plugin's two dependency refs resolve to two objects", () => {
    const p = testProfile({
      'default-config/dynamic-plugins.yaml': "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: dp\ndata:\n  dynamic-plugins.yaml: |\n    plugins: []\n",
      'plugin-deps/dependency-1.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: dep-one\n',
      'plugin-deps/dependency-2.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: dep-two\n',
    });
    const cr = crOf({ ...noDb, application: { dynamicPluginsConfigMapName: 'dplugin' } });
    const user = cm('dplugin', { 'dynamic-plugins.yaml': 'plugins:\n  - package: ./plugin-a\n    disabled: false\n    dependencies:\n      - ref: dependency-1\n      - ref: dependency-2\n' });
    const out = renderBackstage({ items: [cr, user], options: withDefaults({ platform: 'openshift', profile: 'test', secretSeed: 's', operatorVersion: 'main' }), profile: p });
    expect(out.results.filter((r) => r.severity === 'error')).toEqual([]);
    expect(out.generated.filter((o) => o.metadata.name?.startsWith('dep-')).map((o) => [o.kind, o.metadata.name, o.metadata.namespace])).toEqual([
      ['ConfigMap', 'dep-one', 'ns1'],
      ['ConfigMap', 'dep-two', 'ns1'],
    ]);
  });
});

// The integration suite: createAndReconcileBackstage on the rhdh profile, as operator main.
function renderRhdh(spec: Record<string, unknown>, inputs: KObject[] = [], options: Record<string, unknown> = {}, meta: Record<string, unknown> = {}) {
  const cr = crOf(spec, meta);
  const opts = withDefaults({ platform: 'openshift', profile: 'rhdh', secretSeed: 'seed', operatorVersion: 'main', ingressDomain: 'apps.example.com', ...options } as never);
  const out = renderBackstage({ items: [cr, ...inputs], options: opts, profile: resolveProfile('rhdh', process.cwd(), 'main') });
  const find = (kind: string, name: string) => out.generated.find((o) => o.kind === kind && o.metadata.name === name);
  return { out, find, errors: out.results.filter((r) => r.severity === 'error').map((r) => r.message), deployment: find('Deployment', 'backstage-bs1') };
}
const mountsOf = (c: { volumeMounts?: Array<{ name: string; mountPath: string; subPath?: string }> }) => (c.volumeMounts ?? []).map((m) => [m.name, m.mountPath, m.subPath ?? '']);

describe('integration_tests (main, rhdh profile)', () => {
  test('default-config_test.go "creates runtime objects": DB Secret (5 keys, POSTGRES_USER postgres) read by the DB container, DB Service, Deployment (replicas left to the API server default of 1)', () => {
    const r = renderRhdh({});
    expect(r.errors).toEqual([]);
    const s = r.find('Secret', 'backstage-psql-secret-bs1')!;
    expect(Object.keys((s.stringData ?? s.data) as object).length).toBe(5);
    expect((s.stringData as Record<string, string>).POSTGRES_USER).toBe('postgres');
    expect(containerOf(r.find('StatefulSet', 'backstage-psql-bs1'), 'postgresql').envFrom).toEqual([{ secretRef: { name: 'backstage-psql-secret-bs1' } }]);
    expect(r.find('Service', 'backstage-psql-bs1')).toBeDefined();
    // the profile sets no replicas: the API server defaults them to 1, as the spec reads back
    expect((r.deployment!.spec as { replicas?: number }).replicas).toBeUndefined();
  });

  test('default-config_test.go "creates runtime object using raw configuration": the raw Deployment (one busybox container) and raw DB StatefulSet', () => {
    const rawDeployment = 'apiVersion: apps/v1\nkind: Deployment\nspec:\n  replicas: 1\n  template:\n    spec:\n      containers:\n        - name: backstage-backend\n          image: busybox\n      initContainers:\n        - name: install-dynamic-plugins\n          image: busybox\n';
    const rawSs = 'apiVersion: apps/v1\nkind: StatefulSet\nspec:\n  template:\n    spec:\n      containers:\n        - name: postgresql\n          image: busybox\n';
    const r = renderRhdh({ rawRuntimeConfig: { backstageConfig: 'bsraw', localDbConfig: 'dbraw' } }, [cm('bsraw', { 'deployment.yaml': rawDeployment }), cm('dbraw', { 'db-statefulset.yaml': rawSs })]);
    expect(r.errors).toEqual([]);
    expect((r.deployment!.spec as { replicas: number }).replicas).toBe(1);
    expect(podSpecOf(r.deployment).containers.map((c: { name: string; image: string }) => [c.name, c.image])).toEqual([['backstage-backend', 'busybox']]);
    expect(podSpecOf(r.find('StatefulSet', 'backstage-psql-bs1')).containers.map((c: { image: string }) => c.image)).toEqual(['busybox']);
  });

  test.each([
    ['creates Backstage with disabled local DB and secret', { enableLocalDb: false, authSecretName: 'existing-secret' }],
    ['creates Backstage with disabled local DB no secret', { enableLocalDb: false }],
  ])('db_test.go "%s": no DB StatefulSet, a Deployment', (_n, database) => {
    const r = renderRhdh({ database });
    expect(r.errors).toEqual([]);
    expect(r.out.generated.filter((o) => o.kind === 'StatefulSet')).toEqual([]);
    expect(r.deployment).toBeDefined();
  });

  test('cr-config_test.go "creates Backstage with external configuration": volumes, mounts, args, envFrom and env of the Backstage container and the sidecar', () => {
    const inputs = [
      cm('app-config1', { key11: 'app:' }),
      cm('app-config2', { key21: 'app:' }),
      cm('app-config3.dot', { 'key.31': 'app31:' }),
      cm('cm-file1', { cm11: '11', cm12: '12' }),
      cm('cm-file2', { cm21: '21', cm22: '22' }),
      cm('cm-file3.dot', { 'cm.31': '31' }),
      cm('cm-file-withpath', { cm: 'withpath' }),
      secret('secret-file1', { sec11: 'v', sec12: 'v' }),
      secret('secret-file2', { sec21: 'v', sec22: 'v' }),
      secret('secret-file3.dot', { 'sec.31': 'v', 'sec.32': 'v' }),
      secret('secret-file-withpath', { secret: 'withpath' }),
      cm('cm-env1', { cm11: '11', cm12: '12' }),
      cm('cm-env2', { cm21: '21', cm22: '22' }),
      secret('secret-env1', { sec11: 'v', sec12: 'v' }),
    ];
    const spec = {
      deployment: { patch: { spec: { template: { spec: { containers: [{ name: 'sidecar', image: 'busybox' }] } } } } },
      application: {
        appConfig: { mountPath: '/my/mount/path', configMaps: [{ name: 'app-config1' }, { name: 'app-config2', key: 'key21' }, { name: 'app-config3.dot' }] },
        extraFiles: {
          mountPath: '/my/file/path',
          configMaps: [{ name: 'cm-file1' }, { name: 'cm-file2', key: 'cm21' }, { name: 'cm-file3.dot', containers: ['*'] }, { name: 'cm-file-withpath', mountPath: '/cm/file/withpath' }],
          secrets: [
            { name: 'secret-file1', key: 'sec11' },
            { name: 'secret-file2', key: 'sec21' },
            { name: 'secret-file3.dot', key: 'sec.31', containers: ['sidecar'] },
            { name: 'secret-file-withpath', mountPath: '/secret/file/withpath' },
          ],
        },
        extraEnvs: {
          configMaps: [{ name: 'cm-env1' }, { name: 'cm-env2', key: 'cm21', containers: ['*'] }],
          secrets: [{ name: 'secret-env1', key: 'sec11' }],
          envs: [{ name: 'env1', value: 'val1' }],
        },
      },
    };
    const r = renderRhdh(spec, inputs);
    expect(r.errors).toEqual([]);
    const vols = podSpecOf(r.deployment).volumes.map((v: { name: string }) => v.name);
    expect(vols).toEqual(expect.arrayContaining(['app-config1', 'app-config2', 'app-config3-dot', 'cm-file1', 'cm-file2', 'cm-file3-dot', 'secret-file1', 'secret-file2', 'secret-file3-dot']));
    const bs = containerOf(r.deployment);
    const side = containerOf(r.deployment, 'sidecar');
    const paths = (c: { volumeMounts?: Array<{ mountPath: string }> }) => (c.volumeMounts ?? []).map((m) => m.mountPath);
    expect(paths(bs)).toEqual(expect.arrayContaining(['/my/mount/path/key11', '/my/mount/path/key21', '/my/mount/path/key.31', '/my/file/path/cm11', '/my/file/path/cm12', '/my/file/path/cm21', '/my/file/path/cm.31', '/cm/file/withpath', '/my/file/path/sec11', '/my/file/path/sec21', '/secret/file/withpath']));
    expect(paths(bs)).not.toEqual(expect.arrayContaining(['/my/file/path/cm22']));
    expect(paths(bs).filter((p: string) => ['/my/file/path/cm22', '/my/file/path/sec12', '/my/file/path/sec22', '/my/file/path/sec.31'].includes(p))).toEqual([]);
    expect(paths(side).filter((p: string) => p.startsWith('/my/'))).toEqual(['/my/file/path/cm.31', '/my/file/path/sec.31']);
    const args: string[] = bs.args;
    for (const a of ['/my/mount/path/key11', '/my/mount/path/key21', '/my/mount/path/key.31']) expect(args).toContain(a);
    expect(bs.envFrom).toEqual(expect.arrayContaining([{ configMapRef: { name: 'cm-env1' } }]));
    const envNames = (c: { env?: Array<{ name: string }> }) => (c.env ?? []).map((e) => e.name);
    expect(envNames(bs)).toEqual(expect.arrayContaining(['env1', 'cm21', 'sec11']));
    expect(envNames(side)).toEqual(['cm21']);
  });

  test('cr-config_test.go "creates Backstage with spec.deployment.patch": busybox image on the Backstage container, the added ephemeral volume', () => {
    const patch = {
      spec: {
        template: {
          spec: {
            containers: [{ name: 'backstage-backend', image: 'busybox' }],
            volumes: [{ name: 'my-volume', ephemeral: { volumeClaimTemplate: { spec: { storageClassName: 'special', accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '2Gi' } } } } } }],
          },
        },
      },
    };
    const r = renderRhdh({ deployment: { patch } });
    expect(r.errors).toEqual([]);
    expect(containerOf(r.deployment).image).toBe('busybox');
    expect(podSpecOf(r.deployment).volumes.find((v: { name: string }) => v.name === 'my-volume')).toEqual(patch.spec.template.spec.volumes[0]);
  });

  test('cr-config_test.go "creates Backstage with spec.deployment.kind=StatefulSet"', () => {
    const r = renderRhdh({ deployment: { kind: 'StatefulSet' } });
    expect(r.errors).toEqual([]);
    expect([r.find('StatefulSet', 'backstage-bs1')?.kind, r.deployment]).toEqual(['StatefulSet', undefined]);
  });

  test('cr-config_test.go "failed Backstage with unknown spec.deployment.kind": refused, naming the field', () => {
    const r = renderRhdh({ deployment: { kind: 'Unknown' } });
    expect(r.out.results.filter((x) => x.severity === 'error').map((x) => [x.field?.path, x.message])).toEqual([['spec.deployment.kind', 'must be one of "Deployment", "StatefulSet", not "Unknown"']]);
    expect(r.out.generated).toEqual([]);
  });

  test('cr-config_test.go "changes strategy from RollingUpdate to Recreate": the profile strategy is RollingUpdate; the patch with $patch: delete makes it Recreate alone', () => {
    expect((renderRhdh({}).deployment!.spec as { strategy?: { type: string } }).strategy?.type ?? 'RollingUpdate').toBe('RollingUpdate');
    const r = renderRhdh({ deployment: { patch: { spec: { strategy: { type: 'Recreate', rollingUpdate: { $patch: 'delete' } } } } } });
    expect(r.errors).toEqual([]);
    expect((r.deployment!.spec as { strategy: unknown }).strategy).toEqual({ type: 'Recreate' });
  });

  test('plugin-deps_test.go "creates plugin dependencies": the enabled plugin\'s ref brings a ConfigMap and a Secret; the disabled plugin\'s and unlisted files do not', () => {
    const p = testProfile({
      'default-config/deployment.yaml': 'apiVersion: apps/v1\nkind: Deployment\nspec:\n  template:\n    spec:\n      initContainers:\n        - name: install-dynamic-plugins\n          image: i\n      containers:\n        - name: backstage-backend\n          image: i\n',
      'plugin-deps/plugin-dep.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: test-dependency\n---\napiVersion: v1\nkind: Secret\nmetadata:\n  name: test-dependency2\n',
      'plugin-deps/disabled-dep.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: test-dependency3\n',
      'plugin-deps/not-listed-dep.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: test-dependency4\n',
    });
    const raw = cm('dynaplugins', {
      'dynamic-plugins.yaml':
        'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: dp\ndata:\n  dynamic-plugins.yaml: |\n    plugins:\n      - enabled: true\n        package: ./dynamic-plugins/dist/home-page\n        dependencies:\n          - ref: plugin\n      - enabled: false\n        package: disabled\n        dependencies:\n          - ref: disabled\n',
    });
    const out = renderBackstage({ items: [crOf({ ...noDb, rawRuntimeConfig: { backstageConfig: 'dynaplugins' } }), raw], options: withDefaults({ platform: 'openshift', profile: 'test', secretSeed: 's', operatorVersion: 'main' }), profile: p });
    expect(out.results.filter((r) => r.severity === 'error')).toEqual([]);
    expect(out.generated.filter((o) => o.metadata.name?.startsWith('test-dependency')).map((o) => `${o.kind}/${o.metadata.name}`).sort()).toEqual(['ConfigMap/test-dependency', 'Secret/test-dependency2']);
  });

  test('pvcs_test.go (the PVC objects and mounts of the three specs): backstage-pvcs-<cr>-<claim> at the annotation paths; CR claims at <workingDir>/<name> or their path', () => {
    const pvcs = 'apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: myclaim1\n  annotations:\n    rhdh.redhat.com/mount-path: /mnt/rhdh-vol1\nspec:\n  accessModes: [ReadWriteOnce]\n  resources:\n    requests:\n      storage: 1Gi\n---\napiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: myclaim2\n  annotations:\n    rhdh.redhat.com/mount-path: /mnt/rhdh-vol2\nspec:\n  accessModes: [ReadWriteOnce]\n  resources:\n    requests:\n      storage: 1Gi\n';
    const claim = (name: string): KObject => ({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name, namespace: 'ns1' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } });
    const r = renderRhdh(
      { rawRuntimeConfig: { backstageConfig: 'pvc-conf' }, application: { extraFiles: { pvcs: [{ name: 'my-pvc1' }, { name: 'my-pvc2', mountPath: '/my/pvc2/path' }] } } },
      [cm('pvc-conf', { 'pvcs.yaml': pvcs }), claim('my-pvc1'), claim('my-pvc2')],
    );
    expect(r.errors).toEqual([]);
    expect(r.out.generated.filter((o) => o.kind === 'PersistentVolumeClaim').map((o) => o.metadata.name)).toEqual(['backstage-pvcs-bs1-myclaim1', 'backstage-pvcs-bs1-myclaim2']);
    const m = mountsOf(containerOf(r.deployment)).filter(([n]) => /pvc|claim/.test(n as string));
    expect(m).toEqual([
      ['backstage-pvcs-bs1-myclaim1', '/mnt/rhdh-vol1', ''],
      ['backstage-pvcs-bs1-myclaim2', '/mnt/rhdh-vol2', ''],
      ['my-pvc1', '/opt/app-root/src/my-pvc1', 'my-pvc1'],
      ['my-pvc2', '/my/pvc2/path', ''],
    ]);
  });

  test('rhdh-config_test.go "tests rhdh config": the installer and Backstage container mounts, NPM_CONFIG_USERCONFIG, args, base URLs on OpenShift', () => {
    const r = renderRhdh({});
    expect(r.errors).toEqual([]);
    const init = containerOf(r.deployment, 'install-dynamic-plugins');
    expect(mountsOf(init).sort()).toEqual(
      [
        ['dynamic-plugins-root', '/dynamic-plugins-root', ''],
        ['backstage-files-bs1-dynamic-plugins-npmrc', '/opt/app-root/src/.npmrc.dynamic-plugins', ''],
        ['dynamic-plugins-registry-auth', '/opt/app-root/src/.config/containers', ''],
        ['npmcacache', '/opt/app-root/src/.npm/_cacache', ''],
        ['backstage-dynamic-plugins-bs1', '/opt/app-root/src/dynamic-plugins.yaml', 'dynamic-plugins.yaml'],
        ['extensions-catalog', '/extensions', ''],
        ['temp', '/tmp', ''],
      ].sort(),
    );
    expect(init.env[0]).toEqual({ name: 'NPM_CONFIG_USERCONFIG', value: '/opt/app-root/src/.npmrc.dynamic-plugins/.npmrc' });
    const main = containerOf(r.deployment);
    expect(main.args).toEqual(['--config', 'dynamic-plugins-root/app-config.dynamic-plugins.yaml', '--config', '/opt/app-root/src/default.app-config.yaml']);
    expect(mountsOf(main).sort()).toEqual(
      [
        ['dynamic-plugins-root', '/opt/app-root/src/dynamic-plugins-root', ''],
        ['backstage-appconfig-bs1-default-appconfig', '/opt/app-root/src/default.app-config.yaml', 'default.app-config.yaml'],
        ['extensions-catalog', '/extensions', ''],
        ['temp', '/tmp', ''],
      ].sort(),
    );
    expect(podSpecOf(r.deployment).securityContext?.fsGroup).toBeUndefined();
    expect((r.find('Service', 'backstage-bs1')!.spec as { type: string }).type).toBe('ClusterIP');
    const appConfig = (r.find('ConfigMap', 'backstage-appconfig-bs1-default-appconfig')!.data as Record<string, string>)['default.app-config.yaml'];
    expect(appConfig).toMatch(/baseUrl: https:\/\/backstage-bs1-ns1\.apps\.example\.com/);
  });

  test('rhdh-config_test.go "tests rhdh config" on Kubernetes: fsGroup on both pods, a NodePort Service, no base URLs', () => {
    const r = renderRhdh({}, [], { platform: 'kubernetes' });
    expect(r.errors).toEqual([]);
    expect(podSpecOf(r.deployment).securityContext.fsGroup).toBeDefined();
    expect(podSpecOf(r.find('StatefulSet', 'backstage-psql-bs1')).securityContext.fsGroup).toBeDefined();
    expect((r.find('Service', 'backstage-bs1')!.spec as { type: string }).type).toBe('NodePort');
    expect((r.find('ConfigMap', 'backstage-appconfig-bs1-default-appconfig')!.data as Record<string, string>)['default.app-config.yaml']).not.toMatch(/baseUrl: https:\/\/backstage-bs1/);
  });

  test('rhdh-config_test.go "tests rhdh config" with OPERATOR_DP_PROCESSING: plugins-appconfig first in the args and mounted', () => {
    // The operator's suite runs this mode with a dynamic-plugins.yaml made from the catalog index
    // (hack/copy-local-dynamic-plugins.sh): enabled plugins with pluginConfig. Ours, written here.
    const rhdh = resolveProfile('rhdh', process.cwd(), 'main');
    const local = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: default-dynamic-plugins\ndata:\n  dynamic-plugins.yaml: |\n    plugins:\n      - package: oci://registry.test/plugin-a:1!plugin-a\n        disabled: false\n        pluginConfig:\n          dynamicPlugins:\n            frontend:\n              plugin-a: {}\n";
    const profile = { ...rhdh, preparsed: undefined, files: { ...rhdh.files, 'default-config/dynamic-plugins.yaml': local } };
    const out = renderBackstage({ items: [crOf({})], options: withDefaults({ platform: 'openshift', profile: 'rhdh', secretSeed: 'seed', operatorVersion: 'main', dynamicPluginsProcessing: true }), profile });
    const r = { errors: out.results.filter((x) => x.severity === 'error').map((x) => x.message), deployment: out.generated.find((o) => o.kind === 'Deployment') };
    expect(r.errors).toEqual([]);
    const main = containerOf(r.deployment);
    expect(main.args).toEqual(['--config', '/opt/app-root/src/app-config.dynamic-plugins.yaml', '--config', '/opt/app-root/src/default.app-config.yaml']);
    expect(mountsOf(main)).toContainEqual(['backstage-appconfig-bs1-plugins-appconfig', '/opt/app-root/src/app-config.dynamic-plugins.yaml', 'app-config.dynamic-plugins.yaml']);
  });

  test('rhdh-config_test.go "replaces dynamic-plugins-root volume": $patch: replace gives a PVC volume, no ephemeral', () => {
    const patch = { spec: { template: { spec: { volumes: [{ $patch: 'replace', name: 'dynamic-plugins-root', persistentVolumeClaim: { claimName: 'dynamic-plugins-root-pvc' } }] } } } };
    const r = renderRhdh({ deployment: { patch } });
    expect(r.errors).toEqual([]);
    expect(podSpecOf(r.deployment).volumes.find((v: { name: string }) => v.name === 'dynamic-plugins-root')).toEqual({ name: 'dynamic-plugins-root', persistentVolumeClaim: { claimName: 'dynamic-plugins-root-pvc' } });
  });

  test('rhdh-config_test.go "replaces .npmrc": the CR Secret at the npmrc path of the installer replaces the profile mount', () => {
    const spec = { application: { extraFiles: { secrets: [{ name: 'my-dynamic-plugins-npmrc', mountPath: '/opt/app-root/src/.npmrc.dynamic-plugins', containers: ['install-dynamic-plugins'] }] } } };
    const r = renderRhdh(spec, [secret('my-dynamic-plugins-npmrc', { '.npmrc': 'new-npmrc' })]);
    expect(r.errors).toEqual([]);
    expect(podSpecOf(r.deployment).initContainers.map((c: { name: string }) => c.name)).toEqual(['install-dynamic-plugins']);
    expect(mountsOf(containerOf(r.deployment, 'install-dynamic-plugins')).filter(([, p]) => p === '/opt/app-root/src/.npmrc.dynamic-plugins')).toEqual([['my-dynamic-plugins-npmrc', '/opt/app-root/src/.npmrc.dynamic-plugins', '']]);
  });

  test.each([
    ['creates rhdh with no flavours', { flavours: [] }],
    ['creates rhdh with default Lightspeed flavour (main: off by default, RHIDP-15458)', {}],
  ])('rhdh-config_test.go "%s": no flavour-lightspeed object, no lightspeed-core container, no init-rag-data', (_n, spec) => {
    const r = renderRhdh(spec);
    expect(r.errors).toEqual([]);
    expect(r.out.generated.filter((o) => o.metadata.annotations?.['rhdh.redhat.com/source'] === 'flavour-lightspeed')).toEqual([]);
    expect(podSpecOf(r.deployment).containers.map((c: { name: string }) => c.name)).not.toContain('lightspeed-core');
    expect(podSpecOf(r.deployment).initContainers.map((c: { name: string }) => c.name)).not.toContain('init-rag-data');
  });

  test('rhdh-config_test.go "creates rhdh with default Lightspeed flavour": named in the CR, lightspeed objects, lightspeed-core and init-rag-data', () => {
    const r = renderRhdh({ flavours: [{ name: 'lightspeed', enabled: true }] });
    expect(r.errors).toEqual([]);
    expect(r.out.generated.filter((o) => o.metadata.annotations?.['rhdh.redhat.com/source'] === 'flavour-lightspeed').length).toBeGreaterThan(0);
    expect(podSpecOf(r.deployment).containers.map((c: { name: string }) => c.name)).toContain('lightspeed-core');
    expect(podSpecOf(r.deployment).initContainers.map((c: { name: string }) => c.name)).toContain('init-rag-data');
  });

  test.each([
    ['route disabled', { enabled: false }, undefined],
    ['route with subdomain', { subdomain: 'test' }, 'https://test.apps.example.com'],
    ['route with host', { host: 'host.example.com', subdomain: 'test' }, 'https://host.example.com'],
  ])('route_test.go "creates Backstage object (on Openshift) - %s": the Route and the base URL in the default app-config', (_n, route, baseUrl) => {
    const r = renderRhdh({ application: { route } });
    expect(r.errors).toEqual([]);
    expect(r.find('Route', 'backstage-bs1') === undefined).toBe(baseUrl === undefined);
    const text = (r.find('ConfigMap', 'backstage-appconfig-bs1-default-appconfig')!.data as Record<string, string>)['default.app-config.yaml'];
    if (baseUrl === undefined) expect(text).not.toMatch(/baseUrl: https:/);
    else expect(text).toContain(`baseUrl: ${baseUrl}`);
  });
});

describe('internal/controller monitor_test.go (main)', () => {
  test('TestApplyServiceMonitor_MonitoringEnabled_WithCRD: metrics-<cr>, labels, selector, namespace, one endpoint', () => {
    const r = renderRhdh({ monitoring: { enabled: true } });
    expect(r.errors).toEqual([]);
    const sm = r.find('ServiceMonitor', 'metrics-bs1')!;
    const labels = { 'app.kubernetes.io/instance': 'bs1', 'app.kubernetes.io/name': 'backstage' };
    expect({ ns: sm.metadata.namespace, labels: sm.metadata.labels, spec: sm.spec }).toEqual({
      ns: 'ns1',
      labels,
      spec: { selector: { matchLabels: labels }, namespaceSelector: { matchNames: ['ns1'] }, endpoints: [{ port: 'http-metrics', path: '/metrics' }] },
    });
  });

  test('TestApplyServiceMonitor_MonitoringDisabled: no ServiceMonitor', () => {
    expect(renderRhdh({ monitoring: { enabled: false } }).out.generated.filter((o) => o.kind === 'ServiceMonitor')).toEqual([]);
  });
});

describe('dynamic-plugins-reference_test.go TestResolveReferences (main, OPERATOR_DP_PROCESSING)', () => {
  const base = [{ package: 'oci://quay.io/rhdh/plugin-a@sha256:abc123!plugin-a' }, { package: 'oci://quay.io/rhdh/plugin-b@sha256:def456' }, { package: './dynamic-plugins/dist/local-plugin' }];
  test.each([
    ['resolve single inherit reference', ['oci://quay.io/rhdh/plugin-a:{{inherit}}'], ['oci://quay.io/rhdh/plugin-a@sha256:abc123!plugin-a']],
    ['resolve inherit with custom plugin path', ['oci://quay.io/rhdh/plugin-a:{{inherit}}!custom'], ['oci://quay.io/rhdh/plugin-a@sha256:abc123!custom']],
    ['mixed - some inherit, some regular', ['oci://quay.io/rhdh/plugin-a:{{inherit}}', 'oci://quay.io/other/plugin@sha256:fixed', './local/path'], ['oci://quay.io/rhdh/plugin-a@sha256:abc123!plugin-a', 'oci://quay.io/other/plugin@sha256:fixed', './local/path']],
    ['no references to resolve', ['oci://quay.io/plugin@sha256:123', './local'], ['oci://quay.io/plugin@sha256:123', './local']],
  ])('TestResolveReferences: %s', (_n, pkgs, expected) => {
    expect(resolvePackageReferences(pkgs.map((p) => ({ package: p })), base).map((p) => p.package)).toEqual(expected);
  });
  test.each([
    ['inherit reference not found - error', 'oci://unknown/plugin:{{inherit}}', 'cannot resolve {{inherit}} reference'],
    ['unsupported protocol - error', 'ftp://server.example.com/plugin', 'unsupported package URL format'],
    ['npm package not supported - error', '@backstage/plugin-catalog', 'unsupported package URL format'],
  ])('TestResolveReferences: %s', (_n, pkg, message) => {
    expect(() => resolvePackageReferences([{ package: pkg }], base)).toThrow(message);
  });
});

describe('internal/controller preprocessor_test.go (main): the ext-config hash', () => {
  const hashOf = (data: Record<string, string>) => {
    const r = renderRhdh({ application: { extraFiles: { configMaps: [{ name: 'cm1' }] } } }, [cm('cm1', data)]);
    expect(r.errors).toEqual([]);
    return (r.deployment!.spec as { template: { metadata: { annotations: Record<string, string> } } }).template.metadata.annotations['rhdh.redhat.com/ext-config-hash'];
  };
  test('TestExtConcatData: the same data with keys in another order gives the same hash', () => {
    expect(hashOf({ key1: 'value1', key2: 'value2', key3: 'value3', key4: 'value4' })).toBe(hashOf({ key4: 'value4', key2: 'value2', key3: 'value3', key1: 'value1' }));
  });
  test('TestExtConfigChanged: changed data of a referenced ConfigMap changes the hash (so the pod restarts); the sync label on the user ConfigMap is not ours to set', () => {
    expect(hashOf({ key1: 'value1' })).not.toBe(hashOf({ key1: 'value2' }));
  });
});

describe('pkg/utils utils_test.go (main)', () => {
  test.each([
    ['should replace invalid characters with a dash', 'kube-root-ca.crt', 'kube-root-ca-crt'],
    ['all-numeric string should remain unchanged', '123456789', '123456789'],
    // 69 characters; the 63rd (the last kept) becomes a dash, which goes
    ['should truncate up to the maximum length and remove leading and trailing dashes', `x.${'b'.repeat(60)}.cccccc`, `x-${'b'.repeat(60)}`],
  ])('TestToRFC1123Label: %s', (_n, input, expected) => {
    expect(toRFC1123Label(input)).toBe(expected);
    // and as the volume name of a CR ConfigMap so named
    const r = renderRhdh({ application: { extraFiles: { configMaps: [{ name: input }] } } }, [cm(input, { f: 'x' })]);
    expect(podSpecOf(r.deployment).volumes.map((v: { name: string }) => v.name)).toContain(expected);
  });

  test('TestPlatformPatchMerge: a deployment.yaml.k8s patch applies on Kubernetes only (replicas, pod securityContext.fsGroup)', () => {
    const p = testProfile({
      'default-config/deployment.yaml': 'apiVersion: apps/v1\nkind: Deployment\nspec:\n  replicas: 1\n  template:\n    spec:\n      containers:\n        - name: backstage-backend\n          image: i\n',
      'default-config/deployment.yaml.k8s': 'apiVersion: apps/v1\nkind: Deployment\nspec:\n  replicas: 2\n  template:\n    spec:\n      securityContext:\n        fsGroup: 1001\n',
    });
    const ocp = buildMain({ cr: crOf(noDb), profile: p, options: { platform: 'openshift' } }).byKey('Deployment', 'backstage-bs1')!;
    expect([(ocp.spec as { replicas: number }).replicas, podSpecOf(ocp).securityContext]).toEqual([1, undefined]);
    const k8s = buildMain({ cr: crOf(noDb), profile: p, options: { platform: 'kubernetes' } }).byKey('Deployment', 'backstage-bs1')!;
    expect([(k8s.spec as { replicas: number }).replicas, podSpecOf(k8s).securityContext]).toEqual([2, { fsGroup: 1001 }]);
  });
});

// Operator 1.9.8's integration specs (integration_tests/*_test.go, ginkgo `It`s) and its
// internal/controller tests that assert on objects the operator creates, ported as
// render-and-assert: the CR (and the objects it names) rendered with the embedded 1.9 `rhdh` profile
// (the integration suite's default PROFILE), then the objects the spec reads after reconcile checked.
// What needs a cluster (status, PV binding, files seen in a running pod, deletion) is not ported:
// test/operator-ports/1.9.ts says so per spec.
/* eslint-disable @typescript-eslint/no-explicit-any */
import { createHash } from 'node:crypto';
import * as path from 'node:path';
import { loadProfileDir } from '../../cli/profile-loader';
import type { KObject } from '../../fn/kio/types';
import { withDefaults } from '../../fn/options';
import type { Profile } from '../../fn/profile/profile';
import { renderBackstage } from '../../fn/render';
import { parseYamlDocuments } from '../../fn/yaml';
import { REPO_ROOT } from '../helpers';
import { OPERATOR_DATA, testWithOperatorData } from '../operator-data';
import * as fs from 'node:fs';

const NS = 'ns-it';
const RHDH_19: Profile = loadProfileDir(path.join(REPO_ROOT, 'profiles', '1.9', 'rhdh'), 'rhdh');

function crOf(spec: Record<string, unknown> = {}, name = 'bs', apiVersion = 'rhdh.redhat.com/v1alpha5'): KObject {
  return { apiVersion, kind: 'Backstage', metadata: { name, namespace: NS }, spec };
}
const cm = (name: string, data: Record<string, string>): KObject => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: NS }, data });
const secret = (name: string, data: Record<string, string>): KObject => ({ apiVersion: 'v1', kind: 'Secret', metadata: { name, namespace: NS }, stringData: data });
const pvc = (name: string): KObject => ({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name, namespace: NS }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } });

function render(items: KObject[], options: Record<string, unknown> = {}, profile: Profile = RHDH_19) {
  const out = renderBackstage({ items, options: withDefaults({ secretSeed: 'it-seed', platform: 'openshift', ingressDomain: 'apps.example.com', operatorVersion: '1.9', ...options }), profile });
  const get = (kind: string, name: string) => out.generated.find((o) => o.kind === kind && o.metadata.name === name) as any;
  const workload = (name = 'bs') => (get('Deployment', `backstage-${name}`) ?? get('StatefulSet', `backstage-${name}`)) as any;
  const podSpec = (name = 'bs') => workload(name).spec.template.spec;
  const containerOf = (c: string, name = 'bs') => [...podSpec(name).containers, ...(podSpec(name).initContainers ?? [])].find((x: any) => x.name === c);
  const errors = out.results.filter((r) => r.severity === 'error').map((r) => [r.field?.path, r.message]);
  return { ...out, get, workload, podSpec, containerOf, errors };
}
const mountPaths = (c: any) => (c.volumeMounts ?? []).map((m: any) => m.mountPath);
const volumeNames = (ps: any) => (ps.volumes ?? []).map((v: any) => v.name);
const envFromNames = (c: any) => (c.envFrom ?? []).map((e: any) => e.configMapRef?.name ?? e.secretRef?.name);
const envNames = (c: any) => (c.env ?? []).map((e: any) => e.name);
const baseUrlOf = (appConfigCm: any) => (parseYamlDocuments(appConfigCm.data['default.app-config.yaml'])[0] as any)?.app?.baseUrl ?? '';

describe('integration_tests/default-config_test.go (1.9.8)', () => {
  test('It "creates runtime objects": DB Secret (5 keys, POSTGRES_USER postgres), DB StatefulSet with it as envFrom, DB Service, Deployment, default app-config mounted as a volume', () => {
    const r = render([crOf()]);
    expect(r.errors).toEqual([]);
    const dbSecret = r.get('Secret', 'backstage-psql-secret-bs');
    expect(Object.keys(dbSecret.stringData).length).toBe(5);
    expect(dbSecret.stringData.POSTGRES_USER).toBe('postgres');
    expect(envFromNames(r.get('StatefulSet', 'backstage-psql-bs').spec.template.spec.containers[0])).toEqual(['backstage-psql-secret-bs']);
    expect(r.get('Service', 'backstage-psql-bs')).toBeDefined();
    // No replicas in the profile: the API server defaults them to 1, as the spec reads.
    expect(r.workload().kind).toBe('Deployment');
    expect(r.workload().spec.replicas).toBeUndefined();
    expect(r.get('ConfigMap', 'backstage-appconfig-bs')).toBeDefined();
    expect(volumeNames(r.podSpec())).toContain('backstage-appconfig-bs');
  });

  test('It "creates runtime object using raw configuration ": rawRuntimeConfig replaces the Deployment (one busybox container) and the DB StatefulSet (busybox)', () => {
    const rawDeployment = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: bs1-deployment\n  labels:\n    app: bs1\nspec:\n  replicas: 1\n  selector:\n    matchLabels:\n      app: bs1\n  template:\n    metadata:\n      labels:\n        app: bs1\n    spec:\n      containers:\n        - name: backstage-backend\n          image: busybox\n      initContainers:\n        - name: install-dynamic-plugins\n          image: busybox\n';
    const rawSts = 'apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: db-statefulset\nspec:\n  serviceName: ""\n  podManagementPolicy: Parallel\n  replicas: 1\n  selector:\n    matchLabels:\n      app: db\n  template:\n    metadata:\n      labels:\n        app: db\n    spec:\n      containers:\n        - name: db\n          image: busybox\n';
    const r = render([crOf({ rawRuntimeConfig: { backstageConfig: 'bsraw', localDbConfig: 'dbraw' } }), cm('bsraw', { 'deployment.yaml': rawDeployment }), cm('dbraw', { 'db-statefulset.yaml': rawSts })]);
    expect(r.errors).toEqual([]);
    expect(r.workload().spec.replicas).toBe(1);
    expect(r.podSpec().containers.map((c: any) => [c.name, c.image])).toEqual([['backstage-backend', 'busybox']]);
    expect(r.get('StatefulSet', 'backstage-psql-bs').spec.template.spec.containers.map((c: any) => c.image)).toEqual(['busybox']);
  });
});

describe('integration_tests/db_test.go (1.9.8)', () => {
  const dbObjects = (r: ReturnType<typeof render>) => r.generated.filter((o) => /^backstage-psql/.test(o.metadata.name ?? '')).map((o) => `${o.kind}/${o.metadata.name}`);

  test('It "creates default Backstage and then update CR to not to use local DB": the DB StatefulSet, Service and Secret; with enableLocalDb false none of them', () => {
    expect(dbObjects(render([crOf()]))).toEqual(['Secret/backstage-psql-secret-bs', 'Service/backstage-psql-bs', 'StatefulSet/backstage-psql-bs']);
    expect(dbObjects(render([crOf({ database: { enableLocalDb: false } })]))).toEqual([]);
  });

  test('It "creates Backstage with disabled local DB and secret": no DB StatefulSet; the Deployment, its env from the Secret', () => {
    const r = render([crOf({ database: { enableLocalDb: false, authSecretName: 'existing-secret' } }), secret('existing-secret', { POSTGRES_HOST: 'h' })]);
    expect(r.errors).toEqual([]);
    expect(dbObjects(r)).toEqual([]);
    expect(envFromNames(r.containerOf('backstage-backend'))).toEqual(['existing-secret']);
  });

  test('It "creates Backstage with disabled local DB no secret": no DB StatefulSet; the Deployment', () => {
    const r = render([crOf({ database: { enableLocalDb: false } })]);
    expect(r.errors).toEqual([]);
    expect(dbObjects(r)).toEqual([]);
    expect(r.workload().kind).toBe('Deployment');
    expect(r.containerOf('backstage-backend').envFrom).toBeUndefined();
  });
});

describe('integration_tests/cr-config_test.go (1.9.8)', () => {
  test('It "creates Backstage with external configuration": app-configs, extra files, env ConfigMaps and Secrets mounted and injected where the CR says', () => {
    const spec = {
      deployment: { patch: { spec: { template: { spec: { containers: [{ name: 'sidecar', image: 'busybox' }] } } } } },
      application: {
        appConfig: { mountPath: '/my/mount/path', configMaps: [{ name: 'app-config1' }, { name: 'app-config2', key: 'key21' }, { name: 'app-config3.dot' }] },
        extraFiles: {
          mountPath: '/my/file/path',
          configMaps: [{ name: 'cm-file1' }, { name: 'cm-file2', key: 'cm21' }, { name: 'cm-file3.dot', containers: ['*'] }, { name: 'cm-file-withpath', mountPath: '/cm/file/withpath' }],
          secrets: [{ name: 'secret-file1', key: 'sec11' }, { name: 'secret-file2', key: 'sec21' }, { name: 'secret-file3.dot', key: 'sec.31', containers: ['sidecar'] }, { name: 'secret-file-withpath', mountPath: '/secret/file/withpath' }],
        },
        extraEnvs: { configMaps: [{ name: 'cm-env1' }, { name: 'cm-env2', key: 'cm21', containers: ['*'] }], secrets: [{ name: 'secret-env1', key: 'sec11' }], envs: [{ name: 'env1', value: 'val1' }] },
      },
    };
    const inputs = [
      cm('app-config1', { key11: 'app:', key12: 'app:' }),
      cm('app-config2', { key21: 'app:', key22: 'app:' }),
      cm('app-config3.dot', { 'key.31': 'app31:' }),
      cm('cm-file1', { cm11: '11', cm12: '12' }),
      cm('cm-file2', { cm21: '21', cm22: '22' }),
      cm('cm-file3.dot', { 'cm.31': '31' }),
      cm('cm-file-withpath', { cm: 'withpath' }),
      secret('secret-file1', { sec11: 'val11', sec12: 'val12' }),
      secret('secret-file2', { sec21: 'val21', sec22: 'val22' }),
      secret('secret-file3.dot', { 'sec.31': 'val31', 'sec.32': 'val22' }),
      secret('secret-file-withpath', { secret: 'withpath' }),
      cm('cm-env1', { cm11: '11', cm12: '12' }),
      cm('cm-env2', { cm21: '21', cm22: '22' }),
      secret('secret-env1', { sec11: 'val11', sec12: 'val12' }),
      secret('secret-env2', { sec21: 'val21', sec22: 'val22' }),
    ];
    const r = render([crOf(spec), ...inputs]);
    expect(r.errors).toEqual([]);
    const backstage = r.containerOf('backstage-backend');
    const sidecar = r.containerOf('sidecar');
    const ours = (c: any) => mountPaths(c).filter((p: string) => /^\/(my|cm|secret)\//.test(p));
    expect(volumeNames(r.podSpec())).toEqual(expect.arrayContaining(['app-config1', 'app-config2', 'app-config3-dot', 'cm-file1', 'cm-file2', 'cm-file3-dot', 'secret-file1', 'secret-file2', 'secret-file3-dot']));
    expect(ours(backstage)).toEqual([
      '/my/mount/path/key11',
      '/my/mount/path/key12',
      '/my/mount/path/key21',
      '/my/mount/path/key.31',
      '/my/file/path/cm11',
      '/my/file/path/cm12',
      '/my/file/path/cm21',
      '/my/file/path/cm.31',
      '/cm/file/withpath',
      '/my/file/path/sec11',
      '/my/file/path/sec21',
      '/secret/file/withpath',
    ]);
    expect(ours(sidecar)).toEqual(['/my/file/path/cm.31', '/my/file/path/sec.31']);
    expect(backstage.args.filter((a: string) => a.startsWith('/my/'))).toEqual(['/my/mount/path/key11', '/my/mount/path/key12', '/my/mount/path/key21', '/my/mount/path/key.31']);
    expect(envFromNames(backstage)).toContain('cm-env1');
    expect(envNames(backstage)).toEqual(expect.arrayContaining(['env1', 'cm21', 'sec11']));
    expect(envNames(sidecar)).toEqual(['cm21']);
  });

  test('It "creates Backstage with spec.deployment.patch ": the patch sets the Backstage image and adds an ephemeral volume with its storage class', () => {
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
    const r = render([crOf({ deployment: { patch } })]);
    expect(r.errors).toEqual([]);
    expect(r.containerOf('backstage-backend').image).toBe('busybox');
    expect(r.podSpec().volumes.find((v: any) => v.name === 'my-volume')).toEqual(patch.spec.template.spec.volumes[0]);
  });

  test('It "creates Backstage with spec.deployment.kind=StatefulSet ": the workload is a StatefulSet', () => {
    const r = render([crOf({ deployment: { kind: 'StatefulSet' } })]);
    expect(r.errors).toEqual([]);
    expect(r.workload().kind).toBe('StatefulSet');
    expect(r.get('Deployment', 'backstage-bs')).toBeUndefined();
  });

  test('It "failed Backstage with unknown spec.deployment.kind ": refused at spec.deployment.kind, nothing rendered', () => {
    const r = render([crOf({ deployment: { kind: 'Unknown' } })]);
    expect(r.errors).toEqual([['spec.deployment.kind', expect.stringMatching(/Unknown/)]]);
    expect(r.generated.filter((o) => o.kind !== 'Backstage')).toEqual([]);
  });

  test('It "changes strategy from RollingUpdate to Recreate": RollingUpdate by default; a patch with type Recreate and rollingUpdate $patch: delete leaves {type: Recreate}', () => {
    expect(render([crOf()]).workload().spec.strategy.type).toBe('RollingUpdate');
    const r = render([crOf({ deployment: { patch: { spec: { strategy: { type: 'Recreate', rollingUpdate: { $patch: 'delete' } } } } } })]);
    expect(r.errors).toEqual([]);
    expect(r.workload().spec.strategy).toEqual({ type: 'Recreate' });
  });
});

describe('integration_tests/pvcs_test.go (1.9.8)', () => {
  const RAW_PVCS = 'apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: myclaim1\nspec:\n  accessModes:\n    - ReadWriteOnce\n  volumeMode: Filesystem\n  resources:\n    requests:\n      storage: 8Gi\n---\napiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: myclaim2\nspec:\n  accessModes:\n    - ReadWriteOnce\n  volumeMode: Filesystem\n  resources:\n    requests:\n      storage: 8Gi\n';
  const SRC = '/opt/app-root/src';

  test('It "creates PV dynamically with configured by default PVC": PVCs backstage-<cr>-<claim>, volumes of that name mounted at /opt/app-root/src/<name>', () => {
    const r = render([crOf({ rawRuntimeConfig: { backstageConfig: 'pvc-conf' } }), cm('pvc-conf', { 'pvcs.yaml': RAW_PVCS })]);
    expect(r.errors).toEqual([]);
    expect(r.generated.filter((o) => o.kind === 'PersistentVolumeClaim').map((o) => o.metadata.name)).toEqual(['backstage-bs-myclaim1', 'backstage-bs-myclaim2']);
    expect(volumeNames(r.podSpec())).toEqual(expect.arrayContaining(['backstage-bs-myclaim1', 'backstage-bs-myclaim2']));
    expect(mountPaths(r.containerOf('backstage-backend'))).toEqual(expect.arrayContaining([`${SRC}/backstage-bs-myclaim1`, `${SRC}/backstage-bs-myclaim2`]));
  });

  test('It "bounds configured by default PVC with precreated PV": the PVC keeps the storage class it names, mounted at /opt/app-root/src/<name>', () => {
    const raw = 'apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: myclaim1\nspec:\n  accessModes:\n    - ReadWriteOnce\n  volumeMode: Filesystem\n  resources:\n    requests:\n      storage: 1Gi\n  storageClassName: "my-pvctest-storage"\n';
    const r = render([crOf({ rawRuntimeConfig: { backstageConfig: 'pvc-conf' } }), cm('pvc-conf', { 'pvcs.yaml': raw })]);
    expect(r.errors).toEqual([]);
    expect(r.get('PersistentVolumeClaim', 'backstage-bs-myclaim1').spec).toEqual({ accessModes: ['ReadWriteOnce'], volumeMode: 'Filesystem', resources: { requests: { storage: '1Gi' } }, storageClassName: 'my-pvctest-storage' });
    expect(mountPaths(r.containerOf('backstage-backend'))).toContain(`${SRC}/backstage-bs-myclaim1`);
  });

  test('It "creates specified PVCs and mounts to container": the default PVCs and the CR\'s, at /opt/app-root/src/my-pvc1 and /my/pvc2/path', () => {
    const r = render([
      crOf({ application: { extraFiles: { pvcs: [{ name: 'my-pvc1' }, { name: 'my-pvc2', mountPath: '/my/pvc2/path' }] } }, rawRuntimeConfig: { backstageConfig: 'pvc-conf' } }),
      cm('pvc-conf', { 'pvcs.yaml': RAW_PVCS }),
      pvc('my-pvc1'),
      pvc('my-pvc2'),
    ]);
    expect(r.errors).toEqual([]);
    expect(r.generated.filter((o) => o.kind === 'PersistentVolumeClaim' && o.metadata.name?.startsWith('backstage-')).map((o) => o.metadata.name)).toEqual(['backstage-bs-myclaim1', 'backstage-bs-myclaim2']);
    expect(volumeNames(r.podSpec())).toEqual(expect.arrayContaining(['my-pvc1', 'my-pvc2']));
    expect(mountPaths(r.containerOf('backstage-backend'))).toEqual(expect.arrayContaining([`${SRC}/my-pvc1`, '/my/pvc2/path']));
  });
});

describe('integration_tests/rhdh-config_test.go (1.9.8)', () => {
  test('It "tests rhdh config": the rhdh profile\'s Deployment, plugins ConfigMap, app-config, init-container and Backstage mounts; OpenShift vs Kubernetes', () => {
    for (const platform of ['openshift', 'kubernetes'] as const) {
      const r = render([crOf()], { platform });
      expect([platform, r.errors]).toEqual([platform, []]);
      expect(r.get('ConfigMap', 'backstage-dynamic-plugins-bs')).toBeDefined();
      const appConfig = r.get('ConfigMap', 'backstage-appconfig-bs');
      expect(r.podSpec().initContainers.map((c: any) => c.name)).toEqual(['install-dynamic-plugins']);
      const init = r.containerOf('install-dynamic-plugins');
      const byName = (c: any) => Object.fromEntries(c.volumeMounts.map((m: any) => [m.name, [m.mountPath, m.subPath ?? '']]));
      expect(byName(init)).toEqual({
        'dynamic-plugins-root': ['/dynamic-plugins-root', ''],
        'backstage-files-bs': ['/opt/app-root/src/.npmrc.dynamic-plugins', ''],
        'dynamic-plugins-registry-auth': ['/opt/app-root/src/.config/containers', ''],
        npmcacache: ['/opt/app-root/src/.npm/_cacache', ''],
        'backstage-dynamic-plugins-bs': ['/opt/app-root/src/dynamic-plugins.yaml', 'dynamic-plugins.yaml'],
        'extensions-catalog': ['/extensions', ''],
        temp: ['/tmp', ''],
      });
      expect(init.env[0]).toEqual({ name: 'NPM_CONFIG_USERCONFIG', value: '/opt/app-root/src/.npmrc.dynamic-plugins/.npmrc' });
      expect(r.podSpec().volumes).toHaveLength(8);
      expect(r.podSpec().containers.map((c: any) => c.name)).toEqual(['backstage-backend']);
      const main = r.containerOf('backstage-backend');
      expect(main.args).toEqual(['--config', 'dynamic-plugins-root/app-config.dynamic-plugins.yaml', '--config', '/opt/app-root/src/default.app-config.yaml']);
      expect(Object.fromEntries(main.volumeMounts.map((m: any) => [m.mountPath, [m.name, m.subPath ?? '']]))).toEqual({
        '/opt/app-root/src/dynamic-plugins-root': ['dynamic-plugins-root', ''],
        '/opt/app-root/src/default.app-config.yaml': ['backstage-appconfig-bs', 'default.app-config.yaml'],
        '/extensions': ['extensions-catalog', ''],
        '/tmp': ['temp', ''],
      });
      const dbPod = r.get('StatefulSet', 'backstage-psql-bs').spec.template.spec;
      const service = r.get('Service', 'backstage-bs');
      if (platform === 'openshift') {
        expect([r.podSpec().securityContext?.fsGroup, dbPod.securityContext?.fsGroup, service.spec.type]).toEqual([undefined, undefined, 'ClusterIP']);
        expect(baseUrlOf(appConfig)).toBe('https://backstage-bs-ns-it.apps.example.com');
      } else {
        expect([typeof r.podSpec().securityContext?.fsGroup, typeof dbPod.securityContext?.fsGroup, service.spec.type]).toEqual(['number', 'number', 'NodePort']);
        expect(baseUrlOf(appConfig)).toBe('');
      }
    }
  });

  test('It "replaces dynamic-plugins-root volume": a `$patch: replace` volume in the patch replaces the profile\'s ephemeral one with a PVC', () => {
    const patch = { spec: { template: { spec: { volumes: [{ $patch: 'replace', name: 'dynamic-plugins-root', persistentVolumeClaim: { claimName: 'dynamic-plugins-root-pvc' } }] } } } };
    const r = render([crOf({ deployment: { patch } })]);
    expect(r.errors).toEqual([]);
    expect(r.podSpec().volumes.find((v: any) => v.name === 'dynamic-plugins-root')).toEqual({ name: 'dynamic-plugins-root', persistentVolumeClaim: { claimName: 'dynamic-plugins-root-pvc' } });
  });

  test('It "replaces .npmrc": the CR Secret mounted at the profile .npmrc path in the init container replaces that mount (one mount there)', () => {
    const spec = { application: { extraFiles: { secrets: [{ name: 'my-dynamic-plugins-npmrc', mountPath: '/opt/app-root/src/.npmrc.dynamic-plugins', containers: ['install-dynamic-plugins'] }] } } };
    const r = render([crOf(spec), secret('my-dynamic-plugins-npmrc', { '.npmrc': 'new-npmrc' })]);
    expect(r.errors).toEqual([]);
    expect(r.podSpec().initContainers.map((c: any) => c.name)).toEqual(['install-dynamic-plugins']);
    expect(r.containerOf('install-dynamic-plugins').volumeMounts.filter((m: any) => m.mountPath === '/opt/app-root/src/.npmrc.dynamic-plugins')).toEqual([
      { name: 'my-dynamic-plugins-npmrc', mountPath: '/opt/app-root/src/.npmrc.dynamic-plugins' },
    ]);
  });
});

describe('integration_tests/route_test.go (1.9.8)', () => {
  const routeCase = (route: Record<string, unknown>) => {
    const r = render([crOf({ application: { route } })]);
    expect(r.errors).toEqual([]);
    return { route: r.get('Route', 'backstage-bs'), baseUrl: baseUrlOf(r.get('ConfigMap', 'backstage-appconfig-bs')) };
  };

  test('It "creates Backstage object (on Openshift) - route disabled": no Route, no base URL', () => {
    expect(routeCase({ enabled: false })).toEqual({ route: undefined, baseUrl: '' });
  });

  test('It "creates Backstage object (on Openshift) - route with subdomain": the Route, base URL https://test.<domain>', () => {
    const c = routeCase({ subdomain: 'test' });
    expect([c.route.spec.subdomain, c.baseUrl]).toEqual(['test', 'https://test.apps.example.com']);
  });

  test('It "creates Backstage object (on Openshift) - route with host": the Route, base URL https://host.example.com', () => {
    const c = routeCase({ host: 'host.example.com', subdomain: 'test' });
    expect([c.route.spec.host, c.baseUrl]).toEqual(['host.example.com', 'https://host.example.com']);
  });
});

describe('integration_tests/plugin-deps_test.go (1.9.8)', () => {
  test('It "creates plugin dependencies": the enabled plugin\'s ref applies its file\'s objects; a disabled plugin\'s and unlisted files are not applied', () => {
    const files: Record<string, string> = Object.fromEntries(Object.entries(RHDH_19.files).filter(([f]) => !f.startsWith('plugin-deps/')));
    files['plugin-deps/plugin-dep.yaml'] = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: test-dependency\n---\napiVersion: v1\nkind: Secret\nmetadata:\n  name: test-dependency2\n';
    files['plugin-deps/disabled-dep.yaml'] = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: test-dependency3\n';
    files['plugin-deps/not-listed-dep.yaml'] = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: test-dependency4\n';
    const dp = `apiVersion: v1
kind: ConfigMap
metadata:
  name: default-dynamic-plugins
data:
  dynamic-plugins.yaml: |
    plugins:
      - disabled: false
        package: "./dynamic-plugins/dist/red-hat-developer-hub-backstage-plugin-dynamic-home-page"
        dependencies:
          - ref: plugin
      - disabled: true
        package: "disabled"
        dependencies:
          - ref: disabled
`;
    const r = render([crOf({ rawRuntimeConfig: { backstageConfig: 'dynaplugins' } }), cm('dynaplugins', { 'dynamic-plugins.yaml': dp })], {}, { ...RHDH_19, files });
    expect(r.errors).toEqual([]);
    expect(r.generated.filter((o) => /^test-dependency/.test(o.metadata.name ?? '')).map((o) => `${o.kind}/${o.metadata.name}`).sort()).toEqual(['ConfigMap/test-dependency', 'Secret/test-dependency2']);
  });
});

describe('integration_tests/cr-compatibility_test.go (1.9.8)', () => {
  test('It "verifies prev and current version API compatibility": a v1alpha3 and a v1alpha5 CR both render their Deployment with their app-config, no "not served" warning', () => {
    const appConfig = (name: string) => cm(name, { 'app-config.yaml': 'app:\n  title: Test App\n  baseUrl: http://localhost:3000\n' });
    const v3 = render([crOf({ application: { appConfig: { configMaps: [{ name: 'default-app-config' }] } } }, 'bs-v1alpha3', 'rhdh.redhat.com/v1alpha3'), appConfig('default-app-config')]);
    const v5 = render([crOf({ application: { appConfig: { configMaps: [{ name: 'default-app-config-v4' }] } } }, 'bs-current'), appConfig('default-app-config-v4')]);
    for (const [r, name, cmName] of [
      [v3, 'bs-v1alpha3', 'default-app-config'],
      [v5, 'bs-current', 'default-app-config-v4'],
    ] as const) {
      expect(r.errors).toEqual([]);
      expect(r.results.filter((x) => /not served/.test(x.message))).toEqual([]);
      expect(r.workload(name).kind).toBe('Deployment');
      expect(r.containerOf('backstage-backend', name).args.slice(-2)).toEqual(['--config', '/opt/app-root/src/app-config.yaml']);
      expect(volumeNames(r.podSpec(name))).toContain(cmName);
    }
  });
});

describe('integration_tests/config-refresh_test.go (1.9.8)', () => {
  const hashOf = (r: ReturnType<typeof render>) => r.workload().spec.template.metadata.annotations['rhdh.redhat.com/ext-config-hash'];
  const withSubPath = (conf: string, sec: string, kind?: string) =>
    render([
      crOf({ ...(kind ? { deployment: { kind } } : {}), application: { appConfig: { mountPath: '/my/mount/path', configMaps: [{ name: 'app-config1' }] }, extraEnvs: { secrets: [{ name: 'secret-env1', key: 'sec11' }] } } }),
      cm('app-config1', { appconfig11: conf }),
      secret('secret-env1', { sec11: sec }),
    ]);

  /** The file at /my/mount/path/appconfig11, sec11 from the Secret; new data changes the pod template (ext-config hash), so the pod is replaced. */
  function refreshesPod(kind?: string) {
    const before = withSubPath('organization:\n  name: "my org"\n', 'val11', kind);
    expect(before.errors).toEqual([]);
    expect(before.workload().kind).toBe(kind ?? 'Deployment');
    expect(mountPaths(before.containerOf('backstage-backend'))).toContain('/my/mount/path/appconfig11');
    expect(before.containerOf('backstage-backend').env).toEqual(expect.arrayContaining([{ name: 'sec11', valueFrom: { secretKeyRef: { name: 'secret-env1', key: 'sec11' } } }]));
    // The value is 1.9's: sha256 over the watched objects in order (app-configs, ..., env Secrets),
    // each key followed by its value (a Secret read from the API server has only binary data).
    expect(hashOf(before)).toBe(createHash('sha256').update('appconfig11organization:\n  name: "my org"\nsec11val11').digest('hex'));
    const after = withSubPath('organization:\n  name: "another org"\n', 'val22', kind);
    expect(hashOf(after)).not.toBe(hashOf(before));
    expect(hashOf(withSubPath('organization:\n  name: "my org"\n', 'val22', kind))).not.toBe(hashOf(before));
  }

  test('It "refreshes pod for mounts with subPath": new app-config or Secret data changes the pod template (ext-config hash), so the pod is replaced', () => {
    refreshesPod();
  });

  test('It "refreshes pod for mounts with subPath and spec.deployment.kind": the same with a StatefulSet', () => {
    refreshesPod('StatefulSet');
  });

  test('It "refreshes mounts without subPath": directories at /my/appconfig and /my/secret; new data there leaves the pod template alone (the kubelet refreshes the files)', () => {
    const r = (conf: string) =>
      render([
        crOf({ application: { appConfig: { configMaps: [{ name: 'app-config1', mountPath: '/my/appconfig' }] }, extraFiles: { mountPath: '/my', secrets: [{ name: 'secret1', mountPath: 'secret' }] } } }),
        cm('app-config1', { appconfig11: conf }),
        secret('secret1', { sec11: 'val11' }),
      ]);
    const before = r('organization:\n  name: "my org"\n');
    expect(before.errors).toEqual([]);
    expect(before.containerOf('backstage-backend').volumeMounts.filter((m: any) => m.mountPath.startsWith('/my'))).toEqual([
      { name: 'app-config1', mountPath: '/my/appconfig' },
      { name: 'secret1', mountPath: '/my/secret' },
    ]);
    expect(hashOf(r('organization:\n  name: "another org"\n'))).toBe(hashOf(before));
  });
});

describe('internal/controller/preprocessor_test.go (1.9.8)', () => {
  test('TestExtConcatData: the ext-config hash does not depend on the order of the keys in a ConfigMap', () => {
    const hash = (data: Record<string, string>) =>
      render([crOf({ application: { extraEnvs: { configMaps: [{ name: 'cm1' }] } } }), cm('cm1', data)]).workload().spec.template.metadata.annotations['rhdh.redhat.com/ext-config-hash'];
    const a = hash({ key1: 'value1', key2: 'value2', key3: 'value3', key4: 'value4' });
    expect(hash({ key4: 'value4', key2: 'value2', key3: 'value3', key1: 'value1' })).toBe(a);
    expect(hash({ key1: 'value1', key2: 'value2', key3: 'value3', key4: 'other' })).not.toBe(a);
  });
});

describe('internal/controller/monitor_test.go (1.9.8)', () => {
  const monitorOf = (enabled: boolean) => render([crOf({ monitoring: { enabled } }, 'test-bs')]).generated.filter((o) => o.kind === 'ServiceMonitor');

  test('TestApplyServiceMonitor_MonitoringEnabled_WithCRD: metrics-<cr>, the two labels, selecting them, the CR namespace, one endpoint http-metrics /metrics', () => {
    expect(monitorOf(true)).toEqual([
      {
        apiVersion: 'monitoring.coreos.com/v1',
        kind: 'ServiceMonitor',
        metadata: { name: 'metrics-test-bs', namespace: NS, labels: { 'app.kubernetes.io/instance': 'test-bs', 'app.kubernetes.io/name': 'backstage' }, annotations: { 'backstage-render.dev/rendered-from': `${NS}/test-bs` } },
        spec: {
          namespaceSelector: { matchNames: [NS] },
          selector: { matchLabels: { 'app.kubernetes.io/instance': 'test-bs', 'app.kubernetes.io/name': 'backstage' } },
          endpoints: [{ port: 'http-metrics', path: '/metrics' }],
        },
      },
    ]);
  });

  test('TestApplyServiceMonitor_MonitoringDisabled: monitoring off: no ServiceMonitor (1.9 deletes an existing one; a renderer just leaves it out)', () => {
    expect(monitorOf(false)).toEqual([]);
  });

  test('TestApplyServiceMonitor_Update_ExistingServiceMonitor: the rendered ServiceMonitor is the same whatever exists (applying it replaces the old labels and endpoints)', () => {
    expect(monitorOf(true)[0].spec).toEqual({
      namespaceSelector: { matchNames: [NS] },
      selector: { matchLabels: { 'app.kubernetes.io/instance': 'test-bs', 'app.kubernetes.io/name': 'backstage' } },
      endpoints: [{ port: 'http-metrics', path: '/metrics' }],
    });
  });
});

describe('pkg/utils/utils_test.go (1.9.8)', () => {
  test('TestToRFC1123Label: volume names from ConfigMap names: dots become dashes, digits stay, cut to 63 without edge dashes', () => {
    const long = 'ppxkgq.df-yyatvyrgjtwivunibicne-bvyyotvonbrtfv-awylmrez.ksvqjw-z.xpgdi';
    const r = render([crOf({ application: { extraFiles: { configMaps: [{ name: 'kube-root-ca.crt' }, { name: '123456789' }, { name: long }] } } }), cm('kube-root-ca.crt', { a: 'a' }), cm('123456789', { b: 'b' }), cm(long, { c: 'c' })]);
    expect(r.errors).toEqual([]);
    expect(r.podSpec().volumes.filter((v: any) => v.configMap && ['kube-root-ca.crt', '123456789', long].includes(v.configMap.name)).map((v: any) => v.name)).toEqual([
      'kube-root-ca-crt',
      '123456789',
      'ppxkgq-df-yyatvyrgjtwivunibicne-bvyyotvonbrtfv-awylmrez-ksvqjw',
    ]);
  });

  test('TestPlatformPatchMerge: on Kubernetes the profile\'s .k8s patch applies (fsGroup), on OpenShift it does not', () => {
    const fsGroup = (platform: string) => render([crOf()], { platform }).podSpec().securityContext?.fsGroup;
    expect([fsGroup('openshift'), typeof fsGroup('kubernetes')]).toEqual([undefined, 'number']);
  });
});

describe('tests/e2e/e2e_test.go (1.9.8)', () => {
  // The spec applies seven example CRs to a cluster and waits for the Deployed status, a running
  // pod and a reachable Route (none with route.enabled false). What is not the cluster's: each
  // example renders as 1.9 without error, the workload labelled for the pod selector the spec
  // uses (rhdh.redhat.com/app=backstage-<cr>), and a Route on OpenShift unless disabled.
  const EXAMPLES: Array<[string, string, boolean]> = [
    ['bs1.yaml', 'bs1', true],
    ['bs-route.yaml', 'bs-route', true],
    ['bs-route-disabled.yaml', 'bs-route-disabled', false],
    ['rhdh-cr-with-app-configs.yaml', 'bs-app-config', true],
    ['bs-existing-secret.yaml', 'bs-existing-secret', true],
    ['filemounts.yaml', 'my-rhdh-file-mounts', true],
    ['raw-runtime-config.yaml', 'bs-raw-runtime-config', true],
  ];
  testWithOperatorData('It "should handle CR as expected": the seven example CRs render their workload (pod label backstage-<cr>) and a Route unless it is disabled', () => {
    for (const [file, crName, routed] of EXAMPLES) {
      const items = parseYamlDocuments(fs.readFileSync(path.join(OPERATOR_DATA, 'rhdh-operator-1.9.8', 'examples', file), 'utf8')) as KObject[];
      for (const o of items) o.metadata = { ...o.metadata, namespace: NS };
      const r = render(items);
      expect([file, r.errors]).toEqual([file, []]);
      expect([file, r.workload(crName).spec.template.metadata.labels['rhdh.redhat.com/app']]).toEqual([file, `backstage-${crName}`]);
      expect([file, r.get('Route', `backstage-${crName}`) !== undefined]).toEqual([file, routed]);
    }
  });
});

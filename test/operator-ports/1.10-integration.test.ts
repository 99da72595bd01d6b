// Ports of release-1.10's integration_tests/*_test.go specs (ginkgo `It`) that assert on the objects
// the operator creates, rendered on what those specs run on: the rhdh profile of release-1.10
// (embedded as profiles/1.10/rhdh), operatorVersion 1.10. Inputs written here. Specs about status,
// refresh, cluster binding or the user's own objects are rows with a reason in test/operator-ports/1.10.ts.
import type { KObject } from '../../fn/kio/types';
import { renderBackstage } from '../../fn/render';
import { configMap, NS, render110, RHDH_110, secret, type Rendered } from './1.10-support';

/* eslint-disable @typescript-eslint/no-explicit-any */
function backstage(spec: Record<string, unknown>, name = 'bs'): KObject {
  return { apiVersion: 'rhdh.redhat.com/v1alpha5', kind: 'Backstage', metadata: { name, namespace: NS }, spec };
}

function rhdh(spec: Record<string, unknown>, inputs: KObject[] = [], platform: 'openshift' | 'kubernetes' = 'openshift'): Rendered {
  return render110({ cr: backstage(spec), inputs, profile: RHDH_110, options: { platform, profile: 'rhdh', ingressDomain: 'apps.example.com' } });
}

const mountsOf = (c: any, names: string[]) => (c.volumeMounts ?? []).filter((m: any) => names.includes(m.name));
const volumeNames = (r: Rendered) => r.pod().volumes.map((v: any) => v.name);
const containerNamed = (r: Rendered, name: string) => r.pod().containers.find((c: any) => c.name === name);

describe('cr-config_test.go (release-1.10)', () => {
  test('It creates Backstage with external configuration: app-configs, files, envs, a sidecar from the patch', () => {
    const cms = [
      configMap('app-config1', { key11: 'app:', key12: 'app:' }),
      configMap('app-config2', { key21: 'app:', key22: 'app:' }),
      configMap('app-config3.dot', { 'key.31': 'app31:' }),
      configMap('cm-file1', { cm11: '11', cm12: '12' }),
      configMap('cm-file2', { cm21: '21', cm22: '22' }),
      configMap('cm-file3.dot', { 'cm.31': '31' }),
      configMap('cm-file-withpath', { cm: 'withpath' }),
      secret('secret-file1', { sec11: 'val11', sec12: 'val12' }),
      secret('secret-file2', { sec21: 'val21', sec22: 'val22' }),
      secret('secret-file3.dot', { 'sec.31': 'val31', 'sec.32': 'val22' }),
      secret('secret-file-withpath', { secret: 'withpath' }),
      configMap('cm-env1', { cm11: '11', cm12: '12' }),
      configMap('cm-env2', { cm21: '21', cm22: '22' }),
      secret('secret-env1', { sec11: 'val11', sec12: 'val12' }),
      secret('secret-env2', { sec21: 'val21', sec22: 'val22' }),
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
    const r = rhdh(spec, cms);
    expect(r.errors).toEqual([]);
    const crVolumes = ['app-config1', 'app-config2', 'app-config3-dot', 'cm-file1', 'cm-file2', 'cm-file3-dot', 'cm-file-withpath', 'secret-file1', 'secret-file2', 'secret-file3-dot', 'secret-file-withpath'];
    expect(volumeNames(r).filter((n: string) => crVolumes.includes(n))).toEqual(crVolumes);
    const backend = r.container();
    const sub = (name: string, dir: string, key: string) => ({ name, readOnly: true, mountPath: `${dir}/${key}`, subPath: key });
    expect(mountsOf(backend, crVolumes)).toEqual([
      sub('app-config1', '/my/mount/path', 'key11'),
      sub('app-config1', '/my/mount/path', 'key12'),
      sub('app-config2', '/my/mount/path', 'key21'),
      sub('app-config3-dot', '/my/mount/path', 'key.31'),
      sub('cm-file1', '/my/file/path', 'cm11'),
      sub('cm-file1', '/my/file/path', 'cm12'),
      sub('cm-file2', '/my/file/path', 'cm21'),
      sub('cm-file3-dot', '/my/file/path', 'cm.31'),
      { name: 'cm-file-withpath', mountPath: '/cm/file/withpath' },
      sub('secret-file1', '/my/file/path', 'sec11'),
      sub('secret-file2', '/my/file/path', 'sec21'),
      { name: 'secret-file-withpath', mountPath: '/secret/file/withpath' },
    ]);
    expect(backend.args.slice(4)).toEqual(['--config', '/my/mount/path/key11', '--config', '/my/mount/path/key12', '--config', '/my/mount/path/key21', '--config', '/my/mount/path/key.31']);
    const sidecar = containerNamed(r, 'sidecar');
    expect(sidecar).toEqual({
      name: 'sidecar',
      image: 'busybox',
      volumeMounts: [sub('cm-file3-dot', '/my/file/path', 'cm.31'), sub('secret-file3-dot', '/my/file/path', 'sec.31')],
      env: [{ name: 'cm21', valueFrom: { configMapKeyRef: { name: 'cm-env2', key: 'cm21' } } }],
    });
    expect(backend.envFrom).toEqual([{ secretRef: { name: 'backstage-psql-secret-bs' } }, { configMapRef: { name: 'cm-env1' } }]);
    expect(backend.env.filter((e: any) => ['env1', 'cm21', 'sec11'].includes(e.name))).toEqual([
      { name: 'env1', value: 'val1' },
      { name: 'cm21', valueFrom: { configMapKeyRef: { name: 'cm-env2', key: 'cm21' } } },
      { name: 'sec11', valueFrom: { secretKeyRef: { name: 'secret-env1', key: 'sec11' } } },
    ]);
  });

  test('It creates Backstage with spec.deployment.patch: the backend image and an ephemeral volume from the patch', () => {
    const volume = {
      name: 'my-volume',
      ephemeral: { volumeClaimTemplate: { spec: { storageClassName: 'special', accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '2Gi' } } } } },
    };
    const r = rhdh({ deployment: { patch: { spec: { template: { spec: { containers: [{ name: 'backstage-backend', image: 'busybox' }], volumes: [volume] } } } } } });
    expect(r.errors).toEqual([]);
    expect(r.container().image).toBe('busybox');
    expect(r.pod().volumes.find((v: any) => v.name === 'my-volume')).toEqual(volume);
  });

  test('It creates Backstage with spec.deployment.kind=StatefulSet: a StatefulSet, no Deployment', () => {
    const r = rhdh({ deployment: { kind: 'StatefulSet' } });
    expect(r.errors).toEqual([]);
    expect(r.get('StatefulSet', 'backstage-bs')?.kind).toBe('StatefulSet');
    expect(r.get('Deployment', 'backstage-bs')).toBeUndefined();
  });

  test('It failed Backstage with unknown spec.deployment.kind: refused at spec.deployment.kind, nothing rendered', () => {
    const r = rhdh({ deployment: { kind: 'Unknown' } });
    expect(r.objects).toEqual([]);
    expect(r.results.filter((x) => x.severity === 'error').map((x) => x.field?.path)).toEqual(['spec.deployment.kind']);
    expect(r.errors.join('\n')).toMatch(/Deployment|StatefulSet/);
  });

  test('It changes strategy from RollingUpdate to Recreate: the patch sets Recreate and deletes rollingUpdate', () => {
    const r = rhdh({ deployment: { patch: { spec: { strategy: { type: 'Recreate', rollingUpdate: { $patch: 'delete' } } } } } });
    expect(r.errors).toEqual([]);
    expect((r.get('Deployment', 'backstage-bs') as any).spec.strategy).toEqual({ type: 'Recreate' });
  });
});

describe('db_test.go (release-1.10)', () => {
  test.each([
    ['It creates Backstage with disabled local DB and secret', { enableLocalDb: false, authSecretName: 'existing-secret' }],
    ['It creates Backstage with disabled local DB no secret', { enableLocalDb: false }],
  ])('%s: no database StatefulSet, Service or Secret; the Deployment', (_name, database) => {
    const r = rhdh({ database });
    expect(r.errors).toEqual([]);
    expect(r.objects.filter((o) => (o.metadata.name ?? '').startsWith('backstage-psql'))).toEqual([]);
    expect(r.get('Deployment', 'backstage-bs')).toBeDefined();
  });
});

describe('default-config_test.go (release-1.10)', () => {
  test('It creates runtime objects: the DB Secret (five keys, POSTGRES_USER postgres), its StatefulSet and Service, the Deployment (replicas left to the API server, which makes it 1)', () => {
    const r = rhdh({});
    expect(r.errors).toEqual([]);
    const dbSecret = r.get('Secret', 'backstage-psql-secret-bs') as any;
    expect(Object.keys(dbSecret.stringData).sort()).toEqual(['POSTGRESQL_ADMIN_PASSWORD', 'POSTGRES_HOST', 'POSTGRES_PASSWORD', 'POSTGRES_PORT', 'POSTGRES_USER']);
    expect(dbSecret.stringData.POSTGRES_USER).toBe('postgres');
    const db = r.get('StatefulSet', 'backstage-psql-bs') as any;
    expect(db.spec.template.spec.containers[0].envFrom).toEqual([{ secretRef: { name: 'backstage-psql-secret-bs' } }]);
    expect(r.get('Service', 'backstage-psql-bs')).toBeDefined();
    // the profile leaves replicas out on purpose (HPA); the API server defaults it to the 1 the spec reads
    expect((r.get('Deployment', 'backstage-bs') as any).spec.replicas).toBeUndefined();
  });

  test('It creates runtime object using raw configuration: the raw Deployment (busybox) and raw database StatefulSet', () => {
    const rawDeployment = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: bs1-deployment
spec:
  replicas: 1
  selector:
    matchLabels:
      app: bs1
  template:
    metadata:
      labels:
        app: bs1
    spec:
      containers:
        - name: backstage-backend
          image: busybox
      initContainers:
        - name: install-dynamic-plugins
          image: busybox
`;
    const rawFiles = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: raw-files\ndata:\n  raw.yaml: "x"\n';
    const rawDb = `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db-statefulset
spec:
  replicas: 1
  selector:
    matchLabels:
      app: db
  template:
    metadata:
      labels:
        app: db
    spec:
      containers:
        - name: postgresql
          image: busybox
`;
    const inputs = [configMap('bsraw', { 'deployment.yaml': rawDeployment, 'configmap-files.yaml': rawFiles }), configMap('dbraw', { 'db-statefulset.yaml': rawDb })];
    const r = rhdh({ rawRuntimeConfig: { backstageConfig: 'bsraw', localDbConfig: 'dbraw' } }, inputs);
    expect(r.errors).toEqual([]);
    const d = r.get('Deployment', 'backstage-bs') as any;
    expect(d.spec.replicas).toBe(1);
    expect(d.spec.template.spec.containers.map((c: any) => [c.name, c.image])).toEqual([['backstage-backend', 'busybox']]);
    expect(d.spec.template.spec.initContainers.map((c: any) => [c.name, c.image])).toEqual([['install-dynamic-plugins', 'busybox']]);
    const db = r.get('StatefulSet', 'backstage-psql-bs') as any;
    expect(db.spec.template.spec.containers.map((c: any) => [c.name, c.image])).toEqual([['postgresql', 'busybox']]);
  });
});

describe('plugin-deps_test.go (release-1.10)', () => {
  test('It creates plugin dependencies: the enabled plugin\'s ConfigMap and Secret; not the disabled plugin\'s, not an unlisted file\'s', () => {
    const files = {
      ...RHDH_110.files,
      'plugin-deps/plugin-dep.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: test-dependency\n---\napiVersion: v1\nkind: Secret\nmetadata:\n  name: test-dependency2\n',
      'plugin-deps/disabled-dep.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: test-dependency3\n',
      'plugin-deps/not-listed-dep.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: test-dependency4\n',
    };
    const plugins = `apiVersion: v1
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
    const r = render110({
      cr: backstage({ rawRuntimeConfig: { backstageConfig: 'dynaplugins' } }),
      inputs: [configMap('dynaplugins', { 'dynamic-plugins.yaml': plugins })],
      profile: { name: 'rhdh', files, operatorVersion: '1.10' },
      options: { platform: 'openshift', profile: 'rhdh' },
    });
    expect(r.errors).toEqual([]);
    const deps = r.objects.filter((o) => (o.metadata.name ?? '').startsWith('test-dependency'));
    expect(deps.map((o) => `${o.kind}/${o.metadata.name}`).sort()).toEqual(['ConfigMap/test-dependency', 'Secret/test-dependency2']);
  });
});

describe('pvcs_test.go (release-1.10)', () => {
  test('It creates specified PVCs and mounts to container: profile PVCs from the raw config, the CR\'s PVCs mounted', () => {
    const pvcs = `apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: myclaim1
  annotations:
    rhdh.redhat.com/mount-path: /mnt/rhdh-vol1
spec:
  accessModes:
    - ReadWriteOnce
  resources:
    requests:
      storage: 8Gi
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: myclaim2
  annotations:
    rhdh.redhat.com/mount-path: /mnt/rhdh-vol2
spec:
  accessModes:
    - ReadWriteOnce
  resources:
    requests:
      storage: 8Gi
`;
    const claim = (name: string): KObject => ({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name, namespace: NS }, spec: { accessModes: ['ReadWriteOnce'] } });
    const spec = { application: { extraFiles: { pvcs: [{ name: 'my-pvc1' }, { name: 'my-pvc2', mountPath: '/my/pvc2/path' }] } }, rawRuntimeConfig: { backstageConfig: 'pvc-conf' } };
    const r = rhdh(spec, [configMap('pvc-conf', { 'pvcs.yaml': pvcs }), claim('my-pvc1'), claim('my-pvc2')]);
    expect(r.errors).toEqual([]);
    expect(r.objects.filter((o) => o.kind === 'PersistentVolumeClaim').map((o) => o.metadata.name)).toEqual(['backstage-pvcs-bs-myclaim1', 'backstage-pvcs-bs-myclaim2']);
    const names = ['backstage-pvcs-bs-myclaim1', 'backstage-pvcs-bs-myclaim2', 'my-pvc1', 'my-pvc2'];
    expect(r.pod().volumes.filter((v: any) => names.includes(v.name))).toEqual(names.map((n) => ({ name: n, persistentVolumeClaim: { claimName: n } })));
    expect(mountsOf(r.container(), names)).toEqual([
      { name: 'backstage-pvcs-bs-myclaim1', mountPath: '/mnt/rhdh-vol1' },
      { name: 'backstage-pvcs-bs-myclaim2', mountPath: '/mnt/rhdh-vol2' },
      { name: 'my-pvc1', mountPath: '/opt/app-root/src/my-pvc1', subPath: 'my-pvc1' },
      { name: 'my-pvc2', mountPath: '/my/pvc2/path' },
    ]);
  });
});

describe('pvcs_test.go (release-1.10): the rendered part of the cluster-only specs', () => {
  test.each([
    ['It creates PV dynamically with configured by default PVC', undefined],
    ['It bounds configured by default PVC with precreated PV', 'my-pvctest-storage'],
  ])('%s: the profile PVCs (raw config) as objects, mounted at their annotation paths', (_name, storageClassName) => {
    const pvc = (n: number) =>
      `apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: myclaim${n}\n  annotations:\n    rhdh.redhat.com/mount-path: /mnt/rhdh-vol${n}\nspec:\n  accessModes:\n    - ReadWriteOnce\n  resources:\n    requests:\n      storage: 1Gi\n${storageClassName ? `  storageClassName: ${storageClassName}\n` : ''}`;
    const r = rhdh({ rawRuntimeConfig: { backstageConfig: 'pvc-conf' } }, [configMap('pvc-conf', { 'pvcs.yaml': `${pvc(1)}---\n${pvc(2)}` })]);
    expect(r.errors).toEqual([]);
    expect(r.get('PersistentVolumeClaim', 'backstage-pvcs-bs-myclaim1')).toEqual({
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: {
        name: 'backstage-pvcs-bs-myclaim1',
        namespace: NS,
        labels: { 'app.kubernetes.io/instance': 'bs', 'app.kubernetes.io/name': 'backstage' },
        annotations: { 'rhdh.redhat.com/mount-path': '/mnt/rhdh-vol1', 'rhdh.redhat.com/configured-name': 'myclaim1' },
      },
      spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, ...(storageClassName ? { storageClassName } : {}) },
    });
    const names = ['backstage-pvcs-bs-myclaim1', 'backstage-pvcs-bs-myclaim2'];
    expect(mountsOf(r.container(), names)).toEqual([
      { name: names[0], mountPath: '/mnt/rhdh-vol1' },
      { name: names[1], mountPath: '/mnt/rhdh-vol2' },
    ]);
  });
});

describe('cr-compatibility_test.go (release-1.10)', () => {
  test('It verifies prev and current version API compatibility: a v1alpha4 and a v1alpha5 CR side by side each render their Deployment', () => {
    const prev: KObject = {
      apiVersion: 'rhdh.redhat.com/v1alpha4',
      kind: 'Backstage',
      metadata: { name: 'bs-v1alpha4', namespace: NS },
      spec: { application: { appConfig: { configMaps: [{ name: 'default-app-config' }] } } },
    };
    const current = backstage({ application: { appConfig: { configMaps: [{ name: 'default-app-config-v4' }] } } }, 'bs-current');
    const inputs = [
      configMap('default-app-config', { 'app-config.yaml': 'app:\n  title: Test App v1alpha4\n' }),
      configMap('default-app-config-v4', { 'app-config.yaml': 'app:\n  title: Test App current version\n' }),
    ];
    const res = renderBackstage({ items: [prev, current, ...inputs], options: { platform: 'openshift', profile: 'rhdh', operatorVersion: '1.10', secretSeed: 's' }, profile: RHDH_110 });
    expect(res.results.filter((x) => x.severity === 'error')).toEqual([]);
    const deployments = res.generated.filter((o) => o.kind === 'Deployment');
    expect(deployments.map((o) => o.metadata.name)).toEqual(['backstage-bs-current', 'backstage-bs-v1alpha4']);
    for (const d of deployments) {
      const args = (d as any).spec.template.spec.containers[0].args;
      expect(args.slice(-2)).toEqual(['--config', '/opt/app-root/src/app-config.yaml']);
    }
  });
});

describe('rhdh-config_test.go (release-1.10)', () => {
  test.each(['openshift', 'kubernetes'] as const)('It tests rhdh config (%s): the objects, the init and backend mounts, NPM_CONFIG_USERCONFIG, args, platform patches, base URLs', (platform) => {
    const r = rhdh({}, [], platform);
    expect(r.errors).toEqual([]);
    for (const [kind, name] of [['StatefulSet', 'backstage-psql-bs'], ['Service', 'backstage-bs'], ['ConfigMap', 'backstage-dynamic-plugins-bs'], ['ConfigMap', 'backstage-appconfig-bs-default-appconfig']]) {
      expect(r.get(kind, name)).toBeDefined();
    }
    const init = r.container('install-dynamic-plugins');
    const byName = (ms: any[]) => Object.fromEntries(ms.map((m) => [m.name, [m.mountPath, m.subPath ?? '']]));
    expect(byName(init.volumeMounts)).toEqual({
      'dynamic-plugins-root': ['/dynamic-plugins-root', ''],
      'backstage-files-bs-dynamic-plugins-npmrc': ['/opt/app-root/src/.npmrc.dynamic-plugins', ''],
      'dynamic-plugins-registry-auth': ['/opt/app-root/src/.config/containers', ''],
      npmcacache: ['/opt/app-root/src/.npm/_cacache', ''],
      'backstage-dynamic-plugins-bs': ['/opt/app-root/src/dynamic-plugins.yaml', 'dynamic-plugins.yaml'],
      'extensions-catalog': ['/extensions', ''],
      temp: ['/tmp', ''],
    });
    expect(init.env[0]).toEqual({ name: 'NPM_CONFIG_USERCONFIG', value: '/opt/app-root/src/.npmrc.dynamic-plugins/.npmrc' });
    const backend = r.container();
    expect(backend.args).toEqual(['--config', 'dynamic-plugins-root/app-config.dynamic-plugins.yaml', '--config', '/opt/app-root/src/default.app-config.yaml']);
    expect(Object.fromEntries(backend.volumeMounts.map((m: any) => [m.mountPath, [m.name, m.subPath ?? '']]))).toEqual({
      '/opt/app-root/src/dynamic-plugins-root': ['dynamic-plugins-root', ''],
      '/opt/app-root/src/default.app-config.yaml': ['backstage-appconfig-bs-default-appconfig', 'default.app-config.yaml'],
      '/extensions': ['extensions-catalog', ''],
      '/tmp': ['temp', ''],
    });
    const fsGroups = [r.pod().securityContext?.fsGroup, (r.get('StatefulSet', 'backstage-psql-bs') as any).spec.template.spec.securityContext?.fsGroup];
    const serviceType = (r.get('Service', 'backstage-bs') as any).spec.type;
    const appConfig = (r.get('ConfigMap', 'backstage-appconfig-bs-default-appconfig')!.data as Record<string, string>)['default.app-config.yaml'];
    if (platform === 'openshift') {
      expect(fsGroups).toEqual([undefined, undefined]);
      expect(serviceType ?? 'ClusterIP').toBe('ClusterIP');
      expect(appConfig).toContain('baseUrl: https://backstage-bs-ns123.apps.example.com');
    } else {
      expect(fsGroups.every((g) => typeof g === 'number')).toBe(true);
      expect(serviceType).toBe('NodePort');
      expect(appConfig).not.toContain('baseUrl');
    }
  });

  test('It replaces dynamic-plugins-root volume: $patch: replace puts a PVC in place of the ephemeral volume', () => {
    const r = rhdh({
      deployment: { patch: { spec: { template: { spec: { volumes: [{ $patch: 'replace', name: 'dynamic-plugins-root', persistentVolumeClaim: { claimName: 'dynamic-plugins-root-pvc' } }] } } } } },
    });
    expect(r.errors).toEqual([]);
    expect(r.pod().volumes.find((v: any) => v.name === 'dynamic-plugins-root')).toEqual({ name: 'dynamic-plugins-root', persistentVolumeClaim: { claimName: 'dynamic-plugins-root-pvc' } });
  });

  test('It replaces .npmrc: the CR Secret takes the place of the profile\'s .npmrc mount in the init container', () => {
    const spec = { application: { extraFiles: { secrets: [{ name: 'my-dynamic-plugins-npmrc', mountPath: '/opt/app-root/src/.npmrc.dynamic-plugins', containers: ['install-dynamic-plugins'] }] } } };
    const r = rhdh(spec, [secret('my-dynamic-plugins-npmrc', { '.npmrc': 'new-npmrc' })]);
    expect(r.errors).toEqual([]);
    expect(r.pod().initContainers.map((c: any) => c.name)).toEqual(['install-dynamic-plugins', 'init-rag-data']);
    expect(r.pod().initContainers[0].volumeMounts.filter((m: any) => m.mountPath === '/opt/app-root/src/.npmrc.dynamic-plugins')).toEqual([
      { name: 'my-dynamic-plugins-npmrc', mountPath: '/opt/app-root/src/.npmrc.dynamic-plugins' },
    ]);
  });

  test('It creates rhdh with default Lightspeed flavour: flavour-lightspeed objects, lightspeed-core and init-rag-data with their resources', () => {
    const r = rhdh({ flavours: [{ name: 'lightspeed', enabled: true }] });
    expect(r.errors).toEqual([]);
    expect(r.objects.some((o) => o.kind === 'ConfigMap' && o.metadata.annotations?.['rhdh.redhat.com/source'] === 'flavour-lightspeed')).toBe(true);
    expect(containerNamed(r, 'lightspeed-core').resources).toEqual({ requests: { cpu: '100m', memory: '512Mi' }, limits: { cpu: '1000m', memory: '2Gi' } });
    expect(r.container('init-rag-data').resources).toEqual({ requests: { cpu: '50m', memory: '150Mi' }, limits: { cpu: '100m', memory: '500Mi' } });
  });
});

describe('route_test.go (release-1.10)', () => {
  test.each([
    ['route disabled', { enabled: false }, undefined],
    ['route with subdomain', { subdomain: 'test' }, 'https://test.apps.example.com'],
    ['route with host', { host: 'host.example.com', subdomain: 'test' }, 'https://host.example.com'],
  ])('It creates Backstage object (on Openshift) - %s: the Route and the base URL in the default app-config', (_name, route, url) => {
    const r = rhdh({ application: { route } });
    expect(r.errors).toEqual([]);
    expect(r.get('Route', 'backstage-bs') !== undefined).toBe(url !== undefined);
    const appConfig = (r.get('ConfigMap', 'backstage-appconfig-bs-default-appconfig')!.data as Record<string, string>)['default.app-config.yaml'];
    if (url) expect(appConfig).toContain(`app:\n  baseUrl: ${url}\n`);
    else expect(appConfig).not.toContain('baseUrl');
  });
});

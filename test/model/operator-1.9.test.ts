// Operator 1.9 (tag 1.9.8), ported from its pkg/model tests (pvcs_test.go TestDefaultPvcs,
// TestSpecifiedPvcs; secretfiles_test.go TestDefaultSecretFiles, TestDefaultMultiSecretFiles;
// configmapfiles_test.go TestDefaultConfigMapFiles, TestReplaceFiles; appconfig_test.go
// TestDefaultAppConfig (names), TestDefaultAndSpecifiedAppConfig; dynamic-plugins_test.go
// TestCatalogIndexImageUserPatchTakesPrecedence, and in test/model/deployment.test.ts
// TestCatalogIndexImageOverridesDefaultConfig / TestCatalogIndexImageExtraEnvsOverride) with inputs written here: where 1.9 names and
// mounts the profile's objects differently from 1.10 (docs/operator-versions.md).
import { build, errorsOf } from './helpers';
import { cm, containerOf, crOf, LABELS, podSpecOf, testProfile } from './fixtures';

const noDb = { database: { enableLocalDb: false } };
const v19 = { operatorVersion: '1.9' as const };

const PVCS = `apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: myclaim1
spec:
  resources:
    requests:
      storage: 8Gi
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: myclaim2
  annotations:
    rhdh.redhat.com/mount-path: /mount/path/from/annotation
spec:
  resources:
    requests:
      storage: 8Gi
`;

describe('operator 1.9', () => {
  test('TestDefaultPvcs: backstage-<cr>-<claim>, mounted at <workingDir>/<name> with that sub-path, or the annotation path', () => {
    const b = build({ cr: crOf(noDb), profile: testProfile({ 'default-config/pvcs.yaml': PVCS }), options: v19 });
    expect(errorsOf(b.results)).toEqual([]);
    expect(b.byKey('PersistentVolumeClaim', 'backstage-bs1-myclaim1')).toEqual({
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: { name: 'backstage-bs1-myclaim1', namespace: 'ns1', labels: LABELS, annotations: { 'rhdh.redhat.com/configured-name': 'myclaim1' } },
      spec: { resources: { requests: { storage: '8Gi' } } },
    });
    const d = b.byKey('Deployment', 'backstage-bs1');
    const v = (n: string) => ({ name: `backstage-bs1-${n}`, persistentVolumeClaim: { claimName: `backstage-bs1-${n}` } });
    expect(podSpecOf(d).volumes).toEqual([v('myclaim1'), v('myclaim2')]);
    expect(containerOf(d).volumeMounts).toEqual([
      { name: 'backstage-bs1-myclaim1', mountPath: '/opt/app/backstage-bs1-myclaim1', subPath: 'backstage-bs1-myclaim1' },
      { name: 'backstage-bs1-myclaim2', mountPath: '/mount/path/from/annotation' },
    ]);
    // 1.10 names the same claims backstage-pvcs-<cr>-<claim>: an upgrade renames them (new, empty volumes).
    const b10 = build({ cr: crOf(noDb), profile: testProfile({ 'default-config/pvcs.yaml': PVCS }), options: { operatorVersion: '1.10' } });
    expect(b10.model.objects.filter((o) => o.kind === 'PersistentVolumeClaim').map((o) => o.metadata.name)).toEqual(['backstage-pvcs-bs1-myclaim1', 'backstage-pvcs-bs1-myclaim2']);
  });

  test('TestSpecifiedPvcs: the CR\'s PVCs as in 1.10 (<mountPath>/<name> with a sub-path, or their own mountPath)', () => {
    const cr = crOf({ ...noDb, application: { extraFiles: { pvcs: [{ name: 'my-pvc1' }, { name: 'my-pvc2', mountPath: '/my/pvc/path' }] } } });
    const d = build({ cr, profile: testProfile(), options: v19 }).byKey('Deployment', 'backstage-bs1');
    expect(containerOf(d).volumeMounts).toEqual([
      { name: 'my-pvc1', mountPath: '/opt/app-root/src/my-pvc1', subPath: 'my-pvc1' },
      { name: 'my-pvc2', mountPath: '/my/pvc/path' },
    ]);
  });

  test('the default app-config ConfigMap is backstage-appconfig-<cr> (one object, no configured-name)', () => {
    const profile = testProfile({ 'default-config/app-config.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: my-backstage-config-cm1\ndata:\n  default.app-config.yaml: "a: 1"\n' });
    const b = build({ cr: crOf(noDb), profile, options: v19 });
    expect(b.byKey('ConfigMap', 'backstage-appconfig-bs1')).toEqual({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'backstage-appconfig-bs1', namespace: 'ns1', labels: LABELS },
      data: { 'default.app-config.yaml': 'a: 1' },
    });
    const d = b.byKey('Deployment', 'backstage-bs1');
    expect(containerOf(d).volumeMounts).toEqual([{ name: 'backstage-appconfig-bs1', readOnly: true, mountPath: '/opt/app/default.app-config.yaml', subPath: 'default.app-config.yaml' }]);
    expect(containerOf(d).args).toEqual(['--config', '/opt/app/default.app-config.yaml']);
  });

  test('app-config, configmap-files and configmap-envs hold one object in 1.9: two are an error (several since 1.10)', () => {
    const two = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n  a.yaml: "a: 1"\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: b\ndata:\n  b.yaml: "b: 1"\n';
    for (const key of ['app-config.yaml', 'configmap-files.yaml', 'configmap-envs.yaml']) {
      const b = build({ cr: crOf(noDb), profile: testProfile({ [`default-config/${key}`]: two }), options: v19 });
      expect([key, errorsOf(b.results).map((r) => r.message)]).toEqual([key, [expect.stringContaining(`multiple objects not expected for: ${key}`)]]);
      expect(errorsOf(build({ cr: crOf(noDb), profile: testProfile({ [`default-config/${key}`]: two }), options: { operatorVersion: '1.10' } }).results)).toEqual([]);
    }
  });

  test('TestDefaultConfigMapFiles: backstage-files-<cr>, one file per key under workingDir (1.10 mounts the directory)', () => {
    const files = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: my-files\ndata:\n  a.txt: a\n  b.txt: b\n';
    const b = build({ cr: crOf(noDb), profile: testProfile({ 'default-config/configmap-files.yaml': files }), options: v19 });
    expect(b.byKey('ConfigMap', 'backstage-files-bs1')?.metadata).toEqual({ name: 'backstage-files-bs1', namespace: 'ns1', labels: LABELS });
    const d = b.byKey('Deployment', 'backstage-bs1');
    expect(containerOf(d).volumeMounts).toEqual([
      { name: 'backstage-files-bs1', readOnly: true, mountPath: '/opt/app/a.txt', subPath: 'a.txt' },
      { name: 'backstage-files-bs1', readOnly: true, mountPath: '/opt/app/b.txt', subPath: 'b.txt' },
    ]);
    const d10 = build({ cr: crOf(noDb), profile: testProfile({ 'default-config/configmap-files.yaml': files }), options: { operatorVersion: '1.10' } }).byKey('Deployment', 'backstage-bs1');
    expect(containerOf(d10).volumeMounts).toEqual([{ name: 'backstage-files-bs1-my-files', mountPath: '/opt/app' }]);
  });

  test('TestDefaultSecretFiles / TestDefaultMultiSecretFiles: one Secret is backstage-files-<cr>; several are suffixed and annotated; unannotated ones under <workingDir>/<name>', () => {
    const npmrc = 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: dynamic-plugins-npmrc\n  annotations:\n    rhdh.redhat.com/mount-path: /opt/app-root/src/.npmrc.dynamic-plugins\n    rhdh.redhat.com/containers: install-dynamic-plugins\nstringData:\n  .npmrc: "x"\n';
    const one = build({ cr: crOf(noDb), profile: testProfile({ 'default-config/secret-files.yaml': npmrc }), options: v19 });
    expect(one.byKey('Secret', 'backstage-files-bs1')?.metadata).toEqual({
      name: 'backstage-files-bs1',
      namespace: 'ns1',
      labels: LABELS,
      annotations: { 'rhdh.redhat.com/mount-path': '/opt/app-root/src/.npmrc.dynamic-plugins', 'rhdh.redhat.com/containers': 'install-dynamic-plugins' },
    });
    expect(containerOf(one.byKey('Deployment', 'backstage-bs1'), 'install-dynamic-plugins').volumeMounts).toEqual([
      { name: 'backstage-files-bs1', mountPath: '/opt/app-root/src/.npmrc.dynamic-plugins' },
    ]);
    const plain = 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: plain\nstringData:\n  k1: "1"\n';
    const two = build({ cr: crOf(noDb), profile: testProfile({ 'default-config/secret-files.yaml': `${npmrc}---\n${plain}` }), options: v19 });
    expect(two.model.objects.filter((o) => o.kind === 'Secret').map((o) => [o.metadata.name, o.metadata.annotations?.['rhdh.redhat.com/configured-name']])).toEqual([
      ['backstage-files-bs1-dynamic-plugins-npmrc', 'dynamic-plugins-npmrc'],
      ['backstage-files-bs1-plain', 'plain'],
    ]);
    expect(containerOf(two.byKey('Deployment', 'backstage-bs1')).volumeMounts).toEqual([
      { name: 'backstage-files-bs1-plain', readOnly: true, mountPath: '/opt/app/backstage-files-bs1-plain/k1', subPath: 'k1' },
    ]);
  });

  test('secret-envs: one Secret is backstage-envs-<cr>, annotated with its configured name; configmap-envs backstage-envs-<cr>', () => {
    const s = 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: my-env\nstringData:\n  A: "1"\n';
    const c = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: my-cm-env\ndata:\n  B: "2"\n';
    const b = build({ cr: crOf(noDb), profile: testProfile({ 'default-config/secret-envs.yaml': s, 'default-config/configmap-envs.yaml': c }), options: v19 });
    expect(b.byKey('Secret', 'backstage-envs-bs1')?.metadata.annotations).toEqual({ 'rhdh.redhat.com/configured-name': 'my-env' });
    expect(b.byKey('ConfigMap', 'backstage-envs-bs1')?.metadata).toEqual({ name: 'backstage-envs-bs1', namespace: 'ns1', labels: LABELS });
    expect(containerOf(b.byKey('Deployment', 'backstage-bs1')).envFrom).toEqual([{ configMapRef: { name: 'backstage-envs-bs1' } }, { secretRef: { name: 'backstage-envs-bs1' } }]);
  });

  test('spec.flavours is not in 1.9\'s CRD: a warning, no flavour read', () => {
    const profile = testProfile({ 'default-config/flavours/f1/metadata.yaml': 'enabledByDefault: true\n', 'default-config/flavours/f1/configmap-files.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: f\ndata:\n  f: f\n' });
    const b = build({ cr: crOf({ ...noDb, flavours: [{ name: 'f1' }] }), profile, options: v19 });
    expect(errorsOf(b.results)).toEqual([]);
    expect(b.results.map((r) => r.field?.path)).toContain('spec.flavours');
    expect(b.model.objects.some((o) => o.metadata.name?.startsWith('backstage-files'))).toBe(false);
  });

  test('an overlay entry without `disabled: true` re-enables a plugin the profile disables (1.9 and 1.10; not main)', () => {
    const dp = (text: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: dp\ndata:\n  dynamic-plugins.yaml: |\n${text.replace(/^/gm, '    ')}\n`;
    const profile = testProfile({ 'default-config/dynamic-plugins.yaml': dp('plugins:\n  - package: a\n    disabled: true') });
    const cr = crOf({ ...noDb, application: { dynamicPluginsConfigMapName: 'mine' } });
    const mine = cm('mine', { 'dynamic-plugins.yaml': 'plugins:\n  - package: a\n    disabled: false\n' });
    const activation = (operatorVersion: '1.9' | '1.10' | 'main') => build({ cr, profile, inputs: [mine], options: { operatorVersion } }).model.dynamicPlugins?.plugins?.[0].disabled;
    expect([activation('1.9'), activation('1.10'), activation('main')]).toEqual([false, false, true]);
  });

  test('explicit empty `dependencies: []` and `includes: []` in the CR\'s ConfigMap clear the profile\'s since 1.10, not in 1.9', () => {
    const dp = (text: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: dp\ndata:\n  dynamic-plugins.yaml: |\n${text.replace(/^/gm, '    ')}\n`;
    const profile = testProfile({ 'default-config/dynamic-plugins.yaml': dp('includes:\n  - base.yaml\nplugins:\n  - package: a\n    dependencies:\n      - ref: x') });
    const cr = crOf({ ...noDb, application: { dynamicPluginsConfigMapName: 'mine' } });
    const mine = cm('mine', { 'dynamic-plugins.yaml': 'includes: []\nplugins:\n  - package: a\n    dependencies: []\n' });
    const merged = (operatorVersion: '1.9' | '1.10') => build({ cr, profile, inputs: [mine], options: { operatorVersion } }).model.dynamicPlugins;
    expect(merged('1.9')).toEqual({ includes: ['base.yaml'], plugins: [{ package: 'a', disabled: false, dependencies: [{ ref: 'x' }] }] });
    expect(merged('1.10')).toEqual({ plugins: [{ package: 'a', disabled: false }] });
  });

  test('v1alpha3 is still served by 1.9\'s CRD: no "not served" warning there (there is since 1.10)', () => {
    const cr = crOf(noDb, {}, 'rhdh.redhat.com/v1alpha3');
    const notServed = (operatorVersion: '1.9' | '1.10') => build({ cr, profile: testProfile(), options: { operatorVersion } }).results.some((r) => /is not served/.test(r.message));
    expect([notServed('1.9'), notServed('1.10')]).toEqual([false, true]);
  });

  test('TestReplaceFiles: the CR\'s file mounted at the same path replaces the profile\'s one-file mount', () => {
    const files = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: my-files\ndata:\n  dynamic-plugins123.yaml: a\n';
    const cr = crOf({ ...noDb, application: { extraFiles: { configMaps: [{ name: 'cr-files', mountPath: '/opt/app', key: 'dynamic-plugins123.yaml' }] } } });
    const b = build({ cr, profile: testProfile({ 'default-config/configmap-files.yaml': files }), inputs: [cm('cr-files', { 'dynamic-plugins123.yaml': 'b' })], options: v19 });
    expect(containerOf(b.byKey('Deployment', 'backstage-bs1')).volumeMounts).toEqual([
      { name: 'cr-files', readOnly: true, mountPath: '/opt/app/dynamic-plugins123.yaml', subPath: 'dynamic-plugins123.yaml' },
    ]);
  });

  test('TestDefaultAndSpecifiedAppConfig: the default and the CR\'s app-config, two mounts, four args, two volumes', () => {
    const profile = testProfile({ 'default-config/app-config.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  default.yaml: "a: 1"\n' });
    const cr = crOf({ ...noDb, application: { appConfig: { configMaps: [{ name: 'app-config1' }] } } });
    const d = build({ cr, profile, inputs: [cm('app-config1', { 'conf.yaml': 'b: 1' })], options: v19 }).byKey('Deployment', 'backstage-bs1');
    expect(containerOf(d).args).toEqual(['--config', '/opt/app/default.yaml', '--config', '/opt/app-root/src/conf.yaml']);
    expect(podSpecOf(d).volumes.map((v: { name: string }) => v.name)).toEqual(['backstage-appconfig-bs1', 'app-config1']);
    expect(containerOf(d).volumeMounts.map((m: { name: string }) => m.name)).toEqual(['backstage-appconfig-bs1', 'app-config1']);
  });

  test('TestCatalogIndexImageUserPatchTakesPrecedence: a CATALOG_INDEX_IMAGE the patch sets wins over RELATED_IMAGE_catalog_index', () => {
    const patch = { spec: { template: { spec: { initContainers: [{ name: 'install-dynamic-plugins', env: [{ name: 'CATALOG_INDEX_IMAGE', value: 'quay.io/user-specified/image:2.0' }] }] } } } };
    const b = build({ cr: crOf({ ...noDb, deployment: { patch } }), profile: testProfile(), options: { ...v19, catalogIndexImage: 'quay.io/rhdh/plugin-catalog-index:related-image' } });
    expect(containerOf(b.byKey('Deployment', 'backstage-bs1'), 'install-dynamic-plugins').env).toEqual([{ name: 'CATALOG_INDEX_IMAGE', value: 'quay.io/user-specified/image:2.0' }]);
  });

  test('deployment-patch-list-merge-mode came with 1.10: 1.9 ignores prepend (a warning) and appends the patch\'s init container', () => {
    const patch = { spec: { template: { spec: { initContainers: [{ name: 'first', image: 'registry.test/first:1' }] } } } };
    const cr = crOf({ ...noDb, deployment: { patch } }, { annotations: { 'rhdh.redhat.com/deployment-patch-list-merge-mode': 'prepend' } });
    const order = (operatorVersion: '1.9' | '1.10') => {
      const b = build({ cr, profile: testProfile(), options: { operatorVersion } });
      return { inits: podSpecOf(b.byKey('Deployment', 'backstage-bs1')).initContainers.map((c: { name: string }) => c.name), warned: b.results.some((r) => r.field?.path === 'metadata.annotations.rhdh.redhat.com/deployment-patch-list-merge-mode') };
    };
    expect(order('1.9')).toEqual({ inits: ['install-dynamic-plugins', 'first'], warned: true });
    expect(order('1.10')).toEqual({ inits: ['first', 'install-dynamic-plugins'], warned: false });
  });
});

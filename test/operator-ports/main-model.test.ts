// Ports of the operator main's (c0cb1c9) pkg/model tests, rendered as operator main. Each test is
// named after the Go test it ports; the inputs are written here (main-profile.ts). Go tests that
// other files already port, or that do not apply, are rows of test/operator-ports/main.ts.
import { errorsOf } from '../model/helpers';
import { cm, containerOf, crOf, LABELS, podSpecOf, pvc, secret, testProfile } from '../model/fixtures';
import { buildMain, DEFAULT_PLUGINS, FOUR_CONTAINERS, mainProfile, RHDH_LIKE } from './main-profile';

const noDb = { database: { enableLocalDb: false } };
const cmVol = (n: string) => ({ name: n, configMap: { name: n, defaultMode: 420, optional: false } });
const secVol = (n: string, secretName = n) => ({ name: n, secret: { secretName, defaultMode: 420, optional: false } });
const sub = (name: string, mountPath: string, subPath: string) => ({ name, readOnly: true, mountPath, subPath });
const names = (xs: Array<{ name: string }> | undefined) => (xs ?? []).map((x) => x.name);
const messages = (b: { results: Array<{ severity: string; message: string }> }) => errorsOf(b.results as never).map((r) => r.message);

const APP_CONFIG = `apiVersion: v1
kind: ConfigMap
metadata:
  name: base-app-config
data:
  base.app-config.yaml: |
    app:
      title: t
`;

describe('appconfig_test.go (main)', () => {
  const crBase = (appConfig: Record<string, unknown>) => crOf({ database: {}, application: { appConfig: { mountPath: '/my/path', configMaps: [], ...appConfig } } });

  test('TestDefaultAppConfig: one mount by sub-path under the working dir, one --config, one volume', () => {
    const b = buildMain({ cr: crBase({}), profile: mainProfile({ 'default-config/app-config.yaml': APP_CONFIG }), options: { platform: 'kubernetes' } });
    expect(messages(b)).toEqual([]);
    const d = b.byKey('Deployment', 'backstage-bs1');
    const n = 'backstage-appconfig-bs1-base-app-config';
    expect(containerOf(d).volumeMounts).toEqual([sub(n, '/opt/app/base.app-config.yaml', 'base.app-config.yaml')]);
    expect(containerOf(d).args).toEqual(['--config', '/opt/app/base.app-config.yaml']);
    expect(podSpecOf(d).volumes).toEqual([cmVol(n)]);
  });

  test('TestSpecifiedAppConfig: shared mount path, own mount path, key; six args', () => {
    const cr = crBase({ mountPath: '/app/src', configMaps: [{ name: 'app-config1' }, { name: 'app-config2', mountPath: '/my/appconfig' }, { name: 'app-config3', key: 'conf31.yaml' }] });
    const inputs = [cm('app-config1', { 'conf.yaml': 'a: 1' }), cm('app-config2', { 'conf21.yaml': '' }), cm('app-config3', { 'conf31.yaml': '' })];
    const b = buildMain({ cr, profile: mainProfile(), inputs, options: { platform: 'kubernetes' } });
    expect(messages(b)).toEqual([]);
    const d = b.byKey('Deployment', 'backstage-bs1');
    expect(podSpecOf(d).volumes).toEqual([cmVol('app-config1'), cmVol('app-config2'), cmVol('app-config3')]);
    expect(containerOf(d).volumeMounts).toEqual([
      sub('app-config1', '/app/src/conf.yaml', 'conf.yaml'),
      { name: 'app-config2', mountPath: '/my/appconfig' },
      sub('app-config3', '/app/src/conf31.yaml', 'conf31.yaml'),
    ]);
    expect(containerOf(d).args).toEqual(['--config', '/app/src/conf.yaml', '--config', '/my/appconfig/conf21.yaml', '--config', '/app/src/conf31.yaml']);
  });

  test('TestDefaultAndSpecifiedAppConfig: profile one first, then the CR one; four args; volume order = mount order', () => {
    const cr = crBase({ configMaps: [{ name: 'app-config1' }] });
    const b = buildMain({ cr, profile: mainProfile({ 'default-config/app-config.yaml': APP_CONFIG }), inputs: [cm('app-config1', { 'conf.yaml': 'a: 1' })] });
    expect(messages(b)).toEqual([]);
    const d = b.byKey('Deployment', 'backstage-bs1');
    const n = 'backstage-appconfig-bs1-base-app-config';
    expect(podSpecOf(d).volumes).toEqual([cmVol(n), cmVol('app-config1')]);
    expect(containerOf(d).volumeMounts).toEqual([sub(n, '/opt/app/base.app-config.yaml', 'base.app-config.yaml'), sub('app-config1', '/my/path/conf.yaml', 'conf.yaml')]);
    expect(containerOf(d).args).toEqual(['--config', '/opt/app/base.app-config.yaml', '--config', '/my/path/conf.yaml']);
  });
});

const CM_ENVS = `apiVersion: v1
kind: ConfigMap
metadata:
  name: envs
data:
  E1: "1"
`;

describe('configmapenvs_test.go (main)', () => {
  test('TestDefaultConfigMapEnvFrom: the profile ConfigMap as envFrom, no env', () => {
    const b = buildMain({ cr: crOf(noDb), profile: mainProfile({ 'default-config/configmap-envs.yaml': CM_ENVS }) });
    expect(messages(b)).toEqual([]);
    const c = containerOf(b.byKey('Deployment', 'backstage-bs1'));
    expect([c.envFrom, c.env]).toEqual([[{ configMapRef: { name: 'backstage-envs-bs1-envs' } }], undefined]);
  });

  test('TestSpecifiedConfigMapEnvs: a key of the CR ConfigMap as env valueFrom', () => {
    const cr = crOf({ ...noDb, application: { extraEnvs: { configMaps: [{ name: 'mapName', key: 'ENV1' }] } } });
    const b = buildMain({ cr, profile: mainProfile(), inputs: [cm('mapName', { ENV1: 'x' })] });
    expect(messages(b)).toEqual([]);
    expect(containerOf(b.byKey('Deployment', 'backstage-bs1')).env).toEqual([{ name: 'ENV1', valueFrom: { configMapKeyRef: { name: 'mapName', key: 'ENV1' } } }]);
  });

  test('TestDefaultAndSpecifiedConfigMapEnvFrom: one envFrom (profile), one env (CR key)', () => {
    const cr = crOf({ ...noDb, application: { extraEnvs: { configMaps: [{ name: 'mapName', key: 'ENV1' }] } } });
    const b = buildMain({ cr, profile: mainProfile({ 'default-config/configmap-envs.yaml': CM_ENVS }), inputs: [cm('mapName', { ENV1: 'x' })] });
    const c = containerOf(b.byKey('Deployment', 'backstage-bs1'));
    expect([c.envFrom, c.env]).toEqual([[{ configMapRef: { name: 'backstage-envs-bs1-envs' } }], [{ name: 'ENV1', valueFrom: { configMapKeyRef: { name: 'mapName', key: 'ENV1' } } }]]);
  });

  test('TestSpecifiedCMEnvsWithContainers: named containers only, then "*" for all four', () => {
    const env = { name: 'ENV1', valueFrom: { configMapKeyRef: { name: 'cmName', key: 'ENV1' } } };
    const run = (containers: string[]) =>
      buildMain({
        cr: crOf({ ...noDb, application: { extraEnvs: { configMaps: [{ name: 'cmName', key: 'ENV1', containers }] } } }),
        profile: mainProfile({ 'default-config/deployment.yaml': FOUR_CONTAINERS }),
        inputs: [cm('cmName', { ENV1: 'x' })],
      }).byKey('Deployment', 'backstage-bs1');
    const d = run(['install-dynamic-plugins', 'another-container']);
    expect(['install-dynamic-plugins', 'another-container', 'backstage-backend', 'another-init-container'].map((n) => containerOf(d, n).env)).toEqual([[env], [env], undefined, undefined]);
    const all = run(['*']);
    expect(['install-dynamic-plugins', 'another-container', 'backstage-backend', 'another-init-container'].map((n) => containerOf(all, n).env)).toEqual([[env], [env], [env], [env]]);
  });

  test('TestCMEnvsWithNonExistedContainerFailed: a container the Deployment does not have is an error naming it', () => {
    const cr = crOf({ ...noDb, application: { extraEnvs: { configMaps: [{ name: 'cmName', key: 'ENV1', containers: ['install-dynamic-plugins', 'another-container'] }] } } });
    const b = buildMain({ cr, profile: mainProfile(), inputs: [cm('cmName', { ENV1: 'x' })] });
    expect(messages(b)).toEqual([expect.stringContaining('another-container not found')]);
  });

  test('TestMultiObjectConfigMapEnvsInDefaultConfig: two profile ConfigMaps, two envFrom with the multi-object names', () => {
    const two = `${CM_ENVS.replace('name: envs', 'name: cm-envs-1')}---\n${CM_ENVS.replace('name: envs', 'name: cm-envs-2')}`;
    const b = buildMain({ cr: crOf(noDb), profile: mainProfile({ 'default-config/configmap-envs.yaml': two }) });
    const c = containerOf(b.byKey('Deployment', 'backstage-bs1'));
    expect([c.envFrom, c.env]).toEqual([[{ configMapRef: { name: 'backstage-envs-bs1-cm-envs-1' } }, { configMapRef: { name: 'backstage-envs-bs1-cm-envs-2' } }], undefined]);
  });

  test('TestMultiObjectConfigMapEnvsInSpec: two whole CR ConfigMaps, two envFrom', () => {
    const cr = crOf({ ...noDb, application: { extraEnvs: { configMaps: [{ name: 'cm1' }, { name: 'cm2' }] } } });
    const b = buildMain({ cr, profile: mainProfile(), inputs: [cm('cm1', { ENV1: '1', ENV2: '2' }), cm('cm2', { ENV3: '3', ENV4: '4' })] });
    const c = containerOf(b.byKey('Deployment', 'backstage-bs1'));
    expect([c.envFrom, c.env]).toEqual([[{ configMapRef: { name: 'cm1' } }, { configMapRef: { name: 'cm2' } }], undefined]);
  });
});

const CM_FILES = `apiVersion: v1
kind: ConfigMap
metadata:
  name: files
data:
  f.txt: x
`;

describe('configmapfiles_test.go (main)', () => {
  const crFiles = (extraFiles: Record<string, unknown>) => crOf({ database: {}, application: { extraFiles: { mountPath: '/my/path', configMaps: [], ...extraFiles } } });

  test('TestDefaultConfigMapFiles: an unannotated profile ConfigMap is one directory mount over the working dir', () => {
    const b = buildMain({ cr: crFiles({}), profile: mainProfile({ 'default-config/configmap-files.yaml': CM_FILES }) });
    const d = b.byKey('Deployment', 'backstage-bs1');
    expect(containerOf(d).volumeMounts).toEqual([{ name: 'backstage-files-bs1-files', mountPath: '/opt/app' }]);
    expect(podSpecOf(d).volumes).toEqual([cmVol('backstage-files-bs1-files')]);
  });

  test('TestSpecifiedConfigMapFiles: default path per key, absolute path, relative path under the default', () => {
    const cr = crFiles({ configMaps: [{ name: 'cm1' }, { name: 'cm2', mountPath: '/custom/path' }, { name: 'cm3', mountPath: 'rel' }] });
    const inputs = [cm('cm1', { 'conf1.yaml': 'data' }), cm('cm2', { 'conf2.yaml': 'data' }), cm('cm3', { 'conf3.yaml': 'data' })];
    const b = buildMain({ cr, profile: mainProfile(), inputs });
    expect(messages(b)).toEqual([]);
    const d = b.byKey('Deployment', 'backstage-bs1');
    expect(containerOf(d).volumeMounts).toEqual([sub('cm1', '/my/path/conf1.yaml', 'conf1.yaml'), { name: 'cm2', mountPath: '/custom/path' }, { name: 'cm3', mountPath: '/my/path/rel' }]);
    expect(containerOf(d).args).toBeUndefined();
    expect(podSpecOf(d).volumes).toEqual([cmVol('cm1'), cmVol('cm2'), cmVol('cm3')]);
  });

  test('TestDefaultAndSpecifiedConfigMapFiles: two mounts, two volumes, no args', () => {
    const cr = crFiles({ configMaps: [{ name: 'app-config1' }] });
    const b = buildMain({ cr, profile: mainProfile({ 'default-config/configmap-files.yaml': CM_FILES }), inputs: [{ ...cm('app-config1', {}), binaryData: { 'conf1.yaml': 'ZGF0YQ==' } }] });
    const d = b.byKey('Deployment', 'backstage-bs1');
    expect(containerOf(d).volumeMounts).toEqual([{ name: 'backstage-files-bs1-files', mountPath: '/opt/app' }, sub('app-config1', '/my/path/conf1.yaml', 'conf1.yaml')]);
    expect(containerOf(d).args).toBeUndefined();
    expect(podSpecOf(d).volumes).toEqual([cmVol('backstage-files-bs1-files'), cmVol('app-config1')]);
  });

  test('TestConfigMapFilesMountPathReplacement: the CR ConfigMap at the mount path of a profile one replaces its mount (volume stays)', () => {
    const custom = CM_FILES.replace('  name: files\n', '  name: files\n  annotations:\n    rhdh.redhat.com/mount-path: /custom/mount\n');
    const cr = crFiles({ configMaps: [{ name: 'cr-configmap', mountPath: '/custom/mount' }] });
    const b = buildMain({ cr, profile: mainProfile({ 'default-config/configmap-files.yaml': custom }), inputs: [cm('cr-configmap', { 'cr-file.yaml': 'x' })] });
    expect(messages(b)).toEqual([]);
    const d = b.byKey('Deployment', 'backstage-bs1');
    expect(containerOf(d).volumeMounts).toEqual([{ name: 'cr-configmap', mountPath: '/custom/mount' }]);
    expect(podSpecOf(d).volumes).toEqual([cmVol('backstage-files-bs1-files'), cmVol('cr-configmap')]);
  });

  test('TestSpecifiedConfigMapFilesWithBinaryData: a binaryData key is mounted like a data key', () => {
    const b = buildMain({ cr: crFiles({ configMaps: [{ name: 'cm1' }] }), profile: mainProfile(), inputs: [{ ...cm('cm1', {}), binaryData: { 'conf1.yaml': 'ZGF0YQ==' } }] });
    expect(containerOf(b.byKey('Deployment', 'backstage-bs1')).volumeMounts).toEqual([sub('cm1', '/my/path/conf1.yaml', 'conf1.yaml')]);
  });

  test('TestSpecifiedCMFilesWithContainers: per-container mounts (two, one, "*")', () => {
    const cr = crFiles({
      configMaps: [
        { name: 'cm1', containers: ['install-dynamic-plugins', 'another-container'] },
        { name: 'cm2', mountPath: '/custom/path', containers: ['install-dynamic-plugins'] },
        { name: 'cm3', mountPath: 'rel', containers: ['*'] },
      ],
    });
    const inputs = [cm('cm1', { 'conf1.yaml': 'data' }), cm('cm2', { 'conf2.yaml': 'data' }), cm('cm3', { 'conf3.yaml': 'data' })];
    const d = buildMain({ cr, profile: mainProfile({ 'default-config/deployment.yaml': FOUR_CONTAINERS }), inputs }).byKey('Deployment', 'backstage-bs1');
    const m1 = sub('cm1', '/my/path/conf1.yaml', 'conf1.yaml');
    const m2 = { name: 'cm2', mountPath: '/custom/path' };
    const m3 = { name: 'cm3', mountPath: '/my/path/rel' };
    expect(containerOf(d, 'install-dynamic-plugins').volumeMounts).toEqual([m1, m2, m3]);
    expect(containerOf(d).volumeMounts).toEqual([m3]);
    expect(containerOf(d, 'another-container').volumeMounts).toEqual([m1, m3]);
    expect(containerOf(d, 'another-init-container').volumeMounts).toEqual([m3]);
  });

  test('TestCMFilesWithNonExistedContainerFailed: unknown container is an error', () => {
    const cr = crOf({ application: { extraFiles: { configMaps: [{ name: 'cmName', containers: ['another-container'] }] } } });
    const b = buildMain({ cr, profile: mainProfile(), inputs: [cm('cmName', { a: 'x' })] });
    expect(messages(b)).toEqual([expect.stringContaining('another-container not found')]);
  });

  test('TestDefaultSubpath: sub-path "*" per key, under the working dir or the mount-path annotation; a named sub-path mounts that key only', () => {
    const files = `apiVersion: v1
kind: ConfigMap
metadata:
  name: s1
  annotations:
    rhdh.redhat.com/sub-path: "*"
data:
  data1: "1"
  data2: "2"
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: s2
  annotations:
    rhdh.redhat.com/mount-path: /mount/path2
    rhdh.redhat.com/sub-path: "*"
data:
  data3: "3"
  data4: "4"
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: s3
  annotations:
    rhdh.redhat.com/mount-path: /mount/path3
    rhdh.redhat.com/sub-path: data5
data:
  data5: "5"
  data6: "6"
`;
    const d = buildMain({ cr: crFiles({}), profile: mainProfile({ 'default-config/configmap-files.yaml': files }) }).byKey('Deployment', 'backstage-bs1');
    const n = (x: string) => `backstage-files-bs1-${x}`;
    expect(containerOf(d).volumeMounts).toEqual([
      sub(n('s1'), '/opt/app/data1', 'data1'),
      sub(n('s1'), '/opt/app/data2', 'data2'),
      sub(n('s2'), '/mount/path2/data3', 'data3'),
      sub(n('s2'), '/mount/path2/data4', 'data4'),
      sub(n('s3'), '/mount/path3/data5', 'data5'),
    ]);
  });

  test('TestMultiObjectConfigMapFilesInDefaultConfig: two profile ConfigMaps (sub-path "*"), two volumes with the multi-object names, two mounts', () => {
    const one = (n: string, key: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${n}\n  annotations:\n    rhdh.redhat.com/sub-path: "*"\ndata:\n  ${key}: x\n`;
    const two = `${one('cm-files-1', 'file1.yaml')}---\n${one('cm-files-2', 'file2.yaml')}`;
    const d = buildMain({ cr: crFiles({}), profile: mainProfile({ 'default-config/configmap-files.yaml': two }) }).byKey('Deployment', 'backstage-bs1');
    const n = (x: string) => `backstage-files-bs1-${x}`;
    expect(podSpecOf(d).volumes).toEqual([cmVol(n('cm-files-1')), cmVol(n('cm-files-2'))]);
    expect(containerOf(d).volumeMounts).toEqual([sub(n('cm-files-1'), '/opt/app/file1.yaml', 'file1.yaml'), sub(n('cm-files-2'), '/opt/app/file2.yaml', 'file2.yaml')]);
  });

  test('two unannotated profile ConfigMaps: both mount over the working dir, the second replaces the first mount (main mountFilesFrom)', () => {
    const two = `${CM_FILES.replace('name: files', 'name: cm-files-1')}---\n${CM_FILES.replace('name: files', 'name: cm-files-2')}`;
    const d = buildMain({ cr: crFiles({}), profile: mainProfile({ 'default-config/configmap-files.yaml': two }) }).byKey('Deployment', 'backstage-bs1');
    expect(podSpecOf(d).volumes).toEqual([cmVol('backstage-files-bs1-cm-files-1'), cmVol('backstage-files-bs1-cm-files-2')]);
    expect(containerOf(d).volumeMounts).toEqual([{ name: 'backstage-files-bs1-cm-files-2', mountPath: '/opt/app' }]);
  });

  test('TestMultiObjectConfigMapFilesInSpec: two CR ConfigMaps, two volumes, two mounts', () => {
    const cr = crFiles({ configMaps: [{ name: 'cm1' }, { name: 'cm2' }] });
    const d = buildMain({ cr, profile: mainProfile(), inputs: [cm('cm1', { 'file1.yaml': 'data' }), cm('cm2', { 'file2.yaml': 'data' })] }).byKey('Deployment', 'backstage-bs1');
    expect(podSpecOf(d).volumes).toEqual([cmVol('cm1'), cmVol('cm2')]);
    expect(containerOf(d).volumeMounts).toEqual([sub('cm1', '/my/path/file1.yaml', 'file1.yaml'), sub('cm2', '/my/path/file2.yaml', 'file2.yaml')]);
  });
});

describe('db-secret_test.go and db-statefulset_test.go (main)', () => {
  const LOCAL_DB = { database: { enableLocalDb: true } };
  const dbSecretEmpty = 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: x\n';
  const dbSecretGenerated = 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: x\nstringData:\n  POSTGRES_PASSWORD: ""\n  POSTGRES_USER: postgres\n';

  test.each([
    ['TestEmptyDbSecret', dbSecretEmpty],
    ['TestDefaultWithGeneratedSecrets', dbSecretGenerated],
  ])('%s: backstage-psql-secret-<cr>, the DB container reads it as envFrom', (_n, text) => {
    const b = buildMain({ cr: crOf(LOCAL_DB), profile: mainProfile({ 'default-config/db-secret.yaml': text }) });
    expect(messages(b)).toEqual([]);
    expect(b.byKey('Secret', 'backstage-psql-secret-bs1')?.metadata.name).toBe('backstage-psql-secret-bs1');
    expect(containerOf(b.byKey('StatefulSet', 'backstage-psql-bs1'), 'postgresql').envFrom).toEqual([{ secretRef: { name: 'backstage-psql-secret-bs1' } }]);
  });

  test('TestSpecifiedSecret: authSecretName: no DB Secret; the DB and Backstage containers read the named one', () => {
    const b = buildMain({ cr: crOf({ database: { enableLocalDb: true, authSecretName: 'custom-db-secret' } }), profile: mainProfile({ 'default-config/db-secret.yaml': dbSecretGenerated }) });
    expect(messages(b)).toEqual([]);
    expect(b.model.objects.filter((o) => o.kind === 'Secret')).toEqual([]);
    expect(containerOf(b.byKey('StatefulSet', 'backstage-psql-bs1'), 'postgresql').envFrom).toEqual([{ secretRef: { name: 'custom-db-secret' } }]);
    expect(containerOf(b.byKey('Deployment', 'backstage-bs1')).envFrom).toEqual([{ secretRef: { name: 'custom-db-secret' } }]);
  });

  test('TestDefault: the DB StatefulSet serviceName is the DB Service, which is headless', () => {
    const b = buildMain({ cr: crOf({ database: {}, application: {} }), profile: mainProfile() });
    expect(messages(b)).toEqual([]);
    expect((b.byKey('StatefulSet', 'backstage-psql-bs1')!.spec as { serviceName: string }).serviceName).toBe('backstage-psql-bs1');
    expect((b.byKey('Service', 'backstage-psql-bs1')!.spec as { clusterIP: string }).clusterIP).toBe('None');
  });

  test('TestOverrideDbImage: the postgresqlImage option (RELATED_IMAGE_postgresql) sets the DB container image', () => {
    const b = buildMain({ cr: crOf({ database: { enableLocalDb: true } }), profile: mainProfile(), options: { postgresqlImage: 'dummy' } });
    expect(containerOf(b.byKey('StatefulSet', 'backstage-psql-bs1'), 'postgresql').image).toBe('dummy');
  });
});

describe('deployment_test.go (main)', () => {
  test('TestWorkingDirMount: with no shared mount path (explicit ""), the workingDir is the base; a relative mountPath goes under it, as a directory', () => {
    const wd = 'apiVersion: apps/v1\nkind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n        - name: backstage-backend\n          image: img\n          workingDir: /my/home\n';
    const cr = crOf({ ...noDb, application: { extraFiles: { mountPath: '', configMaps: [{ name: 'test', mountPath: 'subpath' }] } } });
    const d = buildMain({ cr, profile: mainProfile({ 'default-config/deployment.yaml': wd }), inputs: [cm('test', { a: 'x' })] }).byKey('Deployment', 'backstage-bs1');
    expect(containerOf(d).volumeMounts).toEqual([{ name: 'test', mountPath: '/my/home/subpath' }]);
  });

  test('TestOverrideBackstageImage: backstageImage sets the Backstage container and the plugins installer, not the sidecar', () => {
    const side = 'apiVersion: apps/v1\nkind: Deployment\nspec:\n  template:\n    spec:\n      initContainers:\n        - name: install-dynamic-plugins\n          image: img:init\n      containers:\n        - name: backstage-backend\n          image: img:main\n        - name: sidecar\n          image: busybox\n';
    const d = buildMain({ cr: crOf(noDb), profile: mainProfile({ 'default-config/deployment.yaml': side }), options: { backstageImage: 'dummy' } }).byKey('Deployment', 'backstage-bs1');
    expect([...podSpecOf(d).initContainers, ...podSpecOf(d).containers].map((c: { name: string; image: string }) => [c.name, c.image])).toEqual([
      ['install-dynamic-plugins', 'dummy'],
      ['backstage-backend', 'dummy'],
      ['sidecar', 'busybox'],
    ]);
  });

  test('TestOverrideBackstageImage with OPERATOR_DP_PROCESSING: the installer gets the install image instead', () => {
    const b = buildMain({
      cr: crOf(noDb),
      profile: mainProfile({ 'default-config/deployment.yaml': RHDH_LIKE, 'default-config/dynamic-plugins.yaml': DEFAULT_PLUGINS }),
      options: { backstageImage: 'dummy', dynamicPluginsProcessing: true, installDynamicPluginsImage: 'test-install-dp-image' },
    });
    const d = b.byKey('Deployment', 'backstage-bs1');
    expect([containerOf(d).image, containerOf(d, 'install-dynamic-plugins').image]).toEqual(['dummy', 'test-install-dp-image']);
  });

  test('TestSpecImagePullSecrets: the profile pod imagePullSecrets are kept, in order', () => {
    const ips = 'apiVersion: apps/v1\nkind: Deployment\nspec:\n  template:\n    spec:\n      imagePullSecrets:\n        - name: ips1\n        - name: ips2\n      containers:\n        - name: backstage-backend\n          image: img\n';
    const d = buildMain({ cr: crOf(noDb), profile: mainProfile({ 'default-config/deployment.yaml': ips }) }).byKey('Deployment', 'backstage-bs1');
    expect(podSpecOf(d).imagePullSecrets).toEqual([{ name: 'ips1' }, { name: 'ips2' }]);
  });

  test('TestMergeFromSpecDeployment: labels, pod labels, a new sidecar, requests, a replaced and an added volume', () => {
    const patch = {
      metadata: { labels: { mylabel: 'java' } },
      spec: {
        template: {
          metadata: { labels: { pod: 'backstage' } },
          spec: {
            containers: [
              { name: 'sidecar', image: 'my-image:1.0.0' },
              { name: 'backstage-backend', resources: { requests: { cpu: '251m', memory: '257Mi' } } },
            ],
            volumes: [{ name: 'dynamic-plugins-root', ephemeral: { volumeClaimTemplate: { spec: { storageClassName: 'special' } } } }, { name: 'my-vol', emptyDir: null }],
          },
        },
      },
    };
    const d = buildMain({ cr: crOf({ ...noDb, deployment: { patch } }), profile: mainProfile({ 'default-config/deployment.yaml': RHDH_LIKE }) }).byKey('Deployment', 'backstage-bs1')!;
    expect(d.metadata.labels).toEqual({ mylabel: 'java', ...LABELS });
    expect((d.spec as { template: { metadata: { labels: Record<string, string> } } }).template.metadata.labels).toEqual({ pod: 'backstage', 'rhdh.redhat.com/app': 'backstage-bs1' });
    expect(podSpecOf(d).containers.map((c: { name: string; image?: string }) => [c.name, c.image])).toEqual([
      ['backstage-backend', 'img:hub'],
      ['sidecar', 'my-image:1.0.0'],
    ]);
    expect(containerOf(d).resources).toEqual({ requests: { cpu: '251m', memory: '257Mi' } });
    expect(podSpecOf(d).volumes).toEqual([
      {
        name: 'dynamic-plugins-root',
        ephemeral: { volumeClaimTemplate: { spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '2Gi' } }, storageClassName: 'special' } } },
      },
      { name: 'dynamic-plugins-npmrc', secret: { secretName: 'dynamic-plugins-npmrc', optional: true } },
      { name: 'dynamic-plugins-registry-auth', secret: { secretName: 'dynamic-plugins-registry-auth', optional: true } },
      { name: 'my-vol' },
    ]);
  });

  test.each([
    ['new init container runs before existing', [{ name: 'my-init', image: 'busybox' }], ['my-init', 'install-dynamic-plugins']],
    ['new init container runs before existing by anchoring', [{ name: 'my-init', image: 'busybox' }, { name: 'install-dynamic-plugins' }], ['my-init', 'install-dynamic-plugins']],
    ['new init container runs after existing by anchoring', [{ name: 'install-dynamic-plugins' }, { name: 'my-init', image: 'busybox' }], ['install-dynamic-plugins', 'my-init']],
    [
      'multiple new init containers with mixed ordering',
      [{ name: 'pre-init', image: 'busybox' }, { name: 'install-dynamic-plugins' }, { name: 'post-init', image: 'busybox' }],
      ['pre-init', 'install-dynamic-plugins', 'post-init'],
    ],
  ])('TestInitContainerOrderInSpecDeployment: %s', (_n, initContainers, expected) => {
    const cr = crOf({ ...noDb, deployment: { patch: { spec: { template: { spec: { initContainers } } } } } }, { annotations: { 'rhdh.redhat.com/deployment-patch-list-merge-mode': 'prepend' } });
    const d = buildMain({ cr, profile: mainProfile({ 'default-config/deployment.yaml': RHDH_LIKE }) }).byKey('Deployment', 'backstage-bs1');
    expect(names(podSpecOf(d).initContainers)).toEqual(expected);
  });

  test('TestImageInCRPrevailsOnEnvVar: the option sets the image; an image in the patch wins over it', () => {
    const d0 = buildMain({ cr: crOf(noDb), profile: mainProfile(), options: { backstageImage: 'envvar-image' } }).byKey('Deployment', 'backstage-bs1');
    expect(containerOf(d0).image).toBe('envvar-image');
    const cr = crOf({ ...noDb, deployment: { patch: { spec: { template: { spec: { containers: [{ name: 'backstage-backend', image: 'cr-image' }] } } } } } });
    const d = buildMain({ cr, profile: mainProfile(), options: { backstageImage: 'envvar-image' } }).byKey('Deployment', 'backstage-bs1');
    expect(containerOf(d).image).toBe('cr-image');
  });

  test('TestFilterContainers: "*" reaches the two added containers and the added init container; a named one only it; an unknown one is an error', () => {
    const patch = { spec: { template: { spec: { containers: [{ name: 'c1', image: 'i' }, { name: 'c2', image: 'i' }], initContainers: [{ name: 'c3', image: 'i' }] } } } };
    const env = { name: 'V', value: 'v' };
    const run = (containers: string[]) => buildMain({ cr: crOf({ ...noDb, deployment: { patch }, application: { extraEnvs: { envs: [{ ...env, containers }] } } }), profile: testProfile({ 'default-config/deployment.yaml': 'apiVersion: apps/v1\nkind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n        - name: backstage-backend\n          image: img\n' }) });
    const all = run(['*']).byKey('Deployment', 'backstage-bs1');
    expect([...podSpecOf(all).containers, ...podSpecOf(all).initContainers].map((c: { name: string; env?: unknown }) => [c.name, c.env])).toEqual([
      ['backstage-backend', [env]],
      ['c1', [env]],
      ['c2', [env]],
      ['c3', [env]],
    ]);
    const one = run(['c1']).byKey('Deployment', 'backstage-bs1');
    expect(podSpecOf(one).containers.map((c: { env?: unknown }) => c.env)).toEqual([undefined, [env], undefined]);
    expect(messages(run(['c123']))).toEqual([expect.stringContaining('c123 not found')]);
  });

  test('TestEnvVarsWithSidecars: an env for a sidecar added by the patch', () => {
    const cr = crOf({ ...noDb, deployment: { patch: { spec: { template: { spec: { containers: [{ name: 'sidecar', image: 'busybox' }] } } } } }, application: { extraEnvs: { envs: [{ name: 'VAR1', value: 'v1', containers: ['sidecar'] }] } } });
    const d = buildMain({ cr, profile: testProfile({ 'default-config/deployment.yaml': 'apiVersion: apps/v1\nkind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n        - name: backstage-backend\n          image: img\n' }) }).byKey('Deployment', 'backstage-bs1');
    expect(containerOf(d, 'sidecar')).toEqual({ name: 'sidecar', image: 'busybox', env: [{ name: 'VAR1', value: 'v1' }] });
  });

  test('TestDeploymentKind: kind StatefulSet has the same pod spec as the Deployment', () => {
    const dep = buildMain({ cr: crOf({ ...noDb, deployment: {} }), profile: mainProfile() });
    const ss = buildMain({ cr: crOf({ ...noDb, deployment: { kind: 'StatefulSet' } }), profile: mainProfile() });
    expect(ss.byKey('Deployment', 'backstage-bs1')).toBeUndefined();
    expect(podSpecOf(ss.byKey('StatefulSet', 'backstage-bs1'))).toEqual(podSpecOf(dep.byKey('Deployment', 'backstage-bs1')));
  });

  test('TestPatchedStatefulSet: kind StatefulSet, the patch sets serviceName', () => {
    const ss = buildMain({ cr: crOf({ ...noDb, deployment: { kind: 'StatefulSet', patch: { spec: { serviceName: 'my-service' } } } }), profile: mainProfile() }).byKey('StatefulSet', 'backstage-bs1')!;
    expect([ss.kind, (ss.spec as { serviceName: string }).serviceName]).toEqual(['StatefulSet', 'my-service']);
  });
});

describe('dynamic-plugins_test.go (main)', () => {
  const rhdh = (extra: Record<string, string> = {}) => mainProfile({ 'default-config/deployment.yaml': RHDH_LIKE, ...extra });
  const init = (b: ReturnType<typeof buildMain>) => containerOf(b.byKey('Deployment', 'backstage-bs1'), 'install-dynamic-plugins');
  const PROFILE_MOUNTS = [
    { name: 'dynamic-plugins-root', mountPath: '/dynamic-plugins-root' },
    { name: 'dynamic-plugins-npmrc', mountPath: '/opt/app-root/src/.npmrc.dynamic-plugins', subPath: '.npmrc', readOnly: true },
    { name: 'dynamic-plugins-registry-auth', mountPath: '/opt/app-root/src/.config/containers', readOnly: true },
  ];
  const DP_MOUNT = sub('backstage-dynamic-plugins-bs1', '/opt/app-root/src/dynamic-plugins.yaml', 'dynamic-plugins.yaml');

  test.each([
    ['TestDynamicPluginsValidationFailed', {}],
    ['TestDynamicPluginsFailOnArbitraryDepl', {}],
  ])('%s: a profile dynamic-plugins.yaml with a Deployment that has no plugins installer is an error', (_n) => {
    const noInstaller = 'apiVersion: apps/v1\nkind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n        - name: backstage-backend\n          image: img\n';
    const b = buildMain({ cr: crOf(noDb), profile: mainProfile({ 'default-config/deployment.yaml': noInstaller, 'default-config/dynamic-plugins.yaml': DEFAULT_PLUGINS }) });
    expect(b.model.objects).toEqual([]);
    expect(messages(b)).toEqual([expect.stringContaining('install-dynamic-plugins')]);
  });

  test('TestDynamicPluginsInvalidKeyName: the CR ConfigMap without dynamic-plugins.yaml is an error naming the key', () => {
    const cr = crOf({ ...noDb, application: { dynamicPluginsConfigMapName: 'dplugin' } });
    const b = buildMain({ cr, profile: rhdh({ 'default-config/dynamic-plugins.yaml': DEFAULT_PLUGINS }), inputs: [cm('dplugin', { 'WrongKeyName.yml': 'tt' })] });
    expect(messages(b)).toEqual([expect.stringContaining("dynamic plugin configMap expects 'dynamic-plugins.yaml' Data key")]);
  });

  test('TestDefaultDynamicPlugins: four volumes, the installer has four mounts, no dependencies', () => {
    const b = buildMain({ cr: crOf(noDb), profile: rhdh({ 'default-config/dynamic-plugins.yaml': DEFAULT_PLUGINS }) });
    expect(messages(b)).toEqual([]);
    expect(names(podSpecOf(b.byKey('Deployment', 'backstage-bs1')).volumes)).toEqual(['dynamic-plugins-root', 'dynamic-plugins-npmrc', 'dynamic-plugins-registry-auth', 'backstage-dynamic-plugins-bs1']);
    expect(init(b).volumeMounts).toEqual([...PROFILE_MOUNTS, DP_MOUNT]);
    expect(b.model.objects.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual(['Deployment/backstage-bs1', 'ConfigMap/backstage-dynamic-plugins-bs1', 'Service/backstage-bs1']);
  });

  test.each([
    ['TestDefaultAndSpecifiedDynamicPlugins', true],
    ['TestSpecifiedOnlyDynamicPlugins', false],
  ])('%s: the fourth installer mount is backstage-dynamic-plugins-<cr>; no dependencies', (_n, withProfile) => {
    const cr = crOf({ ...noDb, application: { dynamicPluginsConfigMapName: 'dplugin' } });
    const b = buildMain({ cr, profile: rhdh(withProfile ? { 'default-config/dynamic-plugins.yaml': DEFAULT_PLUGINS } : {}), inputs: [cm('dplugin', { 'dynamic-plugins.yaml': 'plugins: []\n' })] });
    expect(messages(b)).toEqual([]);
    expect(init(b).volumeMounts).toEqual([...PROFILE_MOUNTS, DP_MOUNT]);
    expect(b.model.objects.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual(['Deployment/backstage-bs1', 'ConfigMap/backstage-dynamic-plugins-bs1', 'Service/backstage-bs1']);
  });

  test('TestNotConfiguredDPsNotInTheModel: no dynamic plugins anywhere: no plugins ConfigMap', () => {
    const b = buildMain({ cr: crOf(noDb), profile: mainProfile() });
    expect(b.model.objects.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual(['Deployment/backstage-bs1', 'Service/backstage-bs1']);
  });

  test('TestCatalogIndexImageFromDefaultConfig: the installer keeps the profile env, CATALOG_INDEX_IMAGE second', () => {
    const b = buildMain({ cr: crOf(noDb), profile: rhdh({ 'default-config/dynamic-plugins.yaml': DEFAULT_PLUGINS }) });
    expect(init(b).env).toEqual([
      { name: 'NPM_CONFIG_USERCONFIG', value: '/opt/app-root/src/.npmrc.dynamic-plugins' },
      { name: 'CATALOG_INDEX_IMAGE', value: 'registry.test/catalog-index:7' },
    ]);
  });
});

describe('pvcs_test.go (main)', () => {
  const PVCS = `apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: myclaim1
spec:
  accessModes: [ReadWriteOnce]
  resources:
    requests:
      storage: 1Gi
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: myclaim2
  annotations:
    rhdh.redhat.com/mount-path: /mount/path/from/annotation
spec:
  accessModes: [ReadWriteOnce]
  resources:
    requests:
      storage: 1Gi
`;
  const pvcVol = (n: string) => ({ name: n, persistentVolumeClaim: { claimName: n } });

  test('TestDefaultPvcs: backstage-pvcs-<cr>-<claim> with configured-name, mounted at the working dir or the annotation', () => {
    const b = buildMain({ cr: crOf({}, { name: 'test-pvc' }), profile: mainProfile({ 'default-config/pvcs.yaml': PVCS }) });
    expect(messages(b)).toEqual([]);
    const p1 = b.byKey('PersistentVolumeClaim', 'backstage-pvcs-test-pvc-myclaim1')!;
    expect(p1).toEqual({
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: {
        name: 'backstage-pvcs-test-pvc-myclaim1',
        namespace: 'ns1',
        labels: { 'app.kubernetes.io/name': 'backstage', 'app.kubernetes.io/instance': 'test-pvc' },
        annotations: { 'rhdh.redhat.com/configured-name': 'myclaim1' },
      },
      spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
    });
    expect(b.byKey('PersistentVolumeClaim', 'backstage-pvcs-test-pvc-myclaim2')!.metadata.annotations).toEqual({
      'rhdh.redhat.com/mount-path': '/mount/path/from/annotation',
      'rhdh.redhat.com/configured-name': 'myclaim2',
    });
    const d = b.byKey('Deployment', 'backstage-test-pvc');
    expect(podSpecOf(d).volumes).toEqual([pvcVol('backstage-pvcs-test-pvc-myclaim1'), pvcVol('backstage-pvcs-test-pvc-myclaim2')]);
    expect(containerOf(d).volumeMounts).toEqual([
      { name: 'backstage-pvcs-test-pvc-myclaim1', mountPath: '/opt/app' },
      { name: 'backstage-pvcs-test-pvc-myclaim2', mountPath: '/mount/path/from/annotation' },
    ]);
  });

  test('TestMultiContainersPvc: the containers annotation ("a,b" and "*") picks the containers', () => {
    const pvcs = `${PVCS.replace('/mount/path/from/annotation\n', '/mount/path/from/annotation\n    rhdh.redhat.com/containers: "backstage-backend,install-dynamic-plugins"\n')}---
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: myclaim3
  annotations:
    rhdh.redhat.com/mount-path: /mount/path/from/annotation2
    rhdh.redhat.com/containers: "*"
spec:
  accessModes: [ReadWriteOnce]
  resources:
    requests:
      storage: 1Gi
`;
    const d = buildMain({ cr: crOf({}, { name: 'test-pvc' }), profile: mainProfile({ 'default-config/deployment.yaml': FOUR_CONTAINERS, 'default-config/pvcs.yaml': pvcs }) }).byKey('Deployment', 'backstage-test-pvc');
    const n = (x: string) => `backstage-pvcs-test-pvc-${x}`;
    expect(names(podSpecOf(d).volumes)).toEqual([n('myclaim1'), n('myclaim2'), n('myclaim3')]);
    expect(['backstage-backend', 'install-dynamic-plugins', 'another-container', 'another-init-container'].map((c) => names(containerOf(d, c).volumeMounts))).toEqual([
      [n('myclaim1'), n('myclaim2'), n('myclaim3')],
      [n('myclaim2'), n('myclaim3')],
      [n('myclaim3')],
      [n('myclaim3')],
    ]);
  });

  test('TestSpecifiedPvcs: CR claims at <extraFiles.mountPath, CRD default /opt/app-root/src>/<name> with a sub-path, or at their mountPath', () => {
    const cr = crOf({ application: { extraFiles: { pvcs: [{ name: 'my-pvc1' }, { name: 'my-pvc2', mountPath: '/my/pvc/path' }] } } }, { name: 'test-pvc' });
    const d = buildMain({ cr, profile: mainProfile(), inputs: [pvc('my-pvc1'), pvc('my-pvc2')] }).byKey('Deployment', 'backstage-test-pvc');
    expect(podSpecOf(d).volumes).toEqual([pvcVol('my-pvc1'), pvcVol('my-pvc2')]);
    expect(containerOf(d).volumeMounts).toEqual([
      { name: 'my-pvc1', mountPath: '/opt/app-root/src/my-pvc1', subPath: 'my-pvc1' },
      { name: 'my-pvc2', mountPath: '/my/pvc/path' },
    ]);
  });

  test('TestSpecifiedPvcsWithContainers: "*" and a named container', () => {
    const cr = crOf({ application: { extraFiles: { pvcs: [{ name: 'my-pvc1', containers: ['*'] }, { name: 'my-pvc2', mountPath: '/my/pvc/path', containers: ['install-dynamic-plugins'] }] } } }, { name: 'test-pvc' });
    const d = buildMain({ cr, profile: mainProfile({ 'default-config/deployment.yaml': FOUR_CONTAINERS }), inputs: [pvc('my-pvc1'), pvc('my-pvc2')] }).byKey('Deployment', 'backstage-test-pvc');
    expect(names(podSpecOf(d).volumes)).toEqual(['my-pvc1', 'my-pvc2']);
    expect(names(containerOf(d).volumeMounts)).toEqual(['my-pvc1']);
    expect(names(containerOf(d, 'install-dynamic-plugins').volumeMounts)).toEqual(['my-pvc1', 'my-pvc2']);
  });

  test('TestPvcsWithNonExistedContainerFailed: unknown container is an error', () => {
    const b = buildMain({ cr: crOf({ application: { extraFiles: { pvcs: [{ name: 'pvcName', containers: ['another-container'] }] } } }), profile: mainProfile(), inputs: [pvc('pvcName')] });
    expect(messages(b)).toEqual([expect.stringContaining('another-container not found')]);
  });
});

describe('route_test.go (main)', () => {
  const ROUTE = 'apiVersion: route.openshift.io/v1\nkind: Route\nmetadata:\n  name: r\nspec:\n  path: /default\n  port:\n    targetPort: http-backend\n  tls:\n    termination: edge\n  to:\n    kind: Service\n    name: x\n';
  const withRoute = () => mainProfile({ 'default-config/route.yaml': ROUTE });
  const crRoute = (route?: Record<string, unknown>) => crOf(route === undefined ? {} : { application: { route } }, { name: 'route1' });

  test('TestDefaultRoute: backstage-<cr>, to the Service, the profile path and TLS', () => {
    const r = buildMain({ cr: crRoute({}), profile: withRoute() }).byKey('Route', 'backstage-route1')!;
    expect(r.spec).toEqual({ path: '/default', port: { targetPort: 'http-backend' }, tls: { termination: 'edge' }, to: { kind: 'Service', name: 'backstage-route1' } });
  });

  test('TestSpecifiedRoute: the spec host, with and without a profile Route (edge TLS either way)', () => {
    const noDefault = buildMain({ cr: crRoute({ enabled: true, host: 'TestSpecifiedRoute' }), profile: mainProfile() }).byKey('Route', 'backstage-route1')!;
    expect((noDefault.spec as { host: string }).host).toBe('TestSpecifiedRoute');
    const withDefault = buildMain({ cr: crRoute({ enabled: true, host: 'TestSpecifiedRoute' }), profile: withRoute() }).byKey('Route', 'backstage-route1')!;
    expect(withDefault.spec).toEqual({ host: 'TestSpecifiedRoute', path: '/default', port: { targetPort: 'http-backend' }, tls: { termination: 'edge' }, to: { kind: 'Service', name: 'backstage-route1' } });
  });

  test('TestDisabledRoute: enabled false: no Route, with or without a profile one', () => {
    for (const profile of [withRoute(), mainProfile()]) expect(buildMain({ cr: crRoute({ enabled: false, host: 'h' }), profile }).model.objects.filter((o) => o.kind === 'Route')).toEqual([]);
  });

  test('TestExcludedRoute: no route in the spec: a Route only when the profile has one', () => {
    expect(buildMain({ cr: crRoute(), profile: withRoute() }).byKey('Route', 'backstage-route1')).toBeDefined();
    expect(buildMain({ cr: crRoute(), profile: mainProfile() }).model.objects.filter((o) => o.kind === 'Route')).toEqual([]);
  });

  test('TestEnabledRoute: an empty route in the spec: a Route, with or without a profile one', () => {
    expect(buildMain({ cr: crRoute({}), profile: withRoute() }).byKey('Route', 'backstage-route1')).toBeDefined();
    expect(buildMain({ cr: crRoute({}), profile: mainProfile() }).byKey('Route', 'backstage-route1')).toBeDefined();
  });
});

describe('runtime_test.go (main)', () => {
  test('TestInitDefaultDeploy: names, namespace, the two labels, the app label on pod and selector', () => {
    const b = buildMain({ cr: crOf(noDb), profile: mainProfile() });
    const d = b.byKey('Deployment', 'backstage-bs1')!;
    const s = b.byKey('Service', 'backstage-bs1')!;
    expect([d.metadata.namespace, d.metadata.labels]).toEqual(['ns1', LABELS]);
    expect((d.spec as { template: { metadata: { labels: Record<string, string> } } }).template.metadata.labels['rhdh.redhat.com/app']).toBe('backstage-bs1');
    expect((s.spec as { selector: Record<string, string> }).selector).toEqual({ 'rhdh.redhat.com/app': 'backstage-bs1' });
  });

  test.each(['TestIfEmptyObjectIsValid', 'TestAddToModel'])('%s: without a local DB only the Deployment and the Service', () => {
    expect(buildMain({ cr: crOf(noDb), profile: mainProfile() }).model.objects.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual(['Deployment/backstage-bs1', 'Service/backstage-bs1']);
  });

  test('TestRawConfig: rawRuntimeConfig service.yaml replaces the profile Service', () => {
    const profile = mainProfile({ 'default-config/service.yaml': 'apiVersion: v1\nkind: Service\nmetadata:\n  labels:\n    default: "true"\nspec:\n  ports:\n    - port: 80\n' });
    const def = buildMain({ cr: crOf(noDb), profile }).byKey('Service', 'backstage-bs1')!;
    expect(def.metadata.labels).toEqual({ default: 'true', ...LABELS });
    const raw = cm('raw', { 'service.yaml': 'apiVersion: v1\nkind: Service\nmetadata:\n  labels:\n    raw: "true"\nspec:\n  ports:\n    - port: 8080\n' });
    const s = buildMain({ cr: crOf({ ...noDb, rawRuntimeConfig: { backstageConfig: 'raw' } }), profile, inputs: [raw] }).byKey('Service', 'backstage-bs1')!;
    expect([s.metadata.labels, (s.spec as { ports: unknown }).ports]).toEqual([{ raw: 'true', ...LABELS }, [{ port: 8080 }]]);
  });

  test.each([
    ['TestMultiobject', 2],
    ['TestSingleMultiobject', 1],
  ])('%s: pvcs.yaml with %i objects gives that many PVCs', (_n, count) => {
    const one = 'apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: c%\nspec: {}\n';
    const text = Array.from({ length: count }, (_x, i) => one.replace('%', String(i))).join('---\n');
    const b = buildMain({ cr: crOf(noDb), profile: mainProfile({ 'default-config/pvcs.yaml': text }) });
    expect(b.model.objects.filter((o) => o.kind === 'PersistentVolumeClaim').map((o) => o.metadata.name)).toEqual(Array.from({ length: count }, (_x, i) => `backstage-pvcs-bs1-c${i}`));
  });

  test('TestSingleFailedWithMultiDefinition: two Services in service.yaml is an error', () => {
    const two = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: a\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: b\n';
    const b = buildMain({ cr: crOf(noDb), profile: mainProfile({ 'default-config/service.yaml': two }) });
    expect(b.model.objects).toEqual([]);
    expect(messages(b)).toEqual([expect.stringContaining('multiple objects not expected for: service.yaml')]);
  });

  test('TestInvalidObjectKind: a Deployment in service.yaml is an error naming the key', () => {
    const b = buildMain({ cr: crOf(noDb), profile: mainProfile({ 'default-config/service.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: a\n' }) });
    expect(b.model.objects).toEqual([]);
    expect(messages(b)).toEqual([expect.stringMatching(/service\.yaml holds apps\/v1 Deployment, expected v1 Service/)]);
  });
});


/** Three profile Secrets, as secretenvs_test.go and secretfiles_test.go give them. */
const MULTI_SECRET = `apiVersion: v1
kind: Secret
metadata:
  name: secret1
  annotations:
    rhdh.redhat.com/containers: "backstage-backend,install-dynamic-plugins"
stringData:
  data1: "1"
---
apiVersion: v1
kind: Secret
metadata:
  name: secret2
  annotations:
    rhdh.redhat.com/mount-path: /mount/path/from/annotation
stringData:
  data3: "3"
---
apiVersion: v1
kind: Secret
metadata:
  name: secret3
  annotations:
    rhdh.redhat.com/containers: "*"
    rhdh.redhat.com/mount-path: /mount/path/from/annotation2
stringData:
  data5: "5"
`;

describe('secretenvs_test.go (main)', () => {
  const SEC_ENVS = 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: senv\nstringData:\n  S1: "1"\n';
  const ref = (n: string) => ({ secretRef: { name: `backstage-envs-bs1-${n}` } });

  test('TestDefaultSecretEnvFrom: one envFrom, no env', () => {
    const c = containerOf(buildMain({ cr: crOf(noDb), profile: mainProfile({ 'default-config/secret-envs.yaml': SEC_ENVS }) }).byKey('Deployment', 'backstage-bs1'));
    expect([c.envFrom, c.env]).toEqual([[ref('senv')], undefined]);
  });

  test('TestDefaultMultiSecretEnv: three Secrets; envFrom per containers annotation', () => {
    const b = buildMain({ cr: crOf(noDb), profile: mainProfile({ 'default-config/deployment.yaml': FOUR_CONTAINERS, 'default-config/secret-envs.yaml': MULTI_SECRET }) });
    const d = b.byKey('Deployment', 'backstage-bs1');
    expect(['backstage-backend', 'install-dynamic-plugins', 'another-container'].map((c) => containerOf(d, c).envFrom)).toEqual([
      [ref('secret1'), ref('secret2'), ref('secret3')],
      [ref('secret1'), ref('secret3')],
      [ref('secret3')],
    ]);
    expect(b.model.objects.filter((o) => o.kind === 'Secret').map((o) => o.metadata.name)).toEqual(['backstage-envs-bs1-secret1', 'backstage-envs-bs1-secret2', 'backstage-envs-bs1-secret3']);
  });

  test('TestSpecifiedSecretEnvs: a key of the CR Secret as env valueFrom secretKeyRef', () => {
    const cr = crOf({ ...noDb, application: { extraEnvs: { secrets: [{ name: 'secName', key: 'ENV1' }] } } });
    const c = containerOf(buildMain({ cr, profile: mainProfile(), inputs: [secret('secName', { ENV1: 'x' })] }).byKey('Deployment', 'backstage-bs1'));
    expect(c.env).toEqual([{ name: 'ENV1', valueFrom: { secretKeyRef: { name: 'secName', key: 'ENV1' } } }]);
  });

  test('TestSpecifiedSecretEnvsWithContainers: named containers, then "*"', () => {
    const env = { name: 'ENV1', valueFrom: { secretKeyRef: { name: 'secName', key: 'ENV1' } } };
    const run = (containers: string[]) =>
      buildMain({ cr: crOf({ ...noDb, application: { extraEnvs: { secrets: [{ name: 'secName', key: 'ENV1', containers }] } } }), profile: mainProfile({ 'default-config/deployment.yaml': FOUR_CONTAINERS }), inputs: [secret('secName', { ENV1: 'x' })] }).byKey(
        'Deployment',
        'backstage-bs1',
      );
    const all4 = ['install-dynamic-plugins', 'another-container', 'backstage-backend', 'another-init-container'];
    expect(all4.map((n) => containerOf(run(['install-dynamic-plugins', 'another-container']), n).env)).toEqual([[env], [env], undefined, undefined]);
    expect(all4.map((n) => containerOf(run(['*']), n).env)).toEqual([[env], [env], [env], [env]]);
  });

  test('TestSecretEnvsWithNonExistedContainerFailed: unknown container is an error', () => {
    const cr = crOf({ ...noDb, application: { extraEnvs: { secrets: [{ name: 'secName', key: 'ENV1', containers: ['install-dynamic-plugins', 'another-container'] }] } } });
    const b = buildMain({ cr, profile: mainProfile(), inputs: [secret('secName', { ENV1: 'x' })] });
    expect(messages(b)).toEqual([expect.stringContaining('another-container not found')]);
  });
});

describe('secretfiles_test.go (main)', () => {
  const crFiles = (secrets: unknown[]) => crOf({ database: {}, application: { extraFiles: { mountPath: '/my/path', secrets } } });
  const SEC_FILES = 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: sfiles\n  annotations:\n    rhdh.redhat.com/mount-path: /opt/app-root/src\nstringData:\n  dynamic-plugins321.yaml: "plugins: []"\n';
  const n = 'backstage-files-bs1-sfiles';

  test('TestDefaultSecretFiles: one mount (directory at the annotation), one volume', () => {
    const d = buildMain({ cr: crFiles([]), profile: mainProfile({ 'default-config/secret-files.yaml': SEC_FILES }) }).byKey('Deployment', 'backstage-bs1');
    expect(containerOf(d).volumeMounts).toEqual([{ name: n, mountPath: '/opt/app-root/src' }]);
    expect(podSpecOf(d).volumes).toEqual([secVol(n)]);
  });

  test('TestDefaultMultiSecretFiles: three Secrets, mounts per containers annotation', () => {
    const b = buildMain({ cr: crOf(noDb), profile: mainProfile({ 'default-config/deployment.yaml': FOUR_CONTAINERS, 'default-config/secret-files.yaml': MULTI_SECRET }) });
    const d = b.byKey('Deployment', 'backstage-bs1');
    const s = (x: string) => `backstage-files-bs1-${x}`;
    expect(b.model.objects.filter((o) => o.kind === 'Secret').map((o) => o.metadata.name)).toEqual([s('secret1'), s('secret2'), s('secret3')]);
    expect(['backstage-backend', 'install-dynamic-plugins', 'another-container'].map((c) => names(containerOf(d, c).volumeMounts))).toEqual([
      [s('secret1'), s('secret2'), s('secret3')],
      [s('secret1'), s('secret3')],
      [s('secret3')],
    ]);
    expect(names(podSpecOf(d).volumes)).toEqual([s('secret1'), s('secret2'), s('secret3')]);
  });

  test('TestSpecifiedSecretFiles: key, mountPath, a dotted name; volumes and mounts in CR order', () => {
    const cr = crFiles([{ name: 'secret1', key: 'conf.yaml' }, { name: 'secret2', mountPath: '/custom/path' }, { name: 'secret.dot', key: 'conf3.yaml' }]);
    const inputs = [secret('secret1', { 'conf.yaml': 'x' }), secret('secret2', { 'conf.yaml': 'data' }), secret('secret.dot', { 'conf3.yaml': 'data' })];
    const b = buildMain({ cr, profile: mainProfile(), inputs });
    expect(messages(b)).toEqual([]);
    const d = b.byKey('Deployment', 'backstage-bs1');
    expect(podSpecOf(d).volumes).toEqual([secVol('secret1'), secVol('secret2'), secVol('secret-dot', 'secret.dot')]);
    expect(containerOf(d).volumeMounts).toEqual([sub('secret1', '/my/path/conf.yaml', 'conf.yaml'), { name: 'secret2', mountPath: '/custom/path' }, sub('secret-dot', '/my/path/conf3.yaml', 'conf3.yaml')]);
    expect(containerOf(d).args).toBeUndefined();
  });

  test('TestFailedValidation: a Secret without key or mountPath is an error', () => {
    const b = buildMain({ cr: crFiles([{ name: 'secret1' }]), profile: mainProfile(), inputs: [secret('secret1', { a: 'x' })] });
    expect(messages(b)).toEqual([expect.stringContaining('key or mountPath has to be specified for secret secret1')]);
  });

  test.each(['TestDefaultAndSpecifiedSecretFiles', 'TestSpecifiedSecretFilesWithDataAndKey'])('%s: the profile Secret and the CR one: two mounts, two volumes, no args', () => {
    const b = buildMain({ cr: crFiles([{ name: 'secret1', key: 'conf.yaml' }]), profile: mainProfile({ 'default-config/secret-files.yaml': SEC_FILES }), inputs: [secret('secret1', { 'conf.yaml': '' })] });
    const d = b.byKey('Deployment', 'backstage-bs1');
    expect(containerOf(d).volumeMounts).toEqual([{ name: n, mountPath: '/opt/app-root/src' }, sub('secret1', '/my/path/conf.yaml', 'conf.yaml')]);
    expect(podSpecOf(d).volumes).toEqual([secVol(n), secVol('secret1')]);
    expect(containerOf(d).args).toBeUndefined();
  });

  test('TestSpecifiedSecretFilesWithContainers: per-container mounts', () => {
    const cr = crFiles([
      { name: 'secret1', key: 'conf1.yaml', containers: ['install-dynamic-plugins', 'another-container'] },
      { name: 'secret2', mountPath: '/custom/path', containers: ['install-dynamic-plugins'] },
      { name: 'secret3', mountPath: 'rel', containers: ['*'] },
    ]);
    const inputs = [secret('secret1', { 'conf1.yaml': 'd' }), secret('secret2', { 'conf2.yaml': 'd' }), secret('secret3', { 'conf3.yaml': 'd' })];
    const d = buildMain({ cr, profile: mainProfile({ 'default-config/deployment.yaml': FOUR_CONTAINERS }), inputs }).byKey('Deployment', 'backstage-bs1');
    expect(['install-dynamic-plugins', 'backstage-backend', 'another-container'].map((c) => names(containerOf(d, c).volumeMounts))).toEqual([
      ['secret1', 'secret2', 'secret3'],
      ['secret3'],
      ['secret1', 'secret3'],
    ]);
  });

  test('TestSecretFilesWithNonExistedContainerFailed: unknown container is an error', () => {
    const cr = crOf({ application: { extraFiles: { configMaps: [{ name: 'secretName', containers: ['another-container'] }] } } });
    const b = buildMain({ cr, profile: mainProfile(), inputs: [cm('secretName', { a: 'x' })] });
    expect(messages(b)).toEqual([expect.stringContaining('another-container not found')]);
  });

  test('TestReplaceSecretFiles: a CR Secret at the mount path of the profile one replaces its mount', () => {
    const b = buildMain({ cr: crFiles([{ name: 'secret1', mountPath: '/opt/app-root/src' }]), profile: mainProfile({ 'default-config/secret-files.yaml': SEC_FILES }), inputs: [secret('secret1', { 'dynamic-plugins321.yaml': 'new' })] });
    expect(containerOf(b.byKey('Deployment', 'backstage-bs1')).volumeMounts).toEqual([{ name: 'secret1', mountPath: '/opt/app-root/src' }]);
  });
});


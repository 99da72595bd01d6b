/* eslint-disable @typescript-eslint/no-explicit-any */
// Operator 1.9.8's pkg/model tests, ported one by one (test/operator-ports/1.9.ts maps each Go test
// to its port here or says why it does not apply). Inputs are written here with the facts of the Go
// tests' testdata; each port renders with operatorVersion 1.9 and asserts whole lists or objects
// where the Go test counts them.
import { renderBackstage } from '../../fn/render';
import { withDefaults, type RenderOptions } from '../../fn/options';
import { parseYamlDocuments } from '../../fn/yaml';
import type { KObject } from '../../fn/kio/types';
import {
  binaryCmIn,
  build19,
  cmIn,
  cmVol,
  container,
  cr19,
  dir,
  errors,
  file,
  LABELS,
  MULTI_DEPLOYMENT,
  mountsOf,
  NO_DB,
  NS,
  podSpec,
  profile19,
  pvcIn,
  pvcVol,
  RHDH_DEPLOYMENT,
  PLAIN_DEPLOYMENT,
  secVol,
  secretIn,
  volumesOf,
} from './1.9-helpers';

const APP_CONFIG = `apiVersion: v1
kind: ConfigMap
metadata:
  name: my-backstage-config-cm1
data:
  default.app-config.yaml: |
    backend:
      auth:
        externalAccess:
          - type: legacy
`;
const SRC = '/opt/app-root/src';


/** Three profile Secrets, as secretenvs_test.go and secretfiles_test.go give them. */
const MULTI_SECRET = `apiVersion: v1
kind: Secret
metadata:
  name: secret1
  annotations:
    rhdh.redhat.com/containers: "backstage-backend,install-dynamic-plugins"
stringData:
  data1: "data1"
  data2: "data2"
---
apiVersion: v1
kind: Secret
metadata:
  annotations:
    rhdh.redhat.com/mount-path: /mount/path/from/annotation
  name: secret2
stringData:
  data3: "data3"
  data4: "data4"
---
apiVersion: v1
kind: Secret
metadata:
  name: secret3
  annotations:
    rhdh.redhat.com/containers: "*"
    rhdh.redhat.com/mount-path: /mount/path/from/annotation2
stringData:
  data5: "data5"
`;

describe('appconfig_test.go (1.9.8)', () => {
  const spec = (configMaps: unknown[], mountPath = '/my/path') => ({ application: { appConfig: { mountPath, configMaps } } });

  test('TestDefaultAppConfig: the profile app-config is backstage-appconfig-<cr>, one file mount under workingDir, two args, one volume', () => {
    const b = build19(cr19(spec([])), profile19({ 'app-config.yaml': APP_CONFIG }));
    expect(errors(b)).toEqual([]);
    expect(mountsOf(b)).toEqual([file('backstage-appconfig-bs', `${SRC}/default.app-config.yaml`, 'default.app-config.yaml')]);
    expect(container(b).args).toEqual(['--config', `${SRC}/default.app-config.yaml`]);
    expect(volumesOf(b)).toEqual([cmVol('backstage-appconfig-bs')]);
  });

  test('TestSpecifiedAppConfig: CR app-configs under spec mountPath, a directory at its own mountPath, one key of three; eight args', () => {
    const cr = cr19(spec([{ name: 'app-config1' }, { name: 'app-config2', mountPath: '/my/appconfig' }, { name: 'app-config3', key: 'conf31.yaml' }], '/app/src'));
    const inputs = [cmIn('app-config1', { 'conf.yaml': 'a: 1' }), cmIn('app-config2', { 'conf21.yaml': '', 'conf22.yaml': '' }), cmIn('app-config3', { 'conf31.yaml': '', 'conf32.yaml': '' })];
    const b = build19(cr, profile19(), inputs);
    expect(errors(b)).toEqual([]);
    expect(mountsOf(b)).toEqual([
      file('app-config1', '/app/src/conf.yaml', 'conf.yaml'),
      dir('app-config2', '/my/appconfig'),
      file('app-config3', '/app/src/conf31.yaml', 'conf31.yaml'),
    ]);
    expect(container(b).args).toEqual(['--config', '/app/src/conf.yaml', '--config', '/my/appconfig/conf21.yaml', '--config', '/my/appconfig/conf22.yaml', '--config', '/app/src/conf31.yaml']);
    expect(volumesOf(b)).toEqual([cmVol('app-config1'), cmVol('app-config2'), cmVol('app-config3')]);
  });

  test('TestDefaultAndSpecifiedAppConfig: the default and the CR app-config: two mounts, four args, two volumes, the first volume the first mount', () => {
    const b = build19(cr19(spec([{ name: 'app-config1' }])), profile19({ 'app-config.yaml': APP_CONFIG }), [cmIn('app-config1', { 'conf.yaml': 'a: 1' })]);
    expect(errors(b)).toEqual([]);
    expect(mountsOf(b)).toEqual([file('backstage-appconfig-bs', `${SRC}/default.app-config.yaml`, 'default.app-config.yaml'), file('app-config1', '/my/path/conf.yaml', 'conf.yaml')]);
    expect(container(b).args).toEqual(['--config', `${SRC}/default.app-config.yaml`, '--config', '/my/path/conf.yaml']);
    expect(volumesOf(b)).toEqual([cmVol('backstage-appconfig-bs'), cmVol('app-config1')]);
  });
});

const CM_ENVS = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: to-be-replaced\ndata:\n  ENV1: "env var 1"\n  ENV2: "env var 2"\n';
const SEC_ENVS = 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: to-be-replaced\nstringData:\n  ENV1: "env var 1"\n  ENV2: "env var 2"\n';
const ALL_CONTAINERS = ['install-dynamic-plugins', 'another-init-container', 'backstage-backend', 'another-container'];

describe('configmapenvs_test.go (1.9.8)', () => {
  test('TestDefaultConfigMapEnvFrom: the profile configmap-envs is backstage-envs-<cr>, one envFrom, no env', () => {
    const b = build19(cr19(NO_DB), profile19({ 'configmap-envs.yaml': CM_ENVS }));
    expect(errors(b)).toEqual([]);
    expect(b.byKey('ConfigMap', 'backstage-envs-bs')).toEqual({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'backstage-envs-bs', namespace: NS, labels: LABELS() },
      data: { ENV1: 'env var 1', ENV2: 'env var 2' },
    });
    expect(container(b).envFrom).toEqual([{ configMapRef: { name: 'backstage-envs-bs' } }]);
    expect(container(b).env).toBeUndefined();
  });

  test('TestSpecifiedConfigMapEnvs: a CR ConfigMap key is one env var from configMapKeyRef', () => {
    const cr = cr19({ ...NO_DB, application: { extraEnvs: { configMaps: [{ name: 'mapName', key: 'ENV1' }] } } });
    const b = build19(cr, profile19(), [cmIn('mapName', { ENV1: 'x' })]);
    expect(errors(b)).toEqual([]);
    expect(container(b).env).toEqual([{ name: 'ENV1', valueFrom: { configMapKeyRef: { name: 'mapName', key: 'ENV1' } } }]);
    expect(container(b).envFrom).toBeUndefined();
  });

  test('TestDefaultAndSpecifiedConfigMapEnvFrom: the profile envFrom and the CR key env', () => {
    const cr = cr19({ ...NO_DB, application: { extraEnvs: { configMaps: [{ name: 'mapName', key: 'ENV1' }] } } });
    const b = build19(cr, profile19({ 'configmap-envs.yaml': CM_ENVS }), [cmIn('mapName', { ENV1: 'x' })]);
    expect(errors(b)).toEqual([]);
    expect(container(b).envFrom).toEqual([{ configMapRef: { name: 'backstage-envs-bs' } }]);
    expect(container(b).env).toEqual([{ name: 'ENV1', valueFrom: { configMapKeyRef: { name: 'mapName', key: 'ENV1' } } }]);
  });

  test('TestSpecifiedCMEnvsWithContainers: containers lists the containers that get the env; "*" all four', () => {
    const env = { name: 'ENV1', valueFrom: { configMapKeyRef: { name: 'cmName', key: 'ENV1' } } };
    const run = (containers: string[]) =>
      build19(cr19({ ...NO_DB, application: { extraEnvs: { configMaps: [{ name: 'cmName', key: 'ENV1', containers }] } } }), profile19({ 'deployment.yaml': MULTI_DEPLOYMENT }), [cmIn('cmName', { ENV1: 'x' })]);
    const listed = run(['install-dynamic-plugins', 'another-container']);
    expect(errors(listed)).toEqual([]);
    expect(ALL_CONTAINERS.map((c) => [c, container(listed, c).env])).toEqual([
      ['install-dynamic-plugins', [env]],
      ['another-init-container', undefined],
      ['backstage-backend', undefined],
      ['another-container', [env]],
    ]);
    const all = run(['*']);
    expect(ALL_CONTAINERS.map((c) => [c, container(all, c).env])).toEqual(ALL_CONTAINERS.map((c) => [c, [env]]));
  });

  test('TestCMEnvsWithNonExistedContainerFailed: a container the pod does not have is an error naming it', () => {
    const cr = cr19({ ...NO_DB, application: { extraEnvs: { configMaps: [{ name: 'cmName', key: 'ENV1', containers: ['install-dynamic-plugins', 'another-container'] }] } } });
    const b = build19(cr, profile19(), [cmIn('cmName', { ENV1: 'x' })]);
    expect(errors(b)).toEqual([['spec.application.extraEnvs.configMaps[0].containers', expect.stringContaining('not found')]]);
  });
});

describe('secretenvs_test.go (1.9.8)', () => {
  test('TestDefaultSecretEnvFrom: the profile secret-envs is backstage-envs-<cr>, one envFrom, no env', () => {
    const b = build19(cr19(NO_DB), profile19({ 'secret-envs.yaml': SEC_ENVS }));
    expect(errors(b)).toEqual([]);
    expect(b.byKey('Secret', 'backstage-envs-bs')).toEqual({
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'backstage-envs-bs', namespace: NS, labels: LABELS(), annotations: { 'rhdh.redhat.com/configured-name': 'to-be-replaced' } },
      stringData: { ENV1: 'env var 1', ENV2: 'env var 2' },
    });
    expect(container(b).envFrom).toEqual([{ secretRef: { name: 'backstage-envs-bs' } }]);
    expect(container(b).env).toBeUndefined();
  });


  test('TestDefaultMultiSecretEnv: three profile Secrets, backstage-envs-<cr>-<name>, envFrom by the containers annotation', () => {
    const b = build19(cr19(NO_DB), profile19({ 'deployment.yaml': MULTI_DEPLOYMENT, 'secret-envs.yaml': MULTI_SECRET }));
    expect(errors(b)).toEqual([]);
    const ref = (n: string) => ({ secretRef: { name: `backstage-envs-bs-${n}` } });
    expect(b.model.objects.filter((o) => o.kind === 'Secret').map((o) => [o.metadata.name, o.metadata.annotations?.['rhdh.redhat.com/configured-name']])).toEqual([
      ['backstage-envs-bs-secret1', 'secret1'],
      ['backstage-envs-bs-secret2', 'secret2'],
      ['backstage-envs-bs-secret3', 'secret3'],
    ]);
    expect(ALL_CONTAINERS.map((c) => [c, container(b, c).envFrom])).toEqual([
      ['install-dynamic-plugins', [ref('secret1'), ref('secret3')]],
      ['another-init-container', [ref('secret3')]],
      ['backstage-backend', [ref('secret1'), ref('secret2'), ref('secret3')]],
      ['another-container', [ref('secret3')]],
    ]);
  });

  test('TestSpecifiedSecretEnvs: a CR Secret key is one env var from secretKeyRef', () => {
    const cr = cr19({ ...NO_DB, application: { extraEnvs: { secrets: [{ name: 'secName', key: 'ENV1' }] } } });
    const b = build19(cr, profile19(), [secretIn('secName', { ENV1: 'x' })]);
    expect(errors(b)).toEqual([]);
    expect(container(b).env).toEqual([{ name: 'ENV1', valueFrom: { secretKeyRef: { name: 'secName', key: 'ENV1' } } }]);
  });

  test('TestSpecifiedSecretEnvsWithContainers: containers lists the containers that get the env; "*" all four', () => {
    const env = { name: 'ENV1', valueFrom: { secretKeyRef: { name: 'secName', key: 'ENV1' } } };
    const run = (containers: string[]) =>
      build19(cr19({ ...NO_DB, application: { extraEnvs: { secrets: [{ name: 'secName', key: 'ENV1', containers }] } } }), profile19({ 'deployment.yaml': MULTI_DEPLOYMENT }), [secretIn('secName', { ENV1: 'x' })]);
    const listed = run(['install-dynamic-plugins', 'another-container']);
    expect(ALL_CONTAINERS.map((c) => [c, container(listed, c).env])).toEqual([
      ['install-dynamic-plugins', [env]],
      ['another-init-container', undefined],
      ['backstage-backend', undefined],
      ['another-container', [env]],
    ]);
    const all = run(['*']);
    expect(ALL_CONTAINERS.map((c) => [c, container(all, c).env])).toEqual(ALL_CONTAINERS.map((c) => [c, [env]]));
  });

  test('TestSecretEnvsWithNonExistedContainerFailed: a container the pod does not have is an error naming it', () => {
    const cr = cr19({ ...NO_DB, application: { extraEnvs: { secrets: [{ name: 'secName', key: 'ENV1', containers: ['install-dynamic-plugins', 'another-container'] }] } } });
    const b = build19(cr, profile19(), [secretIn('secName', { ENV1: 'x' })]);
    expect(errors(b)).toEqual([['spec.application.extraEnvs.secrets[0].containers', expect.stringContaining('not found')]]);
  });
});

const CM_FILES = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: to-be-replaced\ndata:\n  dynamic-plugins123.yaml: |\n    plugins: []\n';

describe('configmapfiles_test.go (1.9.8)', () => {
  const spec = (configMaps: unknown[]) => ({ application: { extraFiles: { mountPath: '/my/path', configMaps } } });

  test('TestDefaultConfigMapFiles: the profile configmap-files (no annotation): one file mount under workingDir, one volume', () => {
    const b = build19(cr19(spec([])), profile19({ 'configmap-files.yaml': CM_FILES }));
    expect(errors(b)).toEqual([]);
    expect(mountsOf(b)).toEqual([file('backstage-files-bs', `${SRC}/dynamic-plugins123.yaml`, 'dynamic-plugins123.yaml')]);
    expect(volumesOf(b)).toEqual([cmVol('backstage-files-bs')]);
  });

  test('TestSpecifiedConfigMapFiles: per-key files under spec mountPath, a directory at an absolute mountPath or one relative to it; no args', () => {
    const cr = cr19(spec([{ name: 'cm1' }, { name: 'cm2', mountPath: '/custom/path' }, { name: 'cm3', mountPath: 'rel' }]));
    const b = build19(cr, profile19(), [cmIn('cm1', { 'conf1.yaml': 'data' }), cmIn('cm2', { 'conf2.yaml': 'data' }), cmIn('cm3', { 'conf3.yaml': 'data' })]);
    expect(errors(b)).toEqual([]);
    expect(mountsOf(b)).toEqual([file('cm1', '/my/path/conf1.yaml', 'conf1.yaml'), dir('cm2', '/custom/path'), dir('cm3', '/my/path/rel')]);
    expect(container(b).args).toBeUndefined();
    expect(volumesOf(b)).toEqual([cmVol('cm1'), cmVol('cm2'), cmVol('cm3')]);
  });

  test('TestDefaultAndSpecifiedConfigMapFiles: the profile file and the CR binaryData file: two mounts, two volumes, no args', () => {
    const b = build19(cr19(spec([{ name: 'app-config1' }])), profile19({ 'configmap-files.yaml': CM_FILES }), [binaryCmIn('app-config1', { 'conf1.yaml': 'data' })]);
    expect(errors(b)).toEqual([]);
    expect(mountsOf(b)).toEqual([file('backstage-files-bs', `${SRC}/dynamic-plugins123.yaml`, 'dynamic-plugins123.yaml'), file('app-config1', '/my/path/conf1.yaml', 'conf1.yaml')]);
    expect(container(b).args).toBeUndefined();
    expect(volumesOf(b)).toEqual([cmVol('backstage-files-bs'), cmVol('app-config1')]);
  });

  test('TestSpecifiedConfigMapFilesWithBinaryData: a binaryData key is a file under the mountPath', () => {
    const b = build19(cr19(spec([{ name: 'cm1' }])), profile19(), [binaryCmIn('cm1', { 'conf1.yaml': 'data' })]);
    expect(errors(b)).toEqual([]);
    expect(mountsOf(b)).toEqual([file('cm1', '/my/path/conf1.yaml', 'conf1.yaml')]);
  });

  test('TestSpecifiedCMFilesWithContainers: each ConfigMap mounted into its containers ("*" all)', () => {
    const cr = cr19(
      spec([
        { name: 'cm1', containers: ['install-dynamic-plugins', 'another-container'] },
        { name: 'cm2', mountPath: '/custom/path', containers: ['install-dynamic-plugins'] },
        { name: 'cm3', mountPath: 'rel', containers: ['*'] },
      ]),
    );
    const b = build19(cr, profile19({ 'deployment.yaml': MULTI_DEPLOYMENT }), [cmIn('cm1', { 'conf1.yaml': 'data' }), cmIn('cm2', { 'conf2.yaml': 'data' }), cmIn('cm3', { 'conf3.yaml': 'data' })]);
    expect(errors(b)).toEqual([]);
    const cm1 = file('cm1', '/my/path/conf1.yaml', 'conf1.yaml');
    const cm3 = dir('cm3', '/my/path/rel');
    expect(ALL_CONTAINERS.map((c) => [c, mountsOf(b, c)])).toEqual([
      ['install-dynamic-plugins', [cm1, dir('cm2', '/custom/path'), cm3]],
      ['another-init-container', [cm3]],
      ['backstage-backend', [cm3]],
      ['another-container', [cm1, cm3]],
    ]);
  });

  test('TestCMFilesWithNonExistedContainerFailed: a container the pod does not have is an error naming it', () => {
    const cr = cr19({ application: { extraFiles: { configMaps: [{ name: 'cmName', containers: ['another-container'] }] } } });
    const b = build19(cr, profile19(), [cmIn('cmName', { a: 'b' })]);
    expect(errors(b)).toEqual([['spec.application.extraFiles.configMaps[0].containers', expect.stringContaining('not found')]]);
  });

  test('TestReplaceFiles: the CR file mounted at the profile file\'s path replaces that mount (one mount); both volumes stay', () => {
    const cr = cr19(spec([{ name: 'app-config1', mountPath: SRC, key: 'dynamic-plugins123.yaml' }]));
    const b = build19(cr, profile19({ 'configmap-files.yaml': CM_FILES }), [binaryCmIn('app-config1', { 'dynamic-plugins123.yaml': 'data' })]);
    expect(errors(b)).toEqual([]);
    expect(mountsOf(b)).toEqual([file('app-config1', `${SRC}/dynamic-plugins123.yaml`, 'dynamic-plugins123.yaml')]);
    expect(volumesOf(b)).toEqual([cmVol('backstage-files-bs'), cmVol('app-config1')]);
  });
});

const SECRET_FILES = `apiVersion: v1
kind: Secret
metadata:
  name: to-be-replaced
  annotations:
    rhdh.redhat.com/mount-path: /opt/app-root/src
stringData:
  dynamic-plugins321.yaml: |
    plugins: []
`;

describe('secretfiles_test.go (1.9.8)', () => {
  const spec = (secrets: unknown[]) => ({ application: { extraFiles: { mountPath: '/my/path', secrets } } });

  test('TestDefaultSecretFiles: the profile secret-files with a mount-path annotation: backstage-files-<cr> mounted as a directory there', () => {
    const b = build19(cr19(spec([])), profile19({ 'secret-files.yaml': SECRET_FILES }));
    expect(errors(b)).toEqual([]);
    expect(b.byKey('Secret', 'backstage-files-bs')?.metadata).toEqual({ name: 'backstage-files-bs', namespace: NS, labels: LABELS(), annotations: { 'rhdh.redhat.com/mount-path': SRC } });
    expect(mountsOf(b)).toEqual([dir('backstage-files-bs', SRC)]);
    expect(volumesOf(b)).toEqual([secVol('backstage-files-bs')]);
  });


  test('TestDefaultMultiSecretFiles: three profile Secrets: per-key files under <workingDir>/<name>, or a directory at the annotation; by the containers annotation', () => {
    const b = build19(cr19(NO_DB), profile19({ 'deployment.yaml': MULTI_DEPLOYMENT, 'secret-files.yaml': MULTI_SECRET }));
    expect(errors(b)).toEqual([]);
    expect(b.model.objects.filter((o) => o.kind === 'Secret').map((o) => o.metadata.name)).toEqual(['backstage-files-bs-secret1', 'backstage-files-bs-secret2', 'backstage-files-bs-secret3']);
    const s1 = (k: string) => file('backstage-files-bs-secret1', `${SRC}/backstage-files-bs-secret1/${k}`, k);
    const s3 = dir('backstage-files-bs-secret3', '/mount/path/from/annotation2');
    expect(ALL_CONTAINERS.map((c) => [c, mountsOf(b, c)])).toEqual([
      ['install-dynamic-plugins', [s1('data1'), s1('data2'), s3]],
      ['another-init-container', [s3]],
      ['backstage-backend', [s1('data1'), s1('data2'), dir('backstage-files-bs-secret2', '/mount/path/from/annotation'), s3]],
      ['another-container', [s3]],
    ]);
    expect(volumesOf(b)).toEqual([secVol('backstage-files-bs-secret1'), secVol('backstage-files-bs-secret2'), secVol('backstage-files-bs-secret3')]);
  });

  test('TestSpecifiedSecretFiles: a key under spec mountPath, a directory at mountPath, a dotted Secret name; volumes in order', () => {
    const cr = cr19(spec([{ name: 'secret1', key: 'conf.yaml' }, { name: 'secret2', mountPath: '/custom/path' }, { name: 'secret.dot', key: 'conf3.yaml' }]));
    const b = build19(cr, profile19(), [secretIn('secret1', { 'conf.yaml': 'x' }), secretIn('secret2', { 'conf.yaml': 'data' }), secretIn('secret.dot', { 'conf3.yaml': 'data' })]);
    expect(errors(b)).toEqual([]);
    expect(mountsOf(b)).toEqual([file('secret1', '/my/path/conf.yaml', 'conf.yaml'), dir('secret2', '/custom/path'), file('secret-dot', '/my/path/conf3.yaml', 'conf3.yaml')]);
    expect(container(b).args).toBeUndefined();
    expect(volumesOf(b)).toEqual([secVol('secret1'), secVol('secret2'), secVol('secret-dot', 'secret.dot')]);
  });

  test('TestFailedValidation: a CR Secret with neither key nor mountPath is an error', () => {
    const b = build19(cr19(spec([{ name: 'secret1' }])), profile19(), [secretIn('secret1', { a: 'b' })]);
    expect(errors(b)).toEqual([['spec.application.extraFiles.secrets[0]', expect.stringContaining('key or mountPath has to be specified for secret secret1')]]);
  });

  test('TestDefaultAndSpecifiedSecretFiles: the profile directory and the CR key: two mounts, two volumes, no args', () => {
    const b = build19(cr19(spec([{ name: 'secret1', key: 'conf.yaml' }])), profile19({ 'secret-files.yaml': SECRET_FILES }), [secretIn('secret1', { 'conf.yaml': '' })]);
    expect(errors(b)).toEqual([]);
    expect(mountsOf(b)).toEqual([dir('backstage-files-bs', SRC), file('secret1', '/my/path/conf.yaml', 'conf.yaml')]);
    expect(container(b).args).toBeUndefined();
    expect(volumesOf(b)).toEqual([secVol('backstage-files-bs'), secVol('secret1')]);
  });

  test('TestSpecifiedSecretFilesWithDataAndKey: the same with the key in data (two mounts, two volumes)', () => {
    const b = build19(cr19(spec([{ name: 'secret1', key: 'conf.yaml' }])), profile19({ 'secret-files.yaml': SECRET_FILES }), [secretIn('secret1', { 'conf.yaml': '' })]);
    expect(mountsOf(b)).toEqual([dir('backstage-files-bs', SRC), file('secret1', '/my/path/conf.yaml', 'conf.yaml')]);
    expect(volumesOf(b)).toEqual([secVol('backstage-files-bs'), secVol('secret1')]);
  });

  test('TestSpecifiedSecretFilesWithContainers: each Secret mounted into its containers ("*" all)', () => {
    const cr = cr19(
      spec([
        { name: 'secret1', key: 'conf1.yaml', containers: ['install-dynamic-plugins', 'another-container'] },
        { name: 'secret2', mountPath: '/custom/path', containers: ['install-dynamic-plugins'] },
        { name: 'secret3', mountPath: 'rel', containers: ['*'] },
      ]),
    );
    const b = build19(cr, profile19({ 'deployment.yaml': MULTI_DEPLOYMENT }), [secretIn('secret1', { 'conf1.yaml': 'data' }), secretIn('secret2', { 'conf2.yaml': 'data' }), secretIn('secret3', { 'conf3.yaml': 'data' })]);
    expect(errors(b)).toEqual([]);
    const s1 = file('secret1', '/my/path/conf1.yaml', 'conf1.yaml');
    const s3 = dir('secret3', '/my/path/rel');
    expect(ALL_CONTAINERS.map((c) => [c, mountsOf(b, c)])).toEqual([
      ['install-dynamic-plugins', [s1, dir('secret2', '/custom/path'), s3]],
      ['another-init-container', [s3]],
      ['backstage-backend', [s3]],
      ['another-container', [s1, s3]],
    ]);
  });

  test('TestSecretFilesWithNonExistedContainerFailed: a container the pod does not have is an error naming it', () => {
    const cr = cr19({ application: { extraFiles: { configMaps: [{ name: 'secretName', containers: ['another-container'] }] } } });
    const b = build19(cr, profile19(), [cmIn('secretName', { a: 'b' })]);
    expect(errors(b)).toEqual([['spec.application.extraFiles.configMaps[0].containers', expect.stringContaining('not found')]]);
  });

  test('TestReplaceSecretFiles: the CR Secret mounted at the profile Secret\'s directory replaces that mount', () => {
    const b = build19(cr19(spec([{ name: 'secret1', mountPath: SRC }])), profile19({ 'secret-files.yaml': SECRET_FILES }), [secretIn('secret1', { 'dynamic-plugins321.yaml': 'new' })]);
    expect(errors(b)).toEqual([]);
    expect(mountsOf(b)).toEqual([dir('secret1', SRC)]);
    expect(volumesOf(b)).toEqual([secVol('backstage-files-bs'), secVol('secret1')]);
  });
});

/** The full render (model, plugin dependencies, finishing) as operator 1.9, for the ports that need dependencies. */
function render19(items: KObject[], files: Record<string, string>, options: Record<string, unknown> = {}) {
  const profile = profile19(files);
  return renderBackstage({ items, options: withDefaults({ secretSeed: 'ports-seed', namespace: NS, platform: 'kubernetes', operatorVersion: '1.9', ...options }), profile });
}
const names = (objects: KObject[]) => objects.map((o) => `${o.kind}/${o.metadata.name}`);

describe('db-secret_test.go, db-statefulset_test.go (1.9.8)', () => {
  test('TestEmptyDbSecret: an empty profile db-secret: backstage-psql-secret-<cr>, the only envFrom of the DB container', () => {
    const b = build19(cr19({ database: { enableLocalDb: true } }), profile19({ 'db-secret.yaml': 'apiVersion: v1\nkind: Secret\n' }));
    expect(errors(b)).toEqual([]);
    expect(b.model.objects.filter((o) => o.kind === 'Secret').map((o) => o.metadata.name)).toEqual(['backstage-psql-secret-bs']);
    expect((b.byKey('StatefulSet', 'backstage-psql-bs') as any).spec.template.spec.containers[0].envFrom).toEqual([{ secretRef: { name: 'backstage-psql-secret-bs' } }]);
  });

  test('TestDefaultWithGeneratedSecrets: a profile db-secret with values: backstage-psql-secret-<cr>, its keys set by the operator, the DB container envFrom', () => {
    const withValues = 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: postgres-secrets\ntype: Opaque\nstringData:\n  POSTGRES_PASSWORD: "postgres"\n  POSTGRES_PORT: "5432"\n  POSTGRES_USER: "postgres"\n  POSTGRES_HOST: x\n';
    const b = build19(cr19({ database: { enableLocalDb: true } }), profile19({ 'db-secret.yaml': withValues }));
    expect(errors(b)).toEqual([]);
    const s = b.byKey('Secret', 'backstage-psql-secret-bs') as any;
    expect(Object.keys(s.stringData).sort()).toEqual(['POSTGRESQL_ADMIN_PASSWORD', 'POSTGRES_HOST', 'POSTGRES_PASSWORD', 'POSTGRES_PORT', 'POSTGRES_USER']);
    expect([s.stringData.POSTGRES_USER, s.stringData.POSTGRES_HOST, s.stringData.POSTGRES_PORT]).toEqual(['postgres', 'backstage-psql-bs', '5433']);
    // 1.9 overwrites the profile's values: the password is generated, not the profile's "postgres".
    expect(s.stringData.POSTGRES_PASSWORD).not.toBe('postgres');
    expect(s.stringData.POSTGRESQL_ADMIN_PASSWORD).toBe(s.stringData.POSTGRES_PASSWORD);
    expect((b.byKey('StatefulSet', 'backstage-psql-bs') as any).spec.template.spec.containers[0].envFrom).toEqual([{ secretRef: { name: 'backstage-psql-secret-bs' } }]);
  });

  test('TestSpecifiedSecret: database.authSecretName: no DB Secret; the DB and Backstage containers envFrom that Secret', () => {
    const b = build19(cr19({ database: { enableLocalDb: true, authSecretName: 'custom-db-secret' } }), profile19(), [secretIn('custom-db-secret', { POSTGRES_PASSWORD: 'x' })]);
    expect(errors(b)).toEqual([]);
    expect(b.model.objects.filter((o) => o.kind === 'Secret')).toEqual([]);
    expect((b.byKey('StatefulSet', 'backstage-psql-bs') as any).spec.template.spec.containers[0].envFrom).toEqual([{ secretRef: { name: 'custom-db-secret' } }]);
    expect(container(b).envFrom).toEqual([{ secretRef: { name: 'custom-db-secret' } }]);
  });

  test('TestDefault: the DB StatefulSet serviceName is the DB Service, which is headless', () => {
    const b = build19(cr19({ database: {}, application: {} }), profile19());
    expect(errors(b)).toEqual([]);
    expect((b.byKey('StatefulSet', 'backstage-psql-bs') as any).spec.serviceName).toBe('backstage-psql-bs');
    expect((b.byKey('Service', 'backstage-psql-bs') as any).spec.clusterIP).toBe('None');
  });

  test('TestOverrideDbImage: RELATED_IMAGE_postgresql (postgresqlImage) is the DB container image', () => {
    const b = build19(cr19({ database: { enableLocalDb: true } }), profile19(), [], { postgresqlImage: 'dummy' });
    expect((b.byKey('StatefulSet', 'backstage-psql-bs') as any).spec.template.spec.containers.map((c: any) => c.image)).toEqual(['dummy']);
  });
});

const SIDECAR_DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: placeholder
spec:
  selector:
    matchLabels: {}
  template:
    spec:
      initContainers:
        - name: install-dynamic-plugins
          image: registry.test/hub:1
      containers:
        - name: backstage-backend
          image: registry.test/hub:1
        - name: sidecar
          image: busybox
`;

describe('deployment_test.go (1.9.8)', () => {
  test('TestWorkingDirMount: a relative mountPath is under the Backstage container workingDir when extraFiles.mountPath is empty, a directory (no sub-path)', () => {
    const wd = PLAIN_DEPLOYMENT_WITH_WD('/my/home');
    const mounted = (extraFiles: Record<string, unknown>) => {
      const b = build19(cr19({ ...NO_DB, application: { extraFiles: { ...extraFiles, configMaps: [{ name: 'test', mountPath: 'subpath' }] } } }), profile19({ 'deployment.yaml': wd }), [cmIn('test', { a: 'b' })]);
      expect(errors(b)).toEqual([]);
      return mountsOf(b);
    };
    // The Go test calls mountPath("subpath", "", "") directly; through the API, an explicit empty
    // extraFiles.mountPath gives that, while an absent one is defaulted by the CRD to /opt/app-root/src.
    expect(mounted({ mountPath: '' })).toEqual([dir('test', '/my/home/subpath')]);
    expect(mounted({})).toEqual([dir('test', '/opt/app-root/src/subpath')]);
  });

  test('TestOverrideBackstageImage: RELATED_IMAGE_backstage (backstageImage) sets the Backstage and install-dynamic-plugins images, not the sidecar', () => {
    const b = build19(cr19(NO_DB), profile19({ 'deployment.yaml': SIDECAR_DEPLOYMENT }), [], { backstageImage: 'dummy' });
    expect(errors(b)).toEqual([]);
    expect(podSpec(b).containers.map((c: any) => [c.name, c.image])).toEqual([
      ['backstage-backend', 'dummy'],
      ['sidecar', 'busybox'],
    ]);
    expect(podSpec(b).initContainers.map((c: any) => [c.name, c.image])).toEqual([['install-dynamic-plugins', 'dummy']]);
  });

  test('TestSpecImagePullSecrets: the profile imagePullSecrets stay', () => {
    const ips = PLAIN_DEPLOYMENT_WITH_WD(undefined).replace('    spec:\n', '    spec:\n      imagePullSecrets:\n        - name: ips1\n        - name: ips2\n');
    const b = build19(cr19(NO_DB), profile19({ 'deployment.yaml': ips }), [], { platform: 'openshift' });
    expect(podSpec(b).imagePullSecrets).toEqual([{ name: 'ips1' }, { name: 'ips2' }]);
  });

  test('TestMergeFromSpecDeployment: the patch adds labels, a sidecar, resources, replaces a volume source field and appends a volume', () => {
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
            volumes: [{ ephemeral: { volumeClaimTemplate: { spec: { storageClassName: 'special' } } }, name: 'dynamic-plugins-root' }, { emptyDir: {}, name: 'my-vol' }],
          },
        },
      },
    };
    const b = build19(cr19({ ...NO_DB, deployment: { patch } }), profile19({ 'deployment.yaml': RHDH_DEPLOYMENT }), [], { platform: 'openshift' });
    expect(errors(b)).toEqual([]);
    const d = b.byKey('Deployment', 'backstage-bs') as any;
    expect(d.metadata.labels).toEqual({ mylabel: 'java', ...LABELS() });
    expect(d.spec.template.metadata.labels).toEqual({ pod: 'backstage', 'rhdh.redhat.com/app': 'backstage-bs' });
    expect(podSpec(b).containers.map((c: any) => [c.name, c.image])).toEqual([
      ['backstage-backend', 'registry.test/hub:1'],
      ['sidecar', 'my-image:1.0.0'],
    ]);
    expect(container(b).resources).toEqual({ requests: { cpu: '251m', memory: '257Mi' } });
    expect(volumesOf(b)).toEqual([
      { name: 'dynamic-plugins-root', ephemeral: { volumeClaimTemplate: { spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, storageClassName: 'special' } } } },
      { name: 'dynamic-plugins-npmrc', secret: { defaultMode: 420, optional: true, secretName: 'dynamic-plugins-npmrc' } },
      { name: 'dynamic-plugins-registry-auth', secret: { defaultMode: 416, optional: true, secretName: 'dynamic-plugins-registry-auth' } },
      { name: 'my-vol', emptyDir: {} },
    ]);
  });

  test('TestImageInCRPrevailsOnEnvVar: backstageImage sets the image; an image in the CR patch wins over it', () => {
    const env = build19(cr19(NO_DB), profile19(), [], { backstageImage: 'envvar-image', platform: 'openshift' });
    expect(container(env).image).toBe('envvar-image');
    const patch = { spec: { template: { spec: { containers: [{ name: 'backstage-backend', image: 'cr-image' }] } } } };
    const cr = build19(cr19({ ...NO_DB, deployment: { patch } }), profile19(), [], { backstageImage: 'envvar-image', platform: 'openshift' });
    expect(container(cr).image).toBe('cr-image');
  });

  test('TestFilterContainers: no list is the Backstage container (an empty one the CRD refuses), "*" every container, names those, an unknown name an error', () => {
    const patch = { spec: { template: { spec: { containers: [{ name: 'c1', image: 'i:1' }, { name: 'c2', image: 'i:1' }], initContainers: [{ name: 'c3', image: 'i:1' }] } } } };
    const withEnv = (containers?: string[]) => build19(cr19({ ...NO_DB, deployment: { patch }, application: { extraEnvs: { envs: [{ name: 'E', value: 'v', ...(containers ? { containers } : {}) }] } } }), profile19());
    const got = (b: ReturnType<typeof withEnv>) => ['backstage-backend', 'c1', 'c2', 'c3'].filter((c) => container(b, c).env?.some((e: any) => e.name === 'E'));
    expect(got(withEnv())).toEqual(['backstage-backend']);
    // The Go test's empty name list is not reachable through the API: 1.9's CRD says minItems: 1.
    const empty = render19([cr19({ ...NO_DB, deployment: { patch }, application: { extraEnvs: { envs: [{ name: 'E', value: 'v', containers: [] }] } } })], {});
    expect(empty.results.filter((r) => r.severity === 'error').map((r) => [r.field?.path, r.message])).toEqual([
      ['spec.application.extraEnvs.envs[0].containers', 'must have at least 1 item (found 0)'],
    ]);
    expect(got(withEnv(['*']))).toEqual(['backstage-backend', 'c1', 'c2', 'c3']);
    expect(got(withEnv(['c1', 'c2']))).toEqual(['c1', 'c2']);
    expect(errors(withEnv(['c123']))).toEqual([['spec.application.extraEnvs.envs[0].containers', expect.stringContaining('not found')]]);
  });

  test('TestEnvVarsWithSidecars: an env var for the sidecar only', () => {
    const patch = { spec: { template: { spec: { containers: [{ name: 'sidecar', image: 'busybox' }] } } } };
    const b = build19(cr19({ ...NO_DB, deployment: { patch }, application: { extraEnvs: { envs: [{ name: 'VAR1', value: 'v1', containers: ['sidecar'] }] } } }), profile19());
    expect(errors(b)).toEqual([]);
    expect(container(b, 'sidecar').env).toEqual([{ name: 'VAR1', value: 'v1' }]);
    expect(container(b).env).toBeUndefined();
  });

  test('TestDeploymentKind: deployment.kind StatefulSet: a StatefulSet with the same pod spec as the Deployment', () => {
    const dep = build19(cr19({ ...NO_DB, deployment: {} }), profile19());
    const sts = build19(cr19({ ...NO_DB, deployment: { kind: 'StatefulSet' } }), profile19());
    expect(errors(sts)).toEqual([]);
    expect(names(sts.model.objects).filter((n) => n.endsWith('/backstage-bs'))).toEqual(['StatefulSet/backstage-bs', 'Service/backstage-bs']);
    expect(podSpec(sts)).toEqual(podSpec(dep));
  });

  test('TestPatchedStatefulSet: the patch sets the StatefulSet serviceName', () => {
    const b = build19(cr19({ ...NO_DB, deployment: { kind: 'StatefulSet', patch: { spec: { serviceName: 'my-service' } } } }), profile19());
    expect(errors(b)).toEqual([]);
    expect((b.byKey('StatefulSet', 'backstage-bs') as any).spec.serviceName).toBe('my-service');
  });
});

function PLAIN_DEPLOYMENT_WITH_WD(workingDir: string | undefined): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: placeholder
spec:
  selector:
    matchLabels: {}
  template:
    spec:
      containers:
        - name: backstage-backend
          image: registry.test/backstage:1
${workingDir ? `          workingDir: ${workingDir}\n` : ''}`;
}

const DP = (text: string, name = 'default-dynamic-plugins') => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\ndata:\n  dynamic-plugins.yaml: |\n${text.replace(/^/gm, '    ')}\n`;
const DP_DEFAULT = DP('includes:\n  - dynamic-plugins.default.yaml\nplugins: []');
const RHDH_INIT_MOUNTS = [
  { mountPath: '/dynamic-plugins-root', name: 'dynamic-plugins-root' },
  { mountPath: '/opt/app-root/src/.npmrc.dynamic-plugins', name: 'dynamic-plugins-npmrc', readOnly: true, subPath: '.npmrc' },
  { mountPath: '/opt/app-root/src/.config/containers', name: 'dynamic-plugins-registry-auth', readOnly: true },
];

describe('dynamic-plugins_test.go (1.9.8)', () => {
  test('TestDynamicPluginsValidationFailed: dynamic plugins without an install-dynamic-plugins init container is an error', () => {
    const b = build19(cr19(NO_DB), profile19({ 'dynamic-plugins.yaml': DP_DEFAULT }));
    expect(errors(b)).toEqual([[undefined, expect.stringContaining('install-dynamic-plugins')]]);
  });

  test("TestDynamicPluginsInvalidKeyName: the CR's plugins ConfigMap without a dynamic-plugins.yaml key is an error", () => {
    const b = build19(cr19({ ...NO_DB, application: { dynamicPluginsConfigMapName: 'dplugin' } }), profile19({ 'dynamic-plugins.yaml': DP_DEFAULT, 'deployment.yaml': RHDH_DEPLOYMENT }), [cmIn('dplugin', { 'WrongKeyName.yml': 'tt' })]);
    expect(errors(b)).toEqual([['spec.application.dynamicPluginsConfigMapName', expect.stringContaining("dynamic plugin configMap expects 'dynamic-plugins.yaml' Data key")]]);
  });

  test('TestDefaultDynamicPlugins: the profile plugins: backstage-dynamic-plugins-<cr> as a fourth volume and init-container mount; no dependencies', () => {
    const b = build19(cr19(NO_DB), profile19({ 'dynamic-plugins.yaml': DP_DEFAULT, 'deployment.yaml': RHDH_DEPLOYMENT }));
    expect(errors(b)).toEqual([]);
    expect((volumesOf(b) as any[]).map((v) => v.name)).toEqual(['dynamic-plugins-root', 'dynamic-plugins-npmrc', 'dynamic-plugins-registry-auth', 'backstage-dynamic-plugins-bs']);
    expect(mountsOf(b, 'install-dynamic-plugins')).toEqual([...RHDH_INIT_MOUNTS, file('backstage-dynamic-plugins-bs', `${SRC}/dynamic-plugins.yaml`, 'dynamic-plugins.yaml')]);
    expect(b.model.dynamicPlugins?.plugins ?? []).toEqual([]);
  });

  test("TestDefaultAndSpecifiedDynamicPlugins: the profile's and the CR's plugins: the merged backstage-dynamic-plugins-<cr> is the fourth init mount", () => {
    const b = build19(cr19({ ...NO_DB, application: { dynamicPluginsConfigMapName: 'dplugin' } }), profile19({ 'dynamic-plugins.yaml': DP_DEFAULT, 'deployment.yaml': RHDH_DEPLOYMENT }), [cmIn('dplugin', { 'dynamic-plugins.yaml': 'plugins: []\n' })]);
    expect(errors(b)).toEqual([]);
    expect(mountsOf(b, 'install-dynamic-plugins')).toEqual([...RHDH_INIT_MOUNTS, file('backstage-dynamic-plugins-bs', `${SRC}/dynamic-plugins.yaml`, 'dynamic-plugins.yaml')]);
    expect(b.model.dynamicPlugins?.plugins ?? []).toEqual([]);
  });

  test("TestSpecifiedOnlyDynamicPlugins: only the CR's plugins ConfigMap: it is mounted itself as the fourth init mount", () => {
    const b = build19(cr19({ ...NO_DB, application: { dynamicPluginsConfigMapName: 'dplugin' } }), profile19({ 'deployment.yaml': RHDH_DEPLOYMENT }), [cmIn('dplugin', { 'dynamic-plugins.yaml': 'plugins: []\n' })]);
    expect(errors(b)).toEqual([]);
    expect(mountsOf(b, 'install-dynamic-plugins')).toEqual([...RHDH_INIT_MOUNTS, file('dplugin', `${SRC}/dynamic-plugins.yaml`, 'dynamic-plugins.yaml')]);
    expect(b.model.objects.filter((o) => o.kind === 'ConfigMap')).toEqual([]);
  });

  test('TestDynamicPluginsFailOnArbitraryDepl: profile plugins with a Deployment that has no such init container fail the model', () => {
    const b = build19(cr19(NO_DB), profile19({ 'dynamic-plugins.yaml': DP_DEFAULT, 'deployment.yaml': MULTI_DEPLOYMENT.replace('install-dynamic-plugins', 'some-init') }));
    expect(errors(b)).toEqual([[undefined, expect.stringContaining('install-dynamic-plugins')]]);
    expect(b.model.objects).toEqual([]);
  });

  test('TestNotConfiguredDPsNotInTheModel: no plugins in the profile or the CR: no plugins ConfigMap', () => {
    const b = build19(cr19(NO_DB), profile19());
    expect(errors(b)).toEqual([]);
    expect(names(b.model.objects)).toEqual(['Deployment/backstage-bs', 'Service/backstage-bs']);
  });

  test("TestWithDynamicPluginsDeps: the CR's plugin dependencies are applied from the profile's plugin-deps", () => {
    const cr = cr19({ ...NO_DB, application: { dynamicPluginsConfigMapName: 'dplugin' } });
    const dplugin = cmIn('dplugin', { 'dynamic-plugins.yaml': 'plugins:\n  - package: "plugin-a"\n    disabled: false\n    dependencies:\n      - ref: "dependency-1"\n      - ref: "dependency-2"\n' });
    const out = render19([cr, dplugin], {
      'dynamic-plugins.yaml': DP_DEFAULT,
      'deployment.yaml': RHDH_DEPLOYMENT,
      'plugin-deps/dependency-1.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: dep1\n',
      'plugin-deps/dependency-2.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: dep2\n',
    });
    expect(out.results.filter((r) => r.severity === 'error')).toEqual([]);
    expect(out.generated.filter((o) => o.metadata.name?.startsWith('dep')).map((o) => [o.metadata.name, o.metadata.namespace])).toEqual([
      ['dep1', NS],
      ['dep2', NS],
    ]);
  });

  const catalogEnv = (b: ReturnType<typeof build19>) => container(b, 'install-dynamic-plugins').env;
  const RHDH = () => profile19({ 'dynamic-plugins.yaml': DP_DEFAULT, 'deployment.yaml': RHDH_DEPLOYMENT });
  const NPM = { name: 'NPM_CONFIG_USERCONFIG', value: '/opt/app-root/src/.npmrc.dynamic-plugins' };

  test('TestCatalogIndexImageFromDefaultConfig: CATALOG_INDEX_IMAGE comes from the profile Deployment', () => {
    expect(catalogEnv(build19(cr19(NO_DB), RHDH()))).toEqual([NPM, { name: 'CATALOG_INDEX_IMAGE', value: 'registry.test/catalog-index:1.9' }]);
  });

  test('TestCatalogIndexImageOverridesDefaultConfig: RELATED_IMAGE_catalog_index (catalogIndexImage) replaces it in place', () => {
    expect(catalogEnv(build19(cr19(NO_DB), RHDH(), [], { catalogIndexImage: 'quay.io/fake-reg/img:1.2.3' }))).toEqual([NPM, { name: 'CATALOG_INDEX_IMAGE', value: 'quay.io/fake-reg/img:1.2.3' }]);
  });

  test('TestCatalogIndexImageUserPatchTakesPrecedence: a CATALOG_INDEX_IMAGE in the CR patch wins over catalogIndexImage', () => {
    const patch = { spec: { template: { spec: { initContainers: [{ name: 'install-dynamic-plugins', env: [{ name: 'CATALOG_INDEX_IMAGE', value: 'quay.io/user-specified/image:2.0' }] }] } } } };
    const b = build19(cr19({ ...NO_DB, deployment: { patch } }), RHDH(), [], { catalogIndexImage: 'quay.io/rhdh/plugin-catalog-index:related-image' });
    expect(catalogEnv(b)).toEqual([NPM, { name: 'CATALOG_INDEX_IMAGE', value: 'quay.io/user-specified/image:2.0' }]);
  });

  test('TestCatalogIndexImageExtraEnvsOverride: a CATALOG_INDEX_IMAGE in extraEnvs for the init container wins over catalogIndexImage', () => {
    const cr = cr19({ ...NO_DB, application: { extraEnvs: { envs: [{ name: 'CATALOG_INDEX_IMAGE', value: 'quay.io/rhdh/plugin-catalog-index:extra-env', containers: ['install-dynamic-plugins'] }] } } });
    const b = build19(cr, RHDH(), [], { catalogIndexImage: 'quay.io/rhdh/plugin-catalog-index:related-image' });
    expect(catalogEnv(b)).toEqual([NPM, { name: 'CATALOG_INDEX_IMAGE', value: 'quay.io/rhdh/plugin-catalog-index:extra-env' }]);
  });

  test("TestUnmarshalDynaPluginsConfig: a plugin's package, integrity, disabled, pluginConfig and dependencies are kept as written", () => {
    const text = `plugins:
  - package: "plugin-a"
    integrity: "sha256-abc123"
    disabled: false
    pluginConfig:
      key1: "value1"
      key2: "value2"
    dependencies:
      - ref: "dependency-1"
      - ref: "dependency-2"
  - package: "plugin-b"
    integrity: "sha256-def456"
    disabled: true
    pluginConfig:
      key3: "value3"
    dependencies: []
`;
    const b = build19(cr19({ ...NO_DB, application: { dynamicPluginsConfigMapName: 'dplugin' } }), RHDH(), [cmIn('dplugin', { 'dynamic-plugins.yaml': text })]);
    expect(errors(b)).toEqual([]);
    expect(b.model.dynamicPlugins?.plugins).toEqual([
      { package: 'plugin-a', integrity: 'sha256-abc123', disabled: false, pluginConfig: { key1: 'value1', key2: 'value2' }, dependencies: [{ ref: 'dependency-1' }, { ref: 'dependency-2' }] },
      // 1.9 writes the merged list with Go's omitempty: an empty dependencies list is dropped.
      { package: 'plugin-b', integrity: 'sha256-def456', disabled: true, pluginConfig: { key3: 'value3' } },
    ]);
  });

  test('TestDynamicPluginsDependencies: the dependencies of enabled plugins are applied, in order; a disabled plugin\'s are not', () => {
    const text = `plugins:
  - package: "plugin-a"
    disabled: false
    dependencies:
      - ref: "dependency-1"
      - ref: "dependency-2"
  - package: "plugin-b"
    disabled: false
    dependencies:
      - ref: "dependency-3"
  - package: "plugin-disabled"
    disabled: true
    dependencies:
      - ref: "dependency-4"
`;
    const deps: Record<string, string> = {};
    for (const n of [1, 2, 3, 4]) deps[`plugin-deps/dependency-${n}.yaml`] = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: dependency-${n}\n`;
    const out = render19([cr19(NO_DB)], { ...deps, 'deployment.yaml': RHDH_DEPLOYMENT, 'dynamic-plugins.yaml': DP(text) });
    expect(out.results.filter((r) => r.severity === 'error')).toEqual([]);
    expect(out.generated.filter((o) => o.metadata.name?.startsWith('dependency-')).map((o) => o.metadata.name)).toEqual(['dependency-1', 'dependency-2', 'dependency-3']);
    // Without dependencies: nothing more than the Backstage objects.
    const none = render19([cr19(NO_DB)], { 'deployment.yaml': RHDH_DEPLOYMENT, 'dynamic-plugins.yaml': DP('plugins:\n  - package: "plugin-c"\n    disabled: false\n  - package: "plugin-d"\n    disabled: false') });
    expect(names(none.generated).sort()).toEqual(['ConfigMap/backstage-dynamic-plugins-bs', 'Deployment/backstage-bs', 'Service/backstage-bs']);
  });

  test("TestMergeDynamicPlugins: the CR's entries override pluginConfig, dependencies, integrity and disabled by package; new ones added; includes united", () => {
    const model = `plugins:
  - package: "plugin-a"
    integrity: "sha256-abc123"
    disabled: false
    pluginConfig:
      key1: "value1"
    dependencies:
      - ref: "dependency-1"
  - package: "plugin-b"
    integrity: "sha256-def456"
    disabled: true
    pluginConfig:
      key2: "value2"
    dependencies:
      - ref: "dependency-2"
  - package: "plugin-c"
    integrity: "sha256-ghi789"
    pluginConfig:
      key3: "value3"
  - package: "plugin-d"
    disabled: true
    integrity: "sha256-ddd"
    pluginConfig:
      key: "value"
includes:
  - "include-1"`;
    const spec = `plugins:
  - package: "plugin-a"
    integrity: "sha256-overridden"
    pluginConfig:
      key1: "overridden"
    dependencies:
      - ref: "dependency-3"
  - package: "plugin-d"
  - package: "plugin-e"
includes:
  - "include-2"
`;
    const b = build19(cr19({ ...NO_DB, application: { dynamicPluginsConfigMapName: 'dplugin' } }), profile19({ 'deployment.yaml': RHDH_DEPLOYMENT, 'dynamic-plugins.yaml': DP(model) }), [cmIn('dplugin', { 'dynamic-plugins.yaml': spec })]);
    expect(errors(b)).toEqual([]);
    expect(b.model.dynamicPlugins).toEqual({
      includes: ['include-1', 'include-2'],
      plugins: [
        { package: 'plugin-a', integrity: 'sha256-overridden', disabled: false, pluginConfig: { key1: 'overridden' }, dependencies: [{ ref: 'dependency-3' }] },
        { package: 'plugin-b', integrity: 'sha256-def456', disabled: true, pluginConfig: { key2: 'value2' }, dependencies: [{ ref: 'dependency-2' }] },
        // `disabled` is always written (a Go bool): false where the entry had none.
        { package: 'plugin-c', integrity: 'sha256-ghi789', disabled: false, pluginConfig: { key3: 'value3' } },
        // 1.9 takes `disabled` from the overlay entry: plugin-d is enabled again.
        { package: 'plugin-d', integrity: 'sha256-ddd', disabled: false, pluginConfig: { key: 'value' } },
        { package: 'plugin-e', disabled: false },
      ],
    });
    const written = parseYamlDocuments((b.byKey('ConfigMap', 'backstage-dynamic-plugins-bs') as any).data['dynamic-plugins.yaml'])[0] as any;
    // plugin-e as written: `disabled` always present, no empty integrity.
    expect(written.plugins.find((p: any) => p.package === 'plugin-e')).toEqual({ package: 'plugin-e', disabled: false });
  });
});

describe('plugin_deps_test.go (1.9.8)', () => {
  const withDeps = (refs: string[], deps: Record<string, string>, crName = 'bs') => {
    const plugins = `plugins:\n  - package: './dynamic-plugins/dist/test'\n    disabled: false\n    dependencies:\n${refs.map((r) => `      - ref: ${r}\n`).join('')}`;
    const files: Record<string, string> = { 'deployment.yaml': RHDH_DEPLOYMENT, 'dynamic-plugins.yaml': DP(plugins) };
    for (const [f, text] of Object.entries(deps)) files[`plugin-deps/${f}`] = text;
    return render19([cr19(NO_DB, crName)], files);
  };
  const depObjects = (out: ReturnType<typeof render19>) => out.generated.filter((o) => o.metadata.annotations?.['backstage-render.dev/dependency-of']);

  test('TestReadPluginDeps: a ref selects the YAML files whose name starts with it (sonata.yaml, sonata-config.yaml), not others', () => {
    const out = withDeps(['sonata'], {
      'sonata.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: sonata\n',
      'otherplugin.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: test2\n',
      'sonata-config.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: sonata-config\n',
      'unrelated.txt': 'some unrelated content',
    });
    expect(out.results.filter((r) => r.severity === 'error')).toEqual([]);
    expect(depObjects(out).map((o) => `${o.kind}/${o.metadata.name}`)).toEqual(['ConfigMap/sonata', 'ConfigMap/sonata-config']);
  });

  test('TestReadPluginDepsSubstitutions: {{backstage-name}} and {{backstage-ns}} are replaced by the CR name and namespace', () => {
    const out = withDeps(['file1'], { 'file1.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: "{{backstage-name}}"\n  namespace: "{{backstage-ns}}"\n' }, 'test-name');
    expect(out.results.filter((r) => r.severity === 'error')).toEqual([]);
    expect(depObjects(out).map((o) => [o.metadata.name, o.metadata.namespace])).toEqual([['test-name', NS]]);
  });

  test('TestGetPluginDeps: the enabled plugin\'s refs give their objects, in the CR\'s namespace', () => {
    const out = withDeps(['dep1', 'dep2'], {
      'dep1.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: dep1\n',
      'dep2.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: dep2\n',
    });
    expect(out.results.filter((r) => r.severity === 'error')).toEqual([]);
    // No ownerReference: the CR's uid is not known offline (docs/differences.md).
    expect(depObjects(out)).toEqual([
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'dep1', namespace: NS, annotations: { 'backstage-render.dev/dependency-of': './dynamic-plugins/dist/test#dep1', 'backstage-render.dev/rendered-from': 'ns123/bs' } } },
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'dep2', namespace: NS, annotations: { 'backstage-render.dev/dependency-of': './dynamic-plugins/dist/test#dep2', 'backstage-render.dev/rendered-from': 'ns123/bs' } } },
    ]);
  });

  test('TestReadPluginDepsNoFiles: a ref with no file: no objects (and, unlike the operator\'s silence, an error naming the ref)', () => {
    const out = withDeps(['sonata'], {});
    expect(depObjects(out)).toEqual([]);
    expect(out.results.filter((r) => r.severity === 'error').map((r) => r.message)).toEqual([expect.stringContaining('"sonata"')]);
  });
});

const MULTI_PVC_CONTAINERS = `apiVersion: v1
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
    rhdh.redhat.com/containers: "backstage-backend,install-dynamic-plugins"
spec:
  resources:
    requests:
      storage: 8Gi
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: myclaim3
  annotations:
    rhdh.redhat.com/mount-path: /mount/path/from/annotation2
    rhdh.redhat.com/containers: "*"
spec:
  resources:
    requests:
      storage: 8Gi
`;

describe('pvcs_test.go (1.9.8)', () => {
  test('TestMultiContainersPvc: three profile PVCs mounted by the containers annotation; the unannotated one at <workingDir>/<name> with that sub-path', () => {
    const b = build19(cr19(NO_DB), profile19({ 'deployment.yaml': MULTI_DEPLOYMENT, 'pvcs.yaml': MULTI_PVC_CONTAINERS }), [], { platform: 'openshift' });
    expect(errors(b)).toEqual([]);
    expect(volumesOf(b)).toEqual([pvcVol('backstage-bs-myclaim1'), pvcVol('backstage-bs-myclaim2'), pvcVol('backstage-bs-myclaim3')]);
    const c2 = dir('backstage-bs-myclaim2', '/mount/path/from/annotation');
    const c3 = dir('backstage-bs-myclaim3', '/mount/path/from/annotation2');
    expect(ALL_CONTAINERS.map((c) => [c, mountsOf(b, c)])).toEqual([
      ['install-dynamic-plugins', [c2, c3]],
      ['another-init-container', [c3]],
      ['backstage-backend', [{ name: 'backstage-bs-myclaim1', mountPath: `${SRC}/backstage-bs-myclaim1`, subPath: 'backstage-bs-myclaim1' }, c2, c3]],
      ['another-container', [c3]],
    ]);
  });

  test('TestSpecifiedPvcsWithContainers: "*" mounts into every container, a list into those', () => {
    const cr = cr19({ ...NO_DB, application: { extraFiles: { pvcs: [{ name: 'my-pvc1', containers: ['*'] }, { name: 'my-pvc2', mountPath: '/my/pvc/path', containers: ['install-dynamic-plugins'] }] } } });
    const b = build19(cr, profile19({ 'deployment.yaml': MULTI_DEPLOYMENT }), [pvcIn('my-pvc1'), pvcIn('my-pvc2')], { platform: 'openshift' });
    expect(errors(b)).toEqual([]);
    expect(volumesOf(b)).toEqual([pvcVol('my-pvc1'), pvcVol('my-pvc2')]);
    const p1 = { name: 'my-pvc1', mountPath: `${SRC}/my-pvc1`, subPath: 'my-pvc1' };
    expect(ALL_CONTAINERS.map((c) => [c, mountsOf(b, c)])).toEqual([
      ['install-dynamic-plugins', [p1, dir('my-pvc2', '/my/pvc/path')]],
      ['another-init-container', [p1]],
      ['backstage-backend', [p1]],
      ['another-container', [p1]],
    ]);
  });

  test('TestPvcsWithNonExistedContainerFailed: a container the pod does not have is an error naming it', () => {
    const cr = cr19({ application: { extraFiles: { pvcs: [{ name: 'pvcName', containers: ['another-container'] }] } } });
    const b = build19(cr, profile19(), [pvcIn('pvcName')]);
    expect(errors(b)).toEqual([['spec.application.extraFiles.pvcs[0].containers', expect.stringContaining('not found')]]);
  });
});

const ROUTE = `apiVersion: route.openshift.io/v1
kind: Route
metadata:
  name: placeholder
spec:
  port:
    targetPort: default
  path: /default
  tls:
    insecureEdgeTerminationPolicy: Redirect
    termination: edge
  to:
    kind: Service
    name: placeholder
`;

describe('route_test.go (1.9.8)', () => {
  const routeOf = (spec: Record<string, unknown>, withDefault: boolean, crName = 'TestSpecifiedRoute') => {
    const b = build19(cr19(spec, crName.toLowerCase()), profile19(withDefault ? { 'route.yaml': ROUTE } : {}), [], { platform: 'openshift' });
    expect(errors(b)).toEqual([]);
    return b.model.objects.filter((o) => o.kind === 'Route');
  };
  const NAME = 'backstage-testspecifiedroute';
  const META = { name: NAME, namespace: NS, labels: LABELS('testspecifiedroute') };

  test('TestDefaultRoute: the profile Route named backstage-<cr>, to the Backstage Service, path and TLS from the profile', () => {
    expect(routeOf({ application: { route: {} } }, true)).toEqual([
      {
        apiVersion: 'route.openshift.io/v1',
        kind: 'Route',
        metadata: META,
        spec: { port: { targetPort: 'default' }, path: '/default', tls: { insecureEdgeTerminationPolicy: 'Redirect', termination: 'edge' }, to: { kind: 'Service', name: NAME } },
      },
    ]);
  });

  test('TestSpecifiedRoute: the CR host, with no profile Route and merged into the profile Route (edge TLS)', () => {
    const spec = { application: { route: { enabled: true, host: 'TestSpecifiedRoute' } } };
    const [alone] = routeOf(spec, false) as any[];
    expect([alone.metadata.name, alone.spec.host, alone.spec.to]).toEqual([NAME, 'TestSpecifiedRoute', { kind: 'Service', name: NAME }]);
    const [merged] = routeOf(spec, true) as any[];
    expect([merged.metadata.name, merged.spec.host, merged.spec.tls]).toEqual([NAME, 'TestSpecifiedRoute', { insecureEdgeTerminationPolicy: 'Redirect', termination: 'edge' }]);
  });

  test('TestDisabledRoute: route.enabled false: no Route, with or without the profile Route', () => {
    const spec = { application: { route: { enabled: false, host: 'TestSpecifiedRoute' } } };
    expect([routeOf(spec, true), routeOf(spec, false)]).toEqual([[], []]);
  });

  test('TestExcludedRoute: no route in the CR: the profile Route if there is one, else none', () => {
    expect([routeOf({}, true).length, routeOf({}, false).length]).toEqual([1, 0]);
  });

  test('TestEnabledRoute: route: {} in the CR: a Route with or without the profile Route', () => {
    expect([routeOf({ application: { route: {} } }, true).length, routeOf({ application: { route: {} } }, false).length]).toEqual([1, 1]);
  });

  const APP_CONFIG_PROFILE = (data: Record<string, string>) => ({
    'app-config.yaml': `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n${Object.entries(data)
      .map(([k, v]) => `  ${k}: |\n${(v || '{}').replace(/^/gm, '    ')}\n`)
      .join('')}`,
    'route.yaml': ROUTE,
  });
  const appConfigOf = (spec: Record<string, unknown>, options: Partial<RenderOptions>, data: Record<string, string> = { 'my-default-app-config.yaml': '' }) => {
    const b = build19({ ...cr19(spec, 'my-backstage'), metadata: { name: 'my-backstage', namespace: 'my-ns' } }, profile19(APP_CONFIG_PROFILE(data)), [], { namespace: 'my-ns', ...options });
    expect(errors(b)).toEqual([]);
    const cm = b.byKey('ConfigMap', 'backstage-appconfig-my-backstage') as any;
    return Object.fromEntries(Object.entries(cm.data as Record<string, string>).map(([k, v]) => [k, parseYamlDocuments(v)[0]]));
  };
  const baseUrlOf = (spec: Record<string, unknown>, options: Partial<RenderOptions>) => (appConfigOf(spec, options)['my-default-app-config.yaml'] as any)?.app?.baseUrl ?? '';

  test('Test_buildBaseUrl: the base URL: none off OpenShift, with the Route disabled or without an ingress domain; else the Route host, subdomain or default host', () => {
    const domain = { platform: 'openshift' as const, ingressDomain: 'my-ocp-apps.example.com' };
    expect([
      baseUrlOf({}, { platform: 'kubernetes', ingressDomain: 'my-ocp-apps.example.com' }),
      baseUrlOf({ application: { route: { enabled: false } } }, domain),
      baseUrlOf({}, { platform: 'openshift' }),
      baseUrlOf({}, domain),
      baseUrlOf({ application: { route: { enabled: true, subdomain: 'my-backstage.subdomain' } } }, domain),
      baseUrlOf({ application: { route: { enabled: true, host: 'my-awesome-backstage.idp.example.com', subdomain: 'my-backstage.subdomain' } } }, domain),
    ]).toEqual(['', '', '', 'https://backstage-my-backstage-my-ns.my-ocp-apps.example.com', 'https://my-backstage.subdomain.my-ocp-apps.example.com', 'https://my-awesome-backstage.idp.example.com']);
  });

  test('TestBackstageRoute_updateAppConfigWithBaseUrls: every key of the default app-config gets app.baseUrl, backend.baseUrl, backend.cors.origin; other fields stay', () => {
    const url = 'https://backstage-my-backstage-my-ns.my-ocp-apps.example.com';
    const domain = { platform: 'openshift' as const, ingressDomain: 'my-ocp-apps.example.com' };
    // No default app-config: nothing to update, no app-config ConfigMap.
    const none = build19({ ...cr19({}, 'my-backstage'), metadata: { name: 'my-backstage', namespace: 'my-ns' } }, profile19({ 'route.yaml': ROUTE }), [], { namespace: 'my-ns', ...domain });
    expect(none.model.objects.filter((o) => o.kind === 'ConfigMap')).toEqual([]);
    expect(appConfigOf({}, domain)).toEqual({ 'my-default-app-config.yaml': { app: { baseUrl: url }, backend: { baseUrl: url, cors: { origin: url } } } });
    const multi = appConfigOf({}, domain, {
      'my-default-app-config-1.yaml': 'app:\n  title: "My Awesome App"\nplugin1:\n  config1: [val1, val2]',
      'my-default-app-config-2.yaml': 'backend:\n  baseUrl: https://app.example.com\n  auth:\n    dangerouslyDisableDefaultAuthPolicy: true\n  cors:\n    origin: http://localhost:3000\n    credentials: true\norganization:\n  name: My Company',
    });
    expect(multi).toEqual({
      'my-default-app-config-1.yaml': { app: { title: 'My Awesome App', baseUrl: url }, plugin1: { config1: ['val1', 'val2'] }, backend: { baseUrl: url, cors: { origin: url } } },
      'my-default-app-config-2.yaml': { app: { baseUrl: url }, backend: { baseUrl: url, auth: { dangerouslyDisableDefaultAuthPolicy: true }, cors: { origin: url, credentials: true } }, organization: { name: 'My Company' } },
    });
  });
});

describe('runtime_test.go (1.9.8)', () => {
  test('TestInitDefaultDeploy: Deployment and Service backstage-<cr> in the CR namespace, two labels, the pod label and the Service selector', () => {
    const b = build19(cr19(NO_DB), profile19());
    expect(errors(b)).toEqual([]);
    const d = b.byKey('Deployment', 'backstage-bs') as any;
    expect(d.metadata).toEqual({ name: 'backstage-bs', namespace: NS, labels: LABELS() });
    expect(d.spec.template.metadata.labels).toEqual({ 'rhdh.redhat.com/app': 'backstage-bs' });
    expect(d.spec.selector).toEqual({ matchLabels: { 'rhdh.redhat.com/app': 'backstage-bs' } });
    expect(b.byKey('Service', 'backstage-bs')).toEqual({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'backstage-bs', namespace: NS, labels: { default: 'true', ...LABELS() } },
      spec: { type: 'NodePort', selector: { 'rhdh.redhat.com/app': 'backstage-bs' }, ports: [{ name: 'http', port: 80, targetPort: 'http' }] },
    });
  });

  test('TestIfEmptyObjectIsValid: local DB off: exactly the Deployment and the Service', () => {
    expect(names(build19(cr19(NO_DB), profile19()).model.objects)).toEqual(['Deployment/backstage-bs', 'Service/backstage-bs']);
  });

  test('TestAddToModel: local DB off: two objects, one of them the Deployment', () => {
    const b = build19(cr19(NO_DB), profile19());
    expect(b.model.objects.map((o) => o.kind)).toEqual(['Deployment', 'Service']);
  });

  test("TestRawConfig: rawRuntimeConfig's service.yaml replaces the profile's (its label, not the profile's)", () => {
    const raw = cmIn('raw', { 'service.yaml': 'apiVersion: v1\nkind: Service\nmetadata:\n labels:\n    raw: "true"\nspec:\n ports:\n   - port: 8080' });
    const plain = build19(cr19(NO_DB), profile19());
    expect((plain.byKey('Service', 'backstage-bs') as any).metadata.labels).toEqual({ default: 'true', ...LABELS() });
    const b = build19(cr19({ ...NO_DB, rawRuntimeConfig: { backstageConfig: 'raw' } }), profile19(), [raw]);
    expect(errors(b)).toEqual([]);
    expect(b.byKey('Service', 'backstage-bs')).toEqual({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'backstage-bs', namespace: NS, labels: { raw: 'true', ...LABELS() } },
      spec: { ports: [{ port: 8080 }], selector: { 'rhdh.redhat.com/app': 'backstage-bs' } },
    });
  });

  const PVC = (n: string) => `apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: ${n}\nspec:\n  resources:\n    requests:\n      storage: 8Gi\n`;
  test('TestMultiobject: pvcs.yaml with two PVCs: two PVCs', () => {
    const b = build19(cr19(NO_DB), profile19({ 'pvcs.yaml': `${PVC('myclaim1')}---\n${PVC('myclaim2')}` }));
    expect(b.model.objects.filter((o) => o.kind === 'PersistentVolumeClaim').map((o) => o.metadata.name)).toEqual(['backstage-bs-myclaim1', 'backstage-bs-myclaim2']);
  });

  test('TestSingleMultiobject: pvcs.yaml with one PVC: one PVC', () => {
    const b = build19(cr19(NO_DB), profile19({ 'pvcs.yaml': PVC('myclaim1') }));
    expect(b.model.objects.filter((o) => o.kind === 'PersistentVolumeClaim').map((o) => o.metadata.name)).toEqual(['backstage-bs-myclaim1']);
  });

  test('TestSingleFailedWithMultiDefinition: two objects in service.yaml is an error', () => {
    const two = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: a\nspec:\n  ports:\n    - port: 1\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: b\nspec:\n  ports:\n    - port: 2\n';
    const b = build19(cr19(NO_DB), profile19({ 'service.yaml': two }));
    expect(errors(b).map(([, m]) => m)).toEqual([expect.stringContaining('multiple objects not expected for: service.yaml')]);
  });

  test('TestInvalidObjectKind: a Deployment in service.yaml is an error naming the key', () => {
    const b = build19(cr19(NO_DB), profile19({ 'service.yaml': 'apiVersion: v1\nkind: Deployment\n' }));
    expect(errors(b).map(([, m]) => m)).toEqual([expect.stringContaining('service.yaml')]);
  });
});

// Ports of release-1.10's pkg/model/configmapfiles_test.go and secretfiles_test.go that
// test/model/files.test.ts does not already cover (test/operator-ports/1.10.ts maps every one).
// Inputs written here; the whole renderer runs as operatorVersion 1.10.
import { cmVolumeOf, configMap, cr, MULTI_CONTAINER_DEPLOYMENT, render110, secret, secretVolumeOf } from './1.10-support';

const sub = (name: string, mountPath: string, subPath: string) => ({ name, readOnly: true, mountPath, subPath });

const DP_FILE_CM = `apiVersion: v1
kind: ConfigMap
metadata:
  name: files
data:
  dynamic-plugins123.yaml: |
    plugins: []
`;

const DP_FILE_SECRET = `apiVersion: v1
kind: Secret
metadata:
  name: sec-files
  annotations:
    rhdh.redhat.com/mount-path: /opt/app-root/src
stringData:
  dynamic-plugins321.yaml: |
    plugins: []
`;

describe('configmap-files (release-1.10 configmapfiles_test.go)', () => {
  test('TestDefaultConfigMapFiles: an unannotated profile ConfigMap is mounted as a directory over the working dir', () => {
    const r = render110({ cr: cr({ application: { extraFiles: { mountPath: '/my/path' } } }), files: { 'default-config/configmap-files.yaml': DP_FILE_CM } });
    expect(r.errors).toEqual([]);
    expect(r.pod().volumes).toEqual([cmVolumeOf('backstage-files-bs-files')]);
    expect(r.container().volumeMounts).toEqual([{ name: 'backstage-files-bs-files', mountPath: '/opt/app-root/src' }]);
    expect(r.get('ConfigMap', 'backstage-files-bs-files')).toEqual({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: {
        name: 'backstage-files-bs-files',
        namespace: 'ns123',
        labels: { 'app.kubernetes.io/instance': 'bs', 'app.kubernetes.io/name': 'backstage' },
        annotations: { 'rhdh.redhat.com/source': 'default', 'rhdh.redhat.com/configured-name': 'files' },
      },
      data: { 'dynamic-plugins123.yaml': 'plugins: []\n' },
    });
  });

  test('TestDefaultAndSpecifiedConfigMapFiles: the profile directory mount, then the CR ConfigMap (binary data) file by file under the shared path', () => {
    const spec = { application: { extraFiles: { mountPath: '/my/path', configMaps: [{ name: 'app-config1' }] } } };
    const r = render110({ cr: cr(spec), files: { 'default-config/configmap-files.yaml': DP_FILE_CM }, inputs: [configMap('app-config1', {}, { 'conf1.yaml': 'ZGF0YQ==' })] });
    expect(r.errors).toEqual([]);
    expect(r.pod().volumes).toEqual([cmVolumeOf('backstage-files-bs-files'), cmVolumeOf('app-config1')]);
    expect(r.container().volumeMounts).toEqual([{ name: 'backstage-files-bs-files', mountPath: '/opt/app-root/src' }, sub('app-config1', '/my/path/conf1.yaml', 'conf1.yaml')]);
    expect(r.container().args).toBeUndefined();
  });

  test('TestSpecifiedCMFilesWithContainers: named containers, init containers included, and "*"', () => {
    const spec = {
      application: {
        extraFiles: {
          mountPath: '/my/path',
          configMaps: [
            { name: 'cm1', containers: ['install-dynamic-plugins', 'another-container'] },
            { name: 'cm2', mountPath: '/custom/path', containers: ['install-dynamic-plugins'] },
            { name: 'cm3', mountPath: 'rel', containers: ['*'] },
          ],
        },
      },
    };
    const inputs = [configMap('cm1', { 'conf1.yaml': 'data' }), configMap('cm2', { 'conf2.yaml': 'data' }), configMap('cm3', { 'conf3.yaml': 'data' })];
    const r = render110({ cr: cr(spec), files: { 'default-config/deployment.yaml': MULTI_CONTAINER_DEPLOYMENT }, inputs });
    expect(r.errors).toEqual([]);
    expect(r.pod().volumes).toEqual([cmVolumeOf('cm1'), cmVolumeOf('cm2'), cmVolumeOf('cm3')]);
    const cm3 = { name: 'cm3', mountPath: '/my/path/rel' };
    expect(r.container('install-dynamic-plugins').volumeMounts).toEqual([sub('cm1', '/my/path/conf1.yaml', 'conf1.yaml'), { name: 'cm2', mountPath: '/custom/path' }, cm3]);
    expect(r.container('another-container').volumeMounts).toEqual([sub('cm1', '/my/path/conf1.yaml', 'conf1.yaml'), cm3]);
    expect(r.container('backstage-backend').volumeMounts).toEqual([cm3]);
    expect(r.container('another-init-container').volumeMounts).toEqual([cm3]);
  });
});

describe('secret-files (release-1.10 secretfiles_test.go)', () => {
  test('TestDefaultSecretFiles: a profile Secret with a mount-path annotation and no sub-path is one directory mount', () => {
    const r = render110({ cr: cr({ application: { extraFiles: { mountPath: '/my/path' } } }), files: { 'default-config/secret-files.yaml': DP_FILE_SECRET } });
    expect(r.errors).toEqual([]);
    expect(r.pod().volumes).toEqual([secretVolumeOf('backstage-files-bs-sec-files')]);
    expect(r.container().volumeMounts).toEqual([{ name: 'backstage-files-bs-sec-files', mountPath: '/opt/app-root/src' }]);
    expect(r.get('Secret', 'backstage-files-bs-sec-files')).toEqual({
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: {
        name: 'backstage-files-bs-sec-files',
        namespace: 'ns123',
        labels: { 'app.kubernetes.io/instance': 'bs', 'app.kubernetes.io/name': 'backstage' },
        annotations: { 'rhdh.redhat.com/mount-path': '/opt/app-root/src', 'rhdh.redhat.com/configured-name': 'sec-files' },
      },
      stringData: { 'dynamic-plugins321.yaml': 'plugins: []\n' },
    });
  });

  test('TestDefaultMultiSecretFiles: three profile Secrets; the containers annotation picks containers, "*" all four', () => {
    const secrets = `apiVersion: v1
kind: Secret
metadata:
  name: secret1
  annotations:
    rhdh.redhat.com/containers: "backstage-backend,install-dynamic-plugins"
stringData:
  data1: "1"
  data2: "2"
---
apiVersion: v1
kind: Secret
metadata:
  name: secret2
  annotations:
    rhdh.redhat.com/mount-path: /mount/path/from/annotation
stringData:
  data3: "3"
  data4: "4"
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
    const r = render110({ cr: cr(), files: { 'default-config/deployment.yaml': MULTI_CONTAINER_DEPLOYMENT, 'default-config/secret-files.yaml': secrets } });
    expect(r.errors).toEqual([]);
    const n = (s: string) => `backstage-files-bs-${s}`;
    expect(r.objects.filter((o) => o.kind === 'Secret').map((o) => o.metadata.name)).toEqual([n('secret1'), n('secret2'), n('secret3')]);
    expect(r.pod().volumes).toEqual([secretVolumeOf(n('secret1')), secretVolumeOf(n('secret2')), secretVolumeOf(n('secret3'))]);
    const m1 = { name: n('secret1'), mountPath: '/opt/app-root/src' };
    const m3 = { name: n('secret3'), mountPath: '/mount/path/from/annotation2' };
    expect(r.container().volumeMounts).toEqual([m1, { name: n('secret2'), mountPath: '/mount/path/from/annotation' }, m3]);
    expect(r.container('install-dynamic-plugins').volumeMounts).toEqual([m1, m3]);
    expect(r.container('another-container').volumeMounts).toEqual([m3]);
    expect(r.container('another-init-container').volumeMounts).toEqual([m3]);
  });

  test('TestSpecifiedSecretFiles: a key (even one the Secret lacks) under the shared path, a directory, a name with a dot', () => {
    const spec = {
      application: {
        extraFiles: {
          mountPath: '/my/path',
          secrets: [
            { name: 'secret1', key: 'conf.yaml' },
            { name: 'secret2', mountPath: '/custom/path' },
            { name: 'secret.dot', key: 'conf3.yaml' },
          ],
        },
      },
    };
    const inputs = [secret('secret1', {}), secret('secret2', { 'conf.yaml': 'data' }), secret('secret.dot', { 'conf3.yaml': 'data' })];
    const r = render110({ cr: cr(spec), inputs });
    expect(r.errors).toEqual([]);
    expect(r.pod().volumes).toEqual([secretVolumeOf('secret1'), secretVolumeOf('secret2'), { name: 'secret-dot', secret: { secretName: 'secret.dot', defaultMode: 420, optional: false } }]);
    expect(r.container().volumeMounts).toEqual([
      sub('secret1', '/my/path/conf.yaml', 'conf.yaml'),
      { name: 'secret2', mountPath: '/custom/path' },
      sub('secret-dot', '/my/path/conf3.yaml', 'conf3.yaml'),
    ]);
    expect(r.container().args).toBeUndefined();
  });

  test.each([
    ['TestDefaultAndSpecifiedSecretFiles', { data: { 'conf.yaml': '' } }],
    ['TestSpecifiedSecretFilesWithDataAndKey', { stringData: { 'conf.yaml': '' } }],
  ])('%s: the profile Secret directory and the CR Secret key, both volumes', (_name, body) => {
    const spec = { application: { extraFiles: { mountPath: '/my/path', secrets: [{ name: 'secret1', key: 'conf.yaml' }] } } };
    const input = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'secret1', namespace: 'ns123' }, ...body };
    const r = render110({ cr: cr(spec), files: { 'default-config/secret-files.yaml': DP_FILE_SECRET }, inputs: [input] });
    expect(r.errors).toEqual([]);
    expect(r.pod().volumes).toEqual([secretVolumeOf('backstage-files-bs-sec-files'), secretVolumeOf('secret1')]);
    expect(r.container().volumeMounts).toEqual([{ name: 'backstage-files-bs-sec-files', mountPath: '/opt/app-root/src' }, sub('secret1', '/my/path/conf.yaml', 'conf.yaml')]);
    expect(r.container().args).toBeUndefined();
  });

  test('TestReplaceSecretFiles: a CR Secret mounted at the profile Secret\'s directory replaces that mount', () => {
    const spec = { application: { extraFiles: { mountPath: '/my/path', secrets: [{ name: 'secret1', mountPath: '/opt/app-root/src' }] } } };
    const r = render110({ cr: cr(spec), files: { 'default-config/secret-files.yaml': DP_FILE_SECRET }, inputs: [secret('secret1', { 'dynamic-plugins321.yaml': 'new' })] });
    expect(r.errors).toEqual([]);
    expect(r.pod().volumes).toEqual([secretVolumeOf('backstage-files-bs-sec-files'), secretVolumeOf('secret1')]);
    expect(r.container().volumeMounts).toEqual([{ name: 'secret1', mountPath: '/opt/app-root/src' }]);
  });
});

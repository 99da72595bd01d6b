// Port of the operator's configmapfiles_test.go and secretfiles_test.go (release-1.10).
import { build, errorsOf } from './helpers';
import { containerOf, crOf, cm, LABELS, podSpecOf, secret, testProfile } from './fixtures';

const noDb = { database: { enableLocalDb: false } };
const cmVol = (n: string) => ({ name: n, configMap: { name: n, defaultMode: 420, optional: false } });
const secVol = (n: string) => ({ name: n, secret: { secretName: n, defaultMode: 420, optional: false } });
const sub = (name: string, mountPath: string, subPath: string) => ({ name, readOnly: true, mountPath, subPath });

const CM_FILES_SUBPATHS = `apiVersion: v1
kind: ConfigMap
metadata:
  name: files1
  annotations:
    rhdh.redhat.com/sub-path: "*"
data:
  b1: "x"
  a1: "x"
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: files2
  annotations:
    rhdh.redhat.com/mount-path: /mount/path2
    rhdh.redhat.com/sub-path: "*"
data:
  c3: "x"
binaryData:
  c4: eA==
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: files3
  annotations:
    rhdh.redhat.com/mount-path: /mount/path3
    rhdh.redhat.com/sub-path: d5
data:
  d5: "x"
  d6: "x"
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: files4
  annotations:
    rhdh.redhat.com/mount-path: /mount/dir4
    rhdh.redhat.com/containers: sidecar, install-dynamic-plugins
data:
  f7: "x"
`;

describe('configmap-files (configmapfiles.go)', () => {
  test('profile ConfigMaps: sub-path "*" per key (data then binaryData), one key, or a directory; containers annotation', () => {
    const b = build({ cr: crOf(noDb), profile: testProfile({ 'default-config/configmap-files.yaml': CM_FILES_SUBPATHS }) });
    expect(errorsOf(b.results)).toEqual([]);
    const d = b.byKey('Deployment', 'backstage-bs1');
    const n = (x: string) => `backstage-files-bs1-${x}`;
    expect(podSpecOf(d).volumes).toEqual([cmVol(n('files1')), cmVol(n('files2')), cmVol(n('files3')), cmVol(n('files4'))]);
    expect(containerOf(d).volumeMounts).toEqual([
      sub(n('files1'), '/opt/app/a1', 'a1'),
      sub(n('files1'), '/opt/app/b1', 'b1'),
      sub(n('files2'), '/mount/path2/c3', 'c3'),
      sub(n('files2'), '/mount/path2/c4', 'c4'),
      sub(n('files3'), '/mount/path3/d5', 'd5'),
    ]);
    expect(containerOf(d, 'sidecar').volumeMounts).toEqual([{ name: n('files4'), mountPath: '/mount/dir4' }]);
    expect(containerOf(d, 'install-dynamic-plugins').volumeMounts).toEqual([{ name: n('files4'), mountPath: '/mount/dir4' }]);
    expect(containerOf(d).args).toBeUndefined();
    expect(b.byKey('ConfigMap', n('files4'))).toEqual({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: {
        name: n('files4'),
        namespace: 'ns1',
        labels: LABELS,
        annotations: {
          'rhdh.redhat.com/mount-path': '/mount/dir4',
          'rhdh.redhat.com/containers': 'sidecar, install-dynamic-plugins',
          'rhdh.redhat.com/source': 'default',
          'rhdh.redhat.com/configured-name': 'files4',
        },
      },
      data: { f7: 'x' },
    });
  });

  test('specified ConfigMaps: shared mount path, own path as a directory, a key, binary data, containers', () => {
    const cr = crOf({
      ...noDb,
      application: {
        extraFiles: {
          mountPath: '/shared',
          configMaps: [
            { name: 'cm1' },
            { name: 'cm2', mountPath: 'rel' },
            { name: 'cm3', key: 'k2', mountPath: '/abs' },
            { name: 'cm4', containers: ['*'], mountPath: '/all' },
          ],
        },
      },
    });
    const inputs = [
      cm('cm1', { k1: '' }, { binaryData: { bin: 'AA==' } }),
      cm('cm2', { k1: '' }),
      cm('cm3', { k1: '', k2: '' }),
      cm('cm4', { k1: '' }),
    ];
    const b = build({ cr, profile: testProfile(), inputs });
    expect(errorsOf(b.results)).toEqual([]);
    const d = b.byKey('Deployment', 'backstage-bs1');
    expect(podSpecOf(d).volumes).toEqual([cmVol('cm1'), cmVol('cm2'), cmVol('cm3'), cmVol('cm4')]);
    expect(containerOf(d).volumeMounts).toEqual([
      sub('cm1', '/shared/k1', 'k1'),
      sub('cm1', '/shared/bin', 'bin'),
      { name: 'cm2', mountPath: '/shared/rel' },
      sub('cm3', '/abs/k2', 'k2'),
      { name: 'cm4', mountPath: '/all' },
    ]);
    expect(containerOf(d, 'sidecar').volumeMounts).toEqual([{ name: 'cm4', mountPath: '/all' }]);
    expect(containerOf(d, 'install-dynamic-plugins').volumeMounts).toEqual([{ name: 'cm4', mountPath: '/all' }]);
  });

  test('keys named __proto__ and constructor are mounted; a ConfigMap named constructor outside the input mounts as a directory', () => {
    const cr = crOf({
      ...noDb,
      application: { extraFiles: { mountPath: '/shared', configMaps: [{ name: 'cm1' }, { name: 'constructor', mountPath: '/c' }], secrets: [{ name: 'tostring', mountPath: '/t' }] } },
    });
    const inputs = [cm('cm1', JSON.parse('{"__proto__": "x", "constructor": "y"}'), { binaryData: JSON.parse('{"toString": "AA=="}') })];
    const b = build({ cr, profile: testProfile(), inputs });
    expect(errorsOf(b.results)).toEqual([]);
    const d = b.byKey('Deployment', 'backstage-bs1');
    expect(podSpecOf(d).volumes).toEqual([cmVol('cm1'), cmVol('constructor'), secVol('tostring')]);
    expect(containerOf(d).volumeMounts).toEqual([
      sub('cm1', '/shared/__proto__', '__proto__'),
      sub('cm1', '/shared/constructor', 'constructor'),
      sub('cm1', '/shared/toString', 'toString'),
      { name: 'constructor', mountPath: '/c' },
      { name: 'tostring', mountPath: '/t' },
    ]);
  });

  test('a CR ConfigMap mounted where a profile ConfigMap is replaces that mount; both volumes stay', () => {
    const profileCm = `apiVersion: v1
kind: ConfigMap
metadata:
  name: def
  annotations:
    rhdh.redhat.com/mount-path: /custom/mount
data:
  default-file.yaml: "x"
`;
    const cr = crOf({ ...noDb, application: { extraFiles: { configMaps: [{ name: 'cr-configmap', mountPath: '/custom/mount' }] } } });
    const b = build({ cr, profile: testProfile({ 'default-config/configmap-files.yaml': profileCm }), inputs: [cm('cr-configmap', { 'file1.yaml': '', 'file2.yaml': '' })] });
    const d = b.byKey('Deployment', 'backstage-bs1');
    expect(podSpecOf(d).volumes).toEqual([cmVol('backstage-files-bs1-def'), cmVol('cr-configmap')]);
    expect(containerOf(d).volumeMounts).toEqual([{ name: 'cr-configmap', mountPath: '/custom/mount' }]);
  });

  test('a CR ConfigMap mounted per key over a profile mount: the matching key replaces it, its other keys are not appended (operator: any replacement stops the append)', () => {
    const profileCm = `apiVersion: v1
kind: ConfigMap
metadata:
  name: def
  annotations:
    rhdh.redhat.com/mount-path: /opt/app
    rhdh.redhat.com/sub-path: "*"
data:
  a.yaml: "x"
`;
    const cr = crOf({ ...noDb, application: { extraFiles: { mountPath: '/opt/app', configMaps: [{ name: 'cr-cm' }] } } });
    const b = build({ cr, profile: testProfile({ 'default-config/configmap-files.yaml': profileCm }), inputs: [cm('cr-cm', { 'a.yaml': '', 'c.yaml': '' })] });
    expect(errorsOf(b.results)).toEqual([]);
    const d = b.byKey('Deployment', 'backstage-bs1');
    expect(podSpecOf(d).volumes).toEqual([cmVol('backstage-files-bs1-def'), cmVol('cr-cm')]);
    expect(containerOf(d).volumeMounts).toEqual([sub('cr-cm', '/opt/app/a.yaml', 'a.yaml')]);
  });

  test('a container that the pod does not have is an error on the entry', () => {
    const cr = crOf({ ...noDb, application: { extraFiles: { configMaps: [{ name: 'cm1', containers: ['another-container'] }] } } });
    const b = build({ cr, profile: testProfile(), inputs: [cm('cm1', { k: '' })] });
    expect(errorsOf(b.results)).toEqual([
      expect.objectContaining({
        message: expect.stringContaining('container another-container not found'),
        field: { path: 'spec.application.extraFiles.configMaps[0].containers' },
        resourceRef: { apiVersion: 'rhdh.redhat.com/v1alpha5', kind: 'Backstage', name: 'bs1', namespace: 'ns1' },
      }),
    ]);
  });
});

const SECRET_FILES = `apiVersion: v1
kind: Secret
metadata:
  name: sf1
  annotations:
    rhdh.redhat.com/mount-path: /opt/app
    rhdh.redhat.com/sub-path: "*"
data:
  b.yaml: eA==
stringData:
  a.yaml: x
`;

describe('secret-files (secretfiles.go)', () => {
  test('profile Secret: data keys then stringData keys, each sorted', () => {
    const b = build({ cr: crOf(noDb), profile: testProfile({ 'default-config/secret-files.yaml': SECRET_FILES }) });
    const d = b.byKey('Deployment', 'backstage-bs1');
    expect(podSpecOf(d).volumes).toEqual([secVol('backstage-files-bs1-sf1')]);
    expect(containerOf(d).volumeMounts).toEqual([
      sub('backstage-files-bs1-sf1', '/opt/app/b.yaml', 'b.yaml'),
      sub('backstage-files-bs1-sf1', '/opt/app/a.yaml', 'a.yaml'),
    ]);
    // secret-files.yaml has no flavour merge: no source annotation
    expect(b.byKey('Secret', 'backstage-files-bs1-sf1')?.metadata.annotations).toEqual({
      'rhdh.redhat.com/mount-path': '/opt/app',
      'rhdh.redhat.com/sub-path': '*',
      'rhdh.redhat.com/configured-name': 'sf1',
    });
  });

  test('specified Secrets: a key, a directory, containers; neither key nor mountPath is an error', () => {
    const cr = crOf({
      ...noDb,
      application: {
        extraFiles: {
          secrets: [
            { name: 'secret1', key: 'conf1.yaml', containers: ['install-dynamic-plugins', 'sidecar'] },
            { name: 'secret2', mountPath: '/custom/path', containers: ['install-dynamic-plugins'] },
            { name: 'secret3', mountPath: 'rel', containers: ['*'] },
            { name: 'secret4' },
          ],
        },
      },
    });
    const inputs = [secret('secret1', { 'conf1.yaml': 'x', 'other.yaml': 'y' }), secret('secret2', { 'conf2.yaml': 'x' }), secret('secret3', { 'conf3.yaml': 'x' }), secret('secret4', { a: 'b' })];
    const b = build({ cr, profile: testProfile(), inputs });
    expect(errorsOf(b.results)).toEqual([
      expect.objectContaining({ message: 'key or mountPath has to be specified for secret secret4', field: { path: 'spec.application.extraFiles.secrets[3]' } }),
    ]);
    const d = b.byKey('Deployment', 'backstage-bs1');
    expect(podSpecOf(d).volumes).toEqual([secVol('secret1'), secVol('secret2'), secVol('secret3')]);
    expect(containerOf(d, 'install-dynamic-plugins').volumeMounts).toEqual([
      sub('secret1', '/opt/app-root/src/conf1.yaml', 'conf1.yaml'),
      { name: 'secret2', mountPath: '/custom/path' },
      { name: 'secret3', mountPath: '/opt/app-root/src/rel' },
    ]);
    expect(containerOf(d).volumeMounts).toEqual([{ name: 'secret3', mountPath: '/opt/app-root/src/rel' }]);
    expect(containerOf(d, 'sidecar').volumeMounts).toEqual([
      sub('secret1', '/opt/app-root/src/conf1.yaml', 'conf1.yaml'),
      { name: 'secret3', mountPath: '/opt/app-root/src/rel' },
    ]);
  });

  test('a CR Secret mounted as a directory over the profile Secret replaces its mounts', () => {
    const cr = crOf({ ...noDb, application: { extraFiles: { secrets: [{ name: 'secret1', mountPath: '/opt/app/a.yaml' }] } } });
    const b = build({ cr, profile: testProfile({ 'default-config/secret-files.yaml': SECRET_FILES }), inputs: [secret('secret1', { x: 'y' })] });
    const d = b.byKey('Deployment', 'backstage-bs1');
    // the new directory mount takes the place of the old mount at the same path; the other stays
    expect(containerOf(d).volumeMounts).toEqual([sub('backstage-files-bs1-sf1', '/opt/app/b.yaml', 'b.yaml'), { name: 'secret1', mountPath: '/opt/app/a.yaml' }]);
  });
});

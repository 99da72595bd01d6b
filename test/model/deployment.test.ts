// Port of the operator's deployment_test.go (release-1.10), plus the image options (RELATED_IMAGE_*),
// the idle annotation (operator main) and the containers filter (containers-filter.go).
import { build, errorsOf } from './helpers';
import { baseDeployment, containerOf, crOf, LABELS, podSpecOf, testProfile } from './fixtures';
import { BackstageDeployment } from '../../fn/model/deployment';
import { getContainers } from '../../fn/model/containers-filter';
import type { KObject } from '../../fn/kio/types';

const noDb = { database: { enableLocalDb: false } };

describe('deployment (deployment.go)', () => {
  test('the minimal Deployment: name, labels, selector, pod label, ext-config hash', () => {
    const b = build({ cr: crOf(noDb), profile: testProfile() });
    expect(errorsOf(b.results)).toEqual([]);
    expect(b.byKey('Deployment', 'backstage-bs1')).toEqual(baseDeployment('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'));
  });

  test('working dir: files go to the Backstage container workingDir, else /opt/app-root/src', () => {
    const noWd = `apiVersion: apps/v1
kind: Deployment
spec:
  template:
    spec:
      containers:
        - name: backstage-backend
`;
    const cmf = `apiVersion: v1
kind: ConfigMap
metadata:
  name: f
  annotations:
    rhdh.redhat.com/sub-path: "*"
data:
  a: x
`;
    const b = build({ cr: crOf(noDb), profile: testProfile({ 'default-config/deployment.yaml': noWd, 'default-config/configmap-files.yaml': cmf }) });
    expect(containerOf(b.byKey('Deployment', 'backstage-bs1')).volumeMounts).toEqual([
      { name: 'backstage-files-bs1-f', readOnly: true, mountPath: '/opt/app-root/src/a', subPath: 'a' },
    ]);
  });

  test('spec.deployment.patch: merged with merge2, new list items appended by default, null fields dropped', () => {
    const cr = crOf({
      ...noDb,
      deployment: {
        patch: {
          metadata: { labels: { mylabel: 'java' } },
          spec: {
            replicas: 2,
            template: {
              metadata: { labels: { pod: 'backstage' } },
              spec: {
                containers: [
                  { name: 'sidecar2', image: 'my-image:1.0.0' },
                  { name: 'backstage-backend', resources: { requests: { cpu: '251m' } } },
                ],
                volumes: [{ name: 'my-vol', emptyDir: null }],
              },
            },
          },
        },
      },
    });
    const b = build({ cr, profile: testProfile() });
    expect(errorsOf(b.results)).toEqual([]);
    const expected = baseDeployment(b.external.watchingHash);
    expected.metadata.labels = { mylabel: 'java', ...LABELS };
    (expected.spec as any).replicas = 2; // eslint-disable-line @typescript-eslint/no-explicit-any
    const t = (expected.spec as any).template; // eslint-disable-line @typescript-eslint/no-explicit-any
    t.metadata.labels = { team: 'a', pod: 'backstage', 'rhdh.redhat.com/app': 'backstage-bs1' };
    containerOf(expected).resources = { requests: { cpu: '251m' } };
    t.spec.containers.push({ name: 'sidecar2', image: 'my-image:1.0.0' });
    t.spec.volumes = [{ name: 'my-vol' }];
    const got = b.byKey('Deployment', 'backstage-bs1')!;
    expect(got).toEqual(expected);
    expect(Object.keys((got.spec as any).template.metadata.labels)).toEqual(['team', 'pod', 'rhdh.redhat.com/app']); // eslint-disable-line @typescript-eslint/no-explicit-any
  });

  test.each([
    ['a new init container goes first', [{ name: 'my-init', image: 'busybox' }], ['my-init', 'install-dynamic-plugins']],
    ['anchored after the existing one', [{ name: 'install-dynamic-plugins' }, { name: 'my-init', image: 'busybox' }], ['install-dynamic-plugins', 'my-init']],
    [
      'mixed',
      [{ name: 'pre-init', image: 'busybox' }, { name: 'install-dynamic-plugins' }, { name: 'post-init', image: 'busybox' }],
      ['pre-init', 'install-dynamic-plugins', 'post-init'],
    ],
  ])('list-merge-mode prepend: %s', (_name, initContainers, expected) => {
    const cr = crOf({ ...noDb, deployment: { patch: { spec: { template: { spec: { initContainers } } } } } }, { annotations: { 'rhdh.redhat.com/deployment-patch-list-merge-mode': 'prepend' } });
    const b = build({ cr, profile: testProfile() });
    expect(podSpecOf(b.byKey('Deployment', 'backstage-bs1')).initContainers.map((c: { name: string }) => c.name)).toEqual(expected);
  });

  test('spec.deployment.patch: __proto__ and constructor keys where any key goes stay keys of plain objects', () => {
    const patch = JSON.parse('{"spec": {"template": {"metadata": {"annotations": {"constructor": "c"}}, "spec": {"containers": [{"name": "backstage-backend", "resources": {"__proto__": {"cpu": "1"}, "limits": {"cpu": "2"}}}]}}}}');
    const b = build({ cr: crOf({ ...noDb, deployment: { patch } }), profile: testProfile() });
    expect(b.results).toEqual([]);
    const got = b.byKey('Deployment', 'backstage-bs1')!;
    const resources = containerOf(got).resources;
    expect(Object.getOwnPropertyNames(resources)).toEqual(['__proto__', 'limits']);
    expect(Object.getPrototypeOf(resources)).toBe(Object.prototype);
    expect(resources.__proto__).toEqual({ cpu: '1' });
    expect(Object.getOwnPropertyNames((got.spec as any).template.metadata.annotations)).toContain('constructor'); // eslint-disable-line @typescript-eslint/no-explicit-any
  });

  test('a patch merge2 refuses is an error on spec.deployment.patch', () => {
    const cr = crOf({ ...noDb, deployment: { patch: { spec: { template: { spec: { containers: { name: 'x' } } } } } } });
    const b = build({ cr, profile: testProfile() });
    expect(errorsOf(b.results)).toEqual([expect.objectContaining({ field: { path: expect.stringMatching(/^spec\.deployment\.patch/) } })]);
  });

  test('backstageImage (RELATED_IMAGE_backstage) sets the Backstage and the dynamic plugins init container, not sidecars; the patch still wins', () => {
    const b = build({ cr: crOf(noDb), profile: testProfile(), options: { backstageImage: 'dummy' } });
    const d = b.byKey('Deployment', 'backstage-bs1');
    expect(containerOf(d).image).toBe('dummy');
    expect(containerOf(d, 'install-dynamic-plugins').image).toBe('dummy');
    expect(containerOf(d, 'sidecar').image).toBe('registry.test/sidecar:1');

    const cr = crOf({ ...noDb, deployment: { patch: { spec: { template: { spec: { containers: [{ name: 'backstage-backend', image: 'cr-image' }] } } } } } });
    const b2 = build({ cr, profile: testProfile(), options: { backstageImage: 'envvar-image' } });
    expect(containerOf(b2.byKey('Deployment', 'backstage-bs1')).image).toBe('cr-image');
  });

  test('1.9: catalogIndexImage sets CATALOG_INDEX_IMAGE on the init container before extraEnvs (which can override it)', () => {
    const b = build({ cr: crOf(noDb), profile: testProfile(), options: { catalogIndexImage: 'quay.io/x/index:1', operatorVersion: '1.9' } });
    expect(containerOf(b.byKey('Deployment', 'backstage-bs1'), 'install-dynamic-plugins').env).toEqual([{ name: 'CATALOG_INDEX_IMAGE', value: 'quay.io/x/index:1' }]);
    const cr = crOf({ ...noDb, application: { extraEnvs: { envs: [{ name: 'CATALOG_INDEX_IMAGE', value: 'mine', containers: ['install-dynamic-plugins'] }] } } });
    const b2 = build({ cr, profile: testProfile(), options: { catalogIndexImage: 'quay.io/x/index:1', operatorVersion: '1.9' } });
    expect(containerOf(b2.byKey('Deployment', 'backstage-bs1'), 'install-dynamic-plugins').env).toEqual([{ name: 'CATALOG_INDEX_IMAGE', value: 'mine' }]);
  });

  test.each(['1.10', 'main'] as const)('%s: catalogIndexImage is not read (RELATED_IMAGE_catalog_index is 1.9 only): a warning, the profile\'s value stays', (operatorVersion) => {
    const b = build({ cr: crOf(noDb), profile: testProfile(), options: { catalogIndexImage: 'quay.io/x/index:1', operatorVersion } });
    expect(containerOf(b.byKey('Deployment', 'backstage-bs1'), 'install-dynamic-plugins').env).toBeUndefined();
    expect(b.results.filter((r) => r.severity === 'warning').map((r) => r.message)).toEqual([expect.stringContaining('option "catalogIndexImage" (RELATED_IMAGE_catalog_index) is read by operator 1.9 only')]);
  });

  test.each(['1.9', '1.10', 'main'] as const)('%s: v1alpha4 application.image, replicas and imagePullSecrets are not applied (the operator reads the CR as v1alpha5); the patch is', (operatorVersion) => {
    const cr = crOf(
      { ...noDb, application: { image: 'old', replicas: 3, imagePullSecrets: ['ips', 'ips2'] }, deployment: { patch: { spec: { replicas: 4 } } } },
      {},
      'rhdh.redhat.com/v1alpha4',
    );
    const b = build({ cr, profile: testProfile(), options: { operatorVersion } });
    const expected = baseDeployment(b.external.watchingHash) as any;
    expected.spec.replicas = 4;
    expect(b.byKey('Deployment', 'backstage-bs1')).toEqual(expected);
    expect(b.results.filter((r) => r.severity === 'warning').map((r) => r.field?.path)).toEqual(['spec.application.image', 'spec.application.replicas', 'spec.application.imagePullSecrets']);
  });

  test('v1alpha5 has no application.image: the field is not applied', () => {
    const cr = crOf({ ...noDb, application: { image: 'old', replicas: 3 } });
    const b = build({ cr, profile: testProfile() });
    expect(b.byKey('Deployment', 'backstage-bs1')).toEqual(baseDeployment(b.external.watchingHash));
  });

  test('spec.deployment.kind StatefulSet: same pod, metadata, replicas and selector; the rest dropped; then the patch', () => {
    const profile = testProfile({
      'default-config/deployment.yaml': `apiVersion: apps/v1
kind: Deployment
spec:
  replicas: 1
  strategy:
    type: Recreate
  template:
    spec:
      containers:
        - name: backstage-backend
          image: img
`,
    });
    const cr = crOf({ ...noDb, deployment: { kind: 'StatefulSet', patch: { spec: { serviceName: 'my-service' } } } });
    const b = build({ cr, profile });
    expect(errorsOf(b.results)).toEqual([]);
    expect(b.byKey('StatefulSet', 'backstage-bs1')).toEqual({
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: { name: 'backstage-bs1', namespace: 'ns1', labels: LABELS },
      spec: {
        replicas: 1,
        selector: { matchLabels: { 'rhdh.redhat.com/app': 'backstage-bs1' } },
        template: {
          metadata: { labels: { 'rhdh.redhat.com/app': 'backstage-bs1' }, annotations: { 'rhdh.redhat.com/ext-config-hash': b.external.watchingHash } },
          spec: { containers: [{ name: 'backstage-backend', image: 'img' }] },
        },
        serviceName: 'my-service',
      },
    });
    expect(b.byKey('Deployment', 'backstage-bs1')).toBeUndefined();
  });

  test.each(['1.9', '1.10'] as const)('%s: rhdh.redhat.com/idle is not read: a warning on the annotation, replicas unchanged', (operatorVersion) => {
    const b = build({ cr: crOf({}, { annotations: { 'rhdh.redhat.com/idle': 'true' } }), profile: testProfile(), options: { operatorVersion } });
    expect((b.byKey('Deployment', 'backstage-bs1')!.spec as { replicas?: number }).replicas).toBeUndefined();
    expect((b.byKey('StatefulSet', 'backstage-psql-bs1')!.spec as { replicas?: number }).replicas).toBeUndefined();
    expect(b.results.filter((r) => r.severity === 'warning').map((r) => r.field?.path)).toEqual(['metadata.annotations.rhdh.redhat.com/idle']);
  });

  test('rhdh.redhat.com/idle: "true" scales the workload and the local database to 0 (operator main)', () => {
    const b = build({ cr: crOf({}, { annotations: { 'rhdh.redhat.com/idle': 'true' } }), profile: testProfile(), options: { operatorVersion: 'main' } });
    expect((b.byKey('Deployment', 'backstage-bs1')!.spec as { replicas?: number }).replicas).toBe(0);
    expect((b.byKey('StatefulSet', 'backstage-psql-bs1')!.spec as { replicas?: number }).replicas).toBe(0);
    const b2 = build({ cr: crOf({ deployment: { patch: { spec: { replicas: 3 } } } }, { annotations: { 'rhdh.redhat.com/idle': 'false' } }), profile: testProfile(), options: { operatorVersion: 'main' } });
    expect((b2.byKey('Deployment', 'backstage-bs1')!.spec as { replicas?: number }).replicas).toBe(3);
  });

  test('no deployment.yaml, or no backstage-backend container: an error, no objects', () => {
    const b = build({ cr: crOf(noDb), profile: testProfile({}, ['default-config/deployment.yaml']) });
    expect(b.model.objects).toEqual([]);
    expect(errorsOf(b.results)).toEqual([expect.objectContaining({ message: expect.stringContaining('make sure there is deployment.yaml') })]);
    const b2 = build({
      cr: crOf(noDb),
      profile: testProfile({ 'default-config/deployment.yaml': 'apiVersion: apps/v1\nkind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n        - name: other\n' }),
    });
    expect(b2.model.objects).toEqual([]);
    expect(errorsOf(b2.results)).toEqual([expect.objectContaining({ message: expect.stringContaining('Backstage Container is not identified') })]);
  });
});

describe('containers filter (containers-filter.go)', () => {
  const d = new BackstageDeployment();
  d.obj = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {},
    spec: { template: { spec: { containers: [{ name: 'backstage-backend' }, { name: 'c1' }, { name: 'c2' }], initContainers: [{ name: 'c3' }] } } },
  } as KObject;
  const names = (r: ReturnType<typeof getContainers>) => ('missing' in r ? r : r.containers.map((c) => c.name));
  test('none: the Backstage container; *: all, init containers last; names in the given order; unknown: missing', () => {
    expect(names(getContainers({}, d))).toEqual(['backstage-backend']);
    expect(names(getContainers({ names: [] }, d))).toEqual(['backstage-backend']);
    expect(names(getContainers({ names: ['*'] }, d))).toEqual(['backstage-backend', 'c1', 'c2', 'c3']);
    expect(names(getContainers({ names: ['c2', 'c1'] }, d))).toEqual(['c2', 'c1']);
    expect(names(getContainers({ names: ['c123'] }, d))).toEqual({ missing: 'c123' });
    expect(names(getContainers({ names: ['c1'], annotation: ' c3 , c2,' }, d))).toEqual(['c3', 'c2']);
    expect(names(getContainers({ annotation: '*' }, d))).toEqual(['backstage-backend', 'c1', 'c2', 'c3']);
  });
});

// Port of the operator's runtime_test.go (release-1.10): InitObjects, the raw runtime config, the
// object-key order, kinds.
import { build, errorsOf } from './helpers';
import { cm, crOf, LABELS, testProfile } from './fixtures';
import { OBJECT_CONFIGS } from '../../fn/model/build-model';
import { toRFC1123Label } from '../../fn/model/utils';

const noDb = { database: { enableLocalDb: false } };

describe('InitObjects (runtime.go)', () => {
  test('the object keys in the operator\'s registration order', () => {
    expect(OBJECT_CONFIGS.map((c) => c.key)).toEqual([
      'app-config.yaml',
      'configmap-envs.yaml',
      'configmap-files.yaml',
      'db-secret.yaml',
      'db-service.yaml',
      'db-statefulset.yaml',
      'deployment.yaml',
      'dynamic-plugins.yaml',
      'pvcs.yaml',
      'route.yaml',
      'secret-envs.yaml',
      'secret-files.yaml',
      'service.yaml',
    ]);
  });

  test('without a local database only the Deployment and the Service; names, namespace, labels, selectors', () => {
    const b = build({ cr: crOf(noDb), profile: testProfile() });
    expect(errorsOf(b.results)).toEqual([]);
    expect(b.model.objects.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual(['Deployment/backstage-bs1', 'Service/backstage-bs1']);
    expect(b.byKey('Service', 'backstage-bs1')).toEqual({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'backstage-bs1', namespace: 'ns1', labels: LABELS },
      spec: { selector: { 'rhdh.redhat.com/app': 'backstage-bs1' }, ports: [{ name: 'http', port: 80, targetPort: 7007 }] },
    });
  });

  test('rawRuntimeConfig replaces a key wholesale (no platform patch, no merge with the default)', () => {
    const raw = cm('raw-config', {
      'service.yaml': 'apiVersion: v1\nkind: Service\nmetadata:\n  labels:\n    raw: "true"\nspec:\n  ports:\n    - port: 8080\n',
    });
    const profile = testProfile({ 'default-config/service.yaml.k8s': 'spec:\n  type: NodePort\n' });
    const b = build({ cr: crOf({ ...noDb, rawRuntimeConfig: { backstageConfig: 'raw-config' } }), profile, inputs: [raw], options: { platform: 'kubernetes' } });
    expect(errorsOf(b.results)).toEqual([]);
    expect(b.byKey('Service', 'backstage-bs1')).toEqual({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'backstage-bs1', namespace: 'ns1', labels: { raw: 'true', ...LABELS } },
      spec: { ports: [{ port: 8080 }], selector: { 'rhdh.redhat.com/app': 'backstage-bs1' } },
    });
  });

  test('rawRuntimeConfig localDbConfig keys come after backstageConfig keys (same key: the local DB one)', () => {
    const svc = (label: string) => `apiVersion: v1\nkind: Service\nmetadata:\n  labels:\n    from: ${label}\n`;
    const inputs = [cm('bs-raw', { 'db-service.yaml': svc('backstage') }), cm('db-raw', { 'db-service.yaml': svc('localdb') })];
    const b = build({ cr: crOf({ rawRuntimeConfig: { backstageConfig: 'bs-raw', localDbConfig: 'db-raw' } }), profile: testProfile(), inputs });
    expect(b.byKey('Service', 'backstage-psql-bs1')?.metadata.labels).toEqual({ from: 'localdb', ...LABELS });
  });

  test('several objects for a single-object key, or a wrong kind: error, no objects', () => {
    const two = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: a\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: b\n';
    const b = build({ cr: crOf(noDb), profile: testProfile({ 'default-config/service.yaml': two }) });
    expect(b.model.objects).toEqual([]);
    expect(errorsOf(b.results)[0].message).toContain('multiple objects not expected for: service.yaml');

    const wrong = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n';
    const b2 = build({ cr: crOf(noDb), profile: testProfile({ 'default-config/service.yaml': wrong }) });
    expect(b2.model.objects).toEqual([]);
    expect(errorsOf(b2.results)[0]).toEqual(
      expect.objectContaining({ message: expect.stringContaining('service.yaml holds v1 ConfigMap, expected v1 Service'), file: { path: 'default-config/service.yaml' } }),
    );

    const raw = cm('raw', { 'service.yaml': two });
    const b3 = build({ cr: crOf({ ...noDb, rawRuntimeConfig: { backstageConfig: 'raw' } }), profile: testProfile(), inputs: [raw] });
    expect(errorsOf(b3.results)[0]).toEqual(expect.objectContaining({ field: { path: 'spec.rawRuntimeConfig' } }));
  });

  test('multi-object keys take one or many objects', () => {
    const one = 'apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: c1\n';
    expect(build({ cr: crOf(noDb), profile: testProfile({ 'default-config/pvcs.yaml': one }) }).byKey('PersistentVolumeClaim', 'backstage-pvcs-bs1-c1')).toBeDefined();
  });

  test('no service.yaml: error', () => {
    const b = build({ cr: crOf(noDb), profile: testProfile({}, ['default-config/service.yaml']) });
    expect(errorsOf(b.results)[0].message).toContain('backstage Service is not initialized');
  });
});

describe('utils.ToRFC1123Label', () => {
  test.each([
    ['My_Config.Map', 'my-config-map'],
    ['--a..b--', 'a-b'],
    ['backstage-appconfig-bs1-<to_be_replaced>', 'backstage-appconfig-bs1-to-be-replaced'],
    ['a'.repeat(62) + '-b', 'a'.repeat(62)],
    ['x'.repeat(70), 'x'.repeat(63)],
  ])('%s -> %s', (input, out) => {
    expect(toRFC1123Label(input)).toBe(out);
  });
});

describe('what the operator ignores silently', () => {
  test('a rawRuntimeConfig key that is not an object key: warning', () => {
    const raw = cm('raw', { 'deployment.yml': 'x: 1', 'service.yaml': 'apiVersion: v1\nkind: Service\n' });
    const b = build({ cr: crOf({ ...noDb, rawRuntimeConfig: { backstageConfig: 'raw' } }), profile: testProfile(), inputs: [raw] });
    expect(b.results).toEqual([
      expect.objectContaining({ severity: 'warning', message: expect.stringContaining('rawRuntimeConfig key "deployment.yml" is not one the operator reads'), field: { path: 'spec.rawRuntimeConfig' } }),
    ]);
  });

  test('two objects with the same name: warning', () => {
    const p = testProfile({
      'default-config/configmap-files.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: same\ndata:\n  a: x\n',
      'default-config/flavours/f/metadata.yaml': 'enabledByDefault: true\n',
      'default-config/flavours/f/configmap-files.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: same\ndata:\n  b: x\n',
    });
    const b = build({ cr: crOf(noDb), profile: p });
    // The pod would have two volumes of that name: the API server refuses it, so it is an error too.
    expect(b.results).toEqual([
      expect.objectContaining({
        severity: 'error',
        message: 'the pod would have two volumes named "backstage-files-bs1-same", which the API server refuses: the profile (or a flavour) makes two objects of that name',
      }),
      expect.objectContaining({ severity: 'warning', message: expect.stringContaining('ConfigMap/backstage-files-bs1-same is made twice') }),
    ]);
  });
});

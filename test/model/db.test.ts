// Port of the operator's db-secret_test.go and db-statefulset_test.go (release-1.10), plus the
// database Service (db-service.go) and an external database (spec.database.authSecretName).
import { build, errorsOf } from './helpers';
import { baseDeployment, containerOf, crOf, LABELS, testProfile } from './fixtures';
import { derivePassword } from '../../fn/model/db-password';

const password = derivePassword('test-seed', 'ns1', 'backstage-psql-secret-bs1');

const dbStatefulSet = (envFrom?: unknown[], replicas?: number) => ({
  apiVersion: 'apps/v1',
  kind: 'StatefulSet',
  metadata: { name: 'backstage-psql-bs1', namespace: 'ns1', labels: LABELS },
  spec: {
    ...(replicas !== undefined ? { replicas } : {}),
    selector: { matchLabels: { 'rhdh.redhat.com/app': 'backstage-psql-bs1' } },
    serviceName: 'backstage-psql-bs1',
    template: {
      spec: { containers: [{ name: 'postgresql', image: 'registry.test/postgres:15', ...(envFrom ? { envFrom } : {}) }] },
      metadata: { labels: { 'rhdh.redhat.com/app': 'backstage-psql-bs1' } },
    },
  },
});

describe('local database (db-secret.go, db-service.go, db-statefulset.go)', () => {
  test('enabled by default: headless Service, StatefulSet pointing at it, Secret with the five keys, envFrom in both pods', () => {
    const b = build({ cr: crOf(), profile: testProfile() });
    expect(errorsOf(b.results)).toEqual([]);
    expect(b.model.objects.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual([
      'Secret/backstage-psql-secret-bs1',
      'Service/backstage-psql-bs1',
      'StatefulSet/backstage-psql-bs1',
      'Deployment/backstage-bs1',
      'Service/backstage-bs1',
    ]);
    expect(b.byKey('Secret', 'backstage-psql-secret-bs1')).toEqual({
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'backstage-psql-secret-bs1', namespace: 'ns1', labels: LABELS },
      type: 'Opaque',
      stringData: {
        POSTGRESQL_ADMIN_PASSWORD: password,
        POSTGRES_HOST: 'backstage-psql-bs1',
        POSTGRES_PASSWORD: password,
        POSTGRES_PORT: '5433',
        POSTGRES_USER: 'postgres',
      },
    });
    expect(b.byKey('Service', 'backstage-psql-bs1')).toEqual({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'backstage-psql-bs1', namespace: 'ns1', labels: LABELS },
      spec: { selector: { 'rhdh.redhat.com/app': 'backstage-psql-bs1' }, ports: [{ port: 5433 }], clusterIP: 'None' },
    });
    expect(b.byKey('StatefulSet', 'backstage-psql-bs1')).toEqual(dbStatefulSet([{ secretRef: { name: 'backstage-psql-secret-bs1' } }]));
    const expected = baseDeployment(b.external.watchingHash);
    containerOf(expected).envFrom = [{ secretRef: { name: 'backstage-psql-secret-bs1' } }];
    expect(b.byKey('Deployment', 'backstage-bs1')).toEqual(expected);
  });

  test('postgresqlImage (RELATED_IMAGE_postgresql) replaces the first container image', () => {
    const b = build({ cr: crOf(), profile: testProfile(), options: { postgresqlImage: 'dummy' } });
    expect(containerOf(b.byKey('StatefulSet', 'backstage-psql-bs1'), 'postgresql').image).toBe('dummy');
  });

  test('omitDbSecret: the Secret is left out but still referenced', () => {
    const b = build({ cr: crOf(), profile: testProfile(), options: { omitDbSecret: true, secretSeed: undefined } });
    expect(errorsOf(b.results)).toEqual([]);
    expect(b.byKey('Secret', 'backstage-psql-secret-bs1')).toBeUndefined();
    expect(b.byKey('StatefulSet', 'backstage-psql-bs1')).toEqual(dbStatefulSet([{ secretRef: { name: 'backstage-psql-secret-bs1' } }]));
    expect(containerOf(b.byKey('Deployment', 'backstage-bs1')).envFrom).toEqual([{ secretRef: { name: 'backstage-psql-secret-bs1' } }]);
  });

  test('an earlier render\'s Secret is kept as it is', () => {
    const previous = [{ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'backstage-psql-secret-bs1', namespace: 'ns1' }, stringData: { POSTGRES_PASSWORD: 'kept' } }];
    const b = build({ cr: crOf(), profile: testProfile(), previous, options: { secretSeed: undefined } });
    expect(errorsOf(b.results)).toEqual([]);
    expect(b.byKey('Secret', 'backstage-psql-secret-bs1')?.stringData).toEqual({ POSTGRES_PASSWORD: 'kept' });
  });

  test('authSecretName with the local database: no generated Secret, both pods take the named one', () => {
    const b = build({ cr: crOf({ database: { authSecretName: 'my-db-secret' } }), profile: testProfile() });
    expect(errorsOf(b.results)).toEqual([]);
    expect(b.byKey('Secret', 'backstage-psql-secret-bs1')).toBeUndefined();
    expect(b.byKey('StatefulSet', 'backstage-psql-bs1')).toEqual(dbStatefulSet([{ secretRef: { name: 'my-db-secret' } }]));
    expect(containerOf(b.byKey('Deployment', 'backstage-bs1')).envFrom).toEqual([{ secretRef: { name: 'my-db-secret' } }]);
  });

  test('external database: no database objects; the auth Secret as envFrom', () => {
    const b = build({ cr: crOf({ database: { enableLocalDb: false, authSecretName: 'ext-db' } }), profile: testProfile() });
    expect(errorsOf(b.results)).toEqual([]);
    expect(b.model.objects.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual(['Deployment/backstage-bs1', 'Service/backstage-bs1']);
    const expected = baseDeployment(b.external.watchingHash);
    containerOf(expected).envFrom = [{ secretRef: { name: 'ext-db' } }];
    expect(b.byKey('Deployment', 'backstage-bs1')).toEqual(expected);
  });

  test('local database enabled without db-service.yaml or db-statefulset.yaml: error', () => {
    const b = build({ cr: crOf(), profile: testProfile({}, ['default-config/db-service.yaml']) });
    expect(b.model.objects).toEqual([]);
    expect(errorsOf(b.results)[0].message).toContain('LocalDb Service not initialized');
    const b2 = build({ cr: crOf(), profile: testProfile({}, ['default-config/db-statefulset.yaml']) });
    expect(errorsOf(b2.results)[0].message).toContain('LocalDb StatefulSet not configured');
    // disabled: not needed
    const b3 = build({ cr: crOf({ database: { enableLocalDb: false } }), profile: testProfile({}, ['default-config/db-service.yaml', 'default-config/db-statefulset.yaml']) });
    expect(errorsOf(b3.results)).toEqual([]);
  });
});

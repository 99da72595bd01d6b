// Port of the operator's configmapenvs_test.go and secretenvs_test.go (release-1.10).
import { build, errorsOf } from './helpers';
import { baseDeployment, cm, containerOf, crOf, secret, testProfile } from './fixtures';

const noDb = { database: { enableLocalDb: false } };

const CM_ENVS = `apiVersion: v1
kind: ConfigMap
metadata:
  name: cm-envs1
data:
  A: "1"
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: cm-envs2
  annotations:
    rhdh.redhat.com/containers: "*"
data:
  B: "2"
`;

const SECRET_ENVS = `apiVersion: v1
kind: Secret
metadata:
  name: sec-envs
  annotations:
    rhdh.redhat.com/containers: sidecar
stringData:
  C: "3"
`;

describe('configmap-envs and secret-envs (configmapenvs.go, secretenvs.go)', () => {
  test('profile objects: envFrom, in key order (configmap-envs before secret-envs), containers annotation', () => {
    const b = build({ cr: crOf(noDb), profile: testProfile({ 'default-config/configmap-envs.yaml': CM_ENVS, 'default-config/secret-envs.yaml': SECRET_ENVS }) });
    expect(errorsOf(b.results)).toEqual([]);
    const expected = baseDeployment(b.external.watchingHash);
    containerOf(expected).envFrom = [{ configMapRef: { name: 'backstage-envs-bs1-cm-envs1' } }, { configMapRef: { name: 'backstage-envs-bs1-cm-envs2' } }];
    containerOf(expected, 'sidecar').envFrom = [{ configMapRef: { name: 'backstage-envs-bs1-cm-envs2' } }, { secretRef: { name: 'backstage-envs-bs1-sec-envs' } }];
    containerOf(expected, 'install-dynamic-plugins').envFrom = [{ configMapRef: { name: 'backstage-envs-bs1-cm-envs2' } }];
    expect(b.byKey('Deployment', 'backstage-bs1')).toEqual(expected);
    expect(b.model.objects.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual([
      'ConfigMap/backstage-envs-bs1-cm-envs1',
      'ConfigMap/backstage-envs-bs1-cm-envs2',
      'Deployment/backstage-bs1',
      'Secret/backstage-envs-bs1-sec-envs',
      'Service/backstage-bs1',
    ]);
  });

  test('specified: whole objects (envFrom), single keys (env valueFrom), envs (set or replace), containers', () => {
    const cr = crOf({
      ...noDb,
      application: {
        extraEnvs: {
          configMaps: [{ name: 'cm1' }, { name: 'cm2', key: 'K2', containers: ['sidecar'] }],
          secrets: [{ name: 'sec1', key: 'S1' }, { name: 'sec2', containers: ['*'] }],
          envs: [
            { name: 'E1', value: 'v1' },
            { name: 'E2', value: '', containers: ['install-dynamic-plugins'] },
          ],
        },
      },
    });
    const inputs = [cm('cm1', { A: '' }), cm('cm2', { K2: '' }), secret('sec1', { S1: 'x' }), secret('sec2', { S: 'x' })];
    const b = build({ cr, profile: testProfile(), inputs });
    expect(errorsOf(b.results)).toEqual([]);
    const expected = baseDeployment(b.external.watchingHash);
    // envs are set while the Deployment is added, before any ConfigMap or Secret reference
    containerOf(expected).env = [{ name: 'E1', value: 'v1' }, { name: 'S1', valueFrom: { secretKeyRef: { name: 'sec1', key: 'S1' } } }];
    containerOf(expected).envFrom = [{ configMapRef: { name: 'cm1' } }, { secretRef: { name: 'sec2' } }];
    containerOf(expected, 'sidecar').env = [{ name: 'K2', valueFrom: { configMapKeyRef: { name: 'cm2', key: 'K2' } } }];
    containerOf(expected, 'sidecar').envFrom = [{ secretRef: { name: 'sec2' } }];
    containerOf(expected, 'install-dynamic-plugins').env = [{ name: 'E2' }];
    containerOf(expected, 'install-dynamic-plugins').envFrom = [{ secretRef: { name: 'sec2' } }];
    expect(b.byKey('Deployment', 'backstage-bs1')).toEqual(expected);
  });

  test('an env var of the profile is replaced in place by spec envs', () => {
    const profile = testProfile({
      'default-config/deployment.yaml': `apiVersion: apps/v1
kind: Deployment
spec:
  template:
    spec:
      containers:
        - name: backstage-backend
          env:
            - name: A
              value: "1"
            - name: B
              valueFrom:
                fieldRef:
                  fieldPath: metadata.name
            - name: C
              value: "3"
`,
    });
    const b = build({ cr: crOf({ ...noDb, application: { extraEnvs: { envs: [{ name: 'B', value: 'two' }] } } }), profile });
    expect(containerOf(b.byKey('Deployment', 'backstage-bs1')).env).toEqual([
      { name: 'A', value: '1' },
      { name: 'B', value: 'two' },
      { name: 'C', value: '3' },
    ]);
  });

  test('containers that the pod does not have are errors on the entries', () => {
    const cr = crOf({
      ...noDb,
      application: { extraEnvs: { configMaps: [{ name: 'cm1', containers: ['nope'] }], secrets: [{ name: 's1', containers: ['nope2'] }], envs: [{ name: 'E', value: 'x', containers: ['nope3'] }] } },
    });
    const b = build({ cr, profile: testProfile(), inputs: [cm('cm1', { A: '' }), secret('s1', { B: '' })] });
    expect(errorsOf(b.results).map((r) => r.field?.path)).toEqual([
      'spec.application.extraEnvs.envs[0].containers',
      'spec.application.extraEnvs.configMaps[0].containers',
      'spec.application.extraEnvs.secrets[0].containers',
    ]);
  });
});

// Ports of release-1.10's pkg/model/configmapenvs_test.go and secretenvs_test.go that
// test/model/envs.test.ts does not already cover (test/operator-ports/1.10.ts maps every one).
// Inputs written here; the whole renderer runs as operatorVersion 1.10.
import { configMap, cr, MULTI_CONTAINER_DEPLOYMENT, render110, secret } from './1.10-support';

const ALL_CONTAINERS = ['install-dynamic-plugins', 'another-init-container', 'backstage-backend', 'another-container'];

const CM_ENVS = `apiVersion: v1
kind: ConfigMap
metadata:
  name: cm-envs
data:
  ENV1: "env var 1"
  ENV2: "env var 2"
`;

describe('configmap-envs (release-1.10 configmapenvs_test.go)', () => {
  test('TestDefaultAndSpecifiedConfigMapEnvFrom: the profile ConfigMap as envFrom, the CR key as env', () => {
    const spec = { application: { extraEnvs: { configMaps: [{ name: 'mapName', key: 'ENV1' }] } } };
    const r = render110({ cr: cr(spec), files: { 'default-config/configmap-envs.yaml': CM_ENVS }, inputs: [configMap('mapName', { ENV1: 'x' })] });
    expect(r.errors).toEqual([]);
    expect(r.container().envFrom).toEqual([{ configMapRef: { name: 'backstage-envs-bs-cm-envs' } }]);
    expect(r.container().env).toEqual([{ name: 'ENV1', valueFrom: { configMapKeyRef: { name: 'mapName', key: 'ENV1' } } }]);
  });

  test.each([
    ['configMaps', 'configMapKeyRef', configMap('cmName', { ENV1: 'x' })],
    ['secrets', 'secretKeyRef', secret('cmName', { ENV1: 'x' })],
  ])('TestSpecifiedCMEnvsWithContainers / TestSpecifiedSecretEnvsWithContainers (%s): named containers only; then "*": all four', (field, ref, input) => {
    const env = [{ name: 'ENV1', valueFrom: { [ref]: { name: 'cmName', key: 'ENV1' } } }];
    const files = { 'default-config/deployment.yaml': MULTI_CONTAINER_DEPLOYMENT };
    const named = render110({ cr: cr({ application: { extraEnvs: { [field]: [{ name: 'cmName', key: 'ENV1', containers: ['install-dynamic-plugins', 'another-container'] }] } } }), files, inputs: [input] });
    expect(named.errors).toEqual([]);
    expect(ALL_CONTAINERS.map((c) => named.container(c).env)).toEqual([env, undefined, undefined, env]);
    const all = render110({ cr: cr({ application: { extraEnvs: { [field]: [{ name: 'cmName', key: 'ENV1', containers: ['*'] }] } } }), files, inputs: [input] });
    expect(all.errors).toEqual([]);
    expect(ALL_CONTAINERS.map((c) => all.container(c).env)).toEqual([env, env, env, env]);
  });

  test('TestMultiObjectConfigMapEnvsInSpec: two whole CR ConfigMaps, two envFrom in spec order, no env', () => {
    const spec = { application: { extraEnvs: { configMaps: [{ name: 'cm1' }, { name: 'cm2' }] } } };
    const r = render110({ cr: cr(spec), inputs: [configMap('cm1', { ENV1: 'value1', ENV2: 'value2' }), configMap('cm2', { ENV3: 'value3', ENV4: 'value4' })] });
    expect(r.errors).toEqual([]);
    expect(r.container().envFrom).toEqual([{ configMapRef: { name: 'cm1' } }, { configMapRef: { name: 'cm2' } }]);
    expect(r.container().env).toBeUndefined();
  });
});

describe('secret-envs (release-1.10 secretenvs_test.go)', () => {
  test('TestDefaultSecretEnvFrom: the profile Secret as envFrom of the Backstage container, no env', () => {
    const secretEnvs = `apiVersion: v1
kind: Secret
metadata:
  name: sec-envs
stringData:
  ENV1: "env var 1"
  ENV2: "env var 2"
`;
    const r = render110({ cr: cr(), files: { 'default-config/secret-envs.yaml': secretEnvs } });
    expect(r.errors).toEqual([]);
    expect(r.container().envFrom).toEqual([{ secretRef: { name: 'backstage-envs-bs-sec-envs' } }]);
    expect(r.container().env).toBeUndefined();
    expect(r.get('Secret', 'backstage-envs-bs-sec-envs')).toEqual({
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: {
        name: 'backstage-envs-bs-sec-envs',
        namespace: 'ns123',
        labels: { 'app.kubernetes.io/instance': 'bs', 'app.kubernetes.io/name': 'backstage' },
        annotations: { 'rhdh.redhat.com/configured-name': 'sec-envs' },
      },
      stringData: { ENV1: 'env var 1', ENV2: 'env var 2' },
    });
  });

  test('TestDefaultMultiSecretEnv: three profile Secrets; the containers annotation picks containers, "*" all four', () => {
    const secrets = `apiVersion: v1
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
stringData:
  data3: "3"
---
apiVersion: v1
kind: Secret
metadata:
  name: secret3
  annotations:
    rhdh.redhat.com/containers: "*"
stringData:
  data5: "5"
`;
    const r = render110({ cr: cr(), files: { 'default-config/deployment.yaml': MULTI_CONTAINER_DEPLOYMENT, 'default-config/secret-envs.yaml': secrets } });
    expect(r.errors).toEqual([]);
    const ref = (s: string) => ({ secretRef: { name: `backstage-envs-bs-${s}` } });
    expect(r.objects.filter((o) => o.kind === 'Secret').map((o) => o.metadata.name)).toEqual(['backstage-envs-bs-secret1', 'backstage-envs-bs-secret2', 'backstage-envs-bs-secret3']);
    expect(ALL_CONTAINERS.map((c) => r.container(c).envFrom)).toEqual([
      [ref('secret1'), ref('secret3')],
      [ref('secret3')],
      [ref('secret1'), ref('secret2'), ref('secret3')],
      [ref('secret3')],
    ]);
  });
});

// Port of the operator's dynamic-plugins_test.go (release-1.10): the dynamic plugins ConfigMap, its
// merge with the CR's one, and its mount into the install-dynamic-plugins init container.
import { build, errorsOf } from './helpers';
import { baseDeployment, cm, containerOf, crOf, LABELS, podSpecOf, testProfile } from './fixtures';

const DP = `apiVersion: v1
kind: ConfigMap
metadata:
  name: default-dynamic-plugins
data:
  dynamic-plugins.yaml: |
    # the profile's plugins
    includes:
      - dynamic-plugins.default.yaml
    plugins:
      - package: plugin-a
        disabled: false
        dependencies:
          - ref: dep-a
`;
const noDb = { database: { enableLocalDb: false } };
const vol = { name: 'backstage-dynamic-plugins-bs1', configMap: { name: 'backstage-dynamic-plugins-bs1', defaultMode: 420, optional: false } };
const mount = (name: string) => ({ name, readOnly: true, mountPath: '/opt/dp/dynamic-plugins.yaml', subPath: 'dynamic-plugins.yaml' });

describe('dynamic plugins (dynamic-plugins.go)', () => {
  test('profile ConfigMap only: renamed, text kept, mounted into the init container working dir by sub-path', () => {
    const b = build({ cr: crOf(noDb), profile: testProfile({ 'default-config/dynamic-plugins.yaml': DP }) });
    expect(errorsOf(b.results)).toEqual([]);
    expect(b.byKey('ConfigMap', 'backstage-dynamic-plugins-bs1')).toEqual({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'backstage-dynamic-plugins-bs1', namespace: 'ns1', labels: LABELS },
      data: {
        'dynamic-plugins.yaml': '# the profile\'s plugins\nincludes:\n  - dynamic-plugins.default.yaml\nplugins:\n  - package: plugin-a\n    disabled: false\n    dependencies:\n      - ref: dep-a\n',
      },
    });
    const expected = baseDeployment(b.external.watchingHash);
    podSpecOf(expected).volumes = [vol];
    containerOf(expected, 'install-dynamic-plugins').volumeMounts = [mount('backstage-dynamic-plugins-bs1')];
    expect(b.byKey('Deployment', 'backstage-bs1')).toEqual(expected);
    expect(b.model.dynamicPlugins).toEqual({
      includes: ['dynamic-plugins.default.yaml'],
      plugins: [{ package: 'plugin-a', disabled: false, dependencies: [{ ref: 'dep-a' }] }],
    });
  });

  test('profile and CR ConfigMaps: merged into the profile one, which is mounted', () => {
    const cr = crOf({ ...noDb, application: { dynamicPluginsConfigMapName: 'dplugin' } });
    const user = cm('dplugin', { 'dynamic-plugins.yaml': 'plugins:\n  - package: plugin-a\n    disabled: true\n  - package: plugin-b\n' });
    const b = build({ cr, profile: testProfile({ 'default-config/dynamic-plugins.yaml': DP }), inputs: [user] });
    expect(errorsOf(b.results)).toEqual([]);
    expect(b.byKey('ConfigMap', 'backstage-dynamic-plugins-bs1')?.data).toEqual({
      'dynamic-plugins.yaml':
        'includes:\n- dynamic-plugins.default.yaml\nplugins:\n- package: plugin-a\n  disabled: true\n  dependencies:\n  - ref: dep-a\n- package: plugin-b\n  disabled: false\n',
    });
    const d = b.byKey('Deployment', 'backstage-bs1');
    expect(podSpecOf(d).volumes).toEqual([vol]);
    expect(containerOf(d, 'install-dynamic-plugins').volumeMounts).toEqual([mount('backstage-dynamic-plugins-bs1')]);
    expect(b.model.dynamicPlugins?.plugins?.map((p) => p.package)).toEqual(['plugin-a', 'plugin-b']);
  });

  test('CR ConfigMap only: mounted as it is; no merged configuration for dependencies (as in the operator)', () => {
    const cr = crOf({ ...noDb, application: { dynamicPluginsConfigMapName: 'dplugin' } });
    const b = build({ cr, profile: testProfile(), inputs: [cm('dplugin', { 'dynamic-plugins.yaml': 'plugins: []\n' })] });
    expect(errorsOf(b.results)).toEqual([]);
    const d = b.byKey('Deployment', 'backstage-bs1');
    expect(podSpecOf(d).volumes).toEqual([{ name: 'dplugin', configMap: { name: 'dplugin', defaultMode: 420, optional: false } }]);
    expect(containerOf(d, 'install-dynamic-plugins').volumeMounts).toEqual([mount('dplugin')]);
    expect(b.model.dynamicPlugins).toBeUndefined();
  });

  test('the CR ConfigMap without a dynamic-plugins.yaml key: error on the field', () => {
    const cr = crOf({ ...noDb, application: { dynamicPluginsConfigMapName: 'dplugin' } });
    const b = build({ cr, profile: testProfile({ 'default-config/dynamic-plugins.yaml': DP }), inputs: [cm('dplugin', { 'WrongKeyName.yml': 'tt' })] });
    expect(errorsOf(b.results)).toEqual([
      expect.objectContaining({ message: "dynamic plugin configMap expects 'dynamic-plugins.yaml' Data key", field: { path: 'spec.application.dynamicPluginsConfigMapName' } }),
    ]);
  });

  test('profile ConfigMap without the key, raw config without it, or a Deployment without the init container: error, no objects', () => {
    const bad = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  dynamic-plugins123.yaml: ""\n';
    const b = build({ cr: crOf(noDb), profile: testProfile({ 'default-config/dynamic-plugins.yaml': bad }) });
    expect(b.model.objects).toEqual([]);
    expect(errorsOf(b.results)[0].message).toContain('no dynamic-plugins.yaml key found in ConfigMap from default-config/dynamic-plugins.yaml');
    const raw = crOf({ ...noDb, rawRuntimeConfig: { backstageConfig: 'raw' } });
    const b1 = build({ cr: raw, profile: testProfile(), inputs: [cm('raw', { 'dynamic-plugins.yaml': bad })] });
    expect(b1.model.objects).toEqual([]);
    expect(errorsOf(b1.results)[0].message).toContain("dynamic plugin configMap expects 'dynamic-plugins.yaml' Data key");
    const noInit = 'apiVersion: apps/v1\nkind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n        - name: backstage-backend\n';
    const b2 = build({ cr: crOf(noDb), profile: testProfile({ 'default-config/dynamic-plugins.yaml': DP, 'default-config/deployment.yaml': noInit }) });
    expect(b2.model.objects).toEqual([]);
    expect(errorsOf(b2.results)[0].message).toContain('failed to find initContainer named install-dynamic-plugins');
  });

  test('no dynamic plugins anywhere: nothing in the model', () => {
    const b = build({ cr: crOf(noDb), profile: testProfile() });
    expect(b.byKey('ConfigMap', 'backstage-dynamic-plugins-bs1')).toBeUndefined();
    expect(b.model.dynamicPlugins).toBeUndefined();
  });

  test('backstageImage is set on the init container again after the patch (getInitContainer)', () => {
    const cr = crOf({ ...noDb, deployment: { patch: { spec: { template: { spec: { initContainers: [{ name: 'install-dynamic-plugins', image: 'patched' }] } } } } } });
    const b = build({ cr, profile: testProfile({ 'default-config/dynamic-plugins.yaml': DP }), options: { backstageImage: 'related' } });
    expect(containerOf(b.byKey('Deployment', 'backstage-bs1'), 'install-dynamic-plugins').image).toBe('related');
  });
});

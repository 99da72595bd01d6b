// Ports of release-1.10's pkg/model/dynamic-plugins_test.go that test/model/dynamic-plugins.test.ts
// and test/plugins/merge.test.ts do not already cover as release-1.10 renders them
// (test/operator-ports/1.10.ts maps every one). Inputs written here; operatorVersion 1.10.
import { configMap, cr, render110 } from './1.10-support';

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
spec:
  template:
    spec:
      initContainers:
        - name: install-dynamic-plugins
          image: registry.test/backstage:1
          workingDir: /opt/app-root/src
          env:
            - name: NPM_CONFIG_USERCONFIG
              value: /opt/app-root/src/.npmrc.dynamic-plugins
            - name: CATALOG_INDEX_IMAGE
              value: registry.test/plugin-catalog-index:1.10
      containers:
        - name: backstage-backend
          image: registry.test/backstage:1
`;

function profileDynamicPlugins(text: string): string {
  return `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: default-dynamic-plugins\ndata:\n  dynamic-plugins.yaml: |\n${text.replace(/^/gm, '    ')}\n`;
}

/** A profile with plugin-deps/<ref>.yaml for each ref: one ConfigMap named after it. */
function withDeps(refs: string[], files: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = { 'default-config/deployment.yaml': DEPLOYMENT, ...files };
  for (const ref of refs) out[`plugin-deps/${ref}.yaml`] = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${ref}\ndata:\n  for: "{{backstage-name}}"\n`;
  return out;
}

const dependencyObject = (ref: string, plugin: string) => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name: ref, namespace: 'ns123', annotations: { 'backstage-render.dev/dependency-of': `${plugin}#${ref}` } },
  data: { for: 'bs' },
});

const dpCr = cr({ application: { dynamicPluginsConfigMapName: 'dplugin' } });
const mergedText = (r: ReturnType<typeof render110>) => (r.get('ConfigMap', 'backstage-dynamic-plugins-bs')?.data as Record<string, string> | undefined)?.['dynamic-plugins.yaml'];

describe('dynamic plugins (release-1.10 dynamic-plugins_test.go)', () => {
  test('TestWithDynamicPluginsDeps: the dependencies of the CR\'s plugins (merged with the profile\'s) are rendered', () => {
    const files = withDeps(['dependency-1', 'dependency-2'], { 'default-config/dynamic-plugins.yaml': profileDynamicPlugins('includes:\n  - dynamic-plugins.default.yaml\nplugins: []') });
    const user = configMap('dplugin', { 'dynamic-plugins.yaml': 'plugins:\n  - package: plugin-a\n    disabled: false\n    dependencies:\n      - ref: dependency-1\n      - ref: dependency-2\n' });
    const r = render110({ cr: dpCr, files, inputs: [user] });
    expect(r.errors).toEqual([]);
    expect(r.objects.filter((o) => o.metadata.annotations?.['backstage-render.dev/dependency-of'])).toEqual([
      dependencyObject('dependency-1', 'plugin-a'),
      dependencyObject('dependency-2', 'plugin-a'),
    ]);
  });

  test('TestDynamicPluginsDependencies: the refs of enabled plugins, in plugin then ref order; a disabled plugin\'s none; no deps, no objects', () => {
    const files = withDeps(['dependency-1', 'dependency-2', 'dependency-3', 'dependency-4'], {
      'default-config/dynamic-plugins.yaml': profileDynamicPlugins(
        'plugins:\n  - package: plugin-a\n    disabled: false\n    dependencies:\n      - ref: dependency-1\n      - ref: dependency-2\n  - package: plugin-b\n    disabled: false\n    dependencies:\n      - ref: dependency-3\n  - package: plugin-disabled\n    disabled: true\n    dependencies:\n      - ref: dependency-4',
      ),
    });
    const r = render110({ cr: cr(), files });
    expect(r.errors).toEqual([]);
    expect(r.objects.filter((o) => o.metadata.annotations?.['backstage-render.dev/dependency-of'])).toEqual([
      dependencyObject('dependency-1', 'plugin-a'),
      dependencyObject('dependency-2', 'plugin-a'),
      dependencyObject('dependency-3', 'plugin-b'),
    ]);
    const none = render110({ cr: cr(), files: withDeps(['dependency-1'], { 'default-config/dynamic-plugins.yaml': profileDynamicPlugins('plugins:\n  - package: plugin-c\n    disabled: false\n  - package: plugin-d\n    disabled: false') }) });
    expect(none.errors).toEqual([]);
    expect(none.objects.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual(['ConfigMap/backstage-dynamic-plugins-bs', 'Service/backstage-bs', 'Deployment/backstage-bs']);
  });

  test('TestCatalogIndexImageFromDefaultConfig: the init container keeps the profile\'s env, CATALOG_INDEX_IMAGE included', () => {
    const r = render110({ cr: cr(), files: withDeps([], { 'default-config/dynamic-plugins.yaml': profileDynamicPlugins('plugins: []') }) });
    expect(r.errors).toEqual([]);
    expect(r.container('install-dynamic-plugins')).toEqual({
      name: 'install-dynamic-plugins',
      image: 'registry.test/backstage:1',
      workingDir: '/opt/app-root/src',
      env: [
        { name: 'NPM_CONFIG_USERCONFIG', value: '/opt/app-root/src/.npmrc.dynamic-plugins' },
        { name: 'CATALOG_INDEX_IMAGE', value: 'registry.test/plugin-catalog-index:1.10' },
      ],
      volumeMounts: [{ name: 'backstage-dynamic-plugins-bs', readOnly: true, mountPath: '/opt/app-root/src/dynamic-plugins.yaml', subPath: 'dynamic-plugins.yaml' }],
    });
  });

  test('TestMergeDynamicPlugins: overridden, kept, added; every overlay entry sets disabled (release-1.10: absent is false); includes unioned', () => {
    const base =
      'plugins:\n  - package: plugin-a\n    integrity: sha256-abc123\n    disabled: false\n    pluginConfig:\n      key1: value1\n    dependencies:\n      - ref: dependency-1\n' +
      '  - package: plugin-b\n    integrity: sha256-def456\n    disabled: true\n    pluginConfig:\n      key2: value2\n    dependencies:\n      - ref: dependency-2\n' +
      '  - package: plugin-c\n    integrity: sha256-ghi789\n    pluginConfig:\n      key3: value3\n' +
      '  - package: plugin-d\n    disabled: true\n    integrity: sha256-ddd\n    pluginConfig:\n      key: value\nincludes:\n  - include-1';
    const overlay =
      'plugins:\n  - package: plugin-a\n    integrity: sha256-overridden\n    pluginConfig:\n      key1: overridden\n    dependencies:\n      - ref: dependency-3\n  - package: plugin-d\n  - package: plugin-e\nincludes:\n  - include-2\n';
    const r = render110({
      cr: dpCr,
      files: withDeps(['dependency-3'], { 'default-config/dynamic-plugins.yaml': profileDynamicPlugins(base) }),
      inputs: [configMap('dplugin', { 'dynamic-plugins.yaml': overlay })],
    });
    expect(r.errors).toEqual([]);
    expect(mergedText(r)).toBe(
      [
        // yaml.v2 (the operator's yaml.Marshal): sequences not indented under their key
        'includes:',
        '- include-1',
        '- include-2',
        'plugins:',
        '- package: plugin-a',
        '  integrity: sha256-overridden',
        '  disabled: false',
        '  pluginConfig:',
        '    key1: overridden',
        '  dependencies:',
        '  - ref: dependency-3',
        '- package: plugin-b',
        '  integrity: sha256-def456',
        '  disabled: true',
        '  pluginConfig:',
        '    key2: value2',
        '  dependencies:',
        '  - ref: dependency-2',
        '- package: plugin-c',
        '  integrity: sha256-ghi789',
        '  disabled: false',
        '  pluginConfig:',
        '    key3: value3',
        '- package: plugin-d',
        '  integrity: sha256-ddd',
        '  disabled: false',
        '  pluginConfig:',
        '    key: value',
        '- package: plugin-e',
        '  disabled: false',
        '',
      ].join('\n'),
    );
  });

  test('TestRemoveDefaultInclude: an explicit includes: [] in the CR\'s ConfigMap clears the profile\'s includes', () => {
    const r = render110({
      cr: dpCr,
      files: withDeps([], { 'default-config/dynamic-plugins.yaml': profileDynamicPlugins('includes:\n  - include-1') }),
      inputs: [configMap('dplugin', { 'dynamic-plugins.yaml': 'plugins:\n  - package: plugin-a\nincludes: []\n' })],
    });
    expect(r.errors).toEqual([]);
    expect(mergedText(r)).toBe('plugins:\n- package: plugin-a\n  disabled: false\n');
  });

  test('TestClearDeps: an explicit dependencies: [] clears the profile plugin\'s dependencies (and, release-1.10, enables it)', () => {
    const r = render110({
      cr: dpCr,
      files: withDeps(['dependency-1'], { 'default-config/dynamic-plugins.yaml': profileDynamicPlugins('plugins:\n - package: plugin-a\n   disabled: true\n   pluginConfig:\n     key1: value1\n   dependencies:\n     - ref: dependency-1') }),
      inputs: [configMap('dplugin', { 'dynamic-plugins.yaml': 'plugins:\n - package: plugin-a\n   pluginConfig:\n     key1: overridden\n   dependencies: []\n' })],
    });
    expect(r.errors).toEqual([]);
    expect(mergedText(r)).toBe('plugins:\n- package: plugin-a\n  disabled: false\n  pluginConfig:\n    key1: overridden\n');
    expect(r.get('ConfigMap', 'dependency-1')).toBeUndefined();
  });
});

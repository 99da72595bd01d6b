import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  applyDpProcessingToPodSpec,
  compareGoYamlKeys,
  dpProcessingConfigMap,
  enabledPlugins,
  mergedPluginConfig,
  packagesTxt,
  pluginName,
  pluginsAppConfigConfigMap,
  resolveInheritReference,
  resolvePackageReferences,
  resolveRefReference,
} from '../../fn/plugins/dp-processing';
import { mergeDynamicPluginsConfigs, parseDynamicPluginsConfig } from '../../fn/plugins/merge';
import { parseYaml } from '../../fn/yaml';
import { OPERATOR_DATA, testWithOperatorData } from '../operator-data';

describe('pluginName (the operator Name())', () => {
  test.each([
    ['oci://quay.io/rhdh/backstage-plugin-foo@sha256:abc123', 'backstage-plugin-foo'],
    ['oci://quay.io/rhdh/backstage-plugin-bar:v1.0.0', 'backstage-plugin-bar'],
    ['oci://localhost:5000/path/my-plugin', 'my-plugin'],
    ['oci://localhost:5000/path/my-plugin:v1.0.0', 'my-plugin'],
    ['oci://localhost:5000', ''],
    ['oci://localhost:5000/', ''],
    ['oci://quay.io/rhdh/plugin-a@sha256:abc!plugin-a-path', 'plugin-a'],
    ['https://example.com/plugins/backstage-plugin-foo-1.0.0.tgz', 'backstage-plugin-foo'],
    ['https://example.com/path/my-plugin-2.3.4.tar.gz', 'my-plugin'],
    ['https://example.com/path/my-plugin-2.3.4.tgz?token=x', 'my-plugin'],
    ['http://registry.example.com/backstage-plugin-bar-0.1.0.tgz', 'backstage-plugin-bar'],
    ['./dynamic-plugins/dist/backstage-plugin-techdocs', 'backstage-plugin-techdocs'],
    ['@backstage/plugin-catalog', ''],
  ])('%s -> %j', (pkg, name) => {
    expect(pluginName(pkg)).toBe(name);
  });
});

describe('{{inherit}} and ref://', () => {
  const base = [
    { package: 'oci://quay.io/rhdh/plugin-a@sha256:abc123!plugin-a-path' },
    { package: 'oci://quay.io/rhdh/plugin-b@sha256:def456' },
    { package: 'oci://registry.access.redhat.com/plugin-c@sha256:xyz789!rh-plugin' },
    { package: './dynamic-plugins/dist/local-plugin' },
  ];
  test.each([
    ['oci://quay.io/rhdh/plugin-a:{{inherit}}', 'oci://quay.io/rhdh/plugin-a@sha256:abc123!plugin-a-path'],
    ['oci://quay.io/rhdh/plugin-a:{{inherit}}!custom-path', 'oci://quay.io/rhdh/plugin-a@sha256:abc123!custom-path'],
    ['oci://quay.io/rhdh/plugin-b:{{inherit}}', 'oci://quay.io/rhdh/plugin-b@sha256:def456'],
    ['oci://quay.io/rhdh/plugin-b:{{inherit}}!my-plugin', 'oci://quay.io/rhdh/plugin-b@sha256:def456!my-plugin'],
    ['oci://other-registry.io/different/plugin-c:{{inherit}}', 'oci://registry.access.redhat.com/plugin-c@sha256:xyz789!rh-plugin'],
  ])('inherit %s -> %s', (pkg, expected) => {
    expect(resolveInheritReference(pkg, base)).toBe(expected);
  });
  test('inherit without a matching base plugin', () => {
    expect(() => resolveInheritReference('oci://quay.io/rhdh/unknown:{{inherit}}', base)).toThrow('cannot resolve {{inherit}} reference: no plugin named "unknown" found in default plugins');
  });
  test('ref://', () => {
    const b = [{ package: 'oci://quay.io/rhdh/backstage-plugin-foo@sha256:abc123' }, { package: 'oci://quay.io/rhdh/backstage-plugin-bar@sha256:def456!plugin-path' }];
    expect(resolveRefReference('ref://backstage-plugin-foo', b)).toBe('oci://quay.io/rhdh/backstage-plugin-foo@sha256:abc123');
    expect(resolveRefReference('ref://backstage-plugin-bar', b)).toBe('oci://quay.io/rhdh/backstage-plugin-bar@sha256:def456!plugin-path');
    expect(() => resolveRefReference('ref://unknown-plugin', b)).toThrow('cannot resolve ref:// reference: no plugin named "unknown-plugin" found in default plugins');
    expect(() => resolveRefReference('ref://', b)).toThrow('invalid ref:// reference: empty plugin name in "ref://"');
  });
  test('resolvePackageReferences: mixed, untouched direct links, errors with the index', () => {
    expect(
      resolvePackageReferences(
        [{ package: 'oci://quay.io/rhdh/plugin-a:{{inherit}}', disabled: true }, { package: 'oci://quay.io/other/plugin@sha256:fixed' }, { package: './local/path' }, { package: 'ref://local-plugin' }, { package: '' }],
        base,
      ),
    ).toEqual([
      { package: 'oci://quay.io/rhdh/plugin-a@sha256:abc123!plugin-a-path', disabled: true },
      { package: 'oci://quay.io/other/plugin@sha256:fixed' },
      { package: './local/path' },
      { package: './dynamic-plugins/dist/local-plugin' },
      { package: '' },
    ]);
    for (const pkg of ['ftp://server.example.com/plugin', '@backstage/plugin-catalog']) {
      expect(() => resolvePackageReferences([{ package: './ok' }, { package: pkg }], base)).toThrow(
        expect.objectContaining({ index: 1, message: `unsupported package URL format "${pkg}": must start with oci://, https://, http://, ./ or use ref:// for catalog lookup` }),
      );
    }
  });
});

describe('packages.txt and plugins-appconfig', () => {
  const cfg = parseDynamicPluginsConfig(`
includes: [dynamic-plugins.default.yaml]
plugins:
  - package: oci://r/a@sha256:1
    pluginConfig:
      dynamicPlugins:
        frontend:
          plugin-a: config-a
      list: [1, 2]
  - package: oci://r/off@sha256:2
    disabled: true
    pluginConfig: {off: true}
  - package: oci://r/b@sha256:3
    enabled: true
    disabled: true
    pluginConfig:
      dynamicPlugins:
        frontend:
          plugin-b: config-b
      list: [3]
      app10: x
      app9: nine
      Zed: z
      _under: u
  - package: ./local/c
`);

  test('enabled packages in order, joined by newlines, no final newline', () => {
    expect(enabledPlugins(cfg).map((p) => p.package)).toEqual(['oci://r/a@sha256:1', 'oci://r/b@sha256:3', './local/c']);
    expect(dpProcessingConfigMap(cfg, { name: 'bs', namespace: 'ns1' })).toEqual({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'backstage-dynamic-plugins-bs', namespace: 'ns1' },
      data: { 'packages.txt': 'oci://r/a@sha256:1\noci://r/b@sha256:3\n./local/c' },
    });
    expect(packagesTxt({})).toBe('');
  });

  test('pluginConfig deep-merged (maps merge, lists replaced), keys in yaml.v2 order', () => {
    const merged = mergedPluginConfig(cfg)!;
    expect(merged).toEqual({ _under: 'u', Zed: 'z', app9: 'nine', app10: 'x', dynamicPlugins: { frontend: { 'plugin-a': 'config-a', 'plugin-b': 'config-b' } }, list: [3] });
    expect(Object.keys(merged)).toEqual(['_under', 'Zed', 'app9', 'app10', 'dynamicPlugins', 'list']);
    const cm = pluginsAppConfigConfigMap(cfg, { name: 'bs', namespace: 'ns1' })!;
    expect(cm).toEqual({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'backstage-appconfig-bs-plugins-appconfig', namespace: 'ns1', annotations: { 'rhdh.redhat.com/configured-name': 'plugins-appconfig' } },
      data: {
        'app-config.dynamic-plugins.yaml': '_under: u\nZed: z\napp9: nine\napp10: x\ndynamicPlugins:\n  frontend:\n    plugin-a: config-a\n    plugin-b: config-b\nlist:\n- 3\n', // yaml.v2: list items not indented
      },
    });
    expect(parseYaml((cm.data as Record<string, string>)['app-config.dynamic-plugins.yaml'])).toEqual(merged);
    expect(cfg.plugins![0].pluginConfig).toEqual({ dynamicPlugins: { frontend: { 'plugin-a': 'config-a' } }, list: [1, 2] });
  });

  test('no pluginConfig: no ConfigMap', () => {
    expect(pluginsAppConfigConfigMap(parseDynamicPluginsConfig('plugins:\n  - package: ./a\n  - package: ./b\n    disabled: true\n    pluginConfig: {k: v}\n'), { name: 'bs', namespace: 'ns1' })).toBeUndefined();
  });

  test('yaml.v2 key order', () => {
    expect(['b', 'a10', 'a9', 'A', '_x', 'a09', 'a'].sort(compareGoYamlKeys)).toEqual(['_x', 'A', 'a', 'a9', 'a09', 'a10', 'b']);
  });
});

describe('applyDpProcessingToPodSpec', () => {
  const pod = {
    initContainers: [
      { name: 'other', image: 'x' },
      { name: 'install-dynamic-plugins', command: ['./install-dynamic-plugins.sh', '/dynamic-plugins-root'], image: 'quay.io/rhdh-community/rhdh:next', imagePullPolicy: 'IfNotPresent', workingDir: '/opt/app-root/src' },
    ],
    containers: [{ name: 'backstage-backend', image: 'quay.io/rhdh-community/rhdh:next', args: ['--config', 'dynamic-plugins-root/app-config.dynamic-plugins.yaml'] }, { name: 'sidecar', args: ['keep'] }],
  };

  test('init container image/command/pull policy, backstage args cleared; input untouched', () => {
    const before = JSON.stringify(pod);
    expect(applyDpProcessingToPodSpec(pod, { installDpImage: 'quay.io/example/install-plugins:1' })).toEqual({
      initContainers: [
        { name: 'other', image: 'x' },
        { name: 'install-dynamic-plugins', image: 'quay.io/example/install-plugins:1', imagePullPolicy: 'Always', workingDir: '/opt/app-root/src' },
      ],
      containers: [{ name: 'backstage-backend', image: 'quay.io/rhdh-community/rhdh:next' }, { name: 'sidecar', args: ['keep'] }],
    });
    expect(JSON.stringify(pod)).toBe(before);
  });

  test('without the init container: unchanged; without the image: error', () => {
    const noInit = { containers: [{ name: 'backstage-backend', args: ['a'] }] };
    expect(applyDpProcessingToPodSpec(noInit, { installDpImage: '' })).toEqual(noInit);
    expect(() => applyDpProcessingToPodSpec(pod, { installDpImage: '' })).toThrow('INSTALL_DP_IMAGE environment variable is required when operator dynamic plugins processing is enabled');
  });
});

// The main-branch orchestrator flavour uses {{inherit}}; with OPERATOR_DP_PROCESSING the CR's own
// ConfigMap resolves against the merged profile+flavour plugins.
const MAIN = path.join(OPERATOR_DATA, 'rhdh-operator-c0cb1c9', 'config', 'profile', 'rhdh', 'default-config');
testWithOperatorData('main orchestrator flavour: the packages keep {{inherit}} (no base), a CR overlay resolves ref:// against them', () => {
  const cmText = (file: string) => (parseYaml(fs.readFileSync(file, 'utf8')) as { data: Record<string, string> }).data['dynamic-plugins.yaml'];
  const flavour = parseDynamicPluginsConfig(cmText(path.join(MAIN, 'flavours/orchestrator/dynamic-plugins.yaml')));
  const pkgs = (flavour.plugins ?? []).map((p) => p.package);
  expect(pkgs.length).toBeGreaterThan(0);
  expect(pkgs.every((p) => p.endsWith(':{{inherit}}'))).toBe(true);
  const backend = pkgs.find((p) => pluginName(p.replace(':{{inherit}}', '')) === 'red-hat-developer-hub-backstage-plugin-orchestrator-backend')!;
  const merged = mergeDynamicPluginsConfigs(flavour, parseDynamicPluginsConfig('plugins:\n  - package: ref://red-hat-developer-hub-backstage-plugin-orchestrator-backend\n    disabled: true\n'), { resolveReferences: true });
  expect(merged.plugins!.find((p) => p.package === backend)).toEqual({ package: backend, disabled: true, dependencies: [{ ref: 'sonataflow' }] });
  expect(packagesTxt(merged).split('\n')).toEqual(pkgs.filter((p) => p !== backend));
});

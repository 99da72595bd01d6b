// options.dynamicPluginsProcessing: the operator's OPERATOR_DP_PROCESSING mode (rhdh-operator main,
// pkg/model/dynamic-plugins.go, dynamic-plugins-reference.go, appconfig.go, deployment.go), wired
// into the model. Whole-object expectations for what the mode changes: the dynamic plugins
// ConfigMap (packages.txt), the plugins-appconfig ConfigMap, and the Deployment's init container,
// args, volumes and mounts.
import * as path from 'node:path';
import { loadProfileDir } from '../../cli/profile-loader';
import type { KObject } from '../../fn/kio/types';
import { main } from '../../cli/main';
import { DEFAULT_INSTALL_DYNAMIC_PLUGINS_IMAGE, parseFunctionConfig } from '../../fn/options';
import { renderBackstage } from '../../fn/render';
import { REPO_ROOT } from '../helpers';
import { build, errorsOf } from './helpers';
import { cm, crOf, LABELS, podSpecOf, testProfile } from './fixtures';

const noDb = { database: { enableLocalDb: false } };
const DP_ON = { dynamicPluginsProcessing: true };

/** The fixture Deployment with what the rhdh profile's has: an install command, a pull policy, INPUT_FILE, a --config arg. */
const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: to-be-replaced
spec:
  selector:
    matchLabels: {}
  template:
    spec:
      initContainers:
        - name: install-dynamic-plugins
          command:
            - ./install-dynamic-plugins.sh
            - /dynamic-plugins-root
          image: registry.test/backstage:1
          imagePullPolicy: IfNotPresent
          env:
            - name: INPUT_FILE
              value: /opt/dp/packages.txt
          workingDir: /opt/dp
      containers:
        - name: backstage-backend
          image: registry.test/backstage:1
          args:
            - --config
            - dynamic-plugins-root/app-config.dynamic-plugins.yaml
          workingDir: /opt/app
`;

const BASE_PLUGINS = `apiVersion: v1
kind: ConfigMap
metadata:
  name: default-dynamic-plugins
data:
  dynamic-plugins.yaml: |
    includes:
      - dynamic-plugins.default.yaml
    plugins:
      - package: oci://quay.io/rhdh/plugin-a:1.0!plugin-a
        disabled: true
        pluginConfig:
          dynamicPlugins:
            frontend:
              plugin-a: {}
      - package: oci://quay.io/rhdh/plugin-b@sha256:abc
        disabled: false
        pluginConfig:
          b:
            list: [1, 2]
            nested:
              x: 1
        dependencies:
          - ref: dep-b
      - package: ./dynamic-plugins/dist/plugin-c
        disabled: true
`;

const APP_CONFIG = `apiVersion: v1
kind: ConfigMap
metadata:
  name: default-appconfig
data:
  default.app-config.yaml: |
    auth: {}
`;

function profile(extra: Record<string, string> = {}) {
  return testProfile({
    'default-config/deployment.yaml': DEPLOYMENT,
    'default-config/dynamic-plugins.yaml': BASE_PLUGINS,
    'default-config/app-config.yaml': APP_CONFIG,
    ...extra,
  });
}

const HASH = (h: string) => ({ 'rhdh.redhat.com/ext-config-hash': h });
const cmVolume = (name: string) => ({ name, configMap: { name, defaultMode: 420, optional: false } });
const subPathMount = (name: string, mountPath: string, subPath: string) => ({ name, readOnly: true, mountPath, subPath });

/** The Deployment this mode makes from DEPLOYMENT, with the app-config files given (in --config order). */
function expectedDeployment(hash: string, appConfigs: Array<{ cm: string; file: string; dir?: string }>, opts: { image?: string; packagesCm?: string } = {}): KObject {
  const packagesCm = opts.packagesCm ?? 'backstage-dynamic-plugins-bs1';
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'backstage-bs1', namespace: 'ns1', labels: LABELS },
    spec: {
      selector: { matchLabels: { 'rhdh.redhat.com/app': 'backstage-bs1' } },
      template: {
        spec: {
          initContainers: [
            {
              name: 'install-dynamic-plugins',
              image: opts.image ?? DEFAULT_INSTALL_DYNAMIC_PLUGINS_IMAGE,
              imagePullPolicy: 'Always',
              env: [{ name: 'INPUT_FILE', value: '/opt/dp/packages.txt' }],
              workingDir: '/opt/dp',
              volumeMounts: [subPathMount(packagesCm, '/opt/dp/packages.txt', 'packages.txt')],
            },
          ],
          containers: [
            {
              name: 'backstage-backend',
              image: 'registry.test/backstage:1',
              workingDir: '/opt/app',
              ...(appConfigs.length > 0
                ? {
                    volumeMounts: appConfigs.map((a) => subPathMount(a.cm, `${a.dir ?? '/opt/app'}/${a.file}`, a.file)),
                    args: appConfigs.flatMap((a) => ['--config', `${a.dir ?? '/opt/app'}/${a.file}`]),
                  }
                : {}),
            },
          ],
          volumes: [...appConfigs.map((a) => cmVolume(a.cm)), cmVolume(packagesCm)],
        },
        metadata: { annotations: HASH(hash), labels: { 'rhdh.redhat.com/app': 'backstage-bs1' } },
      },
    },
  };
}

const PACKAGES_CM = (packages: string): KObject => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name: 'backstage-dynamic-plugins-bs1', namespace: 'ns1', labels: LABELS },
  data: { 'packages.txt': packages },
});

const PLUGINS_APPCONFIG = (text: string): KObject => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: {
    name: 'backstage-appconfig-bs1-plugins-appconfig',
    namespace: 'ns1',
    annotations: { 'rhdh.redhat.com/configured-name': 'plugins-appconfig' },
    labels: LABELS,
  },
  data: { 'app-config.dynamic-plugins.yaml': text },
});

const PLUGINS_APPCONFIG_CM = 'backstage-appconfig-bs1-plugins-appconfig';
const INCLUDES_INFO = {
  severity: 'info',
  message:
    'dynamic plugins includes (dynamic-plugins.default.yaml) are not read in dynamicPluginsProcessing mode, as in the operator: only the plugins listed in the configuration are installed (packages.txt)',
  resourceRef: { apiVersion: 'rhdh.redhat.com/v1alpha5', kind: 'Backstage', name: 'bs1', namespace: 'ns1' },
};
const DEFAULT_APPCONFIG_CM = 'backstage-appconfig-bs1-default-appconfig';

describe('dynamicPluginsProcessing (OPERATOR_DP_PROCESSING, operator main)', () => {
  test('profile plugins only: packages.txt ConfigMap, plugins-appconfig first, install image without command, args cleared before --config', () => {
    const b = build({ cr: crOf(noDb), profile: profile(), options: DP_ON });
    expect(b.results).toEqual([INCLUDES_INFO]);
    expect(b.model.objects.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual([
      `ConfigMap/${PLUGINS_APPCONFIG_CM}`,
      `ConfigMap/${DEFAULT_APPCONFIG_CM}`,
      'Deployment/backstage-bs1',
      'ConfigMap/backstage-dynamic-plugins-bs1',
      'Service/backstage-bs1',
    ]);
    expect(b.byKey('ConfigMap', 'backstage-dynamic-plugins-bs1')).toEqual(PACKAGES_CM('oci://quay.io/rhdh/plugin-b@sha256:abc'));
    expect(b.byKey('ConfigMap', PLUGINS_APPCONFIG_CM)).toEqual(PLUGINS_APPCONFIG('b:\n  list:\n  - 1\n  - 2\n  nested:\n    x: 1\n'));
    expect(b.byKey('Deployment', 'backstage-bs1')).toEqual(
      expectedDeployment(b.external.watchingHash, [
        { cm: PLUGINS_APPCONFIG_CM, file: 'app-config.dynamic-plugins.yaml' },
        { cm: DEFAULT_APPCONFIG_CM, file: 'default.app-config.yaml' },
      ]),
    );
    // The configuration the plugin dependencies come from: the profile's, as it is.
    expect(b.model.dynamicPlugins?.plugins?.map((p) => [p.package, p.dependencies])).toEqual([
      ['oci://quay.io/rhdh/plugin-a:1.0!plugin-a', undefined],
      ['oci://quay.io/rhdh/plugin-b@sha256:abc', [{ ref: 'dep-b' }]],
      ['./dynamic-plugins/dist/plugin-c', undefined],
    ]);
  });

  test("the CR's ConfigMap: {{inherit}} and ref:// resolved against the profile's plugins, merged, then split", () => {
    const cr = crOf({ ...noDb, application: { dynamicPluginsConfigMapName: 'dplugin', appConfig: { configMaps: [{ name: 'my-config' }] } } });
    const user = cm('dplugin', {
      'dynamic-plugins.yaml': [
        'plugins:',
        '  - package: oci://elsewhere.io/x/plugin-a:{{inherit}}',
        '    enabled: true',
        '    pluginConfig:',
        '      dynamicPlugins:',
        '        frontend:',
        '          plugin-a:',
        '            mountPoints: []',
        '  - package: ref://plugin-c',
        '    enabled: true',
        '    pluginConfig:',
        '      b:',
        '        list: [3]',
        '        nested:',
        '          z: 2',
        '  - package: oci://elsewhere.io/x/plugin-b:{{inherit}}!custom-b',
        '  - package: https://example.com/plugin-d-1.0.0.tgz',
        '    disabled: true',
        '',
      ].join('\n'),
    });
    const inputs = [user, cm('my-config', { 'app.yaml': 'x: 1\n' })];
    const b = build({ cr, profile: profile(), inputs, options: { ...DP_ON, installDynamicPluginsImage: 'registry.test/installer:2' } });
    expect(b.results).toEqual([INCLUDES_INFO]);
    // List order: the profile's plugins, then the CR's new ones; enabled only.
    expect(b.byKey('ConfigMap', 'backstage-dynamic-plugins-bs1')).toEqual(
      PACKAGES_CM(
        [
          'oci://quay.io/rhdh/plugin-a:1.0!plugin-a',
          'oci://quay.io/rhdh/plugin-b@sha256:abc',
          './dynamic-plugins/dist/plugin-c',
          'oci://quay.io/rhdh/plugin-b@sha256:abc!custom-b',
        ].join('\n'),
      ),
    );
    // pluginConfig of the enabled plugins deep-merged in list order: mappings merge, lists are replaced; keys sorted.
    expect(b.byKey('ConfigMap', PLUGINS_APPCONFIG_CM)).toEqual(
      PLUGINS_APPCONFIG('b:\n  list:\n  - 3\n  nested:\n    x: 1\n    z: 2\ndynamicPlugins:\n  frontend:\n    plugin-a:\n      mountPoints: []\n'),
    );
    const d = b.byKey('Deployment', 'backstage-bs1');
    const expected = expectedDeployment(
      b.external.watchingHash,
      [
        { cm: PLUGINS_APPCONFIG_CM, file: 'app-config.dynamic-plugins.yaml' },
        { cm: DEFAULT_APPCONFIG_CM, file: 'default.app-config.yaml' },
        // The CRD's default spec.application.appConfig.mountPath.
        { cm: 'my-config', file: 'app.yaml', dir: '/opt/app-root/src' },
      ],
      { image: 'registry.test/installer:2' },
    );
    // Main (3570b82f): the CR's app-config right after the profile's ones, before the other keys' volumes.
    expect(d).toEqual(expected);
    // The merged, resolved configuration: what the plugin dependencies are read from.
    expect(b.model.dynamicPlugins).toEqual({
      includes: ['dynamic-plugins.default.yaml'],
      plugins: [
        { package: 'oci://quay.io/rhdh/plugin-a:1.0!plugin-a', enabled: true, disabled: false, pluginConfig: { dynamicPlugins: { frontend: { 'plugin-a': { mountPoints: [] } } } } },
        { package: 'oci://quay.io/rhdh/plugin-b@sha256:abc', disabled: false, pluginConfig: { b: { list: [1, 2], nested: { x: 1 } } }, dependencies: [{ ref: 'dep-b' }] },
        { package: './dynamic-plugins/dist/plugin-c', enabled: true, disabled: false, pluginConfig: { b: { list: [3], nested: { z: 2 } } } },
        { package: 'oci://quay.io/rhdh/plugin-b@sha256:abc!custom-b', disabled: false },
        { package: 'https://example.com/plugin-d-1.0.0.tgz', disabled: true },
      ],
    });
  });

  test("the CR's ConfigMap without a profile one: copied (no resolution), applied as backstage-dynamic-plugins-<cr> with packages.txt only", () => {
    const cr = crOf({ ...noDb, application: { dynamicPluginsConfigMapName: 'dplugin' } });
    const text = 'plugins:\n  - package: oci://quay.io/x/plugin-z:{{inherit}}\n    dependencies:\n      - ref: dep-z\n  - package: ./local\n    disabled: true\n';
    const b = build({
      cr,
      profile: testProfile({ 'default-config/deployment.yaml': DEPLOYMENT }),
      inputs: [cm('dplugin', { 'dynamic-plugins.yaml': text })],
      options: DP_ON,
    });
    expect(b.results).toEqual([]);
    expect(b.model.objects.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual(['Deployment/backstage-bs1', 'ConfigMap/backstage-dynamic-plugins-bs1', 'Service/backstage-bs1']);
    expect(b.byKey('ConfigMap', 'backstage-dynamic-plugins-bs1')).toEqual(PACKAGES_CM('oci://quay.io/x/plugin-z:{{inherit}}'));
    expect(b.byKey('Deployment', 'backstage-bs1')).toEqual(expectedDeployment(b.external.watchingHash, []));
    // Unlike release-1.10 (no profile ConfigMap, no dependencies), main reads the copy.
    expect(b.model.dynamicPlugins).toEqual({
      plugins: [
        { package: 'oci://quay.io/x/plugin-z:{{inherit}}', dependencies: [{ ref: 'dep-z' }] },
        { package: './local', disabled: true },
      ],
    });
  });

  test('no pluginConfig on any enabled plugin: no plugins-appconfig ConfigMap; no dynamic plugins at all: only the pod changes', () => {
    const plain = `apiVersion: v1
kind: ConfigMap
metadata:
  name: dp
data:
  dynamic-plugins.yaml: |
    plugins:
      - package: ./a
      - package: ./b
        disabled: true
        pluginConfig:
          b: 1
`;
    const b = build({ cr: crOf(noDb), profile: profile({ 'default-config/dynamic-plugins.yaml': plain }), options: DP_ON });
    expect(b.results).toEqual([]);
    expect(b.byKey('ConfigMap', PLUGINS_APPCONFIG_CM)).toBeUndefined();
    expect(b.byKey('ConfigMap', 'backstage-dynamic-plugins-bs1')).toEqual(PACKAGES_CM('./a'));
    expect(b.byKey('Deployment', 'backstage-bs1')).toEqual(
      expectedDeployment(b.external.watchingHash, [{ cm: DEFAULT_APPCONFIG_CM, file: 'default.app-config.yaml' }]),
    );

    const none = build({ cr: crOf(noDb), profile: testProfile({ 'default-config/deployment.yaml': DEPLOYMENT }), options: DP_ON });
    expect(none.results).toEqual([]);
    expect(none.model.objects.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual(['Deployment/backstage-bs1', 'Service/backstage-bs1']);
    const d = expectedDeployment(none.external.watchingHash, []);
    delete podSpecOf(d).volumes;
    delete podSpecOf(d).initContainers[0].volumeMounts;
    expect(none.byKey('Deployment', 'backstage-bs1')).toEqual(d);
    expect(none.model.dynamicPlugins).toBeUndefined();
  });

  test('spec.deployment.patch and extraEnvs come after the mode changes, so they can change them', () => {
    const cr = crOf({
      ...noDb,
      deployment: { patch: { spec: { template: { spec: { initContainers: [{ name: 'install-dynamic-plugins', imagePullPolicy: 'IfNotPresent' }] } } } } },
      application: { extraEnvs: { envs: [{ name: 'INPUT_FILE', value: '/elsewhere/packages.txt', containers: ['install-dynamic-plugins'] }] } },
    });
    const b = build({ cr, profile: profile(), options: DP_ON });
    const ic = podSpecOf(b.byKey('Deployment', 'backstage-bs1')).initContainers[0];
    expect(ic).toEqual({
      name: 'install-dynamic-plugins',
      image: DEFAULT_INSTALL_DYNAMIC_PLUGINS_IMAGE,
      imagePullPolicy: 'IfNotPresent',
      env: [{ name: 'INPUT_FILE', value: '/elsewhere/packages.txt' }],
      workingDir: '/opt/dp',
      volumeMounts: [subPathMount('backstage-dynamic-plugins-bs1', '/opt/dp/packages.txt', 'packages.txt')],
    });
    // An INPUT_FILE that is not where packages.txt is mounted is worth a warning.
    expect(b.results).toEqual([
      INCLUDES_INFO,
      expect.objectContaining({
        severity: 'warning',
        message:
          'the install-dynamic-plugins init container sets INPUT_FILE=/elsewhere/packages.txt, but packages.txt is mounted at /opt/dp/packages.txt: set INPUT_FILE=/opt/dp/packages.txt on it, e.g. with spec.application.extraEnvs.envs (containers: [install-dynamic-plugins]), as the operator\'s main profile does',
      }),
    ]);
  });

  test('no INPUT_FILE on the init container (the release-1.10 profiles): warning', () => {
    const b = build({ cr: crOf(noDb), profile: profile({ 'default-config/deployment.yaml': DEPLOYMENT.replace(/ {10}env:\n.*\n.*\n/, '') }), options: DP_ON });
    expect(b.results).toEqual([
      INCLUDES_INFO,
      expect.objectContaining({
        severity: 'warning',
        message:
          "the install-dynamic-plugins init container has no INPUT_FILE env var (the installer then reads /input/packages.txt), but packages.txt is mounted at /opt/dp/packages.txt: set INPUT_FILE=/opt/dp/packages.txt on it, e.g. with spec.application.extraEnvs.envs (containers: [install-dynamic-plugins]), as the operator's main profile does",
      }),
    ]);
  });

  test('backstageImage: the Backstage container gets it, the init container keeps the install image (warning: the operator would put it back)', () => {
    const b = build({ cr: crOf(noDb), profile: profile(), options: { ...DP_ON, backstageImage: 'registry.test/backstage:9' } });
    const ps = podSpecOf(b.byKey('Deployment', 'backstage-bs1'));
    expect(ps.containers[0].image).toBe('registry.test/backstage:9');
    expect(ps.initContainers[0].image).toBe(DEFAULT_INSTALL_DYNAMIC_PLUGINS_IMAGE);
    expect(b.results).toEqual([
      INCLUDES_INFO,
      expect.objectContaining({
        severity: 'warning',
        message: `the install-dynamic-plugins init container runs the install image ${DEFAULT_INSTALL_DYNAMIC_PLUGINS_IMAGE} (installDynamicPluginsImage, the operator's INSTALL_DP_IMAGE), not backstageImage: the operator (main) puts RELATED_IMAGE_backstage back on it when it mounts the dynamic plugins ConfigMap, which would leave the Backstage image running without the install command`,
      }),
    ]);
  });

  test('mode off: installDynamicPluginsImage alone changes nothing', () => {
    const cr = crOf({ ...noDb, application: { dynamicPluginsConfigMapName: 'dplugin' } });
    const inputs = [cm('dplugin', { 'dynamic-plugins.yaml': 'plugins:\n  - package: ref://plugin-b\n' })];
    const off = build({ cr, profile: profile(), inputs });
    const withImage = build({ cr, profile: profile(), inputs, options: { installDynamicPluginsImage: 'registry.test/installer:2', dynamicPluginsProcessing: false } });
    expect(withImage.model).toEqual(off.model);
    expect(withImage.results).toEqual(off.results);
    expect((off.byKey('ConfigMap', 'backstage-dynamic-plugins-bs1')?.data as Record<string, string>)['dynamic-plugins.yaml']).toContain('ref://plugin-b');
  });

  test("references that do not resolve, or packages that are not links: error on the CR's ConfigMap", () => {
    const cr = crOf({ ...noDb, application: { dynamicPluginsConfigMapName: 'dplugin' } });
    for (const [pkg, message] of [
      ['oci://x.io/y/unknown:{{inherit}}', 'failed to merge dynamic plugins config: plugins[1].package: cannot resolve {{inherit}} reference: no plugin named "unknown" found in default plugins'],
      ['ref://unknown', 'failed to merge dynamic plugins config: plugins[1].package: cannot resolve ref:// reference: no plugin named "unknown" found in default plugins'],
      [
        '"@backstage/plugin-foo"',
        'failed to merge dynamic plugins config: plugins[1].package: unsupported package URL format "@backstage/plugin-foo": must start with oci://, https://, http://, ./ or use ref:// for catalog lookup',
      ],
    ]) {
      const user = cm('dplugin', { 'dynamic-plugins.yaml': `plugins:\n  - package: ./ok\n  - package: ${pkg}\n` });
      const b = build({ cr, profile: profile(), inputs: [user], options: DP_ON });
      expect(errorsOf(b.results)).toEqual([
        {
          severity: 'error',
          message,
          resourceRef: { apiVersion: 'v1', kind: 'ConfigMap', name: 'dplugin', namespace: 'ns1' },
          field: { path: 'data.dynamic-plugins.yaml.plugins[1].package' },
        },
      ]);
    }
  });

  test('the embedded rhdh profile: a flavour using {{inherit}} cannot resolve against the base list (it has none), as in the operator; the raw config replaces the key without reading it', () => {
    const rhdh = loadProfileDir(path.join(REPO_ROOT, 'profiles', '1.10', 'rhdh'), 'rhdh');
    // lightspeed is on by default in release-1.10's profile (off on main) and would fail the same way.
    const flavours = [{ name: 'orchestrator' }, { name: 'lightspeed', enabled: false }];
    const b = build({ cr: crOf({ ...noDb, flavours }), profile: rhdh, options: DP_ON });
    expect(b.model.objects).toEqual([]);
    expect(errorsOf(b.results)).toEqual([
      expect.objectContaining({
        message:
          "failed to build the Backstage model: failed to merge dynamic-plugins from default-config/flavours/orchestrator/dynamic-plugins.yaml: plugins[0].package: cannot resolve {{inherit}} reference: no plugin named \"red-hat-developer-hub-backstage-plugin-orchestrator\" found in default plugins (dynamicPluginsProcessing resolves flavour orchestrator's package references against the plugins listed before it, not against includes: disable the flavour in spec.flavours, or give a base list with rawRuntimeConfig)",
        file: { path: 'default-config/flavours/orchestrator/dynamic-plugins.yaml' },
      }),
    ]);
    // Mode off: the same CR renders ({{inherit}} is the install script's business then).
    expect(errorsOf(build({ cr: crOf({ ...noDb, flavours }), profile: rhdh }).results)).toEqual([]);

    const raw = `apiVersion: v1
kind: ConfigMap
metadata:
  name: base
data:
  dynamic-plugins.yaml: |
    plugins:
      - package: ./dynamic-plugins/dist/plugin-x
`;
    const withRaw = build({
      cr: crOf({ ...noDb, flavours, rawRuntimeConfig: { backstageConfig: 'raw' } }),
      profile: rhdh,
      inputs: [cm('raw', { 'dynamic-plugins.yaml': raw })],
      options: DP_ON,
    });
    expect(errorsOf(withRaw.results)).toEqual([]);
    expect(withRaw.byKey('ConfigMap', 'backstage-dynamic-plugins-bs1')?.data).toEqual({ 'packages.txt': './dynamic-plugins/dist/plugin-x' });
  });

  test('renderBackstage: plugin dependencies come from the merged, resolved configuration', () => {
    const cr = crOf({ ...noDb, application: { dynamicPluginsConfigMapName: 'dplugin' } });
    const user = cm('dplugin', { 'dynamic-plugins.yaml': 'plugins:\n  - package: ref://plugin-a\n    enabled: true\n    dependencies:\n      - ref: dep-a\n' });
    const depA = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: dep-a-{{backstage-name}}\n  namespace: {{backstage-ns}}\n';
    const depB = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: dep-b-{{backstage-name}}\n  namespace: {{backstage-ns}}\n';
    const p = profile({ 'plugin-deps/dep-a.yaml': depA, 'plugin-deps/dep-b.yaml': depB });
    const out = renderBackstage({ items: [cr, user], options: { platform: 'openshift', profile: 'test', secretSeed: 's', dynamicPluginsProcessing: true, operatorVersion: 'main' }, profile: p });
    expect(out.results.filter((r) => r.severity === 'error')).toEqual([]);
    const names = out.generated.map((o) => `${o.kind}/${o.metadata.name}`);
    expect(names).toEqual(expect.arrayContaining(['ConfigMap/dep-a-bs1', 'ConfigMap/dep-b-bs1', 'ConfigMap/backstage-dynamic-plugins-bs1']));
    const packages = out.generated.find((o) => o.metadata.name === 'backstage-dynamic-plugins-bs1');
    expect(packages?.data).toEqual({ 'packages.txt': 'oci://quay.io/rhdh/plugin-a:1.0!plugin-a\noci://quay.io/rhdh/plugin-b@sha256:abc' });
  });

  test('the option: CLI flag --install-dynamic-plugins-image and functionConfig installDynamicPluginsImage', () => {
    let stdout = '';
    let stderr = '';
    const code = main({
      argv: ['render', path.join(REPO_ROOT, 'fixtures', 'dp-processing', 'input.yaml'), '--dynamic-plugins-processing', '--install-dynamic-plugins-image', 'registry.test/installer:3', '--secret-seed', 'dp-seed-0123456789abcdef', '--operator-version', 'main'],
      env: {},
      cwd: REPO_ROOT,
      readStdin: () => '',
      stdout: (t) => (stdout += t),
      stderr: (t) => (stderr += t),
    });
    expect({ code, stderr }).toEqual({ code: 0, stderr: expect.not.stringContaining('error') });
    expect(stdout).toContain('\n          image: registry.test/installer:3\n          imagePullPolicy: Always\n');
    expect(stdout).not.toContain(DEFAULT_INSTALL_DYNAMIC_PLUGINS_IMAGE);

    const fc = { apiVersion: 'fn.kpt.dev/v1alpha1', kind: 'RenderBackstage', metadata: { name: 'r' }, spec: { dynamicPluginsProcessing: true, installDynamicPluginsImage: 'registry.test/installer:4' } };
    expect(parseFunctionConfig(fc)).toEqual({ options: { dynamicPluginsProcessing: true, installDynamicPluginsImage: 'registry.test/installer:4' }, results: [] });
  });
});

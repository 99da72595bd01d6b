// Ports of release-1.10's pkg/model/flavour_test.go that test/model/flavour.test.ts does not already
// cover as rendered objects (test/operator-ports/1.10.ts maps every one). A profile of our own in
// the shape of the operator's testdata/testflavours: base files, flavor1 (enabledByDefault: true),
// flavor2 (false), each with app-config, configmap-files, configmap-envs, deployment and plugins.
import { cr, render110 } from './1.10-support';

const cm = (name: string, key: string, annotations = '') => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n${annotations}data:\n  ${key}: "x"\n`;
const plugins = (pkg: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: dp\ndata:\n  dynamic-plugins.yaml: |\n    plugins:\n      - package: ${pkg}\n        disabled: false\n`;
const subPathAll = '  annotations:\n    rhdh.redhat.com/sub-path: "*"\n';

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
spec:
  template:
    spec:
      initContainers:
        - name: install-dynamic-plugins
          image: registry.test/backstage:1
          workingDir: /opt/app-root/src
      containers:
        - name: backstage-backend
          image: registry.test/backstage:1
`;

function flavour(name: string, enabledByDefault: boolean): Record<string, string> {
  const dir = `default-config/flavours/${name}`;
  return {
    [`${dir}/metadata.yaml`]: `enabledByDefault: ${enabledByDefault}\n`,
    [`${dir}/app-config.yaml`]: cm(`${name}-app-config`, `${name}.yaml`),
    [`${dir}/configmap-files.yaml`]: cm(`${name}-configmap-files`, `${name}-file`, subPathAll),
    [`${dir}/configmap-envs.yaml`]: cm(`${name}-configmap-envs`, `${name.toUpperCase()}_CM`),
    [`${dir}/deployment.yaml`]: `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  labels:\n    flavor: ${name}\nspec:\n  template:\n    spec:\n      containers:\n        - name: backstage-backend\n          env:\n            - name: ${name.toUpperCase()}_ENABLED\n              value: "true"\n`,
    [`${dir}/dynamic-plugins.yaml`]: plugins(`plugin-${name}`),
  };
}

const FILES = {
  'default-config/deployment.yaml': DEPLOYMENT,
  'default-config/app-config.yaml': cm('base-app-config', 'base.yaml'),
  'default-config/configmap-files.yaml': cm('base-configmap-files', 'base-file', subPathAll),
  'default-config/configmap-envs.yaml': cm('base-configmap-envs', 'BASE_CM'),
  'default-config/dynamic-plugins.yaml': plugins('plugin-base'),
  ...flavour('flavor1', true),
  ...flavour('flavor2', false),
};

/** What a set of flavours renders: the ConfigMaps with their source, the backend's env and args, the plugins. */
function rendered(flavours?: Array<{ name: string; enabled?: boolean }>) {
  const r = render110({ cr: cr({ application: { appConfig: { mountPath: '/my/path' } }, ...(flavours ? { flavours } : {}) }), files: FILES });
  expect(r.errors).toEqual([]);
  return {
    // sorted: the order of the output is ours (kind, then name), not part of what is compared here
    configMaps: r.objects.filter((o) => o.kind === 'ConfigMap').map((o) => `${o.metadata.name} ${o.metadata.annotations?.['rhdh.redhat.com/source'] ?? '-'}`).sort(),
    labels: r.get('Deployment', 'backstage-bs')?.metadata.labels,
    env: r.container().env,
    envFrom: r.container().envFrom,
    plugins: (r.get('ConfigMap', 'backstage-dynamic-plugins-bs')?.data as Record<string, string> | undefined)?.['dynamic-plugins.yaml'],
  };
}

const LABELS = { 'app.kubernetes.io/instance': 'bs', 'app.kubernetes.io/name': 'backstage' };

describe('flavours (release-1.10 flavour_test.go)', () => {
  test('TestFlavoursWithExplicitEnabled: a flavour the CR enables joins the default one: objects of base, flavor1, flavor2; both env vars; all plugins', () => {
    const out = rendered([{ name: 'flavor2', enabled: true }]);
    expect(out.configMaps).toEqual([
      'backstage-appconfig-bs-base-app-config default',
      'backstage-appconfig-bs-flavor1-app-config flavour-flavor1',
      'backstage-appconfig-bs-flavor2-app-config flavour-flavor2',
      'backstage-dynamic-plugins-bs -',
      'backstage-envs-bs-base-configmap-envs default',
      'backstage-envs-bs-flavor1-configmap-envs flavour-flavor1',
      'backstage-envs-bs-flavor2-configmap-envs flavour-flavor2',
      'backstage-files-bs-base-configmap-files default',
      'backstage-files-bs-flavor1-configmap-files flavour-flavor1',
      'backstage-files-bs-flavor2-configmap-files flavour-flavor2',
    ]);
    // the operator does not fix which flavour's label wins; we merge default flavours first, then the CR's in order
    expect(out.labels).toEqual({ ...LABELS, flavor: 'flavor2' });
    expect(out.env).toEqual([
      { name: 'FLAVOR1_ENABLED', value: 'true' },
      { name: 'FLAVOR2_ENABLED', value: 'true' },
    ]);
    expect(out.envFrom).toEqual([
      { configMapRef: { name: 'backstage-envs-bs-base-configmap-envs' } },
      { configMapRef: { name: 'backstage-envs-bs-flavor1-configmap-envs' } },
      { configMapRef: { name: 'backstage-envs-bs-flavor2-configmap-envs' } },
    ]);
    expect(out.plugins).toBe(
      'plugins:\n- package: plugin-base\n  disabled: false\n- package: plugin-flavor1\n  disabled: false\n- package: plugin-flavor2\n  disabled: false\n',
    );
  });

  test('TestFlavoursWithDefaultDisabled: the CR disables the default flavour: base objects only, no flavour label or env, base plugin only', () => {
    const out = rendered([{ name: 'flavor1', enabled: false }]);
    expect(out.configMaps).toEqual([
      'backstage-appconfig-bs-base-app-config default',
      'backstage-dynamic-plugins-bs -',
      'backstage-envs-bs-base-configmap-envs default',
      'backstage-files-bs-base-configmap-files default',
    ]);
    expect(out.labels).toEqual(LABELS);
    expect(out.env).toBeUndefined();
    expect(out.plugins).toBe('plugins:\n  - package: plugin-base\n    disabled: false\n');
  });

  test('TestFlavoursWithEmptyArray: flavours: [] turns every flavour off, the default one too', () => {
    const out = rendered([]);
    expect(out.configMaps).toEqual([
      'backstage-appconfig-bs-base-app-config default',
      'backstage-dynamic-plugins-bs -',
      'backstage-envs-bs-base-configmap-envs default',
      'backstage-files-bs-base-configmap-files default',
    ]);
    expect(out.env).toBeUndefined();
  });
});

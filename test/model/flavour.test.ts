// Port of the operator's flavour_test.go and default-config_test.go (release-1.10): which flavours
// apply, how each key merges them, and the order we chose where the operator's is random.
import { build, errorsOf } from './helpers';
import { containerOf, crOf, testProfile } from './fixtures';
import { getEnabledFlavours } from '../../fn/model/flavour';
import { readBackstageCR } from '../../fn/model/cr';
import { Diagnostics } from '../../fn/diagnostics';
import type { KObject } from '../../fn/kio/types';

const cmText = (name: string, key: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\ndata:\n  ${key}: "x"\n`;
const dp = (...pkgs: string[]) =>
  `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: dp\ndata:\n  dynamic-plugins.yaml: |\n    plugins:\n${pkgs.map((p) => `      - package: ${p}\n        disabled: false\n`).join('')}`;
const deploymentPatch = (flavour: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  labels:
    flavor: ${flavour}
spec:
  template:
    spec:
      containers:
        - name: backstage-backend
          env:
            - name: ${flavour.toUpperCase()}_ENABLED
              value: "true"
`;

function flavourFiles(name: string, enabledByDefault: boolean | undefined): Record<string, string> {
  const dir = `default-config/flavours/${name}`;
  const files: Record<string, string> = {
    [`${dir}/app-config.yaml`]: cmText(`${name}-app-config`, `${name}.yaml`),
    [`${dir}/configmap-envs.yaml`]: cmText(`${name}-envs`, 'E'),
    [`${dir}/deployment.yaml`]: deploymentPatch(name),
    [`${dir}/dynamic-plugins.yaml`]: dp(`plugin-${name}`),
    // keys without a merge function in the operator: flavour files are ignored
    [`${dir}/secret-files.yaml`]: 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: ignored\n',
  };
  if (enabledByDefault !== undefined) files[`${dir}/metadata.yaml`] = `# ${name}\nenabledByDefault: ${enabledByDefault}\n`;
  return files;
}

const profile = testProfile({
  'default-config/app-config.yaml': cmText('base-app-config', 'base.yaml'),
  'default-config/configmap-envs.yaml': cmText('base-envs', 'B'),
  'default-config/dynamic-plugins.yaml': dp('plugin-base', 'plugin-flavor1'),
  ...flavourFiles('flavor1', true),
  ...flavourFiles('flavor2', false),
  ...flavourFiles('flavor0', true),
  ...flavourFiles('flavor3', undefined),
});

const noDb = { database: { enableLocalDb: false } };
const names = (b: ReturnType<typeof build>, kind: string) => b.model.objects.filter((o) => o.kind === kind).map((o) => `${o.metadata.name}|${o.metadata.annotations?.['rhdh.redhat.com/source'] ?? ''}`);

function enabled(spec: Record<string, unknown>): string[] {
  const diag = new Diagnostics();
  const cr = readBackstageCR(crOf(spec), 'ns1', diag)!;
  return getEnabledFlavours(cr, profile, diag, '1.10').map((f) => f.name);
}

describe('flavours (flavour.go, default-config.go)', () => {
  test('which flavours: enabledByDefault (no metadata.yaml = false), spec overrides, [] = none; default ones sorted by name first, then named ones in spec order', () => {
    expect(enabled({})).toEqual(['flavor0', 'flavor1']);
    expect(enabled({ flavours: [] })).toEqual([]);
    expect(enabled({ flavours: [{ name: 'flavor1', enabled: false }] })).toEqual(['flavor0']);
    expect(enabled({ flavours: [{ name: 'flavor3' }, { name: 'flavor2', enabled: true }, { name: 'flavor0' }] })).toEqual(['flavor1', 'flavor3', 'flavor2', 'flavor0']);
  });

  test('an unknown flavour is an error on its name; the others still apply', () => {
    const b = build({ cr: crOf({ ...noDb, flavours: [{ name: 'nope' }, { name: 'flavor2' }] }), profile });
    expect(errorsOf(b.results)).toEqual([
      expect.objectContaining({ message: expect.stringContaining("flavour 'nope' not found"), field: { path: 'spec.flavours[0].name' } }),
    ]);
    expect(names(b, 'ConfigMap')).toContain('backstage-appconfig-bs1-flavor2-app-config|flavour-flavor2');
  });

  test('defaults: multi-object keys get one object per source with rhdh.redhat.com/source; deployment merged; plugins merged by package', () => {
    const b = build({ cr: crOf(noDb), profile });
    expect(errorsOf(b.results)).toEqual([]);
    expect(names(b, 'ConfigMap')).toEqual([
      'backstage-appconfig-bs1-base-app-config|default',
      'backstage-appconfig-bs1-flavor0-app-config|flavour-flavor0',
      'backstage-appconfig-bs1-flavor1-app-config|flavour-flavor1',
      'backstage-envs-bs1-base-envs|default',
      'backstage-envs-bs1-flavor0-envs|flavour-flavor0',
      'backstage-envs-bs1-flavor1-envs|flavour-flavor1',
      'backstage-dynamic-plugins-bs1|',
    ]);
    expect(names(b, 'Secret')).toEqual([]);
    const d = b.byKey('Deployment', 'backstage-bs1')!;
    // flavours merged in order: the last one's label wins, env vars add up
    expect(d.metadata.labels).toEqual({ flavor: 'flavor1', 'app.kubernetes.io/name': 'backstage', 'app.kubernetes.io/instance': 'bs1' });
    expect(containerOf(d).env).toEqual([
      { name: 'FLAVOR0_ENABLED', value: 'true' },
      { name: 'FLAVOR1_ENABLED', value: 'true' },
    ]);
    expect(containerOf(d).args).toEqual(['--config', '/opt/app/base.yaml', '--config', '/opt/app/flavor0.yaml', '--config', '/opt/app/flavor1.yaml']);
    expect(b.byKey('ConfigMap', 'backstage-dynamic-plugins-bs1')?.data).toEqual({
      'dynamic-plugins.yaml': 'plugins:\n- package: plugin-base\n  disabled: false\n- package: plugin-flavor1\n  disabled: false\n- package: plugin-flavor0\n  disabled: false\n',
    });
    expect(b.model.dynamicPlugins).toEqual({
      plugins: [
        { package: 'plugin-base', disabled: false },
        { package: 'plugin-flavor1', disabled: false },
        { package: 'plugin-flavor0', disabled: false },
      ],
    });
  });

  test('only the base: the dynamic plugins text is kept as written', () => {
    const b = build({ cr: crOf({ ...noDb, flavours: [] }), profile });
    expect(b.byKey('ConfigMap', 'backstage-dynamic-plugins-bs1')?.data).toEqual({
      'dynamic-plugins.yaml': 'plugins:\n  - package: plugin-base\n    disabled: false\n  - package: plugin-flavor1\n    disabled: false\n',
    });
  });

  test('flavours without base files: the flavour objects alone; the dynamic plugins ConfigMap is the flavour one', () => {
    const p = testProfile({ ...flavourFiles('flavor3', true) });
    const b = build({ cr: crOf(noDb), profile: p });
    expect(errorsOf(b.results)).toEqual([]);
    expect(names(b, 'ConfigMap')).toEqual([
      'backstage-appconfig-bs1-flavor3-app-config|flavour-flavor3',
      'backstage-envs-bs1-flavor3-envs|flavour-flavor3',
      'backstage-dynamic-plugins-bs1|',
    ]);
    expect(b.byKey('ConfigMap', 'backstage-dynamic-plugins-bs1')?.data).toEqual({ 'dynamic-plugins.yaml': 'plugins:\n  - package: plugin-flavor3\n    disabled: false\n' });
  });

  test('metadata.yaml that is not valid: an error', () => {
    const p = testProfile({ 'default-config/flavours/x/metadata.yaml': 'enabledByDefault: [' });
    const b = build({ cr: crOf(noDb), profile: p });
    expect(b.model.objects).toEqual([]);
    expect(errorsOf(b.results)[0]).toEqual(expect.objectContaining({ message: expect.stringContaining("failed to load flavour 'x'"), file: { path: 'default-config/flavours/x/metadata.yaml' } }));
  });
});

describe('platform patches (utils.ReadYamlFiles, mergeDeployments)', () => {
  const p = testProfile({
    'default-config/service.yaml.k8s': 'spec:\n  type: NodePort\n',
    'default-config/service.yaml.ocp': 'metadata:\n  annotations:\n    ocp: "yes"\n',
    'default-config/deployment.yaml.k8s': 'spec:\n  template:\n    spec:\n      securityContext:\n        fsGroup: 1001\n',
    'default-config/app-config.yaml': cmText('ac', 'a.yaml'),
    'default-config/app-config.yaml.k8s': 'metadata:\n  labels:\n    patched: "true"\n',
    ...flavourFiles('flavor1', true),
  });
  test('kubernetes: .k8s patches apply to single-object keys and to the merged deployment, not to multi-object keys', () => {
    const b = build({ cr: crOf(noDb), profile: p, options: { platform: 'kubernetes' } });
    expect((b.byKey('Service', 'backstage-bs1')!.spec as { type?: string }).type).toBe('NodePort');
    expect(b.byKey('Service', 'backstage-bs1')!.metadata.annotations).toBeUndefined();
    const d = b.byKey('Deployment', 'backstage-bs1') as KObject & { spec: { template: { spec: Record<string, unknown> } } };
    expect(d.spec.template.spec.securityContext).toEqual({ fsGroup: 1001 });
    expect(containerOf(d).env).toEqual([{ name: 'FLAVOR1_ENABLED', value: 'true' }]);
    expect(b.byKey('ConfigMap', 'backstage-appconfig-bs1-ac')!.metadata.labels).toEqual({ 'app.kubernetes.io/name': 'backstage', 'app.kubernetes.io/instance': 'bs1' });
  });
  test('openshift: .ocp patches', () => {
    const b = build({ cr: crOf(noDb), profile: p });
    expect(b.byKey('Service', 'backstage-bs1')!.metadata.annotations).toEqual({ ocp: 'yes' });
    expect((b.byKey('Service', 'backstage-bs1')!.spec as { type?: string }).type).toBeUndefined();
  });
});

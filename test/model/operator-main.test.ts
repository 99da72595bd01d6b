// Operator main (c0cb1c9), ported from the tests main added after release-1.10, with inputs written
// here: appconfig_test.go TestMultiEntryAppConfigNotAllowed; dynamic-plugins_test.go
// TestMergePluginsEnabledDisabledBackwardCompat, TestExternalConfigMapMetadataNotReused;
// deployment_test.go TestIdleAnnotationSetsReplicasToZero, TestIdleWithExternalDb. Each also
// checks that 1.10 does not do it (docs/operator-versions.md).
import { mergeDynamicPluginsTexts, parseDynamicPluginsConfig, isPluginEnabled } from '../../fn/plugins/merge';
import { build, errorsOf } from './helpers';
import { cm, crOf, testProfile } from './fixtures';

const main = { operatorVersion: 'main' as const };

describe('operator main', () => {
  test('TestMultiEntryAppConfigNotAllowed: a CR app-config ConfigMap with two keys fails the model, naming it; 1.10 mounts both', () => {
    const cr = crOf({ database: { enableLocalDb: false }, application: { appConfig: { configMaps: [{ name: 'multi-entry-config' }] } } });
    const multi = cm('multi-entry-config', { 'config1.yaml': 'a: 1', 'config2.yaml': 'b: 2' });
    const b = build({ cr, profile: testProfile(), inputs: [multi], options: main });
    expect(b.model.objects).toEqual([]);
    expect(errorsOf(b.results).map((r) => [r.message, r.field?.path])).toEqual([
      [
        'failed to build the Backstage model: multiple entries (2) not allowed for app-config ConfigMap: multi-entry-config; split into separate single-entry ConfigMaps',
        'spec.application.appConfig.configMaps[0]',
      ],
    ]);
    expect(errorsOf(build({ cr, profile: testProfile(), inputs: [multi], options: { operatorVersion: '1.10' } }).results)).toEqual([]);
  });

  test('a profile app-config ConfigMap with two keys fails too (main checks every app-config ConfigMap)', () => {
    const two = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: two\ndata:\n  a.yaml: "a: 1"\n  b.yaml: "b: 1"\n';
    const b = build({ cr: crOf({ database: { enableLocalDb: false } }), profile: testProfile({ 'default-config/app-config.yaml': two }), options: main });
    expect(errorsOf(b.results).map((r) => r.message)).toEqual([expect.stringContaining('multiple entries (2) not allowed for app-config ConfigMap: backstage-appconfig-bs1-two')]);
  });

  describe('TestMergePluginsEnabledDisabledBackwardCompat', () => {
    const merged = (base: string, overlay: string) => parseDynamicPluginsConfig(mergeDynamicPluginsTexts(base, overlay, { enabledKey: true })).plugins!;
    test('legacy disabled overlay overrides enabled base', () => {
      expect(isPluginEnabled(merged('plugins:\n  - package: ./plugin-a\n    enabled: true\n', 'plugins:\n  - package: ./plugin-a\n    disabled: true\n')[0])).toBe(false);
    });
    test('enabled overlay overrides disabled base', () => {
      expect(isPluginEnabled(merged('plugins:\n  - package: ./plugin-a\n    disabled: true\n', 'plugins:\n  - package: ./plugin-a\n    enabled: true\n')[0])).toBe(true);
    });
    test('overlay without activation fields preserves base', () => {
      const [p] = merged('plugins:\n  - package: ./plugin-a\n    disabled: true\n    integrity: sha256-abc\n', 'plugins:\n  - package: ./plugin-a\n    integrity: sha256-overridden\n');
      expect([isPluginEnabled(p), p.integrity]).toEqual([false, 'sha256-overridden']);
      // 1.10: the same overlay re-enables it
      const [p10] = parseDynamicPluginsConfig(
        mergeDynamicPluginsTexts('plugins:\n  - package: ./plugin-a\n    disabled: true\n', 'plugins:\n  - package: ./plugin-a\n    integrity: x\n', { enabledKey: false }),
      ).plugins!;
      expect(isPluginEnabled(p10, false)).toBe(true);
    });
    test('legacy disabled-only config works', () => {
      const ps = merged('plugins:\n  - package: ./plugin-a\n    disabled: false\n  - package: ./plugin-b\n    disabled: true\n', '');
      expect(ps.map((p) => isPluginEnabled(p))).toEqual([true, false]);
    });
  });

  test('TestExternalConfigMapMetadataNotReused: no profile dynamic-plugins.yaml, the CR\'s ConfigMap data copied into backstage-dynamic-plugins-<cr>, no cluster metadata', () => {
    const cr = crOf({ database: { enableLocalDb: false }, application: { dynamicPluginsConfigMapName: 'external-dp-config' } });
    const external = cm('external-dp-config', { 'dynamic-plugins.yaml': 'plugins: []' }, { metadata: { name: 'external-dp-config', namespace: 'ns1', resourceVersion: '12345', uid: 'abc-def-123', generation: 2 } });
    const b = build({ cr, profile: testProfile(), inputs: [external], options: main });
    expect(errorsOf(b.results)).toEqual([]);
    expect(b.byKey('ConfigMap', 'backstage-dynamic-plugins-bs1')).toEqual({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'backstage-dynamic-plugins-bs1', namespace: 'ns1', labels: { 'app.kubernetes.io/name': 'backstage', 'app.kubernetes.io/instance': 'bs1' } },
      data: { 'dynamic-plugins.yaml': 'plugins: []' },
    });
    // 1.10: the CR's ConfigMap is mounted itself, nothing is created.
    const b10 = build({ cr, profile: testProfile(), inputs: [external], options: { operatorVersion: '1.10' } });
    expect(b10.byKey('ConfigMap', 'backstage-dynamic-plugins-bs1')).toBeUndefined();
  });

  test.each([
    ['TestIdleAnnotationSetsReplicasToZero', true],
    ['TestIdleWithExternalDb', false],
  ])('%s: replicas 0 on the workload (and the local DB when there is one)', (_name, localDb) => {
    const cr = crOf({ database: { enableLocalDb: localDb } }, { annotations: { 'rhdh.redhat.com/idle': 'true' } });
    const b = build({ cr, profile: testProfile(), options: main });
    expect((b.byKey('Deployment', 'backstage-bs1')!.spec as { replicas?: number }).replicas).toBe(0);
    const db = b.byKey('StatefulSet', 'backstage-psql-bs1');
    expect(db === undefined ? undefined : (db.spec as { replicas?: number }).replicas).toBe(localDb ? 0 : undefined);
  });
});

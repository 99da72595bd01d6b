// Port of the operator's pkg/model/appconfig_test.go (release-1.10), with whole-object expectations.
import { build, errorsOf } from './helpers';
import { baseDeployment, cm, containerOf, crOf, LABELS, podSpecOf, testProfile } from './fixtures';

const APP_CONFIG = `apiVersion: v1
kind: ConfigMap
metadata:
  name: my-backstage-config-cm1
data:
  default.app-config.yaml: |
    backend:
      auth: {}
`;

const noDb = { database: { enableLocalDb: false } };

describe('app-config (appconfig.go)', () => {
  test('default app-config: a ConfigMap per profile object, mounted file by file into the working dir, one --config each', () => {
    const b = build({ cr: crOf(noDb), profile: testProfile({ 'default-config/app-config.yaml': APP_CONFIG }), options: { platform: 'kubernetes' } });
    expect(errorsOf(b.results)).toEqual([]);
    expect(b.byKey('ConfigMap', 'backstage-appconfig-bs1-my-backstage-config-cm1')).toEqual({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: {
        name: 'backstage-appconfig-bs1-my-backstage-config-cm1',
        namespace: 'ns1',
        labels: LABELS,
        annotations: { 'rhdh.redhat.com/source': 'default', 'rhdh.redhat.com/configured-name': 'my-backstage-config-cm1' },
      },
      data: { 'default.app-config.yaml': 'backend:\n  auth: {}\n' },
    });
    const expected = baseDeployment(b.external.watchingHash);
    podSpecOf(expected).volumes = [
      { name: 'backstage-appconfig-bs1-my-backstage-config-cm1', configMap: { name: 'backstage-appconfig-bs1-my-backstage-config-cm1', defaultMode: 420, optional: false } },
    ];
    Object.assign(containerOf(expected), {
      volumeMounts: [
        { name: 'backstage-appconfig-bs1-my-backstage-config-cm1', readOnly: true, mountPath: '/opt/app/default.app-config.yaml', subPath: 'default.app-config.yaml' },
      ],
      args: ['--config', '/opt/app/default.app-config.yaml'],
    });
    expect(b.byKey('Deployment', 'backstage-bs1')).toEqual(expected);
  });

  test('a key named __proto__ or constructor is a file like any other: mounted, one --config each', () => {
    const cr = crOf({ ...noDb, application: { appConfig: { configMaps: [{ name: 'ac' }] } } });
    const b = build({ cr, profile: testProfile(), inputs: [cm('ac', JSON.parse('{"__proto__": "a: 1", "constructor": "b: 2", "app.yaml": "c: 3"}'))] });
    expect(errorsOf(b.results)).toEqual([]);
    const c = containerOf(b.byKey('Deployment', 'backstage-bs1'));
    expect(c.volumeMounts.map((m: { subPath: string }) => m.subPath)).toEqual(['__proto__', 'app.yaml', 'constructor']);
    expect(c.args).toEqual(['--config', '/opt/app-root/src/__proto__', '--config', '/opt/app-root/src/app.yaml', '--config', '/opt/app-root/src/constructor']);
  });

  test('specified app-configs: shared mount path, own mount path (directory), single key', () => {
    const cr = crOf({
      ...noDb,
      application: {
        appConfig: {
          mountPath: '/app/src',
          configMaps: [{ name: 'app-config1' }, { name: 'app-config2', mountPath: '/my/appconfig' }, { name: 'app-config3', key: 'conf31.yaml' }],
        },
      },
    });
    const inputs = [
      cm('app-config1', { 'conf.yaml': 'a: 1' }),
      cm('app-config2', { 'conf22.yaml': '', 'conf21.yaml': '' }),
      cm('app-config3', { 'conf31.yaml': '', 'conf32.yaml': '' }),
    ];
    const b = build({ cr, profile: testProfile(), inputs, options: { platform: 'kubernetes' } });
    expect(errorsOf(b.results)).toEqual([]);
    const d = b.byKey('Deployment', 'backstage-bs1');
    const vol = (n: string) => ({ name: n, configMap: { name: n, defaultMode: 420, optional: false } });
    expect(podSpecOf(d).volumes).toEqual([vol('app-config1'), vol('app-config2'), vol('app-config3')]);
    expect(containerOf(d).volumeMounts).toEqual([
      { name: 'app-config1', readOnly: true, mountPath: '/app/src/conf.yaml', subPath: 'conf.yaml' },
      { name: 'app-config2', mountPath: '/my/appconfig' },
      { name: 'app-config3', readOnly: true, mountPath: '/app/src/conf31.yaml', subPath: 'conf31.yaml' },
    ]);
    // keys sorted; a directory mount still gets one --config per key
    expect(containerOf(d).args).toEqual([
      '--config',
      '/app/src/conf.yaml',
      '--config',
      '/my/appconfig/conf21.yaml',
      '--config',
      '/my/appconfig/conf22.yaml',
      '--config',
      '/app/src/conf31.yaml',
    ]);
  });

  test('default and specified: the profile ConfigMap comes first; the CRD default mount path applies to the CR one', () => {
    const cr = crOf({ ...noDb, application: { appConfig: { configMaps: [{ name: 'app-config1' }] } } });
    const b = build({ cr, profile: testProfile({ 'default-config/app-config.yaml': APP_CONFIG }), inputs: [cm('app-config1', { 'conf.yaml': '' })] });
    const d = b.byKey('Deployment', 'backstage-bs1');
    expect(podSpecOf(d).volumes.map((v: { name: string }) => v.name)).toEqual(['backstage-appconfig-bs1-my-backstage-config-cm1', 'app-config1']);
    expect(containerOf(d).args).toEqual(['--config', '/opt/app/default.app-config.yaml', '--config', '/opt/app-root/src/conf.yaml']);
    expect(containerOf(d).volumeMounts[1]).toEqual({ name: 'app-config1', readOnly: true, mountPath: '/opt/app-root/src/conf.yaml', subPath: 'conf.yaml' });
  });

  test('a key that the ConfigMap does not have: volume but no mount and no --config (as the operator)', () => {
    const cr = crOf({ ...noDb, application: { appConfig: { configMaps: [{ name: 'app-config1', key: 'nope.yaml' }] } } });
    const b = build({ cr, profile: testProfile(), inputs: [cm('app-config1', { 'conf.yaml': '' })] });
    const d = b.byKey('Deployment', 'backstage-bs1');
    expect(podSpecOf(d).volumes).toHaveLength(1);
    expect(containerOf(d).volumeMounts).toBeUndefined();
    expect(containerOf(d).args).toBeUndefined();
  });
});

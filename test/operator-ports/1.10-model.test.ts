// Ports of release-1.10's pkg/model tests (pvcs_test.go, route_test.go, default-config_test.go) and
// internal/controller/preprocessor_test.go that the test/model tests do not already cover through
// the renderer (test/operator-ports/1.10.ts maps every one). Inputs written here; operatorVersion 1.10.
import type { KObject } from '../../fn/kio/types';
import { configMap, cr, MULTI_CONTAINER_DEPLOYMENT, NS, render110 } from './1.10-support';

/* eslint-disable @typescript-eslint/no-explicit-any */
const claim = (name: string): KObject => ({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name, namespace: NS }, spec: {} });
const LABELS = { 'app.kubernetes.io/instance': 'bs', 'app.kubernetes.io/name': 'backstage' };

describe('pvcs (release-1.10 pvcs_test.go)', () => {
  test('TestSpecifiedPvcsWithContainers: "*" mounts into every container, a named one into that one only', () => {
    const spec = { application: { extraFiles: { pvcs: [{ name: 'my-pvc1', containers: ['*'] }, { name: 'my-pvc2', mountPath: '/my/pvc/path', containers: ['install-dynamic-plugins'] }] } } };
    const r = render110({ cr: cr(spec), files: { 'default-config/deployment.yaml': MULTI_CONTAINER_DEPLOYMENT }, inputs: [claim('my-pvc1'), claim('my-pvc2')] });
    expect(r.errors).toEqual([]);
    expect(r.pod().volumes).toEqual([
      { name: 'my-pvc1', persistentVolumeClaim: { claimName: 'my-pvc1' } },
      { name: 'my-pvc2', persistentVolumeClaim: { claimName: 'my-pvc2' } },
    ]);
    const pvc1 = { name: 'my-pvc1', mountPath: '/opt/app-root/src/my-pvc1', subPath: 'my-pvc1' };
    expect(r.container().volumeMounts).toEqual([pvc1]);
    expect(r.container('install-dynamic-plugins').volumeMounts).toEqual([pvc1, { name: 'my-pvc2', mountPath: '/my/pvc/path' }]);
    expect(r.container('another-container').volumeMounts).toEqual([pvc1]);
    expect(r.container('another-init-container').volumeMounts).toEqual([pvc1]);
  });
});

const ROUTE = `apiVersion: route.openshift.io/v1
kind: Route
metadata:
  name: placeholder
spec:
  port:
    targetPort: default
  path: /default
  tls:
    insecureEdgeTerminationPolicy: Redirect
    termination: edge
  to:
    kind: Service
    name: placeholder
`;

const APP_CONFIG = `apiVersion: v1
kind: ConfigMap
metadata:
  name: default-app-config
data:
  my-default-app-config.yaml: ""
`;

describe('route (release-1.10 route_test.go)', () => {
  test('TestEnabledRoute: route: {} makes a Route with the profile\'s route.yaml and without one (then only the Service target: no TLS given)', () => {
    const spec = { application: { route: {} } };
    const withDefault = render110({ cr: cr(spec), files: { 'default-config/route.yaml': ROUTE }, options: { platform: 'openshift' } });
    expect(withDefault.errors).toEqual([]);
    expect((withDefault.get('Route', 'backstage-bs') as any).spec.path).toBe('/default');
    const without = render110({ cr: cr(spec), options: { platform: 'openshift' } });
    expect(without.errors).toEqual([]);
    expect(without.get('Route', 'backstage-bs')).toEqual({
      apiVersion: 'route.openshift.io/v1',
      kind: 'Route',
      metadata: { name: 'backstage-bs', namespace: 'ns123', labels: LABELS },
      spec: { to: { kind: 'Service', name: 'backstage-bs' } },
    });
  });

  test.each([
    ['should not return anything on a non-OpenShift platform', 'kubernetes', {}, 'apps.example.com', undefined],
    ['should not return anything if route is disabled in the CR', 'openshift', { enabled: false }, 'apps.example.com', undefined],
    ['should not return anything if there is no cluster ingress domain set', 'openshift', undefined, undefined, undefined],
    ['should return the default route domain if no route spec', 'openshift', undefined, 'my-ocp-apps.example.com', 'https://backstage-my-backstage-my-ns.my-ocp-apps.example.com'],
    ['should return the route with the sub-domain if set in the route spec', 'openshift', { enabled: true, subdomain: 'my-backstage.subdomain' }, 'my-ocp-apps.example.com', 'https://my-backstage.subdomain.my-ocp-apps.example.com'],
    ['should return the route host if set in the route spec even with a subdomain', 'openshift', { enabled: true, host: 'my-awesome-backstage.idp.example.com', subdomain: 'my-backstage.subdomain' }, 'my-ocp-apps.example.com', 'https://my-awesome-backstage.idp.example.com'],
  ] as const)('Test_buildBaseUrl: %s', (_name, platform, route, ingressDomain, url) => {
    const backstage: KObject = {
      apiVersion: 'rhdh.redhat.com/v1alpha5',
      kind: 'Backstage',
      metadata: { name: 'my-backstage', namespace: 'my-ns' },
      spec: { database: { enableLocalDb: false }, ...(route ? { application: { route } } : {}) },
    };
    const input = { ...configMap('x', {}), metadata: { name: 'x', namespace: 'my-ns' } };
    const r = render110({ cr: backstage, inputs: [input], files: { 'default-config/route.yaml': ROUTE, 'default-config/app-config.yaml': APP_CONFIG }, options: { platform, ...(ingressDomain ? { ingressDomain } : {}) } });
    expect(r.errors).toEqual([]);
    const text = (r.get('ConfigMap', 'backstage-appconfig-my-backstage-default-app-config')?.data as Record<string, string> | undefined)?.['my-default-app-config.yaml'];
    expect(text).toBe(url ? `app:\n  baseUrl: ${url}\nbackend:\n  baseUrl: ${url}\n  cors:\n    origin: ${url}\n` : '');
  });
});

const dynamicPlugins = (name: string, text: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\ndata:\n  dynamic-plugins.yaml: |\n${text.replace(/^/gm, '    ')}\n`;
const DP_DEPLOYMENT = `apiVersion: apps/v1
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
const BASE_PLUGINS = 'includes:\n  - dynamic-plugins.default.yaml\nplugins:\n  - package: "plugin-a"\n    disabled: false\n  - package: "plugin-b"\n    disabled: true\n    integrity: "sha512-base"';

describe('default-config (release-1.10 default-config_test.go)', () => {
  test('TestMergeDynamicPluginsFunction: one source as is; two merged by package (overlay wins, includes unioned); a source without a ConfigMap is an error', () => {
    const single = render110({ cr: cr(), files: { 'default-config/deployment.yaml': DP_DEPLOYMENT, 'default-config/dynamic-plugins.yaml': dynamicPlugins('default-dynamic-plugins', BASE_PLUGINS) } });
    expect(single.errors).toEqual([]);
    expect(single.get('ConfigMap', 'backstage-dynamic-plugins-bs')?.data).toEqual({ 'dynamic-plugins.yaml': `${BASE_PLUGINS}\n` });

    const overlay = 'includes:\n  - dynamic-plugins.custom.yaml\nplugins:\n  - package: "plugin-b"\n    disabled: false\n    integrity: "sha512-overlay"\n  - package: "plugin-c"\n    disabled: false';
    const files = {
      'default-config/deployment.yaml': DP_DEPLOYMENT,
      'default-config/dynamic-plugins.yaml': dynamicPlugins('default-dynamic-plugins', BASE_PLUGINS),
      'default-config/flavours/overlay/metadata.yaml': 'enabledByDefault: true\n',
      'default-config/flavours/overlay/dynamic-plugins.yaml': dynamicPlugins('default-dynamic-plugins', overlay),
    };
    const merged = render110({ cr: cr(), files });
    expect(merged.errors).toEqual([]);
    expect(merged.get('ConfigMap', 'backstage-dynamic-plugins-bs')?.data).toEqual({
      'dynamic-plugins.yaml':
        'includes:\n- dynamic-plugins.default.yaml\n- dynamic-plugins.custom.yaml\nplugins:\n- package: plugin-a\n  disabled: false\n- package: plugin-b\n  integrity: sha512-overlay\n  disabled: false\n- package: plugin-c\n  disabled: false\n',
    });

    const notAConfigMap = 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: some-secret\ndata:\n  key: dmFsdWU=\n';
    const bad = render110({ cr: cr(), files: { 'default-config/deployment.yaml': DP_DEPLOYMENT, 'default-config/dynamic-plugins.yaml': notAConfigMap } });
    expect(bad.objects).toEqual([]);
    expect(bad.errors).toEqual([expect.stringContaining('dynamic-plugins.yaml')]);
  });
});

describe('preprocessor (release-1.10 internal/controller/preprocessor_test.go)', () => {
  test('TestExtConfigChanged: new data in a ConfigMap the CR mounts changes the pod\'s ext-config hash (what restarts the pod)', () => {
    const spec = { application: { appConfig: { configMaps: [{ name: 'cm1' }] } } };
    const hash = (data: Record<string, string>) => (render110({ cr: cr(spec), inputs: [configMap('cm1', data)] }).get('Deployment', 'backstage-bs') as any).spec.template.metadata.annotations['rhdh.redhat.com/ext-config-hash'];
    const before = hash({});
    const after = hash({ key: 'value' });
    expect(before).toMatch(/^[0-9a-f]{64}$/);
    expect(after).toMatch(/^[0-9a-f]{64}$/);
    expect(after).not.toBe(before);
    expect(hash({ key: 'value' })).toBe(after);
  });

  test('TestExtConcatData: the hash does not depend on the order the ConfigMap\'s keys are written in', () => {
    const spec = { application: { appConfig: { configMaps: [{ name: 'cm1' }] } } };
    const hash = (data: Record<string, string>) => (render110({ cr: cr(spec), inputs: [configMap('cm1', data)] }).get('Deployment', 'backstage-bs') as any).spec.template.metadata.annotations['rhdh.redhat.com/ext-config-hash'];
    expect(hash({ key1: 'value1', key2: 'value2', key3: 'value3', key4: 'value4' })).toBe(hash({ key4: 'value4', key2: 'value2', key3: 'value3', key1: 'value1' }));
  });
});

// Port of the operator's route_test.go (release-1.10): the Route, and the base URLs written into the
// default app-config.
import { build, errorsOf } from './helpers';
import { crOf, LABELS, testProfile } from './fixtures';
import { rewriteWithBaseUrl } from '../../fn/model/route';

const ROUTE = `apiVersion: route.openshift.io/v1
kind: Route
metadata:
  name: placeholder
spec:
  path: /default
  port:
    targetPort: http
  tls:
    termination: edge
    insecureEdgeTerminationPolicy: Redirect
  to:
    kind: Service
    name: placeholder
`;

const APP_CONFIG = `apiVersion: v1
kind: ConfigMap
metadata:
  name: default-appconfig
data:
  b.yaml: |
    # comment
    organization:
      name: My Company
    backend:
      cors:
        credentials: true
        origin: http://localhost:3000
  a.yaml: ""
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: second
data:
  c.yaml: |
    x: 1
`;

const noDb = { database: { enableLocalDb: false } };
const withRoute = (extra: Record<string, string> = {}) => testProfile({ 'default-config/route.yaml': ROUTE, ...extra });

describe('route (route.go)', () => {
  test('default Route: renamed, pointing at the Service', () => {
    const b = build({ cr: crOf(noDb), profile: withRoute(), options: { ingressDomain: 'apps.example.com' } });
    expect(errorsOf(b.results)).toEqual([]);
    expect(b.byKey('Route', 'backstage-bs1')).toEqual({
      apiVersion: 'route.openshift.io/v1',
      kind: 'Route',
      metadata: { name: 'backstage-bs1', namespace: 'ns1', labels: LABELS },
      spec: {
        path: '/default',
        port: { targetPort: 'http' },
        tls: { termination: 'edge', insecureEdgeTerminationPolicy: 'Redirect' },
        to: { kind: 'Service', name: 'backstage-bs1' },
      },
    });
  });

  test('spec host, subdomain and TLS pieces over the default Route', () => {
    const cr = crOf({
      ...noDb,
      application: { route: { host: 'my.host', subdomain: 'sub', tls: { certificate: 'CERT', key: 'KEY', caCertificate: 'CA', externalCertificateSecretName: 'ext-cert' } } },
    });
    const b = build({ cr, profile: withRoute() });
    expect((b.byKey('Route', 'backstage-bs1')!.spec as Record<string, unknown>)).toEqual({
      path: '/default',
      port: { targetPort: 'http' },
      tls: {
        termination: 'edge',
        insecureEdgeTerminationPolicy: 'Redirect',
        certificate: 'CERT',
        key: 'KEY',
        caCertificate: 'CA',
        externalCertificate: { name: 'ext-cert' },
      },
      to: { kind: 'Service', name: 'backstage-bs1' },
      host: 'my.host',
      subdomain: 'sub',
    });
  });

  test('no default Route but one in the spec: made from scratch (edge TLS with the given pieces)', () => {
    const cr = crOf({ ...noDb, application: { route: { host: 'TestSpecifiedRoute', tls: { key: 'KEY' } } } });
    const b = build({ cr, profile: testProfile() });
    expect(b.byKey('Route', 'backstage-bs1')).toEqual({
      apiVersion: 'route.openshift.io/v1',
      kind: 'Route',
      metadata: { name: 'backstage-bs1', namespace: 'ns1', labels: LABELS },
      spec: {
        host: 'TestSpecifiedRoute',
        tls: { termination: 'edge', key: 'KEY', insecureEdgeTerminationPolicy: 'Redirect', externalCertificate: {} },
        to: { kind: 'Service', name: 'backstage-bs1' },
      },
    });
  });

  test('no Route: disabled in the spec, not configured anywhere, or not OpenShift', () => {
    expect(build({ cr: crOf({ ...noDb, application: { route: { enabled: false, host: 'h' } } }), profile: withRoute() }).byKey('Route', 'backstage-bs1')).toBeUndefined();
    expect(build({ cr: crOf(noDb), profile: testProfile() }).byKey('Route', 'backstage-bs1')).toBeUndefined();
    expect(build({ cr: crOf(noDb), profile: withRoute(), options: { platform: 'kubernetes' } }).byKey('Route', 'backstage-bs1')).toBeUndefined();
    expect(build({ cr: crOf({ ...noDb, application: { route: {} } }), profile: withRoute() }).byKey('Route', 'backstage-bs1')).toBeDefined();
  });

  test('base URLs go into every file of the first app-config ConfigMap, re-serialized (keys sorted, comments gone)', () => {
    const b = build({ cr: crOf(noDb), profile: withRoute({ 'default-config/app-config.yaml': APP_CONFIG }), options: { ingressDomain: 'apps.example.com' } });
    const url = 'https://backstage-bs1-ns1.apps.example.com';
    expect(b.byKey('ConfigMap', 'backstage-appconfig-bs1-default-appconfig')?.data).toEqual({
      'b.yaml': `app:\n  baseUrl: ${url}\nbackend:\n  baseUrl: ${url}\n  cors:\n    credentials: true\n    origin: ${url}\norganization:\n  name: My Company\n`,
      'a.yaml': `app:\n  baseUrl: ${url}\nbackend:\n  baseUrl: ${url}\n  cors:\n    origin: ${url}\n`,
    });
    expect(b.byKey('ConfigMap', 'backstage-appconfig-bs1-second')?.data).toEqual({ 'c.yaml': 'x: 1\n' });
  });

  test('buildBaseUrl: host as is; subdomain or the default name under the ingress domain; unknown domain: left alone with an info result', () => {
    const profile = withRoute({ 'default-config/app-config.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: d\ndata:\n  a.yaml: ""\n' });
    const urlOf = (spec: Record<string, unknown>, domain?: string) => {
      const b = build({ cr: crOf({ ...noDb, ...spec }), profile, options: domain ? { ingressDomain: domain } : {} });
      return { data: b.byKey('ConfigMap', 'backstage-appconfig-bs1-d')?.data, results: b.results };
    };
    expect(urlOf({ application: { route: { host: 'my.host', subdomain: 's' } } }).data).toEqual({ 'a.yaml': rewriteWithBaseUrl('', 'https://my.host') });
    expect(urlOf({ application: { route: { subdomain: 'sub' } } }, 'd.com').data).toEqual({ 'a.yaml': rewriteWithBaseUrl('', 'https://sub.d.com') });
    const unknown = urlOf({});
    expect(unknown.data).toEqual({ 'a.yaml': '' });
    expect(unknown.results).toEqual([expect.objectContaining({ severity: 'info', field: { path: 'spec.application.route' } })]);
  });

  test('rewriteWithBaseUrl: first document only, non-map app/backend replaced, lists not indented, YAML 1.1 words (the key on is true, as in go-yaml v2), quoting', () => {
    expect(rewriteWithBaseUrl('---\napp:\n  title: "My Awesome App"\nplugin1:\n  config1: [val1, val2]\n  on: "yes"\n---\n', 'https://h')).toBe(
      'app:\n  baseUrl: https://h\n  title: My Awesome App\nbackend:\n  baseUrl: https://h\n  cors:\n    origin: https://h\nplugin1:\n  config1:\n  - val1\n  - val2\n  "true": "yes"\n',
    );
    expect(rewriteWithBaseUrl('backend: 3\napp: [1]\n', 'https://h')).toBe('app:\n  baseUrl: https://h\nbackend:\n  baseUrl: https://h\n  cors:\n    origin: https://h\n');
  });
});

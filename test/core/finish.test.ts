import { compareObjects, markGenerated, normalizeKeyOrder, sortObjects, withPathAnnotations } from '../../fn/finish';
import type { KObject } from '../../fn/kio/types';

const o = (kind: string, name: string, ns?: string, apiVersion = 'v1'): KObject => ({ apiVersion, kind, metadata: { name, ...(ns ? { namespace: ns } : {}) } });

describe('finish', () => {
  test('objects sort by kind priority, namespace, name; unknown kinds last, by kind', () => {
    const sorted = sortObjects([
      o('Deployment', 'b', 'ns', 'apps/v1'),
      o('Route', 'r', 'ns', 'route.openshift.io/v1'),
      o('Secret', 'z', 'ns'),
      o('ConfigMap', 'b', 'ns'),
      o('ConfigMap', 'a', 'ns'),
      o('ConfigMap', 'a', 'aa'),
      o('Service', 's', 'ns'),
      o('Namespace', 'ns'),
      o('Backstage', 'x', 'ns', 'rhdh.redhat.com/v1alpha5'),
      o('StatefulSet', 'db', 'ns', 'apps/v1'),
    ]);
    expect(sorted.map((x) => `${x.kind}/${x.metadata.namespace ?? ''}/${x.metadata.name}`)).toEqual([
      'Namespace//ns',
      'Secret/ns/z',
      'ConfigMap/aa/a',
      'ConfigMap/ns/a',
      'ConfigMap/ns/b',
      'Service/ns/s',
      'Deployment/ns/b',
      'StatefulSet/ns/db',
      'Backstage/ns/x',
      'Route/ns/r',
    ]);
    expect(compareObjects(o('ConfigMap', 'a'), o('ConfigMap', 'a'))).toBe(0);
  });

  test('keys in the usual order, labels and annotations sorted', () => {
    const obj = { data: { a: '1' }, metadata: { annotations: { z: '1', a: '2' }, labels: { b: '1', a: '1' }, namespace: 'n', name: 'x' }, kind: 'ConfigMap', apiVersion: 'v1' } as KObject;
    expect(JSON.stringify(normalizeKeyOrder(obj))).toBe(
      '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"x","namespace":"n","labels":{"a":"1","b":"1"},"annotations":{"a":"2","z":"1"}},"data":{"a":"1"}}',
    );
  });

  test('generated objects carry the CR they came from and a file of their own', () => {
    const marked = markGenerated(o('Service', 'backstage-dev', 'team-a'), 'team-a', 'dev');
    expect(withPathAnnotations(marked, 'rendered/team-a/dev/service_backstage-dev.yaml')).toEqual({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: {
        name: 'backstage-dev',
        namespace: 'team-a',
        annotations: {
          'backstage-render.dev/rendered-from': 'team-a/dev',
          'internal.config.kubernetes.io/index': '0',
          'internal.config.kubernetes.io/path': 'rendered/team-a/dev/service_backstage-dev.yaml',
        },
      },
    });
  });
});

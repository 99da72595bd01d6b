import { Diagnostics } from '../../fn/diagnostics';
import type { KObject } from '../../fn/kio/types';
import { readBackstageCR } from '../../fn/model/cr';
import { buildServiceMonitor } from '../../fn/model/monitor';

function backstage(apiVersion: string, spec: unknown) {
  return readBackstageCR({ apiVersion, kind: 'Backstage', metadata: { name: 'test-bs', namespace: 'test-ns' }, spec } as KObject, undefined, new Diagnostics())!;
}

describe('buildServiceMonitor', () => {
  test('monitoring enabled: the object of monitor.go (as in monitor_test.go)', () => {
    expect(buildServiceMonitor(backstage('rhdh.redhat.com/v1alpha5', { monitoring: { enabled: true } }), 'backstage-test-bs')).toEqual({
      apiVersion: 'monitoring.coreos.com/v1',
      kind: 'ServiceMonitor',
      metadata: {
        name: 'metrics-test-bs',
        namespace: 'test-ns',
        labels: { 'app.kubernetes.io/instance': 'test-bs', 'app.kubernetes.io/name': 'backstage' },
      },
      spec: {
        selector: { matchLabels: { 'app.kubernetes.io/instance': 'test-bs', 'app.kubernetes.io/name': 'backstage' } },
        namespaceSelector: { matchNames: ['test-ns'] },
        endpoints: [{ port: 'http-metrics', path: '/metrics' }],
      },
    });
  });

  test('v1alpha4 has monitoring too', () => {
    expect(buildServiceMonitor(backstage('rhdh.redhat.com/v1alpha4', { monitoring: { enabled: true } }))?.metadata.name).toBe('metrics-test-bs');
  });

  test('nothing when monitoring is off, absent, or the version has none (v1alpha3)', () => {
    expect(buildServiceMonitor(backstage('rhdh.redhat.com/v1alpha5', { monitoring: { enabled: false } }))).toBeUndefined();
    expect(buildServiceMonitor(backstage('rhdh.redhat.com/v1alpha5', {}))).toBeUndefined();
    expect(buildServiceMonitor(backstage('rhdh.redhat.com/v1alpha3', { monitoring: { enabled: true } }))).toBeUndefined();
  });

  test('labels and selector are separate objects (no YAML anchors when written)', () => {
    const sm = buildServiceMonitor(backstage('rhdh.redhat.com/v1alpha5', { monitoring: { enabled: true } }))!;
    expect(sm.metadata.labels).not.toBe((sm.spec as { selector: { matchLabels: unknown } }).selector.matchLabels);
  });
});

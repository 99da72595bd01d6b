// The ServiceMonitor of internal/controller/monitor.go (applyServiceMonitor): created when
// spec.monitoring.enabled is true, named metrics-<cr>, selecting the CR's Services by the
// app.kubernetes.io/{name,instance} labels in the CR's namespace, scraping port `http-metrics`
// at `/metrics`.
//
// Deliberate difference: the operator also sets a controller ownerReference to the CR, which needs
// the CR's uid, unknown offline; like the other rendered objects it has none here.

import type { KObject } from '../kio/types';
import { isMonitoringEnabled } from './cr';
import type { BackstageCR } from './types';

export const SERVICE_MONITOR_API_VERSION = 'monitoring.coreos.com/v1';
export const METRICS_PORT_NAME = 'http-metrics';
export const METRICS_PATH = '/metrics';

export function serviceMonitorName(crName: string): string {
  return `metrics-${crName}`;
}

/**
 * The ServiceMonitor, or undefined when monitoring is not enabled. `_serviceName` is accepted for
 * callers but not used: the operator selects the Service by labels, not by name.
 */
export function buildServiceMonitor(cr: BackstageCR, _serviceName?: string): KObject | undefined {
  if (!isMonitoringEnabled(cr)) return undefined;
  const labels = () => ({ 'app.kubernetes.io/instance': cr.name, 'app.kubernetes.io/name': 'backstage' });
  return {
    apiVersion: SERVICE_MONITOR_API_VERSION,
    kind: 'ServiceMonitor',
    metadata: { name: serviceMonitorName(cr.name), namespace: cr.namespace, labels: labels() },
    spec: {
      selector: { matchLabels: labels() },
      namespaceSelector: { matchNames: [cr.namespace] },
      endpoints: [{ port: METRICS_PORT_NAME, path: METRICS_PATH }],
    },
  };
}

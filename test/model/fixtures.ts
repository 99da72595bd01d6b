// A small profile of our own for the unit tests (the operator's tests use pkg/model/testdata in the
// same spirit): a Deployment with the Backstage container, a sidecar and the dynamic plugins init
// container, a Service, the local database objects.
import type { KObject } from '../../fn/kio/types';
import type { Profile } from '../../fn/profile/profile';

export const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: to-be-replaced
spec:
  selector:
    matchLabels: {}
  template:
    metadata:
      labels:
        team: a
    spec:
      initContainers:
        - name: install-dynamic-plugins
          image: registry.test/backstage:1
          workingDir: /opt/dp
      containers:
        - name: backstage-backend
          image: registry.test/backstage:1
          workingDir: /opt/app
        - name: sidecar
          image: registry.test/sidecar:1
`;

export const SERVICE = `apiVersion: v1
kind: Service
metadata:
  name: to-be-replaced
spec:
  selector: {}
  ports:
    - name: http
      port: 80
      targetPort: 7007
`;

export const DB_STATEFULSET = `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: to-be-replaced
spec:
  selector:
    matchLabels: {}
  serviceName: to-be-replaced
  template:
    spec:
      containers:
        - name: postgresql
          image: registry.test/postgres:15
`;

export const DB_SERVICE = `apiVersion: v1
kind: Service
metadata:
  name: to-be-replaced
spec:
  selector: {}
  ports:
    - port: 5433
`;

export const DB_SECRET = `apiVersion: v1
kind: Secret
metadata:
  name: to-be-replaced
type: Opaque
`;

export function testProfile(extra: Record<string, string> = {}, omit: string[] = []): Profile {
  const files: Record<string, string> = {
    'default-config/deployment.yaml': DEPLOYMENT,
    'default-config/service.yaml': SERVICE,
    'default-config/db-statefulset.yaml': DB_STATEFULSET,
    'default-config/db-service.yaml': DB_SERVICE,
    'default-config/db-secret.yaml': DB_SECRET,
  };
  for (const k of omit) delete files[k];
  return { name: 'test', files: { ...files, ...extra } };
}

export function crOf(spec: Record<string, unknown> = {}, meta: Record<string, unknown> = {}, apiVersion = 'rhdh.redhat.com/v1alpha5'): KObject {
  return { apiVersion, kind: 'Backstage', metadata: { name: 'bs1', namespace: 'ns1', ...meta }, spec };
}

export function cm(name: string, data: Record<string, string>, extra: Record<string, unknown> = {}): KObject {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'ns1' }, data, ...extra };
}

export function secret(name: string, data: Record<string, string>): KObject {
  const enc: Record<string, string> = {};
  for (const [k, v] of Object.entries(data)) enc[k] = Buffer.from(v).toString('base64');
  return { apiVersion: 'v1', kind: 'Secret', metadata: { name, namespace: 'ns1' }, data: enc };
}

export function pvc(name: string): KObject {
  return { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name, namespace: 'ns1' }, spec: {} };
}

export const LABELS = { 'app.kubernetes.io/name': 'backstage', 'app.kubernetes.io/instance': 'bs1' };

/** The fixture Deployment as the model leaves it when nothing is added (no local DB). */
export function baseDeployment(hash: string): KObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'backstage-bs1', namespace: 'ns1', labels: { ...LABELS } },
    spec: {
      selector: { matchLabels: { 'rhdh.redhat.com/app': 'backstage-bs1' } },
      template: {
        metadata: { labels: { team: 'a', 'rhdh.redhat.com/app': 'backstage-bs1' }, annotations: { 'rhdh.redhat.com/ext-config-hash': hash } },
        spec: {
          initContainers: [{ name: 'install-dynamic-plugins', image: 'registry.test/backstage:1', workingDir: '/opt/dp' }],
          containers: [
            { name: 'backstage-backend', image: 'registry.test/backstage:1', workingDir: '/opt/app' },
            { name: 'sidecar', image: 'registry.test/sidecar:1' },
          ],
        },
      },
    },
  };
}

/* eslint-disable @typescript-eslint/no-explicit-any */
export function podSpecOf(o: KObject | undefined): Record<string, any> {
  return (o as any).spec.template.spec;
}
export function containerOf(o: KObject | undefined, name = 'backstage-backend'): Record<string, any> {
  const ps = podSpecOf(o);
  return [...(ps.containers ?? []), ...(ps.initContainers ?? [])].find((c: any) => c.name === name);
}

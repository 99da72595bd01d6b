// Inputs for the ports of operator 1.9.8's tests (test/operator-ports/1.9*.test.ts), written here:
// small profiles in the spirit of the operator's pkg/model/testdata (a Deployment without a
// workingDir, so files land under /opt/app-root/src; a multi-container one; one shaped like the rhdh
// profile's), and a build with operatorVersion 1.9 on a CR named `bs` in `ns123`.
import type { KObject } from '../../fn/kio/types';
import type { RenderOptions } from '../../fn/options';
import type { Profile } from '../../fn/profile/profile';
import { build as buildModel, type Built } from '../model/helpers';
import { DB_SECRET, DB_SERVICE, DB_STATEFULSET } from '../model/fixtures';

export const NS = 'ns123';
export const LABELS = (cr = 'bs') => ({ 'app.kubernetes.io/name': 'backstage', 'app.kubernetes.io/instance': cr });

/** One Backstage container, no workingDir (the operator's testdata/default-config/deployment.yaml facts). */
export const PLAIN_DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: placeholder
spec:
  replicas: 1
  selector:
    matchLabels: {}
  template:
    metadata:
      labels: {}
    spec:
      containers:
        - name: backstage-backend
          image: registry.test/backstage:1
          ports:
            - name: http
              containerPort: 7007
`;

/** Two init containers and two containers (testdata/multicontainer-deployment.yaml facts). */
export const MULTI_DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: placeholder
spec:
  replicas: 1
  selector:
    matchLabels: {}
  template:
    spec:
      initContainers:
        - name: install-dynamic-plugins
          image: registry.test/hub:1
        - name: another-init-container
          image: registry.test/hub:1
      containers:
        - name: backstage-backend
          image: registry.test/hub:1
        - name: another-container
          image: registry.test/hub:1
`;

/** Shaped like the rhdh profile's Deployment (testdata/rhdh-deployment.yaml facts). */
export const RHDH_DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: placeholder
spec:
  replicas: 1
  selector:
    matchLabels: {}
  template:
    spec:
      volumes:
        - name: dynamic-plugins-root
          ephemeral:
            volumeClaimTemplate:
              spec:
                accessModes:
                  - ReadWriteOnce
                resources:
                  requests:
                    storage: 1Gi
        - name: dynamic-plugins-npmrc
          secret:
            defaultMode: 420
            optional: true
            secretName: dynamic-plugins-npmrc
        - name: dynamic-plugins-registry-auth
          secret:
            defaultMode: 416
            optional: true
            secretName: dynamic-plugins-registry-auth
      initContainers:
        - name: install-dynamic-plugins
          image: registry.test/hub:1
          command:
            - ./install-dynamic-plugins.sh
            - /dynamic-plugins-root
          env:
            - name: NPM_CONFIG_USERCONFIG
              value: /opt/app-root/src/.npmrc.dynamic-plugins
            - name: CATALOG_INDEX_IMAGE
              value: registry.test/catalog-index:1.9
          volumeMounts:
            - mountPath: /dynamic-plugins-root
              name: dynamic-plugins-root
            - mountPath: /opt/app-root/src/.npmrc.dynamic-plugins
              name: dynamic-plugins-npmrc
              readOnly: true
              subPath: .npmrc
            - mountPath: /opt/app-root/src/.config/containers
              name: dynamic-plugins-registry-auth
              readOnly: true
          workingDir: /opt/app-root/src
      containers:
        - name: backstage-backend
          image: registry.test/hub:1
          args:
            - --config
            - dynamic-plugins-root/app-config.dynamic-plugins.yaml
          volumeMounts:
            - mountPath: /opt/app-root/src/dynamic-plugins-root
              name: dynamic-plugins-root
`;

export const SERVICE = `apiVersion: v1
kind: Service
metadata:
  name: placeholder
  labels:
    default: "true"
spec:
  type: NodePort
  selector: {}
  ports:
    - name: http
      port: 80
      targetPort: http
`;

/** The profile: default-config/<key> -> text; `deployment.yaml` and `service.yaml` default to the plain ones. */
export function profile19(files: Record<string, string> = {}, omit: string[] = []): Profile {
  const all: Record<string, string> = {
    'default-config/deployment.yaml': PLAIN_DEPLOYMENT,
    'default-config/service.yaml': SERVICE,
    'default-config/db-statefulset.yaml': DB_STATEFULSET,
    'default-config/db-service.yaml': DB_SERVICE,
    'default-config/db-secret.yaml': DB_SECRET,
  };
  for (const [k, v] of Object.entries(files)) all[k.includes('/') ? k : `default-config/${k}`] = v;
  for (const k of omit) delete all[k.includes('/') ? k : `default-config/${k}`];
  return { name: 'ports-1.9', files: all };
}

export function cr19(spec: Record<string, unknown> = {}, name = 'bs', apiVersion = 'rhdh.redhat.com/v1alpha5'): KObject {
  return { apiVersion, kind: 'Backstage', metadata: { name, namespace: NS }, spec };
}

export const NO_DB = { database: { enableLocalDb: false } };

export function cmIn(name: string, data: Record<string, string>): KObject {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: NS }, data };
}
export function binaryCmIn(name: string, binaryData: Record<string, string>): KObject {
  const enc: Record<string, string> = {};
  for (const [k, v] of Object.entries(binaryData)) enc[k] = Buffer.from(v).toString('base64');
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: NS }, binaryData: enc };
}
export function secretIn(name: string, data: Record<string, string>): KObject {
  const enc: Record<string, string> = {};
  for (const [k, v] of Object.entries(data)) enc[k] = Buffer.from(v).toString('base64');
  return { apiVersion: 'v1', kind: 'Secret', metadata: { name, namespace: NS }, data: enc };
}
export function pvcIn(name: string): KObject {
  return { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name, namespace: NS }, spec: {} };
}

/** Builds the model as operator 1.9 (options may add e.g. the RELATED_IMAGE_* options or the platform). */
export function build19(cr: KObject, profile: Profile, inputs: KObject[] = [], options: Partial<RenderOptions> = {}): Built {
  return buildModel({ cr, profile, inputs, options: { namespace: NS, platform: 'kubernetes', ...options, operatorVersion: '1.9' } });
}

/* eslint-disable @typescript-eslint/no-explicit-any */
export function podSpec(b: Built): Record<string, any> {
  const d = b.model.objects.find((o) => (o.kind === 'Deployment' || o.kind === 'StatefulSet') && o.metadata.name === 'backstage-bs') as any;
  return d.spec.template.spec;
}
export function container(b: Built, name = 'backstage-backend'): Record<string, any> {
  const ps = podSpec(b);
  return [...(ps.containers ?? []), ...(ps.initContainers ?? [])].find((c: any) => c.name === name);
}
export const mountsOf = (b: Built, name = 'backstage-backend'): unknown[] | undefined => container(b, name)?.volumeMounts;
export const volumesOf = (b: Built): unknown[] | undefined => podSpec(b).volumes;
export const errors = (b: Built): Array<[string | undefined, string]> => b.results.filter((r) => r.severity === 'error').map((r) => [r.field?.path, r.message]);

export const cmVol = (name: string, cmName = name) => ({ name, configMap: { name: cmName, defaultMode: 420, optional: false } });
export const secVol = (name: string, secretName = name) => ({ name, secret: { secretName, defaultMode: 420, optional: false } });
export const pvcVol = (name: string) => ({ name, persistentVolumeClaim: { claimName: name } });
/** A one-file mount (the operator's subPath mounts are readOnly). */
export const file = (name: string, mountPath: string, subPath: string) => ({ name, readOnly: true, mountPath, subPath });
export const dir = (name: string, mountPath: string) => ({ name, mountPath });

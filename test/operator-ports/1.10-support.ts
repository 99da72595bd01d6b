// Shared by the ports of release-1.10's tests (test/operator-ports/1.10-*.test.ts): a small profile
// of our own in the shape of the operator's pkg/model/testdata/default-config (a Deployment whose
// Backstage container has no workingDir, so files go to /opt/app-root/src; a Service), and one call
// that runs the whole renderer (fn/render.ts) as operatorVersion 1.10.
import { renderBackstage } from '../../fn/render';
import { ANNOTATION_RENDERED_FROM, type KObject, type Result } from '../../fn/kio/types';
import type { RenderOptions } from '../../fn/options';
import type { Profile } from '../../fn/profile/profile';
import { resolveProfile } from '../../cli/profile-loader';

/** The embedded rhdh profile of release-1.10 (equal to its config/profile/rhdh: test/profiles/profiles.test.ts). */
export const RHDH_110: Profile = resolveProfile('rhdh', process.cwd(), '1.10');

export const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: backstage
spec:
  replicas: 1
  selector:
    matchLabels:
      backstage.io/app: x
  template:
    metadata:
      labels:
        backstage.io/app: x
    spec:
      containers:
        - name: backstage-backend
          image: registry.test/backstage:1
`;

/** Two init containers and two containers, as the operator's multicontainer-deployment.yaml has. */
export const MULTI_CONTAINER_DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
spec:
  template:
    spec:
      initContainers:
        - name: install-dynamic-plugins
          image: registry.test/backstage:1
        - name: another-init-container
          image: registry.test/backstage:1
      containers:
        - name: backstage-backend
          image: registry.test/backstage:1
        - name: another-container
          image: registry.test/backstage:1
`;

export const SERVICE = `apiVersion: v1
kind: Service
metadata:
  name: backstage
spec:
  type: NodePort
  ports:
    - name: http
      port: 80
      targetPort: http
`;

export const BASE_FILES: Record<string, string> = {
  'default-config/deployment.yaml': DEPLOYMENT,
  'default-config/service.yaml': SERVICE,
};

export const CR_NAME = 'bs';
export const NS = 'ns123';

/** A v1alpha5 Backstage named bs in ns123; no local database unless the spec enables it. */
export function cr(spec: Record<string, unknown> = {}, meta: Record<string, unknown> = {}): KObject {
  return { apiVersion: 'rhdh.redhat.com/v1alpha5', kind: 'Backstage', metadata: { name: CR_NAME, namespace: NS, ...meta }, spec: { database: { enableLocalDb: false }, ...spec } };
}

export function configMap(name: string, data: Record<string, string>, binaryData?: Record<string, string>): KObject {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: NS }, data, ...(binaryData ? { binaryData } : {}) };
}

export function secret(name: string, data: Record<string, string>): KObject {
  const encoded = Object.fromEntries(Object.entries(data).map(([k, v]) => [k, Buffer.from(v).toString('base64')]));
  return { apiVersion: 'v1', kind: 'Secret', metadata: { name, namespace: NS }, data: encoded };
}

/* eslint-disable @typescript-eslint/no-explicit-any */
export interface Rendered {
  /** The objects to apply, without our rendered-from annotation (an empty annotations map dropped). */
  objects: KObject[];
  results: Result[];
  errors: string[];
  get(kind: string, name: string): KObject | undefined;
  /** The Backstage Deployment's pod spec. */
  pod(): Record<string, any>;
  container(name?: string): Record<string, any>;
}

export function render110(args: {
  cr: KObject;
  files?: Record<string, string>;
  inputs?: KObject[];
  options?: Partial<RenderOptions>;
  /** Another profile than ours (the integration tests run on the operator's rhdh profile: RHDH_110). */
  profile?: Profile;
}): Rendered {
  const options: RenderOptions = { platform: 'kubernetes', profile: 'port', secretSeed: 'port-seed', operatorVersion: '1.10', ...args.options };
  const profile = args.profile ?? { name: 'port', files: { ...BASE_FILES, ...(args.files ?? {}) } };
  const res = renderBackstage({ items: [args.cr, ...(args.inputs ?? [])], options, profile });
  const objects = res.generated.map(withoutRenderedFrom);
  const get = (kind: string, name: string) => objects.find((o) => o.kind === kind && o.metadata.name === name);
  const workload = () => objects.find((o) => (o.kind === 'Deployment' || o.kind === 'StatefulSet') && o.metadata.name === `backstage-${CR_NAME}`) as any;
  const pod = () => workload().spec.template.spec;
  return {
    objects,
    results: res.results,
    errors: res.results.filter((r) => r.severity === 'error').map((r) => r.message),
    get,
    pod,
    container: (name = 'backstage-backend') => [...(pod().initContainers ?? []), ...pod().containers].find((c: any) => c.name === name),
  };
}

function withoutRenderedFrom(o: KObject): KObject {
  const annotations = { ...(o.metadata.annotations ?? {}) };
  delete annotations[ANNOTATION_RENDERED_FROM];
  const metadata = { ...o.metadata, annotations };
  if (Object.keys(annotations).length === 0) delete (metadata as any).annotations;
  return { ...o, metadata };
}

/** kind/name of each object, in output order. */
export function kindNames(objects: KObject[]): string[] {
  return objects.map((o) => `${o.kind}/${o.metadata.name}`);
}

/** The volume the operator adds for a ConfigMap or Secret it mounts (mountFilesFrom). */
export const cmVolumeOf = (name: string) => ({ name, configMap: { name, defaultMode: 420, optional: false } });
export const secretVolumeOf = (name: string) => ({ name, secret: { secretName: name, defaultMode: 420, optional: false } });

// Prepend mode must equal what real `kubectl kustomize` does with a
// strategic-merge patch (kustomize runs kyaml merge2 with ListPrepend).
import { isDeepStrictEqual } from 'node:util';
import { strategicMerge } from '../../fn/merge/strategic-merge';
import { generatedCases } from './generate';
import { MergeCase, caseId, kustomizeAll, withoutEmptyAnnotations } from './kustomize';

type Obj = Record<string, unknown>;
const dep = (name: string, podSpec: Obj, meta: Obj = {}): Obj => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name, ...meta },
  spec: { selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: podSpec } },
});
const depPatch = (name: string, podSpec: Obj, meta: Obj = {}): Obj => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name, ...meta },
  spec: { template: { spec: podSpec } },
});

const FIXED: MergeCase[] = [
  {
    name: 'containers, env, volumes: add, change, delete, replace',
    base: dep('f1', {
      containers: [
        { name: 'a', image: 'a:1', env: [{ name: 'A1', value: '1' }, { name: 'A2', value: '2' }], ports: [{ containerPort: 80 }, { containerPort: 81, protocol: 'UDP' }] },
        { name: 'b', image: 'b:1', env: [{ name: 'B', value: '1' }] },
        { name: 'c', image: 'c:1' },
      ],
      volumes: [{ name: 'v1', emptyDir: {} }],
    }),
    patch: depPatch('f1', {
      containers: [
        { name: 'c', image: 'c:2' },
        { name: 'new', image: 'n:1' },
        { name: 'b', $patch: 'replace', image: 'b:2' },
        { name: 'a', env: [{ name: 'A0', value: '0' }, { name: 'A2', $patch: 'delete' }], ports: [{ containerPort: 82 }] },
      ],
      volumes: [{ name: 'v2', emptyDir: {} }],
    }),
  },
  {
    name: 'nulls and map directives',
    base: dep('f2', { securityContext: { fsGroup: 1 }, containers: [{ name: 'a', resources: { requests: { cpu: '1' }, limits: { cpu: '2' } }, args: ['--x'] }] }, { labels: { a: '1', b: '2' } }),
    patch: depPatch('f2', { securityContext: { $patch: 'delete' }, containers: [{ name: 'a', resources: { $patch: 'replace', limits: { memory: '1Gi' } }, args: null }], affinity: { $patch: 'merge', nodeAffinity: {} } }, { labels: { a: null, c: '3', d: null } }),
  },
  {
    name: 'list directives: replace and delete whole lists',
    base: dep('f3', { containers: [{ name: 'a' }], volumes: [{ name: 'v1' }, { name: 'v2' }], imagePullSecrets: [{ name: 'p' }] }),
    patch: depPatch('f3', { volumes: [{ $patch: 'replace' }, { name: 'v3', emptyDir: {} }], imagePullSecrets: [{ $patch: 'delete' }] }),
  },
  {
    name: 'deleting every container',
    base: dep('f4', { containers: [{ name: 'a' }] }),
    patch: depPatch('f4', { containers: [{ name: 'a', $patch: 'delete' }] }),
  },
  {
    name: 'ports with protocol on some items only',
    base: dep('f5', { containers: [{ name: 'a', ports: [{ containerPort: 80, name: 'http' }, { containerPort: 53, protocol: 'UDP' }, { containerPort: 53, protocol: 'TCP' }] }] }),
    patch: depPatch('f5', { containers: [{ name: 'a', ports: [{ containerPort: 80, protocol: 'TCP', name: 'web' }, { containerPort: 8080 }] }] }),
  },
  {
    name: 'ports with protocol on none',
    base: dep('f6', { containers: [{ name: 'a', ports: [{ containerPort: 80, name: 'http' }, { containerPort: 81 }] }] }),
    patch: depPatch('f6', { containers: [{ name: 'a', ports: [{ containerPort: 81, name: 'x' }, { containerPort: 82 }] }] }),
  },
  {
    name: 'volumeMounts by mountPath, new lists in new containers with deletions',
    base: dep('f7', { containers: [{ name: 'a', volumeMounts: [{ name: 'v', mountPath: '/a' }, { name: 'v', mountPath: '/b' }] }] }),
    patch: depPatch('f7', {
      containers: [
        { name: 'a', volumeMounts: [{ mountPath: '/b', readOnly: true }, { mountPath: '/a', $patch: 'delete' }, { mountPath: '/c', name: 'w' }] },
        { name: 'z', env: [{ name: 'Z', value: '1' }, { name: 'Y', $patch: 'delete' }] },
      ],
    }),
  },
  {
    name: 'an existing item patched with a null key field elsewhere and nested nulls in new items',
    base: dep('f8', { containers: [{ name: 'a', env: [{ name: 'A', value: '1' }] }] }),
    patch: depPatch('f8', { initContainers: [{ name: 'i', image: 'i:1', env: null, resources: { limits: null } }], containers: [{ name: 'a', env: [{ name: 'A', value: null, valueFrom: { fieldRef: { fieldPath: 'x' } } }] }] }),
  },
  {
    name: 'Service ports by port and protocol',
    base: { apiVersion: 'v1', kind: 'Service', metadata: { name: 'f9' }, spec: { ports: [{ name: 'http', port: 80, targetPort: 8080 }, { name: 'https', port: 443, protocol: 'TCP' }] } },
    patch: { apiVersion: 'v1', kind: 'Service', metadata: { name: 'f9' }, spec: { ports: [{ port: 80, targetPort: 9090 }, { port: 8443, name: 'alt' }], type: 'NodePort' } },
  },
  {
    name: 'finalizers',
    base: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'f10', finalizers: ['a', 'b'] }, data: { k: 'v' } },
    patch: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'f10', finalizers: ['c', 'a'] }, data: { j: 'w', k: null } },
  },
  {
    name: 'Route: no schema, lists replaced',
    base: { apiVersion: 'route.openshift.io/v1', kind: 'Route', metadata: { name: 'f11' }, spec: { to: { kind: 'Service', name: 's' }, alternateBackends: [{ kind: 'Service', name: 'b', weight: 1 }] } },
    patch: { apiVersion: 'route.openshift.io/v1', kind: 'Route', metadata: { name: 'f11' }, spec: { tls: { termination: 'edge' }, alternateBackends: [{ kind: 'Service', name: 'c', weight: 2 }] } },
  },
  {
    name: 'CRD: no schema, name-keyed lists replaced',
    base: { apiVersion: 'sonataflow.org/v1alpha08', kind: 'SonataFlowPlatform', metadata: { name: 'f12' }, spec: { build: { template: { env: [{ name: 'A', value: '1' }] } }, services: { dataIndex: { enabled: true } } } },
    patch: { apiVersion: 'sonataflow.org/v1alpha08', kind: 'SonataFlowPlatform', metadata: { name: 'f12' }, spec: { build: { template: { env: [{ name: 'B', value: '2' }] } }, services: { jobService: { enabled: true } } } },
  },
  {
    name: 'StatefulSet: volumeClaimTemplates replaced, pod template merged',
    base: { apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'f13' }, spec: { serviceName: 's', volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'] } }], template: { spec: { containers: [{ name: 'db', image: 'pg:15' }] } } } },
    patch: { apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'f13' }, spec: { volumeClaimTemplates: [{ metadata: { name: 'extra' } }], template: { spec: { containers: [{ name: 'exporter', image: 'e:1' }, { name: 'db', image: 'pg:16' }] } } } },
  },
  {
    name: 'Job pod template and PVC',
    base: { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'f14' }, spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'j', env: [{ name: 'A', value: '1' }] }] } } } },
    patch: { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'f14' }, spec: { backoffLimit: 2, template: { spec: { containers: [{ name: 'j', env: [{ name: 'B', value: '2' }] }] } } } },
  },
  {
    name: 'PersistentVolumeClaim',
    base: { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'f15' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } },
    patch: { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'f15' }, spec: { accessModes: ['ReadWriteMany'], storageClassName: 'fast', resources: { requests: { storage: '2Gi' } } } },
  },
  {
    name: 'Secret with stringData null',
    base: { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'f16', labels: { a: '1' } }, stringData: { a: 'b' }, type: 'Opaque' },
    patch: { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'f16', labels: { b: '2' } }, stringData: null, data: { x: 'eA==' } },
  },
  {
    name: 'directives on items and maps the base lacks',
    base: dep('f17', { containers: [{ name: 'a', image: 'a:1' }] }),
    patch: depPatch('f17', {
      containers: [{ name: 'ghost', $patch: 'delete' }, { name: 'b', $patch: 'replace', image: 'b:1' }],
      securityContext: { $patch: 'delete' },
      affinity: { $patch: 'replace', podAffinity: {} },
      volumes: [{ $patch: 'delete' }],
    }),
  },
  {
    name: 'Kubernetes-only directives are plain fields for kyaml',
    base: { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'f18', finalizers: ['a', 'b'] }, spec: { strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1 } }, template: { spec: { containers: [{ name: 'a' }, { name: 'b' }] } } } },
    patch: {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'f18', $deleteFromPrimitiveList: { finalizers: ['a'] } },
      spec: { strategy: { $retainKeys: ['type'], type: 'Recreate' }, template: { spec: { $setElementOrder: { containers: [{ name: 'b' }, { name: 'a' }] } } } },
    },
  },
  {
    name: 'items without their merge key, duplicates, empty items',
    base: dep('f20', { containers: [{ name: 'a', env: [{ value: 'nameless' }, { name: 'A', value: '1' }, { name: 'A', value: '2' }] }, { image: 'no-name' }], volumes: [{ name: 'v' }, {}] }, { finalizers: ['x', 'x', 'y'] }),
    patch: depPatch('f20', { containers: [{ name: 'a', env: [{ value: 'other' }, { name: 'B', value: '3' }] }, { image: 'also-no-name' }], volumes: [{ name: 'w' }] }, { finalizers: ['y', 'z', 'z'] }),
  },
  {
    name: 'the whole object deleted',
    base: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'f19' }, data: { a: 'b' } },
    patch: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'f19' }, $patch: 'delete' },
  },
];

describe('prepend mode equals kubectl kustomize', () => {
  const generated = generatedCases(20261121, 250);
  const all = [...FIXED, ...generated];
  let reference: Map<string, unknown>;

  beforeAll(() => {
    reference = kustomizeAll(all);
  });

  test.each(FIXED.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const ours = strategicMerge(c.base, c.patch, { listIncreaseDirection: 'prepend' });
    expect(withoutEmptyAnnotations(ours)).toEqual(withoutEmptyAnnotations(reference.get(caseId(c))));
  });

  test(`${generated.length} generated Deployments and patches`, () => {
    const mismatches: string[] = [];
    for (const c of generated) {
      const ours = withoutEmptyAnnotations(strategicMerge(c.base, c.patch, { listIncreaseDirection: 'prepend' }));
      const theirs = withoutEmptyAnnotations(reference.get(caseId(c)));
      try {
        expect(ours).toEqual(theirs);
      } catch {
        mismatches.push(`${c.name} (${caseId(c)})\nbase: ${JSON.stringify(c.base)}\npatch: ${JSON.stringify(c.patch)}\nours: ${JSON.stringify(ours)}\nkustomize: ${JSON.stringify(theirs)}`);
      }
    }
    expect(mismatches.slice(0, 3)).toEqual([]);
    expect(mismatches.length).toBe(0);
  });

  test('the comparison tells the directions apart (append differs from kustomize for many cases)', () => {
    const differing = generated.filter((c) => {
      const appended = withoutEmptyAnnotations(strategicMerge(c.base, c.patch, { listIncreaseDirection: 'append' }));
      return !isDeepStrictEqual(appended, withoutEmptyAnnotations(reference.get(caseId(c))));
    });
    expect(differing.length).toBeGreaterThan(generated.length / 4);
  });
});

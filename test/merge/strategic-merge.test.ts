import {
  LIST_MERGE_MODE_ANNOTATION,
  MergeError,
  listMergeModeFromAnnotation,
  mergeDeploymentPatch,
  strategicMerge,
} from '../../fn/merge/strategic-merge';
import { RESOURCE_TYPES, TYPES } from '../../fn/merge/k8s-merge-schema';
import { expectSame, frozen } from './same';

const deployment = (podSpec: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'd' },
  spec: { template: { spec: podSpec } },
  ...extra,
});
const podPatch = (podSpec: Record<string, unknown>) => ({ spec: { template: { spec: podSpec } } });

describe('maps and scalars', () => {
  test('maps merge, scalars are replaced, new keys are appended in sorted order', () => {
    const base = frozen({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x', labels: { b: '1', a: '1' } }, data: { k: 'v' } });
    const patch = frozen({ metadata: { labels: { zeta: 'z', a: '2', alpha: 'a' }, annotations: { n: '1' } }, data: { k: 'w' } });
    expectSame(strategicMerge(base, patch), {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'x', labels: { b: '1', a: '2', alpha: 'a', zeta: 'z' }, annotations: { n: '1' } },
      data: { k: 'w' },
    });
  });

  test('null deletes a scalar, a map or a list; a null for an absent field adds nothing', () => {
    const base = frozen({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x', labels: { a: '1', b: '1' }, finalizers: ['f'] }, data: { k: 'v' } });
    const patch = frozen({ metadata: { labels: { a: null, c: null }, finalizers: null }, data: null, binaryData: null });
    expectSame(strategicMerge(base, patch), { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x', labels: { b: '1' } } });
  });

  test('a null the patch does not mention stays', () => {
    const base = frozen({ metadata: { name: 'x', creationTimestamp: null }, spec: {} });
    expectSame(strategicMerge(base, { spec: { a: 1 } }), { metadata: { name: 'x', creationTimestamp: null }, spec: { a: 1 } });
  });

  test('a map in the patch replaces a null, nested nulls in new maps are dropped', () => {
    const base = frozen({ spec: { strategy: null } });
    expectSame(strategicMerge(base, { spec: { strategy: { type: 'Recreate', rollingUpdate: null } } }), { spec: { strategy: { type: 'Recreate' } } });
  });

  test('$patch: delete removes a map, $patch: replace replaces it, $patch: merge is dropped', () => {
    const base = frozen(
      deployment({
        securityContext: { fsGroup: 1 },
        containers: [{ name: 'c', image: 'i', resources: { requests: { cpu: '1', memory: '1Gi' }, limits: { cpu: '2' } } }],
        dnsConfig: { options: [{ name: 'ndots', value: '2' }] },
      }),
    );
    const patch = frozen(
      podPatch({
        securityContext: { $patch: 'delete' },
        containers: [{ name: 'c', resources: { $patch: 'replace', requests: { cpu: '3' } } }],
        dnsConfig: { $patch: 'merge', searches: ['a'] },
        affinity: { $patch: 'replace', nodeAffinity: {} },
      }),
    );
    expectSame(
      strategicMerge(base, patch),
      deployment({
        containers: [{ name: 'c', image: 'i', resources: { requests: { cpu: '3' } } }],
        dnsConfig: { options: [{ name: 'ndots', value: '2' }], searches: ['a'] },
        affinity: { nodeAffinity: {} },
      }),
    );
  });

  test('$patch: delete at the top deletes the document', () => {
    expect(strategicMerge({ a: 1 }, { $patch: 'delete' })).toBeNull();
  });

  test('an unknown $patch value is an error at its field', () => {
    const err = (() => {
      try {
        strategicMerge(deployment({ containers: [{ name: 'c', resources: { limits: {} } }] }), podPatch({ containers: [{ name: 'c', resources: { $patch: 'remove' } }] }));
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(err).toBeInstanceOf(MergeError);
    expect((err as MergeError).path).toBe('spec.template.spec.containers[name=c].resources');
    expect((err as MergeError).message).toBe("spec.template.spec.containers[name=c].resources: unknown patch strategy 'remove'");
  });

  test('a map where the base has a scalar (or the other way round) is an error at the field', () => {
    expect(() => strategicMerge({ spec: { replicas: 1 } }, { spec: { replicas: { a: 1 } } })).toThrow(
      new MergeError('wrong node kind: expected ScalarNode but got MappingNode', 'spec.replicas'),
    );
    expect(() => strategicMerge(deployment({ containers: [{ name: 'c', env: [] }] }), podPatch({ containers: [{ name: 'c', env: { a: 1 } }] }))).toThrow(
      new MergeError('wrong node kind: expected SequenceNode but got MappingNode', 'spec.template.spec.containers[name=c].env'),
    );
  });

  test('inputs are left untouched and the result shares nothing with them', () => {
    const base = frozen(deployment({ containers: [{ name: 'c', env: [{ name: 'A', value: '1' }] }] }));
    const patch = frozen(podPatch({ containers: [{ name: 'c', env: [{ name: 'A', $patch: 'delete' }] }], volumes: [{ name: 'v', emptyDir: {} }] }));
    const out = strategicMerge(base, patch) as ReturnType<typeof deployment>;
    expectSame(out, deployment({ containers: [{ name: 'c', env: [] }], volumes: [{ name: 'v', emptyDir: {} }] }));
    expect(Object.isFrozen((out.spec.template.spec.volumes as unknown[])[0])).toBe(false);
  });
});

describe('lists', () => {
  const base = () =>
    frozen(
      deployment({
        containers: [
          { name: 'a', image: 'a:1', env: [{ name: 'A1', value: '1' }, { name: 'A2', value: '2' }] },
          { name: 'b', image: 'b:1' },
        ],
        volumes: [{ name: 'v1', emptyDir: {} }],
      }),
    );
  const patch = () =>
    frozen(
      podPatch({
        containers: [
          { name: 'b', image: 'b:2' },
          { name: 'c', image: 'c:1' },
          { name: 'a', env: [{ name: 'A2', $patch: 'delete' }, { name: 'A3', value: '3' }] },
        ],
        volumes: [{ name: 'v0', secret: { secretName: 's' } }],
      }),
    );

  test('append (the operator default): existing items keep their place, new ones go last', () => {
    expectSame(
      strategicMerge(base(), patch()),
      deployment({
        containers: [
          { name: 'a', image: 'a:1', env: [{ name: 'A1', value: '1' }, { name: 'A3', value: '3' }] },
          { name: 'b', image: 'b:2' },
          { name: 'c', image: 'c:1' },
        ],
        volumes: [{ name: 'v1', emptyDir: {} }, { name: 'v0', secret: { secretName: 's' } }],
      }),
    );
    expectSame(strategicMerge(base(), patch(), { listIncreaseDirection: 'append' }), strategicMerge(base(), patch()));
  });

  test('prepend (kustomize): the patch items come first, in patch order, then the rest of the base', () => {
    expectSame(
      strategicMerge(base(), patch(), { listIncreaseDirection: 'prepend' }),
      deployment({
        containers: [
          { name: 'b', image: 'b:2' },
          { name: 'c', image: 'c:1' },
          { name: 'a', image: 'a:1', env: [{ name: 'A3', value: '3' }, { name: 'A1', value: '1' }] },
        ],
        volumes: [{ name: 'v0', secret: { secretName: 's' } }, { name: 'v1', emptyDir: {} }],
      }),
    );
  });

  test('volumeMounts merge by mountPath, imagePullSecrets by name', () => {
    const b = frozen(
      deployment({
        imagePullSecrets: [{ name: 'p1' }],
        containers: [{ name: 'c', volumeMounts: [{ name: 'v', mountPath: '/a' }, { name: 'v', mountPath: '/b', readOnly: true }] }],
      }),
    );
    const p = frozen(podPatch({ imagePullSecrets: [{ name: 'p2' }], containers: [{ name: 'c', volumeMounts: [{ mountPath: '/b', name: 'w' }, { mountPath: '/c', name: 'v' }] }] }));
    expectSame(
      strategicMerge(b, p),
      deployment({
        imagePullSecrets: [{ name: 'p1' }, { name: 'p2' }],
        containers: [{ name: 'c', volumeMounts: [{ name: 'v', mountPath: '/a' }, { name: 'w', mountPath: '/b', readOnly: true }, { mountPath: '/c', name: 'v' }] }],
      }),
    );
  });

  test('container ports merge by containerPort and protocol', () => {
    const b = frozen(deployment({ containers: [{ name: 'c', ports: [{ name: 'http', containerPort: 80, protocol: 'TCP' }, { containerPort: 53, protocol: 'UDP' }] }] }));
    const p = frozen(podPatch({ containers: [{ name: 'c', ports: [{ containerPort: 80, protocol: 'TCP', name: 'web' }, { containerPort: 53, protocol: 'TCP' }] }] }));
    expectSame(
      strategicMerge(b, p),
      deployment({
        containers: [{ name: 'c', ports: [{ name: 'web', containerPort: 80, protocol: 'TCP' }, { containerPort: 53, protocol: 'UDP' }, { containerPort: 53, protocol: 'TCP' }] }],
      }),
    );
  });

  test('Service ports merge by port and protocol', () => {
    const b = frozen({ apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { ports: [{ name: 'http', port: 80, protocol: 'TCP', targetPort: 7007 }] } });
    const p = frozen({ spec: { ports: [{ port: 80, protocol: 'TCP', targetPort: 8080 }, { port: 443, protocol: 'TCP', name: 'https' }] } });
    expectSame(strategicMerge(b, p), {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 's' },
      spec: { ports: [{ name: 'http', port: 80, protocol: 'TCP', targetPort: 8080 }, { port: 443, protocol: 'TCP', name: 'https' }] },
    });
  });

  test('lists without merge keys in the schema are replaced whole, $patch items and all', () => {
    const b = frozen(deployment({ containers: [{ name: 'c', args: ['--a', '--b'], command: ['x'] }], tolerations: [{ key: 'k' }] }));
    const p = frozen(podPatch({ containers: [{ name: 'c', args: ['--c'] }], tolerations: [{ key: 'j' }, { $patch: 'replace' }] }));
    expectSame(strategicMerge(b, p), deployment({ containers: [{ name: 'c', args: ['--c'], command: ['x'] }], tolerations: [{ key: 'j' }, { $patch: 'replace' }] }));
  });

  test('a list item $patch: replace replaces it (append) and an element-only $patch: replace replaces the list', () => {
    const b = frozen(deployment({ containers: [{ name: 'a', image: 'a:1', env: [{ name: 'X', value: '1' }] }, { name: 'b' }], volumes: [{ name: 'v1' }, { name: 'v2' }] }));
    const p = frozen(podPatch({ containers: [{ name: 'a', $patch: 'replace', image: 'a:2' }], volumes: [{ $patch: 'replace' }, { name: 'v3' }] }));
    expectSame(strategicMerge(b, p), deployment({ containers: [{ name: 'a', image: 'a:2' }, { name: 'b' }], volumes: [{ name: 'v3' }] }));
  });

  test('$patch: delete on a list, null on a list', () => {
    const b = frozen(deployment({ containers: [{ name: 'a' }], volumes: [{ name: 'v1' }], initContainers: [{ name: 'i' }] }));
    expectSame(strategicMerge(b, podPatch({ volumes: [{ $patch: 'delete' }], initContainers: null })), deployment({ containers: [{ name: 'a' }] }));
  });

  test('deleting every item leaves an empty list', () => {
    const b = frozen(deployment({ containers: [{ name: 'a' }] }));
    expectSame(strategicMerge(b, podPatch({ containers: [{ name: 'a', $patch: 'delete' }] })), deployment({ containers: [] }));
  });

  test('a list the base lacks is taken from the patch, with its deletions applied', () => {
    const b = frozen(deployment({ containers: [{ name: 'a' }] }));
    const p = frozen(podPatch({ containers: [{ name: 'a', env: [{ name: 'A', value: '1' }, { name: 'B', $patch: 'delete' }] }] }));
    expectSame(strategicMerge(b, p), deployment({ containers: [{ name: 'a', env: [{ name: 'A', value: '1' }] }] }));
  });

  test('finalizers merge as a set of values', () => {
    const b = frozen({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's', finalizers: ['a', 'b'] } });
    expectSame(strategicMerge(b, { metadata: { finalizers: ['c', 'a'] } }), { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's', finalizers: ['a', 'b', 'c'] } });
    expectSame(strategicMerge(b, { metadata: { finalizers: ['c', 'a'] } }, { listIncreaseDirection: 'prepend' }), {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 's', finalizers: ['c', 'a', 'b'] },
    });
  });

  test('kinds kyaml has no schema for (Route, CRDs) replace every list', () => {
    const b = frozen({ apiVersion: 'sonataflow.org/v1alpha08', kind: 'SonataFlowPlatform', metadata: { name: 'p' }, spec: { build: { config: { env: [{ name: 'A', value: '1' }] } } } });
    const p = frozen({ spec: { build: { config: { env: [{ name: 'B', value: '2' }] } } } });
    expectSame(strategicMerge(b, p), {
      apiVersion: 'sonataflow.org/v1alpha08',
      kind: 'SonataFlowPlatform',
      metadata: { name: 'p' },
      spec: { build: { config: { env: [{ name: 'B', value: '2' }] } } },
    });
  });

  test('inside an unknown kind, an embedded object with a known apiVersion and kind gets its schema', () => {
    const b = frozen({ apiVersion: 'example.com/v1', kind: 'Wrapper', spec: { workload: deployment({ containers: [{ name: 'a', image: 'a:1' }] }) } });
    const p = frozen({ spec: { workload: podPatch({ containers: [{ name: 'b', image: 'b:1' }] }) } });
    expectSame(strategicMerge(b, p), {
      apiVersion: 'example.com/v1',
      kind: 'Wrapper',
      spec: { workload: deployment({ containers: [{ name: 'a', image: 'a:1' }, { name: 'b', image: 'b:1' }] }) },
    });
  });

  test('the schema comes from the patch when the base has no apiVersion and kind', () => {
    const b = frozen({ spec: { template: { spec: { containers: [{ name: 'a' }] } } } });
    const p = frozen(deployment({ containers: [{ name: 'b' }] }));
    expect(strategicMerge(b, p)).toEqual({ ...deployment({ containers: [{ name: 'a' }, { name: 'b' }] }) });
  });
});

describe('spec.deployment.patch', () => {
  const base = frozen(deployment({ containers: [{ name: 'backstage-backend', image: 'a:1', env: [{ name: 'X', value: '1' }] }], volumes: [{ name: 'v1' }] }));
  const patch = frozen(podPatch({ containers: [{ name: 'backstage-backend', $patch: 'replace', image: 'a:2' }, { name: 'sidecar', image: 's:1' }], volumes: [{ name: 'v0' }] }));

  test('plain prepend loses $patch: replace on list items (kustomize issue 6146)', () => {
    expectSame(
      strategicMerge(base, patch, { listIncreaseDirection: 'prepend' }),
      deployment({ containers: [{ name: 'backstage-backend', image: 'a:1', env: [{ name: 'X', value: '1' }] }, { name: 'sidecar', image: 's:1' }], volumes: [{ name: 'v0' }, { name: 'v1' }] }),
    );
  });

  test('prepend mode merges twice, the second pass in append mode restores the replacement', () => {
    expectSame(
      mergeDeploymentPatch(base, patch, 'prepend'),
      deployment({ containers: [{ name: 'backstage-backend', image: 'a:2' }, { name: 'sidecar', image: 's:1' }], volumes: [{ name: 'v0' }, { name: 'v1' }] }),
    );
  });

  test('append mode is a single merge', () => {
    expectSame(mergeDeploymentPatch(base, patch, 'append'), strategicMerge(base, patch));
  });

  test('only "prepend" in the annotation selects prepend', () => {
    expect(LIST_MERGE_MODE_ANNOTATION).toBe('rhdh.redhat.com/deployment-patch-list-merge-mode');
    expect(listMergeModeFromAnnotation('prepend')).toBe('prepend');
    expect(listMergeModeFromAnnotation('append')).toBe('append');
    expect(listMergeModeFromAnnotation('Prepend')).toBe('append');
    expect(listMergeModeFromAnnotation(undefined)).toBe('append');
  });
});

describe('merge key table (from kyaml v0.18.1 embedded OpenAPI)', () => {
  const typeOf = (spec: string) => (spec.includes('[]') ? spec.slice(0, spec.indexOf('[]')) : spec);

  test('every type it names is in the table', () => {
    const missing: string[] = [];
    for (const t of Object.values(RESOURCE_TYPES)) if (t !== '' && !TYPES[t]) missing.push(t);
    for (const [t, fields] of Object.entries(TYPES)) for (const [f, spec] of Object.entries(fields)) if (typeOf(spec) !== '' && !TYPES[typeOf(spec)]) missing.push(`${t}.${f}: ${spec}`);
    expect(missing).toEqual([]);
  });

  test('the keys kyaml merges pod lists and Service ports by', () => {
    expect(TYPES.PodSpec).toEqual(
      expect.objectContaining({ containers: 'Container[]name', initContainers: 'Container[]name', ephemeralContainers: 'EphemeralContainer[]name', volumes: 'Volume[]name', imagePullSecrets: '[]name' }),
    );
    expect(TYPES.Container).toEqual({ env: '[]name', ports: '[]containerPort,protocol', volumeDevices: '[]devicePath', volumeMounts: '[]mountPath' });
    expect(TYPES.ServiceSpec).toEqual({ ports: '[]port,protocol' });
    expect(TYPES.ObjectMeta).toEqual({ finalizers: '[]=', ownerReferences: '[]uid' });
    expect(RESOURCE_TYPES['route.openshift.io/v1|Route']).toBeUndefined();
  });

  test('the same inputs give byte-identical output', () => {
    const b = deployment({ containers: [{ name: 'a', env: [{ name: 'X', value: '1' }] }] });
    const p = podPatch({ containers: [{ name: 'b' }, { name: 'a', env: [{ name: 'Y', value: '2' }] }] });
    expect(JSON.stringify(strategicMerge(b, p, { listIncreaseDirection: 'prepend' }))).toBe(JSON.stringify(strategicMerge(b, p, { listIncreaseDirection: 'prepend' })));
  });
});

describe('keys that are names of Object.prototype members', () => {
  test('constructor and __proto__ below typed fields merge as plain data', () => {
    const base = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd' }, spec: { template: { spec: { volumes: [{ name: 'v', emptyDir: {} }] } } } };
    const patch = JSON.parse('{"spec":{"template":{"spec":{"volumes":[{"name":"v","ephemeral":{"constructor":{"a":1},"__proto__":{"b":2}}}]}}}}');
    const merged = strategicMerge(base, patch) as any;
    const eph = merged.spec.template.spec.volumes[0].ephemeral;
    expect(Object.keys(eph)).toEqual(['constructor', '__proto__']);
    expect(eph.constructor).toEqual({ a: 1 });
    expect(Object.getPrototypeOf(eph)).toBe(Object.prototype);
    expect(({} as any).b).toBeUndefined();
  });
});

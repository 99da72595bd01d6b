// The operator's own expectations for its merges (release-1.10
// pkg/model/deployment_test.go, flavour_test.go, pkg/utils/utils_test.go),
// written here as whole objects. The bases carry the facts of the operator's
// test profiles (container, init container and volume names and order).
import { mergeDeploymentPatch, strategicMerge } from '../../fn/merge/strategic-merge';
import { parseYaml } from '../../fn/yaml';
import { expectSame, frozen } from './same';

/** The shape of the operator's test deployment (testdata/rhdh-deployment.yaml) when spec.deployment.patch is applied. */
function rhdhDeployment(): Record<string, unknown> {
  return frozen(
    parseYaml(`
apiVersion: apps/v1
kind: Deployment
metadata:
  name: backstage-bs
spec:
  replicas: 1
  selector:
    matchLabels:
      rhdh.redhat.com/app: backstage-bs
  template:
    metadata:
      labels:
        rhdh.redhat.com/app: backstage-bs
    spec:
      volumes:
        - name: dynamic-plugins-root
          ephemeral:
            volumeClaimTemplate:
              spec:
                accessModes: [ReadWriteOnce]
                resources:
                  requests:
                    storage: 1Gi
        - name: dynamic-plugins-npmrc
          secret:
            secretName: dynamic-plugins-npmrc
            optional: true
            defaultMode: 420
        - name: dynamic-plugins-registry-auth
          secret:
            secretName: dynamic-plugins-registry-auth
            optional: true
            defaultMode: 416
      initContainers:
        - name: install-dynamic-plugins
          image: quay.io/rhdh/rhdh-hub-rhel9:next
          volumeMounts:
            - name: dynamic-plugins-root
              mountPath: /dynamic-plugins-root
      containers:
        - name: backstage-backend
          image: quay.io/rhdh/rhdh-hub-rhel9:next
          ports:
            - name: backend
              containerPort: 7007
          env:
            - name: APP_CONFIG_backend_listen_port
              value: "7007"
`) as Record<string, unknown>,
  );
}

const y = (text: string) => frozen(parseYaml(text));

describe('spec.deployment.patch (deployment_test.go)', () => {
  test('default (append): labels added, sidecar after the backstage container, resources set, volume merged in place, new volume last', () => {
    const patch = y(`
metadata:
  labels:
    mylabel: java
spec:
 template:
   metadata:
     labels:
       pod: backstage
   spec:
     containers:
       - name: sidecar
         image: my-image:1.0.0
       - name: backstage-backend
         resources:
           requests:
             cpu: 251m
             memory: 257Mi
     volumes:
       - ephemeral:
           volumeClaimTemplate:
             spec:
               storageClassName: "special"
         name: dynamic-plugins-root
       - emptyDir:
         name: my-vol
`);
    const expected = y(`
apiVersion: apps/v1
kind: Deployment
metadata:
  name: backstage-bs
  labels:
    mylabel: java
spec:
  replicas: 1
  selector:
    matchLabels:
      rhdh.redhat.com/app: backstage-bs
  template:
    metadata:
      labels:
        rhdh.redhat.com/app: backstage-bs
        pod: backstage
    spec:
      volumes:
        - name: dynamic-plugins-root
          ephemeral:
            volumeClaimTemplate:
              spec:
                accessModes: [ReadWriteOnce]
                resources:
                  requests:
                    storage: 1Gi
                storageClassName: special
        - name: dynamic-plugins-npmrc
          secret:
            secretName: dynamic-plugins-npmrc
            optional: true
            defaultMode: 420
        - name: dynamic-plugins-registry-auth
          secret:
            secretName: dynamic-plugins-registry-auth
            optional: true
            defaultMode: 416
        - name: my-vol
      initContainers:
        - name: install-dynamic-plugins
          image: quay.io/rhdh/rhdh-hub-rhel9:next
          volumeMounts:
            - name: dynamic-plugins-root
              mountPath: /dynamic-plugins-root
      containers:
        - name: backstage-backend
          image: quay.io/rhdh/rhdh-hub-rhel9:next
          ports:
            - name: backend
              containerPort: 7007
          env:
            - name: APP_CONFIG_backend_listen_port
              value: "7007"
          resources:
            requests:
              cpu: 251m
              memory: 257Mi
        - name: sidecar
          image: my-image:1.0.0
`);
    expectSame(mergeDeploymentPatch(rhdhDeployment(), patch, 'append'), expected);
  });

  const initNames = (d: unknown) => ((d as { spec: { template: { spec: { initContainers: Array<{ name: string }> } } } }).spec.template.spec.initContainers).map((c) => c.name);
  const initPatch = (items: string) => y(`spec:\n  template:\n    spec:\n      initContainers:\n${items}`);
  const myInit = '        - name: my-init\n          image: busybox\n          command: ["sh", "-c", "echo init"]\n';
  const anchor = '        - name: install-dynamic-plugins\n';

  test.each([
    ['a new init container runs before the existing one', myInit, ['my-init', 'install-dynamic-plugins']],
    ['a new init container anchored before the existing one', myInit + anchor, ['my-init', 'install-dynamic-plugins']],
    ['a new init container anchored after the existing one', anchor + myInit, ['install-dynamic-plugins', 'my-init']],
    [
      'new init containers on both sides of the existing one',
      '        - name: pre-init\n          image: busybox\n' + anchor + '        - name: post-init\n          image: busybox\n',
      ['pre-init', 'install-dynamic-plugins', 'post-init'],
    ],
  ])('prepend annotation: %s', (_name, items, expected) => {
    const merged = mergeDeploymentPatch(rhdhDeployment(), initPatch(items), 'prepend');
    expect(initNames(merged)).toEqual(expected);
  });

  test('prepend annotation: the new init container is whole and the existing one untouched', () => {
    const merged = mergeDeploymentPatch(rhdhDeployment(), initPatch(myInit), 'prepend') as { spec: { template: { spec: Record<string, unknown> } } };
    expectSame(merged.spec.template.spec.initContainers, [
      { name: 'my-init', image: 'busybox', command: ['sh', '-c', 'echo init'] },
      { name: 'install-dynamic-plugins', image: 'quay.io/rhdh/rhdh-hub-rhel9:next', volumeMounts: [{ name: 'dynamic-plugins-root', mountPath: '/dynamic-plugins-root' }] },
    ]);
  });

  test('without the annotation (kyaml default, append) a new init container goes last', () => {
    expect(initNames(mergeDeploymentPatch(rhdhDeployment(), initPatch(myInit), 'append'))).toEqual(['install-dynamic-plugins', 'my-init']);
  });

  test('an image in the patch replaces the container image', () => {
    const merged = mergeDeploymentPatch(rhdhDeployment(), y('spec:\n template:\n   spec:\n     containers:\n       - name: backstage-backend\n         image: cr-image\n'), 'append') as {
      spec: { template: { spec: { containers: Array<Record<string, unknown>> } } };
    };
    expectSame(merged.spec.template.spec.containers, [
      { name: 'backstage-backend', image: 'cr-image', ports: [{ name: 'backend', containerPort: 7007 }], env: [{ name: 'APP_CONFIG_backend_listen_port', value: '7007' }] },
    ]);
  });

  test('containers and init containers named only are added (filter test: four containers in all)', () => {
    // the operator's plain test profile: one container, no init containers
    const base = y(`
apiVersion: apps/v1
kind: Deployment
metadata:
  name: backstage
spec:
  replicas: 1
  template:
    spec:
      containers:
        - name: backstage-backend
          image: ghcr.io/backstage/backstage
          imagePullPolicy: IfNotPresent
          ports:
            - name: http
              containerPort: 7007
`);
    const patch = y('spec:\n template:\n   spec:\n     containers:\n       - name: c1\n       - name: c2\n     initContainers:\n       - name: c3\n');
    const merged = mergeDeploymentPatch(base, patch, 'append') as { spec: { template: { spec: Record<string, unknown> } } };
    expectSame(merged.spec.template.spec, {
      containers: [{ name: 'backstage-backend', image: 'ghcr.io/backstage/backstage', imagePullPolicy: 'IfNotPresent', ports: [{ name: 'http', containerPort: 7007 }] }, { name: 'c1' }, { name: 'c2' }],
      initContainers: [{ name: 'c3' }],
    });
  });

  test('a sidecar from the patch is appended', () => {
    const merged = mergeDeploymentPatch(rhdhDeployment(), y('spec:\n  template:\n    spec:\n      containers:\n        - name: sidecar\n          image: busybox\n'), 'append') as {
      spec: { template: { spec: { containers: Array<{ name: string; image?: string }> } } };
    };
    expect(merged.spec.template.spec.containers.map((c) => [c.name, c.image])).toEqual([
      ['backstage-backend', 'quay.io/rhdh/rhdh-hub-rhel9:next'],
      ['sidecar', 'busybox'],
    ]);
  });

  test('a StatefulSet is patched with its own fields', () => {
    const sts = y('apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: backstage-bs\nspec:\n  replicas: 1\n  template:\n    spec:\n      containers:\n        - name: backstage-backend\n');
    expectSame(mergeDeploymentPatch(sts, y('spec:\n serviceName: my-service\n'), 'append'), {
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: { name: 'backstage-bs' },
      spec: { replicas: 1, template: { spec: { containers: [{ name: 'backstage-backend' }] } }, serviceName: 'my-service' },
    });
  });
});

describe('flavour deployments (flavour_test.go): each flavour merged onto the result, new env appended', () => {
  const base = y(`
apiVersion: apps/v1
kind: Deployment
spec:
  template:
    spec:
      initContainers:
        - name: install-dynamic-plugins
          image: quay.io/rhdh/rhdh-hub-rhel9:next
      containers:
        - name: backstage-backend
          image: ghcr.io/backstage/backstage
          imagePullPolicy: IfNotPresent
          ports:
            - name: http
              containerPort: 7007
`);
  const flavour = (n: number) =>
    y(`apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  labels:\n    flavor: flavor${n}\nspec:\n  template:\n    spec:\n      containers:\n        - name: backstage-backend\n          env:\n            - name: FLAVOR${n}_ENABLED\n              value: "true"\n`);

  test('two flavours: both env vars, the later flavour label', () => {
    const merged = [flavour(1), flavour(2)].reduce((acc, f) => strategicMerge(acc, f), base as unknown);
    expectSame(merged, {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      spec: {
        template: {
          spec: {
            initContainers: [{ name: 'install-dynamic-plugins', image: 'quay.io/rhdh/rhdh-hub-rhel9:next' }],
            containers: [
              {
                name: 'backstage-backend',
                image: 'ghcr.io/backstage/backstage',
                imagePullPolicy: 'IfNotPresent',
                ports: [{ name: 'http', containerPort: 7007 }],
                env: [
                  { name: 'FLAVOR1_ENABLED', value: 'true' },
                  { name: 'FLAVOR2_ENABLED', value: 'true' },
                ],
              },
            ],
          },
        },
      },
      metadata: { labels: { flavor: 'flavor2' } },
    });
  });
});

describe('platform patches (utils_test.go): <key>.yaml.k8s merged onto each document', () => {
  test('replicas and pod securityContext from the k8s patch; the patch has no apiVersion or kind', () => {
    const doc = y(`
apiVersion: apps/v1
kind: Deployment
metadata:
  name: backstage
spec:
  replicas: 1
  template:
    spec:
      containers:
        - name: backstage-backend
          image: ghcr.io/backstage/backstage
`);
    const k8sPatch = y('spec:\n  replicas: 2\n  template:\n    spec:\n      securityContext:\n        fsGroup: 1001\n');
    expectSame(strategicMerge(doc, k8sPatch), {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'backstage' },
      spec: {
        replicas: 2,
        template: { spec: { containers: [{ name: 'backstage-backend', image: 'ghcr.io/backstage/backstage' }], securityContext: { fsGroup: 1001 } } },
      },
    });
  });
});

// Ports of release-1.10's pkg/model/deployment_test.go that test/model/deployment.test.ts and
// test/merge/operator-cases.test.ts do not already cover through the renderer
// (test/operator-ports/1.10.ts maps every one). Inputs written here; operatorVersion 1.10.
import { configMap, cr, render110 } from './1.10-support';

const LABELS = { 'app.kubernetes.io/instance': 'bs', 'app.kubernetes.io/name': 'backstage' };

/** The facts of the operator's rhdh-deployment.yaml its patch test relies on: three volumes, the init container, the backend's resources-free container. */
const RHDH_LIKE = `apiVersion: apps/v1
kind: Deployment
spec:
  replicas: 1
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
            secretName: dynamic-plugins-npmrc
            optional: true
        - name: dynamic-plugins-registry-auth
          secret:
            secretName: dynamic-plugins-registry-auth
            optional: true
      initContainers:
        - name: install-dynamic-plugins
          image: registry.test/backstage:1
      containers:
        - name: backstage-backend
          image: registry.test/backstage:1
`;

describe('deployment (release-1.10 deployment_test.go)', () => {
  // The Go test builds its CR without the API server, so extraFiles.mountPath is "": the same as an
  // explicit "" here. An absent one is defaulted by the CRD to /opt/app-root/src, as in a cluster.
  test('TestWorkingDirMount: with extraFiles.mountPath "", a relative mountPath goes under the Backstage container workingDir, as a directory', () => {
    const deployment = `apiVersion: apps/v1
kind: Deployment
spec:
  template:
    spec:
      containers:
        - name: backstage-backend
          image: registry.test/backstage:1
          workingDir: /my/home
`;
    const files = { 'default-config/deployment.yaml': deployment };
    const r = render110({ cr: cr({ application: { extraFiles: { mountPath: '', configMaps: [{ name: 'test', mountPath: 'subpath' }] } } }), files, inputs: [configMap('test', { a: 'b' })] });
    expect(r.errors).toEqual([]);
    expect(r.container().volumeMounts).toEqual([{ name: 'test', mountPath: '/my/home/subpath' }]);
    const defaulted = render110({ cr: cr({ application: { extraFiles: { configMaps: [{ name: 'test', mountPath: 'subpath' }] } } }), files, inputs: [configMap('test', { a: 'b' })] });
    expect(defaulted.container().volumeMounts).toEqual([{ name: 'test', mountPath: '/opt/app-root/src/subpath' }]);
  });

  test('TestSpecImagePullSecrets: the profile pod imagePullSecrets are kept, in order', () => {
    const deployment = `apiVersion: apps/v1
kind: Deployment
spec:
  template:
    spec:
      imagePullSecrets:
        - name: ips1
        - name: ips2
      containers:
        - name: backstage-backend
          image: registry.test/backstage:1
`;
    const r = render110({ cr: cr(), files: { 'default-config/deployment.yaml': deployment }, options: { platform: 'openshift' } });
    expect(r.errors).toEqual([]);
    expect(r.pod().imagePullSecrets).toEqual([{ name: 'ips1' }, { name: 'ips2' }]);
  });

  test('TestMergeFromSpecDeployment: the patch adds labels, appends a sidecar, sets resources, merges a volume in place and appends a new one', () => {
    const patch = {
      metadata: { labels: { mylabel: 'java' } },
      spec: {
        template: {
          metadata: { labels: { pod: 'backstage' } },
          spec: {
            containers: [
              { name: 'sidecar', image: 'my-image:1.0.0' },
              { name: 'backstage-backend', resources: { requests: { cpu: '251m', memory: '257Mi' } } },
            ],
            volumes: [
              { name: 'dynamic-plugins-root', ephemeral: { volumeClaimTemplate: { spec: { storageClassName: 'special' } } } },
              { name: 'my-vol', emptyDir: null },
            ],
          },
        },
      },
    };
    const r = render110({ cr: cr({ deployment: { patch } }), files: { 'default-config/deployment.yaml': RHDH_LIKE }, options: { platform: 'openshift' } });
    expect(r.errors).toEqual([]);
    expect(r.get('Deployment', 'backstage-bs')).toEqual({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'backstage-bs', namespace: 'ns123', labels: { ...LABELS, mylabel: 'java' } },
      spec: {
        replicas: 1,
        selector: { matchLabels: { 'rhdh.redhat.com/app': 'backstage-bs' } },
        template: {
          metadata: {
            labels: { 'rhdh.redhat.com/app': 'backstage-bs', pod: 'backstage' },
            annotations: { 'rhdh.redhat.com/ext-config-hash': 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855' },
          },
          spec: {
            volumes: [
              {
                name: 'dynamic-plugins-root',
                ephemeral: { volumeClaimTemplate: { spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, storageClassName: 'special' } } },
              },
              { name: 'dynamic-plugins-npmrc', secret: { secretName: 'dynamic-plugins-npmrc', optional: true } },
              { name: 'dynamic-plugins-registry-auth', secret: { secretName: 'dynamic-plugins-registry-auth', optional: true } },
              { name: 'my-vol' },
            ],
            initContainers: [{ name: 'install-dynamic-plugins', image: 'registry.test/backstage:1' }],
            containers: [
              { name: 'backstage-backend', image: 'registry.test/backstage:1', resources: { requests: { cpu: '251m', memory: '257Mi' } } },
              { name: 'sidecar', image: 'my-image:1.0.0' },
            ],
          },
        },
      },
    });
  });

  test('TestEnvVarsWithSidecars: an env with containers [sidecar] goes to the sidecar the patch adds, only', () => {
    const spec = {
      deployment: { patch: { spec: { template: { spec: { containers: [{ name: 'sidecar', image: 'busybox' }] } } } } },
      application: { extraEnvs: { envs: [{ name: 'VAR1', value: 'v1', containers: ['sidecar'] }] } },
    };
    const r = render110({ cr: cr(spec) });
    expect(r.errors).toEqual([]);
    expect(r.pod().containers).toEqual([
      { name: 'backstage-backend', image: 'registry.test/backstage:1' },
      { name: 'sidecar', image: 'busybox', env: [{ name: 'VAR1', value: 'v1' }] },
    ]);
  });

  const myInit = { name: 'my-init', image: 'busybox', command: ['sh', '-c', 'echo init'] };
  test.each([
    ['new init container runs before existing', [myInit], ['my-init', 'install-dynamic-plugins']],
    ['new init container runs before existing by anchoring', [myInit, { name: 'install-dynamic-plugins' }], ['my-init', 'install-dynamic-plugins']],
    ['new init container runs after existing by anchoring', [{ name: 'install-dynamic-plugins' }, myInit], ['install-dynamic-plugins', 'my-init']],
    [
      'multiple new init containers with mixed ordering',
      [{ name: 'pre-init', image: 'busybox' }, { name: 'install-dynamic-plugins' }, { name: 'post-init', image: 'busybox' }],
      ['pre-init', 'install-dynamic-plugins', 'post-init'],
    ],
  ])('TestInitContainerOrderInSpecDeployment: %s (rhdh.redhat.com/deployment-patch-list-merge-mode: prepend)', (_name, initContainers, expected) => {
    const backstage = cr({ deployment: { patch: { spec: { template: { spec: { initContainers } } } } } }, { annotations: { 'rhdh.redhat.com/deployment-patch-list-merge-mode': 'prepend' } });
    const r = render110({ cr: backstage, files: { 'default-config/deployment.yaml': RHDH_LIKE }, options: { platform: 'openshift' } });
    expect(r.errors).toEqual([]);
    expect(r.pod().initContainers.map((c: { name: string }) => c.name)).toEqual(expected);
    expect(r.container('install-dynamic-plugins')).toEqual({ name: 'install-dynamic-plugins', image: 'registry.test/backstage:1' });
  });
});

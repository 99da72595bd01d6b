// Port of the operator's pvcs_test.go (release-1.10).
import { build, errorsOf } from './helpers';
import { containerOf, crOf, LABELS, podSpecOf, pvc, testProfile } from './fixtures';

const noDb = { database: { enableLocalDb: false } };

const PVCS = `apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: myclaim1
spec:
  resources:
    requests:
      storage: 8Gi
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: myclaim2
  annotations:
    rhdh.redhat.com/mount-path: /mount/path/from/annotation
    rhdh.redhat.com/containers: "backstage-backend,install-dynamic-plugins"
spec:
  resources:
    requests:
      storage: 8Gi
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: myclaim3
  annotations:
    rhdh.redhat.com/mount-path: /mount/path/from/annotation2
    rhdh.redhat.com/sub-path: sub3
    rhdh.redhat.com/containers: "*"
spec:
  resources:
    requests:
      storage: 8Gi
`;

describe('pvcs (pvcs.go)', () => {
  test('profile PVCs: renamed, mounted at the working dir or the annotation path, containers annotation, sub-path annotation', () => {
    const b = build({ cr: crOf(noDb), profile: testProfile({ 'default-config/pvcs.yaml': PVCS }) });
    expect(errorsOf(b.results)).toEqual([]);
    expect(b.byKey('PersistentVolumeClaim', 'backstage-pvcs-bs1-myclaim1')).toEqual({
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: { name: 'backstage-pvcs-bs1-myclaim1', namespace: 'ns1', labels: LABELS, annotations: { 'rhdh.redhat.com/configured-name': 'myclaim1' } },
      spec: { resources: { requests: { storage: '8Gi' } } },
    });
    const d = b.byKey('Deployment', 'backstage-bs1');
    const v = (n: string) => ({ name: `backstage-pvcs-bs1-${n}`, persistentVolumeClaim: { claimName: `backstage-pvcs-bs1-${n}` } });
    expect(podSpecOf(d).volumes).toEqual([v('myclaim1'), v('myclaim2'), v('myclaim3')]);
    const m1 = { name: 'backstage-pvcs-bs1-myclaim1', mountPath: '/opt/app' };
    const m2 = { name: 'backstage-pvcs-bs1-myclaim2', mountPath: '/mount/path/from/annotation' };
    const m3 = { name: 'backstage-pvcs-bs1-myclaim3', mountPath: '/mount/path/from/annotation2', subPath: 'sub3' };
    expect(containerOf(d).volumeMounts).toEqual([m1, m2, m3]);
    expect(containerOf(d, 'install-dynamic-plugins').volumeMounts).toEqual([m2, m3]);
    expect(containerOf(d, 'sidecar').volumeMounts).toEqual([m3]);
  });

  test('specified PVCs: under the shared path with a sub-path, or at their own path', () => {
    const cr = crOf({
      ...noDb,
      application: { extraFiles: { pvcs: [{ name: 'my-pvc1' }, { name: 'my-pvc2', mountPath: '/my/pvc/path' }, { name: 'My_PVC3', containers: ['sidecar'] }] } },
    });
    const b = build({ cr, profile: testProfile(), inputs: [pvc('my-pvc1'), pvc('my-pvc2'), pvc('My_PVC3')] });
    expect(errorsOf(b.results)).toEqual([]);
    const d = b.byKey('Deployment', 'backstage-bs1');
    expect(podSpecOf(d).volumes).toEqual([
      { name: 'my-pvc1', persistentVolumeClaim: { claimName: 'my-pvc1' } },
      { name: 'my-pvc2', persistentVolumeClaim: { claimName: 'my-pvc2' } },
      { name: 'my-pvc3', persistentVolumeClaim: { claimName: 'My_PVC3' } },
    ]);
    expect(containerOf(d).volumeMounts).toEqual([
      { name: 'my-pvc1', mountPath: '/opt/app-root/src/my-pvc1', subPath: 'my-pvc1' },
      { name: 'my-pvc2', mountPath: '/my/pvc/path' },
    ]);
    expect(containerOf(d, 'sidecar').volumeMounts).toEqual([{ name: 'my-pvc3', mountPath: '/opt/app-root/src/My_PVC3', subPath: 'my-pvc3' }]);
  });

  test('a container that the pod does not have is an error on the entry', () => {
    const cr = crOf({ ...noDb, application: { extraFiles: { pvcs: [{ name: 'p', containers: ['nope'] }] } } });
    const b = build({ cr, profile: testProfile(), inputs: [pvc('p')] });
    expect(errorsOf(b.results)).toEqual([expect.objectContaining({ field: { path: 'spec.application.extraFiles.pvcs[0].containers' } })]);
  });
});

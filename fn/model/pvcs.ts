// PersistentVolumeClaims: the profile's pvcs.yaml and the CR's spec.application.extraFiles.pvcs
// (the operator's pkg/model/pvcs.go).
import { extraFiles } from './cr';
import type { BackstageDeployment, Origin } from './deployment';
import type { ContainersFilter } from './containers-filter';
import { describeProfileObject, ProfileObjectList } from './multiobject';
import type { Model, ObjectConfig } from './runtime';
import { annotationsOf, CONTAINERS_ANNOTATION, ensureList, joinPath, toRFC1123Label } from './utils';

export const pvcsConfig: ObjectConfig = {
  key: 'pvcs.yaml',
  factory: () => new BackstagePvcs(),
  multiple: true,
  merge: 'none',
  kinds: [{ apiVersion: 'v1', kind: 'PersistentVolumeClaim' }],
};

export class BackstagePvcs extends ProfileObjectList {
  constructor() {
    super('pvcs');
  }

  updateAndValidate(model: Model): void {
    const d: BackstageDeployment = model.backstageDeployment;
    for (const pvc of this.objects()) {
      // 1.9: `<workingDir>/<name>` with a sub-path unless annotated (defConfigMountPath19).
      const { mountPath, subPath } = model.version === '1.9' ? d.defConfigMountPath19(pvc) : d.defConfigMountPath(pvc);
      addPvc(d, String(pvc.metadata.name), mountPath, subPath, { annotation: annotationsOf(pvc)[CONTAINERS_ANNOTATION] }, { what: describeProfileObject(pvc) });
    }
  }

  addExternalConfig(model: Model): void {
    const ef = extraFiles(model.cr);
    if (!ef || ef.pvcs.length === 0) return;
    const d: BackstageDeployment = model.backstageDeployment;
    for (const p of ef.pvcs) {
      let subPath = '';
      let [mountPath, wSubpath] = d.mountPath(p.mountPath, '', ef.mountPath);
      if (wSubpath) {
        mountPath = joinPath(mountPath, p.name);
        subPath = toRFC1123Label(p.name);
      }
      addPvc(d, p.name, mountPath, subPath, { names: p.containers }, { what: `PVC ${p.name}`, path: `${p.path}.containers` });
    }
  }
}

/** addPvc: the volume (always), then a mount in each filtered container. */
export function addPvc(d: BackstageDeployment, pvcName: string, mountPath: string, subPath: string, filter: ContainersFilter, origin: Origin): void {
  const volName = toRFC1123Label(pvcName);
  ensureList(d.podSpec(), 'volumes').push({ name: volName, persistentVolumeClaim: { claimName: pvcName } });
  const containers = d.containersFor(filter, origin);
  if (!containers) return;
  for (const c of containers) {
    const m: Record<string, string> = { name: volName, mountPath };
    if (subPath !== '') m.subPath = subPath;
    ensureList(c, 'volumeMounts').push(m);
  }
}

// Files from ConfigMaps: the profile's configmap-files.yaml and the CR's
// spec.application.extraFiles.configMaps (the operator's pkg/model/configmapfiles.go).
import { extraFiles } from './cr';
import type { BackstageDeployment } from './deployment';
import { describeProfileObject, ProfileObjectList } from './multiobject';
import type { Model, ObjectConfig } from './runtime';
import type { DataObjectKeys } from './types';
import { annotationsOf, CONTAINERS_ANNOTATION, getOwn, sortedKeys } from './utils';

export const configMapFilesConfig: ObjectConfig = {
  key: 'configmap-files.yaml',
  factory: () => new ConfigMapFiles(),
  multiple: true,
  merge: 'multi-object',
  kinds: [{ apiVersion: 'v1', kind: 'ConfigMap' }],
};

export class ConfigMapFiles extends ProfileObjectList {
  constructor() {
    super('files');
  }

  updateAndValidate(model: Model): void {
    const d: BackstageDeployment = model.backstageDeployment;
    for (const cm of this.objects()) {
      const keys = [...sortedKeys(cm.data), ...sortedKeys(cm.binaryData)];
      if (model.version === '1.9') {
        // 1.9: one file per key under workingDir, whatever the mount-path / sub-path annotations say.
        d.mountFilesFrom({ annotation: annotationsOf(cm)[CONTAINERS_ANNOTATION] }, 'ConfigMap', String(cm.metadata.name), d.defaultMountPath(), '', true, keys, {
          what: describeProfileObject(cm),
        });
        continue;
      }
      const { mountPath, subPath, fileName } = d.defConfigMountPath(cm);
      d.mountFilesFrom({ annotation: annotationsOf(cm)[CONTAINERS_ANNOTATION] }, 'ConfigMap', String(cm.metadata.name), mountPath, fileName, subPath !== '', keys, {
        what: describeProfileObject(cm),
      });
    }
  }

  addExternalConfig(model: Model): void {
    mountSpecFiles(model, 'ConfigMap', 'configMaps', model.external.extraFileConfigMapKeys);
  }
}

export function allKeys(k: DataObjectKeys | undefined): string[] {
  return k ? [...k.stringDataKeys, ...k.binaryDataKeys] : [];
}

/** extraFiles.configMaps / extraFiles.secrets: mounted under the shared or their own mount path. */
export function mountSpecFiles(
  model: Model,
  kind: 'ConfigMap' | 'Secret',
  field: 'configMaps' | 'secrets',
  keysByName: Record<string, DataObjectKeys | undefined>,
): void {
  const ef = extraFiles(model.cr);
  if (!ef) return;
  const d: BackstageDeployment = model.backstageDeployment;
  for (const ref of ef[field]) {
    if (kind === 'Secret' && !ref.mountPath && !ref.key) {
      model.diag.error(`key or mountPath has to be specified for secret ${ref.name}`, { ref: model.cr.object, path: ref.path });
      continue;
    }
    const [mp, wSubpath] = d.mountPath(ref.mountPath, ref.key, ef.mountPath);
    d.mountFilesFrom({ names: ref.containers }, kind, ref.name, mp, ref.key ?? '', wSubpath, allKeys(getOwn(keysByName, ref.name)), {
      what: `${kind} ${ref.name}`,
      path: `${ref.path}.containers`,
    });
  }
}

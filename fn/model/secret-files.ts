// Files from Secrets: the profile's secret-files.yaml and the CR's spec.application.extraFiles.secrets
// (the operator's pkg/model/secretfiles.go).
import { mountSpecFiles } from './configmap-files';
import type { BackstageDeployment } from './deployment';
import { describeProfileObject, ProfileObjectList } from './multiobject';
import type { Model, ObjectConfig } from './runtime';
import { annotationsOf, CONTAINERS_ANNOTATION, sortedKeys } from './utils';

export const secretFilesConfig: ObjectConfig = {
  key: 'secret-files.yaml',
  factory: () => new SecretFiles(),
  multiple: true,
  merge: 'none',
  kinds: [{ apiVersion: 'v1', kind: 'Secret' }],
};

export class SecretFiles extends ProfileObjectList {
  constructor() {
    super('files');
  }

  updateAndValidate(model: Model): void {
    const d: BackstageDeployment = model.backstageDeployment;
    for (const s of this.objects()) {
      // data keys first, then stringData keys
      const keys = [...sortedKeys(s.data), ...sortedKeys(s.stringData)];
      if (model.version === '1.9') {
        const { mountPath, subPath } = d.defConfigMountPath19(s);
        d.mountFilesFrom({ annotation: annotationsOf(s)[CONTAINERS_ANNOTATION] }, 'Secret', String(s.metadata.name), mountPath, '', subPath !== '', keys, {
          what: describeProfileObject(s),
        });
        continue;
      }
      const { mountPath, subPath, fileName } = d.defConfigMountPath(s);
      d.mountFilesFrom({ annotation: annotationsOf(s)[CONTAINERS_ANNOTATION] }, 'Secret', String(s.metadata.name), mountPath, fileName, subPath !== '', keys, {
        what: describeProfileObject(s),
      });
    }
  }

  addExternalConfig(model: Model): void {
    mountSpecFiles(model, 'Secret', 'secrets', model.external.extraFileSecretKeys);
  }
}

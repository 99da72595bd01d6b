// Env vars from Secrets: the profile's secret-envs.yaml (envFrom) and the CR's
// spec.application.extraEnvs.secrets (the operator's pkg/model/secretenvs.go).
import { addSpecEnvs } from './configmap-envs';
import type { BackstageDeployment } from './deployment';
import { describeProfileObject, ProfileObjectList } from './multiobject';
import type { Model, ObjectConfig } from './runtime';
import { annotationsOf, CONTAINERS_ANNOTATION } from './utils';

export const secretEnvsConfig: ObjectConfig = {
  key: 'secret-envs.yaml',
  factory: () => new SecretEnvs(),
  multiple: true,
  merge: 'none',
  kinds: [{ apiVersion: 'v1', kind: 'Secret' }],
};

export class SecretEnvs extends ProfileObjectList {
  constructor() {
    super('envs');
  }

  updateAndValidate(model: Model): void {
    const d: BackstageDeployment = model.backstageDeployment;
    for (const s of this.objects()) {
      d.addEnvVarsFrom({ annotation: annotationsOf(s)[CONTAINERS_ANNOTATION] }, 'Secret', String(s.metadata.name), '', {
        what: describeProfileObject(s),
      });
    }
  }

  addExternalConfig(model: Model): void {
    addSpecEnvs(model, 'Secret', 'secrets');
  }
}

// Env vars from Secrets: the profile's secret-envs.yaml (envFrom) and the CR's
// spec.application.extraEnvs.secrets (the operator's pkg/model/secretenvs.go).
import type { KObject } from '../kio/types';
import { addSpecEnvs } from './configmap-envs';
import type { BackstageDeployment } from './deployment';
import { describeProfileObject, setMultiObjectMetaInfo } from './multiobject';
import { setRuntimeObject } from './runtime';
import type { Model, ObjectConfig, RuntimeObject } from './runtime';
import { annotationsOf, CONTAINERS_ANNOTATION } from './utils';

export const secretEnvsConfig: ObjectConfig = {
  key: 'secret-envs.yaml',
  factory: () => new SecretEnvs(),
  multiple: true,
  merge: 'none',
  kinds: [{ apiVersion: 'v1', kind: 'Secret' }],
};

export class SecretEnvs implements RuntimeObject {
  secrets?: KObject[];

  objects(): KObject[] {
    return this.secrets ?? [];
  }

  setObject(objs: KObject[] | undefined): void {
    this.secrets = objs;
  }

  addToModel(model: Model): boolean {
    if (this.secrets) {
      setRuntimeObject(model, this);
      return true;
    }
    return false;
  }

  setMetaInfo(model: Model): void {
    setMultiObjectMetaInfo(this.secrets!, 'envs', model);
  }

  updateAndValidate(model: Model): void {
    const d: BackstageDeployment = model.backstageDeployment;
    for (const s of this.secrets ?? []) {
      d.addEnvVarsFrom({ annotation: annotationsOf(s)[CONTAINERS_ANNOTATION] }, 'Secret', String(s.metadata.name), '', {
        what: describeProfileObject(s),
      });
    }
  }

  addExternalConfig(model: Model): void {
    addSpecEnvs(model, 'Secret', 'secrets');
  }
}

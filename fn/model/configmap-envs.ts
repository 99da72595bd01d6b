// Env vars from ConfigMaps: the profile's configmap-envs.yaml (envFrom) and the CR's
// spec.application.extraEnvs.configMaps (the operator's pkg/model/configmapenvs.go).
import { extraEnvs } from './cr';
import type { BackstageDeployment } from './deployment';
import { describeProfileObject, ProfileObjectList } from './multiobject';
import type { Model, ObjectConfig } from './runtime';
import { annotationsOf, CONTAINERS_ANNOTATION } from './utils';

export const configMapEnvsConfig: ObjectConfig = {
  key: 'configmap-envs.yaml',
  factory: () => new ConfigMapEnvs(),
  multiple: true,
  merge: 'multi-object',
  kinds: [{ apiVersion: 'v1', kind: 'ConfigMap' }],
};

export class ConfigMapEnvs extends ProfileObjectList {
  constructor() {
    super('envs');
    this.items = [];
  }

  // configmapenvs.go adds the key only when the profile has at least one ConfigMap.
  override addToModel(model: Model): boolean {
    return (this.items?.length ?? 0) > 0 && super.addToModel(model);
  }

  updateAndValidate(model: Model): void {
    const d: BackstageDeployment = model.backstageDeployment;
    for (const cm of this.objects()) {
      d.addEnvVarsFrom({ annotation: annotationsOf(cm)[CONTAINERS_ANNOTATION] }, 'ConfigMap', String(cm.metadata.name), '', {
        what: describeProfileObject(cm),
      });
    }
  }

  addExternalConfig(model: Model): void {
    addSpecEnvs(model, 'ConfigMap', 'configMaps');
  }
}

/** extraEnvs.configMaps / extraEnvs.secrets: envFrom the object, or one variable when `key` is set. */
export function addSpecEnvs(model: Model, kind: 'ConfigMap' | 'Secret', field: 'configMaps' | 'secrets'): void {
  const ee = extraEnvs(model.cr);
  if (!ee) return;
  const d: BackstageDeployment = model.backstageDeployment;
  for (const ref of ee[field]) {
    d.addEnvVarsFrom({ names: ref.containers }, kind, ref.name, ref.key ?? '', { what: `${kind} ${ref.name}`, path: `${ref.path}.containers` });
  }
}

// app-config ConfigMaps from the profile (and flavours) and the CR's spec.application.appConfig:
// the operator's pkg/model/appconfig.go.
import { appConfig } from './cr';
import type { KObject } from '../kio/types';
import type { BackstageDeployment } from './deployment';
import { describeProfileObject, setMultiObjectMetaInfo } from './multiobject';
import { setRuntimeObject } from './runtime';
import type { Model, ObjectConfig, RuntimeObject } from './runtime';
import { joinPath, sortedKeys } from './utils';

export const appConfigConfig: ObjectConfig = {
  key: 'app-config.yaml',
  factory: () => new AppConfig(),
  multiple: true,
  merge: 'multi-object',
  kinds: [{ apiVersion: 'v1', kind: 'ConfigMap' }],
};

export class AppConfig implements RuntimeObject {
  configMaps?: KObject[];

  objects(): KObject[] {
    return this.configMaps ?? [];
  }

  setObject(objs: KObject[] | undefined): void {
    this.configMaps = objs;
  }

  addToModel(model: Model): boolean {
    if (this.configMaps) {
      model.appConfig = this;
      setRuntimeObject(model, this);
      return true;
    }
    return false;
  }

  setMetaInfo(model: Model): void {
    setMultiObjectMetaInfo(this.configMaps!, 'appconfig', model);
  }

  updateAndValidate(model: Model): void {
    const d: BackstageDeployment = model.backstageDeployment;
    for (const cm of this.configMaps ?? []) {
      updatePodWithAppConfig(model, d, String(cm.metadata.name), d.defaultMountPath(), '', true, sortedKeys(cm.data), describeProfileObject(cm));
    }
  }

  addExternalConfig(model: Model): void {
    const ac = appConfig(model.cr);
    if (!ac) return;
    const d: BackstageDeployment = model.backstageDeployment;
    for (const specCm of ac.configMaps) {
      const [mp, wSubpath] = d.mountPath(specCm.mountPath, specCm.key, ac.mountPath);
      const keys = model.external.appConfigKeys[specCm.name] ?? [];
      updatePodWithAppConfig(model, d, specCm.name, mp, specCm.key ?? '', wSubpath, keys, `app-config ConfigMap ${specCm.name}`, specCm.path);
    }
  }
}

/** updatePodWithAppConfig: volume, mounts, and a `--config <path>` pair per file. */
export function updatePodWithAppConfig(
  model: Model,
  d: BackstageDeployment,
  cmName: string,
  mountPath: string,
  key: string,
  withSubPath: boolean,
  cmData: string[],
  what: string,
  path?: string,
): void {
  // The operator ignores the result here; the Backstage container always exists.
  d.mountFilesFrom({}, 'ConfigMap', cmName, mountPath, key, withSubPath, cmData, { what, ...(path ? { path } : {}) });
  const container = d.container();
  for (const file of cmData) {
    if (key === '' || key === file) {
      if (!Array.isArray(container.args)) container.args = [];
      container.args.push('--config', joinPath(mountPath, file));
    }
  }
}

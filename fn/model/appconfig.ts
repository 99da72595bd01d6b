// app-config ConfigMaps from the profile (and flavours) and the CR's spec.application.appConfig:
// the operator's pkg/model/appconfig.go.
//
// options.dynamicPluginsProcessing (OPERATOR_DP_PROCESSING, operator main): the enabled plugins'
// pluginConfig, merged, is one more app-config ConfigMap (`plugins-appconfig`), put first (its
// volume, mount and `--config` come before the profile's), as main's addPluginsAppConfig does. Being
// first, it is also the one the Route's base URLs are written into (route.ts, as main does).
import { appConfig } from './cr';
import type { KObject } from '../kio/types';
import { pluginsAppConfigConfigMap } from '../plugins/dp-processing';
import type { DynamicPluginsConfig } from './types';
import type { BackstageDeployment } from './deployment';
import { describeProfileObject, setMultiObjectMetaInfo } from './multiobject';
import { ModelError, setRuntimeObject } from './runtime';
import type { Model, ObjectConfig, RuntimeObject } from './runtime';
import { getOwn, joinPath, setCommonMetaInfo, sortedKeys } from './utils';

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
    // dynamicPluginsProcessing: main adds the object even without profile app-configs, as the
    // plugins-appconfig ConfigMap may come.
    if (!this.configMaps && model.options.dynamicPluginsProcessing) this.configMaps = [];
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
    this.addPluginsAppConfig(model);
    for (const cm of this.configMaps ?? []) {
      updatePodWithAppConfig(model, d, String(cm.metadata.name), d.defaultMountPath(), '', true, sortedKeys(cm.data), describeProfileObject(cm));
    }
  }

  /** addPluginsAppConfig (main, dynamicPluginsProcessing only): the plugins-appconfig ConfigMap first, when any enabled plugin has a pluginConfig. */
  private addPluginsAppConfig(model: Model): void {
    if (!model.options.dynamicPluginsProcessing) return;
    const processed: DynamicPluginsConfig | undefined = model.dynamicPlugins?.processedConfig;
    if (!processed) return;
    const cm = pluginsAppConfigConfigMap(processed, { name: model.cr.name, namespace: model.cr.namespace });
    if (!cm) return;
    setCommonMetaInfo(cm, model.cr.name, model.cr.namespace);
    this.configMaps = [cm, ...(this.configMaps ?? [])];
  }

  addExternalConfig(model: Model): void {
    const ac = appConfig(model.cr);
    if (!ac) return;
    const d: BackstageDeployment = model.backstageDeployment;
    for (const specCm of ac.configMaps) {
      const [mp, wSubpath] = d.mountPath(specCm.mountPath, specCm.key, ac.mountPath);
      const keys = getOwn(model.external.appConfigKeys, specCm.name) ?? [];
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
  // main (56c2ee48, PR #3021): one key per app-config ConfigMap, so that the order of --config is
  // the order of the ConfigMaps; 1.9 and 1.10 mount every key as its own --config.
  if (model.version === 'main' && cmData.length > 1) {
    throw new ModelError(`multiple entries (${cmData.length}) not allowed for app-config ConfigMap: ${cmName}; split into separate single-entry ConfigMaps`, path, path ? undefined : what);
  }
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

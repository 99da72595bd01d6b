// The dynamic plugins ConfigMap and its mount into the install-dynamic-plugins init container (the
// operator's pkg/model/dynamic-plugins.go).
import { isObject } from '../kio/types';
import type { KObject } from '../kio/types';
import { parseDynamicPluginsConfig } from '../plugins/merge';
import { dynamicPluginsConfigMapName } from './cr';
import type { BackstageDeployment, Container } from './deployment';
import { mergePluginsData } from './plugins-data';
import { ModelError, setRuntimeObject } from './runtime';
import type { Model, ObjectConfig, RuntimeObject } from './runtime';
import type { DynamicPluginsConfig } from './types';
import { DYNAMIC_PLUGINS_FILE, DYNAMIC_PLUGINS_INIT_CONTAINER, dynamicPluginsDefaultName, setCommonMetaInfo, sortedKeys } from './utils';

export const dynamicPluginsConfig: ObjectConfig = {
  key: 'dynamic-plugins.yaml',
  factory: () => new DynamicPlugins(),
  multiple: false,
  merge: 'dynamic-plugins',
  kinds: [{ apiVersion: 'v1', kind: 'ConfigMap' }],
};

export class DynamicPlugins implements RuntimeObject {
  configMap?: KObject;

  objects(): KObject[] {
    return this.configMap ? [this.configMap] : [];
  }

  setObject(objs: KObject[] | undefined): void {
    this.configMap = objs?.[0];
  }

  private data(): Record<string, unknown> | undefined {
    return isObject(this.configMap?.data) ? (this.configMap!.data as Record<string, unknown>) : undefined;
  }

  addToModel(model: Model): boolean {
    if (!this.configMap) return false;
    const d = this.data();
    if (!d || typeof d[DYNAMIC_PLUGINS_FILE] !== 'string' || d[DYNAMIC_PLUGINS_FILE] === '') {
      throw new ModelError(`dynamic plugin configMap expects '${DYNAMIC_PLUGINS_FILE}' Data key`);
    }
    setRuntimeObject(model, this);
    model.dynamicPlugins = this;
    return true;
  }

  /** getInitContainer: the init container, its image set from options.backstageImage (RELATED_IMAGE_backstage) each time. */
  private initContainer(model: Model): Container {
    const d: BackstageDeployment = model.backstageDeployment;
    const ic = d.dynamicPluginsInitContainer();
    if (!ic) throw new ModelError(`failed to find initContainer named ${DYNAMIC_PLUGINS_INIT_CONTAINER}`);
    if (model.options.backstageImage) ic.image = model.options.backstageImage;
    return ic;
  }

  updateAndValidate(model: Model): void {
    const ic = this.initContainer(model);
    if (dynamicPluginsConfigMapName(model.cr)) return;
    this.mount(model, String(this.configMap!.metadata.name), ic, sortedKeys(this.configMap!.data));
  }

  private mount(model: Model, name: string, ic: Container, keys: string[]): void {
    const d: BackstageDeployment = model.backstageDeployment;
    const wd = typeof ic.workingDir === 'string' ? ic.workingDir : '';
    d.mountFilesFrom({ names: [DYNAMIC_PLUGINS_INIT_CONTAINER] }, 'ConfigMap', name, wd, DYNAMIC_PLUGINS_FILE, true, keys, {
      what: `dynamic plugins ConfigMap ${name}`,
    });
  }

  setMetaInfo(model: Model): void {
    this.configMap!.metadata.name = dynamicPluginsDefaultName(model.cr.name);
    setCommonMetaInfo(this.configMap!, model.cr.name, model.cr.namespace);
  }

  addExternalConfig(model: Model): void {
    const name = dynamicPluginsConfigMapName(model.cr);
    if (!name) return;
    const path = 'spec.application.dynamicPluginsConfigMapName';
    const ic = this.initContainer(model);
    const dp = model.external.dynamicPlugins;
    // A ConfigMap missing from the input is reported by collectExternalConfig.
    if (!dp) return;
    const dpData = isObject(dp.data) ? (dp.data as Record<string, unknown>) : undefined;
    const text = dpData?.[DYNAMIC_PLUGINS_FILE];
    if (typeof text !== 'string' || text === '') {
      model.diag.error(`dynamic plugin configMap expects '${DYNAMIC_PLUGINS_FILE}' Data key`, { ref: model.cr.object, path });
      return;
    }
    if (this.configMap) {
      try {
        this.data()![DYNAMIC_PLUGINS_FILE] = mergePluginsData(String(this.data()![DYNAMIC_PLUGINS_FILE]), text, {
          diag: model.diag,
          baseWhere: { file: `profile ${model.profile.name} dynamic-plugins.yaml` },
          overlayWhere: { ref: dp, path: `data.${DYNAMIC_PLUGINS_FILE}` },
        });
      } catch (e) {
        model.diag.error(`failed to merge dynamic plugins config: ${(e as Error).message}`, { ref: dp, path: `data.${DYNAMIC_PLUGINS_FILE}` });
        return;
      }
      this.mount(model, String(this.configMap.metadata.name), ic, sortedKeys(this.configMap.data));
    } else {
      this.mount(model, String(dp.metadata.name), ic, sortedKeys(dp.data));
    }
  }

  /** The merged configuration the plugin dependencies are read from (empty without a profile ConfigMap, as in the operator). */
  config(): DynamicPluginsConfig | undefined {
    const text = this.data()?.[DYNAMIC_PLUGINS_FILE];
    if (typeof text !== 'string') return undefined;
    return parseDynamicPluginsConfig(text);
  }
}

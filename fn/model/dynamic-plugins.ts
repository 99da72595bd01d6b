// The dynamic plugins ConfigMap and its mount into the install-dynamic-plugins init container (the
// operator's pkg/model/dynamic-plugins.go).
//
// options.dynamicPluginsProcessing is the operator's OPERATOR_DP_PROCESSING mode (main branch only;
// fn/plugins/dp-processing.ts says what it does). There the class follows main's dynamic-plugins.go:
// the CR's ConfigMap is merged in addToModel (its `ref://` / `{{inherit}}` packages resolved against
// the profile's plugins), or copied when the profile has none; the object applied is the
// `packages.txt` ConfigMap, mounted in updateAndValidate; the merged configuration stays for the
// plugins-appconfig ConfigMap (appconfig.ts) and the plugin dependencies.
import { isObject } from '../kio/types';
import type { KObject } from '../kio/types';
import { dpProcessingConfigMap, PACKAGES_TXT_KEY } from '../plugins/dp-processing';
import { parseDynamicPluginsConfig } from '../plugins/merge';
import { dynamicPluginsConfigMapName } from './cr';
import type { BackstageDeployment, Container } from './deployment';
import { mergePluginsData } from './plugins-data';
import { ModelError, setRuntimeObject } from './runtime';
import type { Model, ObjectConfig, RuntimeObject } from './runtime';
import type { DynamicPluginsConfig } from './types';
import { DYNAMIC_PLUGINS_FILE, DYNAMIC_PLUGINS_INIT_CONTAINER, dynamicPluginsDefaultName, joinPath, setCommonMetaInfo, sortedKeys } from './utils';

/** The plugin installer's input file variable (operator main's plugin-installer/install_plugins.sh). */
const INPUT_FILE_ENV = 'INPUT_FILE';

export const dynamicPluginsConfig: ObjectConfig = {
  key: 'dynamic-plugins.yaml',
  factory: () => new DynamicPlugins(),
  multiple: false,
  merge: 'dynamic-plugins',
  kinds: [{ apiVersion: 'v1', kind: 'ConfigMap' }],
};

export class DynamicPlugins implements RuntimeObject {
  /** The (merged) dynamic plugins ConfigMap; in dynamicPluginsProcessing mode it is not applied. */
  configMap?: KObject;
  /** dynamicPluginsProcessing mode: the ConfigMap applied instead (`packages.txt` only). */
  packagesConfigMap?: KObject;
  /** dynamicPluginsProcessing mode: the merged configuration the packages and the plugins-appconfig come from. */
  processedConfig?: DynamicPluginsConfig;

  objects(): KObject[] {
    if (this.packagesConfigMap) return [this.packagesConfigMap];
    return this.configMap ? [this.configMap] : [];
  }

  setObject(objs: KObject[] | undefined): void {
    this.configMap = objs?.[0];
  }

  private data(): Record<string, unknown> | undefined {
    return isObject(this.configMap?.data) ? (this.configMap!.data as Record<string, unknown>) : undefined;
  }

  addToModel(model: Model): boolean {
    if (this.configMap) {
      const d = this.data();
      if (!d || typeof d[DYNAMIC_PLUGINS_FILE] !== 'string' || d[DYNAMIC_PLUGINS_FILE] === '') {
        throw new ModelError(`dynamic plugin configMap expects '${DYNAMIC_PLUGINS_FILE}' Data key`);
      }
    }
    // main (3570b82f): the CR's ConfigMap is merged here, or copied when the profile has none.
    if (model.version === 'main') this.mergeSpecConfigMap(model);
    if (model.options.dynamicPluginsProcessing) {
      if (!this.configMap) return false;
      this.processedConfig = this.readProcessedConfig(model);
      const includes = Array.isArray(this.processedConfig.includes) ? this.processedConfig.includes : [];
      if (includes.length > 0) {
        model.diag.info(
          `dynamic plugins includes (${includes.join(', ')}) are not read in dynamicPluginsProcessing mode, as in the operator: only the plugins listed in the configuration are installed (packages.txt)`,
          { ref: model.cr.object },
        );
      }
      this.packagesConfigMap = dpProcessingConfigMap(this.processedConfig, { name: model.cr.name, namespace: model.cr.namespace });
    }
    if (!this.configMap) return false;
    setRuntimeObject(model, this);
    model.dynamicPlugins = this;
    return true;
  }

  /**
   * main's addToModel: the CR's ConfigMap merged into the profile's (in dynamicPluginsProcessing
   * mode its references resolved against the profile's plugins); without a profile ConfigMap, a
   * copy of the CR's data named backstage-dynamic-plugins-<cr>, whose plugins' dependencies then
   * count (1.9 and 1.10 mount the CR's ConfigMap itself and resolve none). Problems are results on
   * the CR or its ConfigMap.
   */
  private mergeSpecConfigMap(model: Model): void {
    const text = specDynamicPluginsText(model);
    const dp = model.external.dynamicPlugins;
    if (text === undefined || !dp) return;
    const dpData = dp.data as Record<string, unknown>;
    const dataPath = `data.${DYNAMIC_PLUGINS_FILE}`;
    if (!this.configMap) {
      // main: a fresh ConfigMap with only the data (setMetaInfo names it backstage-dynamic-plugins-<cr>).
      this.configMap = { apiVersion: 'v1', kind: 'ConfigMap', metadata: {}, data: { ...dpData } };
      if (isObject(dp.binaryData)) this.configMap.binaryData = { ...(dp.binaryData as Record<string, unknown>) };
      return;
    }
    try {
      this.data()![DYNAMIC_PLUGINS_FILE] = mergePluginsData(String(this.data()![DYNAMIC_PLUGINS_FILE]), text, {
        diag: model.diag,
        baseWhere: { file: `profile ${model.profile.name} dynamic-plugins.yaml` },
        overlayWhere: { ref: dp, path: dataPath },
        resolveReferences: model.options.dynamicPluginsProcessing === true,
        enabledKey: true,
      });
    } catch (e) {
      const err = e as Error & { path?: string };
      model.diag.error(`failed to merge dynamic plugins config: ${err.message}`, { ref: dp, path: err.path ? `${dataPath}.${err.path}` : dataPath });
    }
  }

  /** dynamicPluginsProcessing: the merged configuration (main's GetPluginsData); unreadable is a result, read as empty. */
  private readProcessedConfig(model: Model): DynamicPluginsConfig {
    try {
      return this.config() ?? {};
    } catch (e) {
      const fromCr = !!dynamicPluginsConfigMapName(model.cr) && !!model.external.dynamicPlugins;
      model.diag.error(`the dynamic plugins configuration can not be read: ${(e as Error).message}`, {
        ref: fromCr ? model.external.dynamicPlugins : model.cr.object,
        ...(fromCr ? { path: `data.${DYNAMIC_PLUGINS_FILE}` } : {}),
      });
      return {};
    }
  }

  /**
   * getInitContainer: the init container, its image set from options.backstageImage (RELATED_IMAGE_backstage) each time.
   * Not in dynamicPluginsProcessing mode: there it keeps the install image the Deployment gave it
   * (build-model.ts says why this differs from the operator).
   */
  private initContainer(model: Model): Container {
    const d: BackstageDeployment = model.backstageDeployment;
    const ic = d.dynamicPluginsInitContainer();
    if (!ic) throw new ModelError(`failed to find initContainer named ${DYNAMIC_PLUGINS_INIT_CONTAINER}`);
    if (model.options.backstageImage && !model.options.dynamicPluginsProcessing) ic.image = model.options.backstageImage;
    return ic;
  }

  updateAndValidate(model: Model): void {
    const ic = this.initContainer(model);
    if (this.packagesConfigMap) {
      if (model.options.backstageImage) {
        model.diag.warning(
          `the ${DYNAMIC_PLUGINS_INIT_CONTAINER} init container runs the install image ${String(ic.image)} (installDynamicPluginsImage, the operator's INSTALL_DP_IMAGE), not backstageImage: the operator (main) puts RELATED_IMAGE_backstage back on it when it mounts the dynamic plugins ConfigMap, which would leave the Backstage image running without the install command`,
          { ref: model.cr.object },
        );
      }
      const name = String(this.packagesConfigMap.metadata.name);
      const wd = typeof ic.workingDir === 'string' ? ic.workingDir : '';
      this.checkInputFile(model, ic, joinPath(wd, PACKAGES_TXT_KEY));
      model.backstageDeployment.mountFilesFrom({ names: [DYNAMIC_PLUGINS_INIT_CONTAINER] }, 'ConfigMap', name, wd, PACKAGES_TXT_KEY, true, sortedKeys(this.packagesConfigMap.data), {
        what: `dynamic plugins ConfigMap ${name}`,
      });
      return;
    }
    // 1.9 / 1.10 mount the CR's ConfigMap (or the merge) in addExternalConfig; main here, always.
    if (model.version !== 'main' && dynamicPluginsConfigMapName(model.cr)) return;
    this.mount(model, String(this.configMap!.metadata.name), ic, sortedKeys(this.configMap!.data));
  }

  /**
   * The plugin installer reads INPUT_FILE (default /input/packages.txt); the operator's main profile
   * sets it to where packages.txt is mounted, the release-1.10 profiles do not. A warning, not a fix:
   * the operator does not set it either.
   */
  private checkInputFile(model: Model, ic: Container, packagesPath: string): void {
    const env: unknown[] = Array.isArray(ic.env) ? ic.env : [];
    const input = env.find((e): e is Record<string, unknown> => isObject(e) && e.name === INPUT_FILE_ENV);
    if (input && (input.value === packagesPath || input.valueFrom !== undefined)) return;
    const now = input ? `sets ${INPUT_FILE_ENV}=${String(input.value ?? '')}` : `has no ${INPUT_FILE_ENV} env var (the installer then reads /input/packages.txt)`;
    model.diag.warning(
      `the ${DYNAMIC_PLUGINS_INIT_CONTAINER} init container ${now}, but packages.txt is mounted at ${packagesPath}: set ${INPUT_FILE_ENV}=${packagesPath} on it, e.g. with spec.application.extraEnvs.envs (containers: [${DYNAMIC_PLUGINS_INIT_CONTAINER}]), as the operator's main profile does`,
      { ref: model.cr.object },
    );
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
    if (this.packagesConfigMap) setCommonMetaInfo(this.packagesConfigMap, model.cr.name, model.cr.namespace);
  }

  addExternalConfig(model: Model): void {
    // main: the CR's ConfigMap was merged in addToModel and mounted in updateAndValidate.
    if (model.version === 'main') return;
    const name = dynamicPluginsConfigMapName(model.cr);
    if (!name) return;
    const ic = this.initContainer(model);
    const dp = model.external.dynamicPlugins;
    const text = specDynamicPluginsText(model);
    if (text === undefined || !dp) return;
    if (this.configMap) {
      try {
        this.data()![DYNAMIC_PLUGINS_FILE] = mergePluginsData(String(this.data()![DYNAMIC_PLUGINS_FILE]), text, {
          diag: model.diag,
          baseWhere: { file: `profile ${model.profile.name} dynamic-plugins.yaml` },
          overlayWhere: { ref: dp, path: `data.${DYNAMIC_PLUGINS_FILE}` },
          enabledKey: false, // 1.9 and 1.10 (main returned above)
          emptyListsClear: model.version !== '1.9',
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

const SPEC_DP_PATH = 'spec.application.dynamicPluginsConfigMapName';

/**
 * The CR's own dynamic plugins text (the ConfigMap named by dynamicPluginsConfigMapName), or
 * undefined: not named, not in the input (collectExternalConfig reports that), or without the
 * dynamic-plugins.yaml key (reported here, as the operator's error).
 */
function specDynamicPluginsText(model: Model): string | undefined {
  if (!dynamicPluginsConfigMapName(model.cr)) return undefined;
  const dp = model.external.dynamicPlugins;
  if (!dp) return undefined;
  const dpData = isObject(dp.data) ? (dp.data as Record<string, unknown>) : undefined;
  const text = dpData?.[DYNAMIC_PLUGINS_FILE];
  if (typeof text !== 'string' || text === '') {
    model.diag.error(`dynamic plugin configMap expects '${DYNAMIC_PLUGINS_FILE}' Data key`, { ref: model.cr.object, path: SPEC_DP_PATH });
    return undefined;
  }
  return text;
}

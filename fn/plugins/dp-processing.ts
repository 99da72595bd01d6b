// The operator's OPERATOR_DP_PROCESSING mode (rhdh-operator main only, not in release-1.10):
// the operator, not the install script, resolves and splits the dynamic plugins configuration.
// Pure functions returning data; the model wires them. What the operator does in that mode
// (pkg/model/dynamic-plugins.go, dynamic-plugins-reference.go, appconfig.go, deployment.go):
//
// 1. Every MergePluginsData (profile <- flavours <- the CR's ConfigMap) first resolves the overlay's
//    `ref://<name>` and `oci://…/<name>:{{inherit}}[!path]` packages against the base plugins
//    (mergeDynamicPluginsConfigs(..., { resolveReferences: true })); any other package that is
//    not oci://, https://, http:// or ./ is an error. A configuration merged with nothing is not
//    resolved (the operator does not call the resolver then).
// 2. The dynamic plugins ConfigMap `backstage-dynamic-plugins-<cr>` carries only
//    `packages.txt`: the packages of the enabled plugins in list order, joined by "\n" (no final
//    newline) -> dpProcessingConfigMap(). It is mounted into the `install-dynamic-plugins` init
//    container only, at `<workingDir>/packages.txt` with subPath `packages.txt` (instead of
//    `<workingDir>/dynamic-plugins.yaml`), through the same volume (RFC 1123 name of the ConfigMap).
//    Includes are not processed in this mode.
// 3. The pluginConfig of all enabled plugins, deep-merged in list order (mappings merge, anything
//    else is replaced), becomes the app-config ConfigMap `plugins-appconfig` (configured name;
//    final name `backstage-appconfig-<cr>-plugins-appconfig`, annotation
//    `rhdh.redhat.com/configured-name: plugins-appconfig`) with the key
//    `app-config.dynamic-plugins.yaml`, put FIRST among the app-config ConfigMaps (so its
//    `--config /opt/app-root/src/app-config.dynamic-plugins.yaml` is the first arg and its
//    volume/mount come before the others). No pluginConfig at all: no ConfigMap.
//    -> pluginsAppConfigConfigMap().
// 4. The pod: the init container `install-dynamic-plugins` (only when it exists) gets the image of
//    the INSTALL_DP_IMAGE env var (required: the operator fails without it), no command, and
//    imagePullPolicy Always; the `backstage-backend` container's args are cleared before the
//    app-config `--config` args are added -> applyDpProcessingToPodSpec().

import type { DynamicPlugin, DynamicPluginsConfig } from '../model/types';
import type { KObject } from '../kio/types';
import { isObject } from '../kio/types';
import { goValueFromJs, marshalGoV2 } from './go-yaml-v2';
import { isPluginEnabled } from './merge';

export { isDirectLink, pluginName, resolveInheritReference, resolvePackageReferences, resolveRefReference, PackageReferenceError } from './references';

export const PACKAGES_TXT_KEY = 'packages.txt';
export const PLUGINS_APPCONFIG_NAME = 'plugins-appconfig';
export const PLUGINS_APPCONFIG_KEY = 'app-config.dynamic-plugins.yaml';
export const DYNAMIC_PLUGINS_INIT_CONTAINER = 'install-dynamic-plugins';
export const BACKSTAGE_CONTAINER = 'backstage-backend';
const CONFIGURED_NAME_ANNOTATION = 'rhdh.redhat.com/configured-name';

/** The enabled plugins (enabled wins over disabled), in list order. */
export function enabledPlugins(config: DynamicPluginsConfig): DynamicPlugin[] {
  return (Array.isArray(config.plugins) ? config.plugins : []).filter((p) => isPluginEnabled(p));
}

/** The `packages.txt` text: enabled packages joined by "\n", no final newline. */
export function packagesTxt(config: DynamicPluginsConfig): string {
  return enabledPlugins(config)
    .map((p) => (typeof p.package === 'string' ? p.package : ''))
    .join('\n');
}

/** The dynamic plugins ConfigMap of this mode (labels and owner are the model's). */
export function dpProcessingConfigMap(config: DynamicPluginsConfig, backstage: { name: string; namespace: string }): KObject {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: `backstage-dynamic-plugins-${backstage.name}`, namespace: backstage.namespace },
    data: { [PACKAGES_TXT_KEY]: packagesTxt(config) },
  };
}

function deepMerge(dst: Record<string, unknown>, src: Record<string, unknown>): void {
  for (const [k, v] of Object.entries(src)) {
    const d = dst[k];
    if (isObject(v) && isObject(d)) {
      deepMerge(d, v);
      continue;
    }
    dst[k] = isObject(v) ? JSON.parse(JSON.stringify(v)) : Array.isArray(v) ? JSON.parse(JSON.stringify(v)) : v;
  }
}

/** The enabled plugins' pluginConfig deep-merged in list order; undefined when there is none. */
export function mergedPluginConfig(config: DynamicPluginsConfig): Record<string, unknown> | undefined {
  const out: Record<string, unknown> = {};
  for (const p of enabledPlugins(config)) if (isObject(p.pluginConfig)) deepMerge(out, p.pluginConfig);
  return Object.keys(out).length > 0 ? sortKeysLikeGoYaml(out) as Record<string, unknown> : undefined;
}

/**
 * gopkg.in/yaml.v2's map key order (it sorts every map it writes): digit runs compare as numbers,
 * a non-letter sorts before a letter, letters by code point; a shorter prefix first.
 */
export function compareGoYamlKeys(a: string, b: string): number {
  const ar = [...a];
  const br = [...b];
  const isLetter = (c: string) => /\p{L}/u.test(c);
  const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';
  for (let i = 0; i < ar.length && i < br.length; i++) {
    if (ar[i] === br[i]) continue;
    const al = isLetter(ar[i]);
    const bl = isLetter(br[i]);
    if (al && bl) return ar[i] < br[i] ? -1 : 1;
    if (al || bl) return bl ? -1 : 1;
    let an = 0;
    let bn = 0;
    if (ar[i] === '0' || br[i] === '0') {
      for (let j = i - 1; j >= 0 && isDigit(ar[j]); j--) {
        if (ar[j] !== '0') {
          an = 1;
          bn = 1;
          break;
        }
      }
    }
    let ai = i;
    let bi = i;
    for (; ai < ar.length && isDigit(ar[ai]); ai++) an = an * 10 + (ar[ai].charCodeAt(0) - 48);
    for (; bi < br.length && isDigit(br[bi]); bi++) bn = bn * 10 + (br[bi].charCodeAt(0) - 48);
    if (an !== bn) return an < bn ? -1 : 1;
    if (ai !== bi) return ai < bi ? -1 : 1;
    return ar[i] < br[i] ? -1 : 1;
  }
  return ar.length - br.length;
}

/** A copy with every mapping's keys in yaml.v2's order (what the operator's yaml.Marshal writes). */
export function sortKeysLikeGoYaml(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeysLikeGoYaml);
  if (isObject(v)) {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort(compareGoYamlKeys)) out[k] = sortKeysLikeGoYaml(v[k]);
    return out;
  }
  return v;
}

/**
 * The `plugins-appconfig` app-config ConfigMap with its final name, or undefined when no enabled
 * plugin has a pluginConfig. The model puts it first among the app-config ConfigMaps and adds
 * labels/owner like the others.
 */
export function pluginsAppConfigConfigMap(config: DynamicPluginsConfig, backstage: { name: string; namespace: string }): KObject | undefined {
  const merged = mergedPluginConfig(config);
  if (!merged) return undefined;
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: {
      name: `backstage-appconfig-${backstage.name}-${PLUGINS_APPCONFIG_NAME}`,
      namespace: backstage.namespace,
      annotations: { [CONFIGURED_NAME_ANNOTATION]: PLUGINS_APPCONFIG_NAME },
    },
    // appconfig.go addPluginsAppConfig: yaml.Marshal (gopkg.in/yaml.v2) of the merged map
    data: { [PLUGINS_APPCONFIG_KEY]: marshalGoV2(goValueFromJs(merged)) },
  };
}

/**
 * The pod changes of this mode, on a copy of a pod spec (plain object): when the init container
 * `install-dynamic-plugins` exists, its image becomes `installDpImage`, its command is removed and
 * its imagePullPolicy is Always, and the `backstage-backend` container's args are removed (the
 * model adds the app-config `--config` args afterwards). Without the init container the pod is
 * unchanged. Throws when `installDpImage` is empty and the init container exists (the operator
 * fails then: "INSTALL_DP_IMAGE environment variable is required ...").
 */
export function applyDpProcessingToPodSpec<T extends Record<string, unknown>>(podSpec: T, opts: { installDpImage: string }): T {
  const spec = JSON.parse(JSON.stringify(podSpec)) as Record<string, unknown>;
  const inits = Array.isArray(spec.initContainers) ? (spec.initContainers as Array<Record<string, unknown>>) : [];
  const i = inits.findIndex((c) => isObject(c) && c.name === DYNAMIC_PLUGINS_INIT_CONTAINER);
  if (i < 0) return spec as T;
  if (!opts.installDpImage) throw new Error('INSTALL_DP_IMAGE environment variable is required when operator dynamic plugins processing is enabled');
  const ic = inits[i];
  ic.image = opts.installDpImage;
  delete ic.command;
  ic.imagePullPolicy = 'Always';
  const containers = Array.isArray(spec.containers) ? (spec.containers as Array<Record<string, unknown>>) : [];
  const main = containers.find((c) => isObject(c) && c.name === BACKSTAGE_CONTAINER);
  if (main) delete main.args;
  return spec as T;
}

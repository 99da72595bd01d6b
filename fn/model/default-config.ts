// Reading a key's default configuration from the profile: base file, platform patch, flavours
// (the operator's pkg/model/default-config.go and utils.ReadYamls / ReadYamlFiles).
import type { OperatorVersion } from '../versions';
import { isObject } from '../kio/types';
import type { KObject } from '../kio/types';
import { strategicMerge } from '../merge/strategic-merge';
import { defaultConfigFile, platformPatchFile, DEFAULT_CONFIG_DIR, FLAVOURS_DIR } from '../profile/profile';
import type { Profile } from '../profile/profile';
import { parseYaml, parseYamlDocuments } from '../yaml';
import { derivedProfileText, parseProfileDocuments, parseProfileYaml } from './profile-yaml';
import { mergePluginsData } from './plugins-data';
import { ModelError } from './runtime';
import type { EnabledFlavour, ObjectConfig } from './runtime';
import { pruneUnknownFields, typeOfKind } from './typed-fields';
import { addAnnotation, DYNAMIC_PLUGINS_FILE, SOURCE_ANNOTATION } from './utils';

/** Receives the fields of an object the operator's typed structs drop (where = file or raw key). */
export type UnknownFieldsSink = (where: string, kind: string, name: string, paths: string[]) => void;

/** Drops what the operator's typed structs would drop, and says so. */
function reportUnknown(o: KObject, where: string, sink?: UnknownFieldsSink): void {
  const t = typeOfKind(o.kind);
  if (!t) return;
  const paths = pruneUnknownFields(o, t);
  if (paths.length > 0 && sink) sink(where, o.kind, String(o.metadata?.name ?? ''), paths);
}

interface ConfigSource {
  /** Profile-relative path, for messages. */
  path: string;
  /** '' for the base config. */
  flavourName: string;
  content: string;
}

function mergeErrorMessage(e: unknown): string {
  const err = e as Error & { path?: string };
  return err.path ? `${err.message} (at ${err.path})` : err.message;
}

/** Checks an object read for a key has one of the kinds the key takes (the Go code's typed objects). */
export function checkKind(o: unknown, conf: ObjectConfig, where: string): KObject {
  if (!isObject(o)) throw new ModelError(`${where}: ${conf.key} must hold Kubernetes objects`, undefined, where);
  const ok = conf.kinds.some((k) => k.apiVersion === o.apiVersion && k.kind === o.kind);
  if (!ok) {
    const expected = conf.kinds.map((k) => `${k.apiVersion} ${k.kind}`).join(' or ');
    throw new ModelError(
      `${where}: ${conf.key} holds ${String(o.apiVersion ?? '(no apiVersion)')} ${String(o.kind ?? '(no kind)')}, expected ${expected}`,
      undefined,
      where,
    );
  }
  if (!isObject(o.metadata)) (o as Record<string, unknown>).metadata = {};
  return o as unknown as KObject;
}

/**
 * utils.ReadYamls: the objects of a (multi-document) text, each merged with the platform patch when
 * one is given, checked against the key's kinds. With `profile`, the texts are files of that
 * profile, parsed once per profile (fn/model/profile-yaml.ts).
 */
export function readYamls(text: string, platformPatch: string | undefined, conf: ObjectConfig, where: string, sink?: UnknownFieldsSink, profile?: Profile): KObject[] {
  let docs: unknown[];
  try {
    docs = profile ? parseProfileDocuments(profile, text) : parseYamlDocuments(text);
  } catch (e) {
    throw new ModelError(`${where}: ${(e as Error).message}`, undefined, where);
  }
  let patch: unknown;
  if (platformPatch !== undefined) {
    try {
      patch = profile ? parseProfileYaml(profile, platformPatch) : parseYaml(platformPatch);
    } catch (e) {
      throw new ModelError(`${where} platform patch: ${(e as Error).message}`, undefined, where);
    }
  }
  return docs.map((d) => {
    let doc = d;
    if (patch !== undefined) {
      try {
        doc = strategicMerge(d, patch);
      } catch (e) {
        throw new ModelError(`failed to merge platform patch into ${where}: ${mergeErrorMessage(e)}`, undefined, where);
      }
    }
    const o = checkKind(doc, conf, where);
    reportUnknown(o, where, sink);
    return o;
  });
}

function basePath(key: string): string {
  return `${DEFAULT_CONFIG_DIR}/${key}`;
}

/** collectConfigSources: base first, then the flavours in the order given. */
function collectConfigSources(profile: Profile, key: string, flavours: EnabledFlavour[]): ConfigSource[] {
  const sources: ConfigSource[] = [];
  const base = defaultConfigFile(profile, key);
  if (base !== undefined) sources.push({ path: basePath(key), flavourName: '', content: base });
  for (const f of flavours) {
    const text = f.files[key];
    if (text !== undefined) sources.push({ path: `${FLAVOURS_DIR}/${f.name}/${key}`, flavourName: f.name, content: text });
  }
  return sources;
}

/** The platform patch for a profile path (`<path>.<ext>`), when the profile has one. */
function platformPatchFor(profile: Profile, path: string, platformExt: string): string | undefined {
  if (path.startsWith(`${DEFAULT_CONFIG_DIR}/`)) return platformPatchFile(profile, path.slice(DEFAULT_CONFIG_DIR.length + 1), platformExt);
  return profile.files[`${path}.${platformExt}`];
}

/** mergeDeployments: merge2 of each flavour onto the base, then the platform patch. */
function mergeDeployments(profile: Profile, sources: ConfigSource[], conf: ObjectConfig, platformExt: string, sink?: UnknownFieldsSink): KObject[] {
  let merged: unknown;
  try {
    merged = parseProfileYaml(profile, sources[0].content);
  } catch (e) {
    throw new ModelError(`${sources[0].path}: ${(e as Error).message}`, undefined, sources[0].path);
  }
  for (let i = 1; i < sources.length; i++) {
    let patch: unknown;
    try {
      patch = parseProfileYaml(profile, sources[i].content);
    } catch (e) {
      throw new ModelError(`${sources[i].path}: ${(e as Error).message}`, undefined, sources[i].path);
    }
    if (patch === undefined) continue;
    try {
      merged = merged === undefined ? patch : strategicMerge(merged, patch);
    } catch (e) {
      throw new ModelError(`failed to merge deployment from ${sources[i].path}: ${mergeErrorMessage(e)}`, undefined, sources[i].path);
    }
  }
  if (merged === undefined) {
    throw new ModelError(`no objects found after merging deployment sources: ${sources.map((s) => s.path).join(', ')}`);
  }
  const pp = platformPatchFor(profile, sources[0].path, platformExt);
  let doc: unknown = merged;
  if (pp !== undefined) {
    let patch: unknown;
    try {
      patch = parseProfileYaml(profile, pp);
    } catch (e) {
      throw new ModelError(`${sources[0].path}.${platformExt}: ${(e as Error).message}`, undefined, `${sources[0].path}.${platformExt}`);
    }
    if (patch !== undefined) {
      try {
        doc = strategicMerge(merged, patch);
      } catch (e) {
        throw new ModelError(`failed to merge platform patch into ${sources[0].path}: ${mergeErrorMessage(e)}`, undefined, sources[0].path);
      }
    }
  }
  const o = checkKind(doc, conf, sources[0].path);
  reportUnknown(o, sources.map((x) => x.path).join(' + '), sink);
  return [o];
}

/**
 * mergeDynamicPlugins: dynamic-plugins.yaml data merged by package; the last source's ConfigMap
 * carries it. With resolveReferences (OPERATOR_DP_PROCESSING, operator main) each flavour's
 * `ref://` and `{{inherit}}` packages are resolved against what is merged before it.
 */
function mergeDynamicPlugins(profile: Profile, sources: ConfigSource[], conf: ObjectConfig, sink: UnknownFieldsSink | undefined, resolveReferences: boolean, enabledKey: boolean): KObject[] {
  let result: KObject | undefined;
  let mergedData = '';
  for (const src of sources) {
    const objs = readYamls(src.content, undefined, conf, src.path, sink, profile);
    if (objs.length === 0) throw new ModelError(`no objects found in ${src.path}`, undefined, src.path);
    const cm = objs[0];
    const data = isObject(cm.data) ? cm.data[DYNAMIC_PLUGINS_FILE] : undefined;
    if (typeof data !== 'string') throw new ModelError(`no ${DYNAMIC_PLUGINS_FILE} key found in ConfigMap from ${src.path}`, undefined, src.path);
    try {
      // Pure, and the same for every CR with these flavours: once per profile.
      const before = mergedData;
      mergedData = resolveReferences
        ? derivedProfileText(profile, 'dynamic-plugins merge, references resolved', before, data, () => mergePluginsData(before, data, { resolveReferences: true, enabledKey }))
        : derivedProfileText(profile, `dynamic-plugins merge${enabledKey ? '' : ', without enabled'}`, before, data, () => mergePluginsData(before, data, { enabledKey }));
    } catch (e) {
      // dynamicPluginsProcessing: a flavour's {{inherit}} / ref:// needs its plugin in the list merged
      // before it; the profiles' base lists have none (only includes, which this mode does not read).
      const hint =
        resolveReferences && /cannot resolve|invalid ref:\/\/|unsupported package URL/.test((e as Error).message)
          ? ` (dynamicPluginsProcessing resolves ${src.flavourName ? `flavour ${src.flavourName}'s` : 'these'} package references against the plugins listed before it, not against includes: disable the flavour in spec.flavours, or give a base list with rawRuntimeConfig)`
          : '';
      throw new ModelError(`failed to merge dynamic-plugins from ${src.path}: ${(e as Error).message}${hint}`, undefined, src.path);
    }
    result = cm;
  }
  if (!result) return [];
  (result.data as Record<string, unknown>)[DYNAMIC_PLUGINS_FILE] = mergedData;
  return [result];
}

/** mergeMultiObjectConfigs: every source's objects, annotated with where they came from. No platform patch. */
function mergeMultiObjectConfigs(profile: Profile, sources: ConfigSource[], conf: ObjectConfig, sink?: UnknownFieldsSink): KObject[] {
  const all: KObject[] = [];
  for (const src of sources) {
    for (const o of readYamls(src.content, undefined, conf, src.path, sink, profile)) {
      addAnnotation(o, SOURCE_ANNOTATION, src.flavourName ? `flavour-${src.flavourName}` : 'default');
      all.push(o);
    }
  }
  return all;
}

/**
 * ReadDefaultConfig: the default objects of a key. Keys without a merge function read the base file
 * only (flavour files for them are ignored, as in the operator) with the platform patch applied to
 * every document.
 */
export function readDefaultConfig(
  conf: ObjectConfig,
  flavours: EnabledFlavour[],
  profile: Profile,
  platformExt: string,
  sink?: UnknownFieldsSink,
  opts: { resolveReferences?: boolean; enabledKey?: boolean; version?: OperatorVersion } = {},
): KObject[] {
  // 1.9 reads every key's base file and platform patch alone (flavours and their merges came with 1.10).
  if (conf.merge === 'none' || opts.version === '1.9') {
    const text = defaultConfigFile(profile, conf.key);
    if (text === undefined) return [];
    return readYamls(text, platformPatchFile(profile, conf.key, platformExt), conf, basePath(conf.key), sink, profile);
  }
  const sources = collectConfigSources(profile, conf.key, flavours);
  if (sources.length === 0) return [];
  switch (conf.merge) {
    case 'deployment':
      return mergeDeployments(profile, sources, conf, platformExt, sink);
    case 'dynamic-plugins':
      return mergeDynamicPlugins(profile, sources, conf, sink, opts.resolveReferences === true, opts.enabledKey !== false);
    case 'multi-object':
      return mergeMultiObjectConfigs(profile, sources, conf, sink);
  }
}

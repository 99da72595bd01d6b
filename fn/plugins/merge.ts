// Reading, merging and writing the dynamic plugins configuration (the `dynamic-plugins.yaml`
// value of the dynamic plugins ConfigMap), following the operator's MergePluginsData
// (pkg/model/dynamic-plugins.go), with each line's enabled/disabled rules (MergeOptions.enabledKey):
// - main (3b5e5e5f, PR #3098): `enabled` is a key; the rules below.
// - 1.9 and 1.10: the operator's struct has no `enabled` (dropped when merged, ignored for
//   dependencies) and an overlay entry sets `disabled` to its own value: an entry that does not
//   say `disabled: true` (re-)enables the plugin.
//
// What the operator does, and what we do:
// - Plugins merge by `package`. The overlay's `pluginConfig` (when not null) replaces the base's
//   wholesale (no deep merge; `{}` therefore clears it); `dependencies` (when not null) replaces
//   them, an explicit `[]` clears them; a non-empty `integrity` replaces it; `enabled` (when set)
//   replaces `enabled` and resets `disabled` to false; else `disabled: true` sets `disabled` and
//   drops `enabled`; else the base's activation stays.
// - `includes` are unioned; an explicit `includes: []` in the overlay clears them.
// - The operator round-trips through typed Go structs, so any other key (of a plugin, of a
//   dependency, at the top) is dropped when two configurations are merged, every merged plugin
//   carries `disabled` (no omitempty) and empty `includes`, `pluginConfig`, `dependencies` and
//   `integrity` disappear. We do the same and, when given a Diagnostics, say so (warning).
// - The operator rebuilds the lists from Go maps, in random order. We keep the first occurrence's
//   position (base order, then the overlay's new entries); for a package listed twice in the base the
//   later entry's content wins (map assignment), in the overlay each entry merges in turn.
// - MergePluginsData("", x) returns x verbatim: with no base we return a copy of the overlay as is.
// - The merged text is what yaml.Marshal of gopkg.in/yaml.v2 v2.4.0 (every line's go.mod) writes:
//   struct fields in struct order, pluginConfig as yaml.v2 read it (YAML 1.1 values, keys sorted),
//   lists not indented under their key, v2's quoting and folding at 80 columns (go-yaml-v2.ts).

import type { DynamicPlugin, DynamicPluginsConfig } from '../model/types';
import type { Diagnostics } from '../diagnostics';
import type { KObject, ResourceRef } from '../kio/types';
import { isObject } from '../kio/types';
import { isMap, isScalar, isSeq } from 'yaml';
import { findBlockSequences } from '../kio/split-block-sequence';
import { SPLIT_SIZES } from '../yaml-split';
import { parseYaml } from '../yaml';
import { decodeGoV2, goStruct, goValueFromJs, marshalGoV2, parseForGoV2 } from './go-yaml-v2';
import type { GoValue } from './go-yaml-v2';
import { PackageReferenceError, resolvePackageReferences } from './references';

export const DYNAMIC_PLUGINS_KEY = 'dynamic-plugins.yaml';

/** A problem in a dynamic plugins configuration; `path` is the field inside it (e.g. `plugins[2].package`). */
export class DynamicPluginsConfigError extends Error {
  constructor(
    message: string,
    readonly path?: string,
  ) {
    super(path ? `${path}: ${message}` : message);
    this.name = 'DynamicPluginsConfigError';
  }
}

function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (isObject(v)) return 'a mapping';
  return `a ${typeof v}`;
}

/**
 * Parses the dynamic-plugins.yaml text. An empty text is `{}`. Checks the types of the keys the
 * operator reads (a wrong type fails its YAML decoding too); other keys are kept as they are.
 * Throws DynamicPluginsConfigError (with the field path) on bad input.
 */
// The same text is parsed again for every CR that uses it (a fleet shares a few ConfigMaps):
// keep each parsed config, plain data only, and hand out copies. Deterministic: the result depends
// on the text alone. Not a large text: its copies, and the text itself as the key, would cost
// several times its size for the whole run (a 50 MB configuration is one CR's).
const PARSED = new Map<string, DynamicPluginsConfig>();
const PARSED_MAX = 256;
const PARSED_TEXT_MAX = 1 << 20;

function isPlainData(v: unknown, depth = 0): boolean {
  if (depth > 300) return false;
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return true;
  if (typeof v === 'number') return Number.isFinite(v) && !Object.is(v, -0);
  if (Array.isArray(v)) return v.every((x) => isPlainData(x, depth + 1));
  if (typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) {
    return Object.keys(v as object).every((k) => k !== '__proto__' && isPlainData((v as Record<string, unknown>)[k], depth + 1));
  }
  return false;
}

export function parseDynamicPluginsConfig(text: string): DynamicPluginsConfig {
  const cached = PARSED.get(text);
  if (cached) return JSON.parse(JSON.stringify(cached)) as DynamicPluginsConfig;
  const cfg = parseDynamicPluginsConfigUncached(text);
  if (text.length <= PARSED_TEXT_MAX && isPlainData(cfg)) {
    if (PARSED.size >= PARSED_MAX) PARSED.clear();
    PARSED.set(text, JSON.parse(JSON.stringify(cfg)) as DynamicPluginsConfig);
  }
  return cfg;
}

function parseDynamicPluginsConfigUncached(text: string): DynamicPluginsConfig {
  let value: unknown;
  try {
    value = parseYaml(text);
  } catch (e) {
    throw new DynamicPluginsConfigError((e as Error).message);
  }
  if (value === undefined || value === null) return {};
  if (!isObject(value)) throw new DynamicPluginsConfigError(`expected a mapping with "plugins" and "includes", found ${typeName(value)}`);
  const cfg = value as DynamicPluginsConfig;
  if (cfg.includes !== undefined && cfg.includes !== null) {
    if (!Array.isArray(cfg.includes)) throw new DynamicPluginsConfigError(`expected a list of strings, found ${typeName(cfg.includes)}`, 'includes');
    cfg.includes.forEach((inc, i) => {
      if (typeof inc !== 'string') throw new DynamicPluginsConfigError(`expected a string, found ${typeName(inc)}`, `includes[${i}]`);
    });
  }
  if (cfg.plugins !== undefined && cfg.plugins !== null) {
    if (!Array.isArray(cfg.plugins)) throw new DynamicPluginsConfigError(`expected a list of plugins, found ${typeName(cfg.plugins)}`, 'plugins');
    cfg.plugins.forEach((p, i) => checkPlugin(p, `plugins[${i}]`));
  }
  return cfg;
}

function checkPlugin(p: unknown, path: string): void {
  if (!isObject(p)) throw new DynamicPluginsConfigError(`expected a plugin (a mapping with "package"), found ${typeName(p)}`, path);
  for (const key of ['package', 'integrity'] as const) {
    const v = p[key];
    if (v !== undefined && v !== null && typeof v !== 'string') throw new DynamicPluginsConfigError(`expected a string, found ${typeName(v)}`, `${path}.${key}`);
  }
  for (const key of ['enabled', 'disabled'] as const) {
    const v = p[key];
    if (v !== undefined && v !== null && typeof v !== 'boolean') {
      throw new DynamicPluginsConfigError(`expected true or false, found ${typeName(v)}${typeof v === 'string' ? ` "${v}"` : ''}`, `${path}.${key}`);
    }
  }
  const pc = p.pluginConfig;
  if (pc !== undefined && pc !== null && !isObject(pc)) throw new DynamicPluginsConfigError(`expected a mapping, found ${typeName(pc)}`, `${path}.pluginConfig`);
  const deps = p.dependencies;
  if (deps !== undefined && deps !== null) {
    if (!Array.isArray(deps)) throw new DynamicPluginsConfigError(`expected a list of {ref: ...}, found ${typeName(deps)}`, `${path}.dependencies`);
    deps.forEach((d, j) => {
      if (!isObject(d)) throw new DynamicPluginsConfigError(`expected a mapping with "ref", found ${typeName(d)}`, `${path}.dependencies[${j}]`);
      if (d.ref !== undefined && d.ref !== null && typeof d.ref !== 'string') {
        throw new DynamicPluginsConfigError(`expected a string, found ${typeName(d.ref)}`, `${path}.dependencies[${j}].ref`);
      }
    });
  }
}

/**
 * As the operator decides: on main (IsDisabled, `enabledKey`) `enabled`, when set, wins, else not
 * `disabled: true`; 1.9 and 1.10 read only `disabled`.
 */
export function isPluginEnabled(p: DynamicPlugin, enabledKey = true): boolean {
  if (enabledKey && typeof p.enabled === 'boolean') return p.enabled;
  return p.disabled !== true;
}

/**
 * The configuration as the operator writes a merged one: yaml.Marshal (yaml.v2) of its
 * DynaPluginsConfig struct. Keys the struct does not have are not written; `goPluginConfigs` gives
 * the pluginConfig values as yaml.v2 read them (see goPluginConfigToken), else they are converted.
 */
export function stringifyDynamicPluginsConfig(c: DynamicPluginsConfig, goPluginConfigs: ReadonlyMap<string, GoValue> = new Map(), enabledKey = true): string {
  const fields: Array<[string, GoValue]> = [];
  if (Array.isArray(c.includes) && c.includes.length > 0) fields.push(['includes', c.includes.map((i) => String(i))]);
  if (Array.isArray(c.plugins) && c.plugins.length > 0) {
    fields.push(['plugins', c.plugins.map((p) => goPlugin(p, goPluginConfigs, enabledKey))]);
  }
  return marshalGoV2(goStruct(fields));
}

/** DynaPlugin (package, integrity, [enabled,] disabled, pluginConfig, dependencies; omitempty but disabled). */
function goPlugin(p: DynamicPlugin, goPluginConfigs: ReadonlyMap<string, GoValue>, enabledKey: boolean): GoValue {
  const f: Array<[string, GoValue]> = [];
  if (typeof p.package === 'string' && p.package !== '') f.push(['package', p.package]);
  if (typeof p.integrity === 'string' && p.integrity !== '') f.push(['integrity', p.integrity]);
  if (enabledKey && typeof p.enabled === 'boolean') f.push(['enabled', p.enabled]);
  f.push(['disabled', p.disabled === true]);
  const pc = p.pluginConfig as Record<string, unknown> | undefined | null;
  if (isObject(pc) && Object.keys(pc).length > 0) {
    const token = pc[GO_PLUGIN_CONFIG];
    const go = typeof token === 'string' ? goPluginConfigs.get(token) : undefined;
    f.push(['pluginConfig', go ?? goValueFromJs(pc)]);
  }
  if (Array.isArray(p.dependencies) && p.dependencies.length > 0) {
    f.push(['dependencies', p.dependencies.map((d) => goStruct([['ref', typeof d.ref === 'string' ? d.ref : '']]))]);
  }
  return goStruct(f);
}

/**
 * Stands in for a plugin's pluginConfig while the merge runs on the parsed (JSON-like) configs,
 * so that the merged text carries the value as yaml.v2 decoded it (`1.0` the float 1, `yes` true,
 * int / float kept apart), not as our YAML 1.1 reader did.
 */
const GO_PLUGIN_CONFIG = '\u0000go-yaml-v2-pluginConfig';

function withGoPluginConfigTokens(cfg: DynamicPluginsConfig, text: string, side: string, into: Map<string, GoValue>): DynamicPluginsConfig {
  if (!Array.isArray(cfg.plugins)) return cfg;
  const hasConfig = (p: DynamicPlugin) => isObject(p.pluginConfig) && Object.keys(p.pluginConfig).length > 0;
  if (!cfg.plugins.some(hasConfig)) return cfg;
  const goConfigs = goPluginConfigsOf(text);
  cfg.plugins.forEach((p, i) => {
    const go = goConfigs[i];
    // (behind an alias or a merge key, go is undefined: converted from our reading instead)
    if (!hasConfig(p) || go === undefined) return;
    const token = `${side}${i}`;
    into.set(token, go);
    p.pluginConfig = { [GO_PLUGIN_CONFIG]: token };
  });
  return cfg;
}

// A fleet's CRs merge the same few texts again and again: keep each text's decoded pluginConfigs
// (never modified: the writer sorts copies). Deterministic: the result depends on the text alone.
// Not a large text's (see PARSED_TEXT_MAX).
const GO_CONFIGS = new Map<string, ReadonlyArray<GoValue | undefined>>();

/**
 * Each plugin's pluginConfig as yaml.v2 decodes it (goPluginConfigOf); none when the text does not
 * parse. A large text is parsed a batch of plugins at a time where it can be (the `yaml` package
 * holds a whole document's syntax tree: about 1.7 GB for a 50 MB configuration), as
 * fn/yaml-split.ts reads texts.
 */
function goPluginConfigsOf(text: string): ReadonlyArray<GoValue | undefined> {
  const cached = GO_CONFIGS.get(text);
  if (cached) return cached;
  let out = text.length >= SPLIT_SIZES.textFrom ? goPluginConfigsByPieces(text) : undefined;
  if (out === undefined) {
    const doc = parseForGoV2(text);
    const plugins = doc.errors.length === 0 ? doc.get('plugins', true) : undefined;
    out = isSeq(plugins) ? plugins.items.map((_, i) => goPluginConfigOf(doc.getIn(['plugins', i, 'pluginConfig'], true), doc)) : [];
  }
  if (text.length > PARSED_TEXT_MAX) return out;
  if (GO_CONFIGS.size >= PARSED_MAX) GO_CONFIGS.clear();
  GO_CONFIGS.set(text, out);
  return out;
}

/** The top-level `plugins:` block sequence cut into batches of items, each parsed alone; undefined where the pieces could read otherwise than the whole (then the whole text is parsed). */
function goPluginConfigsByPieces(text: string): Array<GoValue | undefined> | undefined {
  const seq = findBlockSequences(text, { minItems: 1 }).find((sq) => /^plugins:[ ]*(?:#.*)?$/.test(contentLineBefore(text, sq.start) ?? ''));
  if (!seq) return undefined;
  // The rest of the text, with a one-item placeholder for the sequence, must read as a map whose plugins are that placeholder.
  const dash = seq.start + seq.column;
  const skeleton = parseForGoV2(`${text.slice(0, seq.start)}${' '.repeat(seq.column)}- 0\n${text.slice(seq.end)}`);
  const placeholder = skeleton.errors.length === 0 ? skeleton.getIn(['plugins'], true) : undefined;
  if (!isSeq(placeholder) || placeholder.flow || placeholder.items.length !== 1 || !isScalar(placeholder.items[0]) || placeholder.items[0].range?.[0] !== dash + 2) return undefined;
  const out: Array<GoValue | undefined> = [];
  for (let i = 0; i < seq.items.length; ) {
    let n = 1;
    while (i + n < seq.items.length && (seq.items[i + n + 1] ?? seq.end) - seq.items[i] <= 32 * 1024) n++;
    const doc = parseForGoV2(text.slice(seq.items[i], seq.items[i + n] ?? seq.tail));
    const items = doc.errors.length === 0 ? doc.contents : undefined;
    if (!isSeq(items) || items.flow || items.items.length !== n || items.range?.[0] !== seq.column) return undefined;
    for (const item of items.items) out.push(goPluginConfigOf(isMap(item) ? item.get('pluginConfig', true) : undefined, doc));
    i += n;
  }
  return out;
}

/** The line before `pos` that is not blank or a comment. */
function contentLineBefore(text: string, pos: number): string | undefined {
  let end = pos - 1;
  while (end > 0) {
    const start = text.lastIndexOf('\n', end - 1) + 1;
    const line = text.slice(start, end);
    if (line.trim() !== '' && !line.trim().startsWith('#')) return line;
    end = start - 1;
  }
  return undefined;
}

/** A plugin's pluginConfig node as a map[string]interface{}. */
function goPluginConfigOf(node: unknown, doc: ReturnType<typeof parseForGoV2>): GoValue | undefined {
  if (!isMap(node)) return undefined;
  const go = decodeGoV2(node, doc, true);
  return go !== null && typeof go === 'object' && !Array.isArray(go) && go.go === 'map' && go.entries.length > 0 ? go : undefined;
}

export interface MergeOptions {
  /** Receives a warning for each key the operator's merge drops. */
  diag?: Diagnostics;
  /** Where the base / overlay come from, for those results (e.g. the profile file, the CR's ConfigMap). */
  baseWhere?: { ref?: ResourceRef | KObject; file?: string; path?: string };
  overlayWhere?: { ref?: ResourceRef | KObject; file?: string; path?: string };
  /**
   * OPERATOR_DP_PROCESSING (operator main only): resolve `ref://` and `{{inherit}}` packages of the
   * overlay against the base plugins first. A failure throws DynamicPluginsConfigError.
   */
  resolveReferences?: boolean;
  /**
   * Main's rules (default): `enabled` is a key and wins. false: 1.9 / 1.10, whose struct has only
   * `disabled`, which an overlay entry always sets (see the top of this file).
   */
  enabledKey?: boolean;
  /**
   * Whether an overlay's explicit empty `dependencies: []` / `includes: []` clears the base's
   * (default; since 1.10: fb3338d1 PR #2292, 20219b95 PR #2262). false: 1.9, where they are ignored.
   */
  emptyListsClear?: boolean;
  /** The configurations are the caller's to give away (just parsed): the result may take their parts instead of copies. */
  inputsGivenAway?: boolean;
}

const PLUGIN_KEYS = new Set(['package', 'integrity', 'enabled', 'disabled', 'pluginConfig', 'dependencies']);
const PLUGIN_KEYS_WITHOUT_ENABLED = new Set(['package', 'integrity', 'disabled', 'pluginConfig', 'dependencies']);
const TOP_KEYS = new Set(['includes', 'plugins']);

function clone<T>(v: T): T {
  return v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T);
}

/** One plugin in the shape the operator's typed round trip leaves (key order of its struct). */
function normalizePlugin(p: DynamicPlugin, report: (key: string) => void, enabledKey = true, copy = true): DynamicPlugin {
  const out: DynamicPlugin = { package: typeof p.package === 'string' ? p.package : '' };
  if (!out.package) delete (out as { package?: string }).package;
  if (typeof p.integrity === 'string' && p.integrity !== '') out.integrity = p.integrity;
  if (enabledKey && typeof p.enabled === 'boolean') out.enabled = p.enabled;
  out.disabled = p.disabled === true;
  if (isObject(p.pluginConfig) && Object.keys(p.pluginConfig).length > 0) out.pluginConfig = copy ? clone(p.pluginConfig) : p.pluginConfig;
  if (Array.isArray(p.dependencies) && p.dependencies.length > 0) {
    out.dependencies = p.dependencies.map((d, j) => {
      for (const k of Object.keys(d)) if (k !== 'ref') report(`dependencies[${j}].${k}`);
      return { ref: typeof d.ref === 'string' ? d.ref : '' };
    });
  }
  const known = enabledKey ? PLUGIN_KEYS : PLUGIN_KEYS_WITHOUT_ENABLED;
  for (const k of Object.keys(p)) if (!known.has(k)) report(k);
  return out;
}

function dropReporter(opts: MergeOptions, where: MergeOptions['baseWhere']): (path: string) => void {
  return (path) => {
    if (!opts.diag) return;
    const full = where?.path ? `${where.path}.${path}` : path;
    const keys = opts.enabledKey === false ? 'package, integrity, disabled, pluginConfig, dependencies, includes; `enabled` only since main' : 'package, integrity, enabled, disabled, pluginConfig, dependencies, includes';
    opts.diag.warning(`"${full}" is not a key the operator knows (${keys}): it drops it when merging dynamic plugins configurations, and so do we`, {
      ref: where?.ref,
      file: where?.file,
      path: full,
    });
  };
}

/**
 * The operator's MergePluginsData with a stable order. `base` undefined: the overlay is returned as
 * is (a copy). Inputs are not modified.
 */
export function mergeDynamicPluginsConfigs(base: DynamicPluginsConfig | undefined, overlay: DynamicPluginsConfig, opts: MergeOptions = {}): DynamicPluginsConfig {
  if (base === undefined) return clone(overlay);
  const reportBase = dropReporter(opts, opts.baseWhere);
  const reportOverlay = dropReporter(opts, opts.overlayWhere);
  for (const k of Object.keys(base)) if (!TOP_KEYS.has(k)) reportBase(k);
  for (const k of Object.keys(overlay)) if (!TOP_KEYS.has(k)) reportOverlay(k);

  const basePlugins = Array.isArray(base.plugins) ? base.plugins : [];
  let overlayPlugins = Array.isArray(overlay.plugins) ? overlay.plugins : [];
  if (opts.resolveReferences) {
    try {
      overlayPlugins = resolvePackageReferences(overlayPlugins, basePlugins);
    } catch (e) {
      if (e instanceof PackageReferenceError) throw new DynamicPluginsConfigError(e.message, `plugins[${e.index}].package`);
      throw e;
    }
  }

  const enabledKey = opts.enabledKey !== false;
  const copy = opts.inputsGivenAway !== true;
  const merged = new Map<string, DynamicPlugin>();
  basePlugins.forEach((p, i) => {
    merged.set(typeof p.package === 'string' ? p.package : '', normalizePlugin(p, (k) => reportBase(`plugins[${i}].${k}`), enabledKey, copy));
  });
  overlayPlugins.forEach((raw, i) => {
    const p = normalizePlugin(raw, (k) => reportOverlay(`plugins[${i}].${k}`), enabledKey, copy);
    const key = typeof raw.package === 'string' ? raw.package : '';
    const existing = merged.get(key);
    if (!existing) {
      merged.set(key, p);
      return;
    }
    if (raw.pluginConfig !== undefined && raw.pluginConfig !== null) {
      if (p.pluginConfig !== undefined) existing.pluginConfig = p.pluginConfig;
      else delete existing.pluginConfig;
    }
    if (raw.dependencies !== undefined && raw.dependencies !== null && (opts.emptyListsClear !== false || p.dependencies !== undefined)) {
      if (p.dependencies !== undefined) existing.dependencies = p.dependencies;
      else delete existing.dependencies;
    }
    if (p.integrity !== undefined) existing.integrity = p.integrity;
    if (!enabledKey) {
      // 1.9 / 1.10: existingPlugin.Disabled = plugin.Disabled
      existing.disabled = raw.disabled === true;
    } else if (typeof raw.enabled === 'boolean') {
      existing.enabled = raw.enabled;
      existing.disabled = false;
    } else if (raw.disabled === true) {
      existing.disabled = true;
      delete existing.enabled;
    }
    merged.set(key, reorder(existing));
  });

  const out: DynamicPluginsConfig = {};
  let includes: string[] = [];
  if (!(Array.isArray(overlay.includes) && overlay.includes.length === 0 && opts.emptyListsClear !== false)) {
    for (const inc of [...(base.includes ?? []), ...(overlay.includes ?? [])]) if (!includes.includes(inc)) includes.push(inc);
  } else includes = [];
  if (includes.length > 0) out.includes = includes;
  const plugins = [...merged.values()];
  if (plugins.length > 0) out.plugins = plugins;
  return out;
}

/** Keeps the struct's key order after edits. */
function reorder(p: DynamicPlugin): DynamicPlugin {
  const out: Record<string, unknown> = {};
  for (const k of ['package', 'integrity', 'enabled', 'disabled', 'pluginConfig', 'dependencies']) if (p[k] !== undefined) out[k] = p[k];
  return out as DynamicPlugin;
}

/**
 * The operator's MergePluginsData on texts: an empty side returns the other text verbatim (so the
 * profile's own text stays byte for byte when nothing is merged into it); else parse, merge and
 * stringify. Throws DynamicPluginsConfigError.
 */
export function mergeDynamicPluginsTexts(first: string, second: string, opts: MergeOptions = {}): string {
  if (first === '') return second;
  if (second === '') return first;
  const goPluginConfigs = new Map<string, GoValue>();
  const base = withGoPluginConfigTokens(parseDynamicPluginsConfig(first), first, 'base:', goPluginConfigs);
  const overlay = withGoPluginConfigTokens(parseDynamicPluginsConfig(second), second, 'overlay:', goPluginConfigs);
  // Both parsed here for this merge alone (parseDynamicPluginsConfig hands out copies): nothing to copy again.
  const merged = mergeDynamicPluginsConfigs(base, overlay, { ...opts, inputsGivenAway: true });
  return stringifyDynamicPluginsConfig(merged, goPluginConfigs, opts.enabledKey !== false);
}

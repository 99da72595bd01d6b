// A profile is data: the files of an operator profile directory (config/profile/<name>),
// held in memory as relative path -> text. The doors read them from disk or from the
// install manifest's ConfigMaps; the core never touches the file system.

import type { OperatorVersion } from '../versions';

export interface Profile {
  /** A name for messages: the embedded profile's name or the directory given. */
  name: string;
  /** Relative POSIX paths such as `default-config/deployment.yaml` or `plugin-deps/sonataflow.yaml`. */
  files: Record<string, string>;
  /**
   * Documents of some files as parseYamlDocuments gives them, parsed when the bundle was built
   * (embedded profiles only): path -> documents. Only plain data that JSON carries exactly.
   */
  preparsed?: Record<string, unknown[]>;
  /**
   * The operator line the profile comes from, when it says (an embedded profile; a profile
   * directory written by profile-from-manifest, in OPERATOR_VERSION_FILE): rendered as that line
   * unless the operatorVersion option says otherwise.
   */
  operatorVersion?: OperatorVersion;
}

/** The file profile-from-manifest writes the install manifest's operator line to (`operatorVersion: "1.10"`). */
export const OPERATOR_VERSION_FILE = 'backstage-render-profile.yaml';

export const DEFAULT_CONFIG_DIR = 'default-config';
export const FLAVOURS_DIR = 'default-config/flavours';
export const PLUGIN_DEPS_DIR = 'plugin-deps';
export const PLUGIN_INFRA_DIR = 'plugin-infra';

/** Text of `default-config/<key>` (key includes `.yaml`), or undefined. */
export function defaultConfigFile(profile: Profile, key: string): string | undefined {
  return profile.files[`${DEFAULT_CONFIG_DIR}/${key}`];
}

/** Text of the platform patch `default-config/<key>.k8s` (applied on plain Kubernetes). */
export function platformPatchFile(profile: Profile, key: string, extension: string): string | undefined {
  return extension ? profile.files[`${DEFAULT_CONFIG_DIR}/${key}.${extension}`] : undefined;
}

export interface FlavourFiles {
  name: string;
  /** The parsed `enabledByDefault` of metadata.yaml (false when absent). Parsing is the caller's. */
  metadataText?: string;
  /** key (e.g. `dynamic-plugins.yaml`) -> text */
  files: Record<string, string>;
}

/** Flavours found under default-config/flavours/<name>/, sorted by name. */
export function listFlavours(profile: Profile): FlavourFiles[] {
  const byName = new Map<string, FlavourFiles>();
  const prefix = `${FLAVOURS_DIR}/`;
  for (const [path, text] of Object.entries(profile.files)) {
    if (!path.startsWith(prefix)) continue;
    const rest = path.slice(prefix.length).split('/');
    if (rest.length !== 2) continue;
    const [name, file] = rest;
    let f = byName.get(name);
    if (!f) {
      f = { name, files: {} };
      byName.set(name, f);
    }
    if (file === 'metadata.yaml') f.metadataText = text;
    else f.files[file] = text;
  }
  return [...byName.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** Files under plugin-deps/ as [relative path inside plugin-deps, text], sorted by path. */
export function listPluginDeps(profile: Profile): Array<[string, string]> {
  const prefix = `${PLUGIN_DEPS_DIR}/`;
  return Object.entries(profile.files)
    .filter(([p]) => p.startsWith(prefix))
    .map(([p, t]) => [p.slice(prefix.length), t] as [string, string])
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}

/** Files under plugin-infra/, sorted by path. */
export function listPluginInfra(profile: Profile): Array<[string, string]> {
  const prefix = `${PLUGIN_INFRA_DIR}/`;
  return Object.entries(profile.files)
    .filter(([p]) => p.startsWith(prefix))
    .map(([p, t]) => [p.slice(prefix.length), t] as [string, string])
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}

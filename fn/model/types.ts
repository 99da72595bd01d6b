import type { Diagnostics } from '../diagnostics';
import type { InputObjects } from '../inputs';
import type { KObject } from '../kio/types';
import type { RenderOptions } from '../options';
import type { Profile } from '../profile/profile';

/** Everything the model of one Backstage CR is built from: passed explicitly, nothing global. */
export interface ModelInput {
  /** The Backstage CR as read from the input; metadata.namespace is always set. */
  cr: KObject;
  profile: Profile;
  options: RenderOptions;
  /** ConfigMaps, Secrets and other objects of the input the CR may refer to. */
  inputs: InputObjects;
  /** Objects an earlier render produced for this CR, fed back (e.g. the DB Secret, to keep its password). */
  previous: InputObjects;
  diag: Diagnostics;
}

/** One entry of the merged dynamic plugins list. */
export interface DynamicPlugin {
  package: string;
  disabled?: boolean;
  enabled?: boolean;
  integrity?: string;
  pluginConfig?: unknown;
  dependencies?: Array<{ ref: string; [k: string]: unknown }>;
  [k: string]: unknown;
}

export interface DynamicPluginsConfig {
  includes?: string[];
  plugins?: DynamicPlugin[];
  [k: string]: unknown;
}

export interface BackstageModel {
  /** The objects to apply, in the operator's order of object keys. */
  objects: KObject[];
  /** The merged dynamic plugins configuration (profile, flavours, CR), for dependency resolution. */
  dynamicPlugins?: DynamicPluginsConfig;
}

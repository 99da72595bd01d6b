import type { Diagnostics } from '../diagnostics';
import type { InputObjects } from '../inputs';
import type { KObject } from '../kio/types';
import type { RenderOptions } from '../options';
import type { Profile } from '../profile/profile';
import type { OperatorVersion } from '../versions';

/** Everything the model of one Backstage CR is built from: passed explicitly, nothing global. */
export interface ModelInput {
  /** The Backstage CR as read by readBackstageCR (fn/model/cr.ts); namespace always set. */
  cr: BackstageCR;
  /** What the CR refers to, gathered from the input by collectExternalConfig (fn/model/external-config.ts). */
  external: ExternalConfig;
  profile: Profile;
  options: RenderOptions;
  /** The operator line whose behaviour the model follows (docs/operator-versions.md). */
  version: OperatorVersion;
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

/**
 * The Backstage CR, read from any served version (v1alpha3/4/5) into one shape: v1alpha5's spec plus
 * the older versions' `application.image`, `application.replicas` and `application.imagePullSecrets`.
 * Built by readBackstageCR (fn/model/cr.ts).
 */
export interface BackstageCR {
  apiVersion: string;
  name: string;
  namespace: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  /** The spec as plain data, unchanged; typed accessors live in fn/model/cr.ts. */
  spec: Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  /** The object as given in the input. */
  object: KObject;
}

/** Keys of a referenced ConfigMap or Secret: string data and binary data, each sorted. */
export interface DataObjectKeys {
  stringDataKeys: string[];
  binaryDataKeys: string[];
}

/**
 * What the operator's spec preprocessor (internal/controller/spec_preprocessor.go) gathers from the
 * cluster before building the model; here gathered from the input objects instead.
 * Built by collectExternalConfig (fn/model/external-config.ts).
 */
export interface ExternalConfig {
  /** rawRuntimeConfig ConfigMaps' data: object key (e.g. `deployment.yaml`) -> YAML text. */
  rawConfig: Record<string, string>;
  /** The CR's dynamic plugins ConfigMap, when named and found. */
  dynamicPlugins?: KObject;
  /** appConfig ConfigMap name -> its keys (sorted); undefined entry when the ConfigMap is not in the input. */
  appConfigKeys: Record<string, string[] | undefined>;
  extraFileConfigMapKeys: Record<string, DataObjectKeys | undefined>;
  extraFileSecretKeys: Record<string, DataObjectKeys | undefined>;
  extraEnvConfigMapKeys: Record<string, DataObjectKeys | undefined>;
  extraEnvSecretKeys: Record<string, DataObjectKeys | undefined>;
  extraPvcKeys: string[];
  /** The ingress domain, from the `ingressDomain` option (the operator reads it from the cluster). */
  openShiftIngressDomain?: string;
  /** sha256 hex over the referenced objects, as the operator computes `rhdh.redhat.com/ext-config-hash`. */
  watchingHash: string;
}

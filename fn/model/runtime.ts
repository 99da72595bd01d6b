// The model of one Backstage CR and the pipeline that builds it: a port of the operator's
// pkg/model/runtime.go (InitObjects) and interfaces.go. Everything the Go code reads from globals
// (LOCALBIN, RELATED_IMAGE_*, the platform) comes in through ModelContext.
import type { Diagnostics } from '../diagnostics';
import type { InputObjects } from '../inputs';
import type { KObject } from '../kio/types';
import type { RenderOptions } from '../options';
import type { Profile } from '../profile/profile';
import type { OperatorVersion } from '../versions';
import type { BackstageCR, ExternalConfig } from './types';

/**
 * A problem that stops the model from being built (the Go code returns an error from InitObjects).
 * Raised inside the model only; buildBackstageModel turns it into an error result.
 */
export class ModelError extends Error {
  constructor(
    message: string,
    readonly path?: string,
    readonly file?: string,
  ) {
    super(message);
    this.name = 'ModelError';
  }
}

/** How a key's default config is merged with the enabled flavours' files (default-config.go). */
export type MergeKind = 'none' | 'deployment' | 'dynamic-plugins' | 'multi-object';

/** The expected apiVersion/kind pairs of a key's objects (the Go code's typed setObject). */
export interface ExpectedKind {
  apiVersion: string;
  kind: string;
}

export interface ObjectConfig {
  /** File name in default-config/ and key in the rawRuntimeConfig ConfigMap, e.g. `deployment.yaml`. */
  key: string;
  factory: () => RuntimeObject;
  multiple: boolean;
  merge: MergeKind;
  kinds: ExpectedKind[];
}

/** One object key of the model (the Go RuntimeObject interface). */
export interface RuntimeObject {
  /** Objects to apply, in order (empty when not configured). */
  objects(): KObject[];
  /** Sets the object(s) read from the defaults or the raw config; undefined clears. */
  setObject(objs: KObject[] | undefined): void;
  /** Adds the object to the model; false when it is not configured. */
  addToModel(model: Model): boolean;
  /** Name, namespace, labels and other metadata. */
  setMetaInfo(model: Model): void;
  /** Called for every object in the model once all are added. */
  updateAndValidate(model: Model): void;
  /** Present on external config contributors: applies what the CR spec refers to. */
  addExternalConfig?(model: Model): void;
}

export interface EnabledFlavour {
  name: string;
  /** key (e.g. `deployment.yaml`) -> text */
  files: Record<string, string>;
}

/** The Go BackstageModel plus what the Go code takes from the environment. */
export interface Model {
  cr: BackstageCR;
  external: ExternalConfig;
  options: RenderOptions;
  profile: Profile;
  /** The operator line whose behaviour the model follows (docs/operator-versions.md). */
  version: OperatorVersion;
  /** Objects of the input the CR may refer to. */
  inputs: InputObjects;
  previous: InputObjects;
  diag: Diagnostics;
  localDbEnabled: boolean;
  isOpenshift: boolean;
  /** platform.Extension: `ocp` on OpenShift, `k8s` elsewhere. */
  platformExt: string;
  flavours: EnabledFlavour[];
  runtimeObjects: RuntimeObject[];
  // Typed shortcuts, set by the objects' addToModel (the Go struct's fields).
  /* eslint-disable @typescript-eslint/no-explicit-any */
  backstageDeployment?: any;
  backstageService?: any;
  localDbStatefulSet?: any;
  localDbService?: any;
  localDbSecret?: any;
  route?: any;
  appConfig?: any;
  dynamicPlugins?: any;
  /* eslint-enable @typescript-eslint/no-explicit-any */
}

/** BackstageModel.setRuntimeObject: replaces an object of the same type or appends. */
export function setRuntimeObject(model: Model, object: RuntimeObject): void {
  const i = model.runtimeObjects.findIndex((o) => o.constructor === object.constructor);
  if (i >= 0) model.runtimeObjects[i] = object;
  else model.runtimeObjects.push(object);
}

// buildBackstageModel: the objects the operator would apply for one Backstage CR. A port of the
// operator's pkg/model/runtime.go InitObjects, one module per object key, all inputs passed
// explicitly, for the operator line model.version names (1.9, 1.10, main): each module branches
// on it where that line's code differs (docs/operator-versions.md lists where, and the commits).
//
// Where we differ from the operator, on purpose:
// - No ownerReferences and no status (no CR UID offline).
// - Objects come in object-key order; the operator applies the Backstage workload and the local
//   database StatefulSet last (runtime.go sortRuntimeObjects), which only changes apply order.
// - Flavours are merged in a stable order (default-enabled ones not named in spec.flavours, sorted
//   by name, then the named ones in spec order); the operator's order comes from a Go map.
// - An unknown flavour, a missing container or a bad patch is a result on the CR field and the rest
//   is still rendered; the operator fails the whole reconcile. Profile and raw config problems the
//   operator fails on still leave `objects` empty.
// - The DB password is derived (fn/model/db-password.ts), not random.
// - RELATED_IMAGE_* are options.backstageImage / postgresqlImage; options.catalogIndexImage sets
//   CATALOG_INDEX_IMAGE on the install-dynamic-plugins init container on 1.9 only (1.10 and main
//   take it from the profile).
// - The cluster ingress domain is options.ingressDomain; without it (and without a Route host) the
//   default app-config is left alone and an info result says so, where the operator would write
//   empty base URLs if it could not read the domain.
// - options.dynamicPluginsProcessing is main's OPERATOR_DP_PROCESSING mode (fn/plugins/dp-processing.ts;
//   the wiring is in dynamic-plugins.ts, appconfig.ts, deployment.ts and default-config.ts); other
//   lines have no such mode (render.ts refuses it). One difference on purpose: main puts
//   RELATED_IMAGE_backstage back on the install-dynamic-plugins init container when it mounts
//   packages.txt (DynamicPlugins.getInitContainer), which would run the Backstage image without a
//   command; we keep installDynamicPluginsImage there and warn when backstageImage is set.
// - The base-URL rewrite of the default app-config writes YAML as sigs.k8s.io/yaml does (keys
//   sorted, lists not indented, comments gone) except that long strings are not folded at 80 columns.
import type { KObject } from '../kio/types';
import { appConfigConfig } from './appconfig';
import { configMapEnvsConfig } from './configmap-envs';
import { configMapFilesConfig } from './configmap-files';
import { isLocalDbEnabled } from './cr';
import { dbSecretConfig } from './db-secret';
import { dbServiceConfig } from './db-service';
import { dbStatefulSetConfig } from './db-statefulset';
import { readDefaultConfig, readYamls } from './default-config';
import type { UnknownFieldsSink } from './default-config';
import { deploymentConfig } from './deployment';
import { dynamicPluginsConfig } from './dynamic-plugins';
import { getEnabledFlavours } from './flavour';
import { pvcsConfig } from './pvcs';
import { routeConfig } from './route';
import { crNameProblem } from './names';
import { checkPodTemplate } from './pod-checks';
import { nullToEmptyInStringMaps } from './typed-fields';
import { ModelError } from './runtime';
import type { Model, ObjectConfig, RuntimeObject } from './runtime';
import { secretEnvsConfig } from './secret-envs';
import { secretFilesConfig } from './secret-files';
import { serviceConfig } from './service';
import type { BackstageModel, DynamicPluginsConfig, ModelInput } from './types';
import type { OperatorVersion } from '../versions';

/**
 * The object keys in the operator's registration order (Go init() order = its file names). This order
 * decides the order of volumes, mounts, env, envFrom and `--config` args in the pod.
 */
export const OBJECT_CONFIGS: readonly ObjectConfig[] = [
  appConfigConfig, // appconfig.go
  configMapEnvsConfig, // configmapenvs.go
  configMapFilesConfig, // configmapfiles.go
  dbSecretConfig, // db-secret.go
  dbServiceConfig, // db-service.go
  dbStatefulSetConfig, // db-statefulset.go
  deploymentConfig, // deployment.go
  dynamicPluginsConfig, // dynamic-plugins.go
  pvcsConfig, // pvcs.go
  routeConfig, // route.go
  secretEnvsConfig, // secretenvs.go
  secretFilesConfig, // secretfiles.go
  serviceConfig, // service.go
];

/** Keys that hold one object in 1.9 and several since 1.10 (5ab71178, PR #2415). */
const SINGLE_IN_1_9 = new Set(['app-config.yaml', 'configmap-envs.yaml', 'configmap-files.yaml']);

/** Whether a key holds several objects in this operator line. */
export function isMultiple(conf: ObjectConfig, version: OperatorVersion): boolean {
  return conf.multiple && !(version === '1.9' && SINGLE_IN_1_9.has(conf.key));
}

/** adjustObject: a single-object key takes at most one object; empty means none. */
function adjustObjects(conf: ObjectConfig, version: OperatorVersion, objs: KObject[], where: string, path?: string): KObject[] | undefined {
  if (objs.length === 0) return undefined;
  if (!isMultiple(conf, version) && objs.length > 1) throw new ModelError(`multiple objects not expected for: ${conf.key} (${where})`, path);
  return objs;
}

/** The three phases of InitObjects. Throws ModelError where the operator's InitObjects returns an error. */
function initObjects(model: Model): void {
  const contributors: RuntimeObject[] = [];
  const created: RuntimeObject[] = [];
  const fromProfile: UnknownFieldsSink = (where, kind, name, paths) =>
    model.diag.warning(
      `${kind} ${name} in ${where} (profile ${model.profile.name}) has fields the operator does not know and drops: ${paths.join(', ')}`,
      { ref: model.cr.object, file: where },
    );
  const fromRaw: UnknownFieldsSink = (where, kind, name, paths) =>
    model.diag.warning(`${kind} ${name} in ${where} has fields the operator does not know and drops: ${paths.join(', ')}`, {
      ref: model.cr.object,
      path: 'spec.rawRuntimeConfig',
    });
  for (const conf of OBJECT_CONFIGS) {
    const obj = conf.factory();

    const overlay = model.external.rawConfig[conf.key];

    // 1. defaults: profile base, platform patch, flavours. On main a key the raw config sets is not
    // read from the profile at all (main's InitObjects: overlay or default, not both), so a flavour
    // whose references cannot resolve (dynamicPluginsProcessing mode) does not matter then.
    const dpProcessing = model.options.dynamicPluginsProcessing === true;
    if (!(model.version === 'main' && overlay !== undefined)) {
      const defaults = readDefaultConfig(conf, model.flavours, model.profile, model.platformExt, fromProfile, { resolveReferences: dpProcessing, enabledKey: model.version === 'main', version: model.version });
      if (defaults.length > 0) obj.setObject(adjustObjects(conf, model.version, defaults, `profile ${model.profile.name}`));
    }

    // 2. spec.rawRuntimeConfig replaces the key's default wholesale (no platform patch)
    if (overlay !== undefined) {
      const where = `rawRuntimeConfig key ${conf.key}`;
      let objs: KObject[];
      try {
        objs = readYamls(overlay, undefined, conf, where, fromRaw);
      } catch (e) {
        if (e instanceof ModelError) throw new ModelError(e.message, 'spec.rawRuntimeConfig');
        throw e;
      }
      obj.setObject(adjustObjects(conf, model.version, objs, where, 'spec.rawRuntimeConfig'));
    }

    // 3. the spec
    if (obj.addToModel(model)) obj.setMetaInfo(model);
    if (obj.addExternalConfig) contributors.push(obj);
    created.push(obj);
  }

  if (model.version === 'main') {
    // main (3570b82f, PR #2918): no separate external-config phase; each object's updateAndValidate
    // applies the profile's part and then the CR's, object by object in registration order, so the
    // CR's volumes, mounts and args of a key come right after that key's profile ones.
    for (const o of created) {
      if (model.runtimeObjects.includes(o)) o.updateAndValidate(model);
      if (o.addExternalConfig) o.addExternalConfig(model);
    }
    return;
  }
  for (const o of model.runtimeObjects) o.updateAndValidate(model);
  for (const c of contributors) c.addExternalConfig!(model);
}

/**
 * Builds the objects the operator would apply for the CR, in its object-key order, without
 * ownerReferences and status, plus the merged dynamic plugins configuration. Problems go to
 * input.diag; a problem the operator fails the whole reconcile on leaves `objects` empty.
 */
export function buildBackstageModel(input: ModelInput): BackstageModel {
  const { cr, external, profile, options, version, inputs, previous, diag } = input;
  const isOpenshift = options.platform !== 'kubernetes';
  const model: Model = {
    cr,
    external,
    options,
    profile,
    version,
    inputs,
    previous,
    diag,
    localDbEnabled: isLocalDbEnabled(cr),
    isOpenshift,
    platformExt: isOpenshift ? 'ocp' : 'k8s',
    flavours: [],
    runtimeObjects: [],
  };
  try {
    model.flavours = getEnabledFlavours(cr, profile, diag, version);
    initObjects(model);
  } catch (e) {
    if (!(e instanceof ModelError)) throw e;
    diag.error(`failed to build the Backstage model: ${e.message}`, {
      ref: cr.object,
      ...(e.path ? { path: e.path } : {}),
      ...(e.file ? { file: e.file } : {}),
    });
    return { objects: [] };
  }
  // Names made from the CR name that Kubernetes would refuse: nothing is rendered for the CR.
  const nameProblem = crNameProblem(model);
  if (nameProblem) {
    diag.error(nameProblem, { ref: cr.object, path: 'metadata.name' });
    return { objects: [] };
  }

  // Keys of the raw runtime config that are not object keys: the operator ignores them silently.
  const known = new Set(OBJECT_CONFIGS.map((c) => c.key));
  for (const k of Object.keys(external.rawConfig).sort()) {
    if (!known.has(k)) {
      diag.warning(`rawRuntimeConfig key "${k}" is not one the operator reads (${[...known].join(', ')}); it is ignored`, {
        ref: cr.object,
        path: 'spec.rawRuntimeConfig',
      });
    }
  }

  const objects = model.runtimeObjects.flatMap((o) => o.objects());
  // The operator's typed objects hold labels, annotations, selectors and data as map[string]string:
  // a key written without a value (null here) is "" there.
  for (const o of objects) nullToEmptyInStringMaps(o as unknown as Record<string, unknown>);
  checkPodTemplate(model, objects.find((o) => o.apiVersion === 'apps/v1' && (o.kind === 'Deployment' || o.kind === 'StatefulSet') && o.metadata.name === `backstage-${cr.name}`));
  // Two objects of the same kind and name (e.g. a flavour ConfigMap named like a base one): the
  // operator applies both, the later one wins, and the pod gets two volumes of that name.
  const seen = new Set<string>();
  for (const o of objects) {
    const id = `${o.kind}/${o.metadata.name}`;
    if (seen.has(id)) {
      diag.warning(`${id} is made twice (two profile or flavour objects with the same name); the operator applies both and the later wins`, {
        ref: cr.object,
      });
    }
    seen.add(id);
  }
  let dynamicPlugins: DynamicPluginsConfig | undefined;
  try {
    dynamicPlugins = model.dynamicPlugins?.config();
  } catch (e) {
    diag.error(`the merged dynamic plugins configuration can not be read: ${(e as Error).message}`, { ref: cr.object });
  }
  return dynamicPlugins ? { objects, dynamicPlugins } : { objects };
}

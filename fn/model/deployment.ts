// The Backstage workload (Deployment, or StatefulSet with spec.deployment.kind): the operator's
// deployment.go, deployable.go, deployment_obj.go and statefulset_obj.go.
import { appendAll, isObject } from '../kio/types';
import type { KObject } from '../kio/types';
import { listMergeModeFromAnnotation, mergeDeploymentPatch } from '../merge/strategic-merge';
import { authSecretName, deploymentKind, deploymentPatch, extraEnvs } from './cr';
import { getContainers } from './containers-filter';
import { DEFAULT_INSTALL_DYNAMIC_PLUGINS_IMAGE } from '../options';
import { applyDpProcessingToPodSpec } from '../plugins/dp-processing';
import { pruneUnknownFields, typeOfKind } from './typed-fields';
import type { ContainersFilter } from './containers-filter';
import { ModelError, setRuntimeObject } from './runtime';
import type { Model, ObjectConfig, RuntimeObject } from './runtime';
import {
  BACKSTAGE_APP_LABEL,
  BACKSTAGE_CONTAINER_NAME,
  backstageAppLabelValue,
  DEFAULT_MOUNT_DIR,
  deploymentName,
  DYNAMIC_PLUGINS_INIT_CONTAINER,
  ensureList,
  ensureMap,
  EXT_CONFIG_HASH_ANNOTATION,
  IDLE_ANNOTATION,
  isAbsPath,
  joinPath,
  LIST_MERGE_ANNOTATION,
  setCommonMetaInfo,
  setOwn,
  toRFC1123Label,
} from './utils';

/* eslint-disable @typescript-eslint/no-explicit-any */
export type Container = Record<string, any>;
export type ObjectKind = 'ConfigMap' | 'Secret';

/** Where an item that needs containers comes from, for the result when a container is missing. */
export interface Origin {
  /** Field path in the CR, e.g. `spec.application.extraEnvs.configMaps[1].containers`. */
  path?: string;
  /** Words for the message, e.g. `ConfigMap my-envs`. */
  what: string;
}

export const deploymentConfig: ObjectConfig = {
  key: 'deployment.yaml',
  factory: () => new BackstageDeployment(),
  multiple: false,
  merge: 'deployment',
  kinds: [
    { apiVersion: 'apps/v1', kind: 'Deployment' },
    { apiVersion: 'apps/v1', kind: 'StatefulSet' },
  ],
};

/** toStatefulSet / toDeployment: metadata, replicas, selector and template carry over, the rest is dropped. */
export function convertWorkload(obj: KObject, kind: 'Deployment' | 'StatefulSet'): KObject {
  if (obj.kind === kind) return obj;
  const spec: Record<string, any> = isObject(obj.spec) ? obj.spec : {};
  const newSpec: Record<string, any> = {};
  if (spec.replicas !== undefined && spec.replicas !== null) newSpec.replicas = spec.replicas;
  newSpec.selector = isObject(spec.selector) ? spec.selector : {};
  if (!isObject(newSpec.selector.matchLabels)) newSpec.selector.matchLabels = {};
  if (spec.template !== undefined) newSpec.template = spec.template;
  // StatefulSet serviceName is "" (omitted) after the conversion.
  return { apiVersion: 'apps/v1', kind, metadata: JSON.parse(JSON.stringify(obj.metadata ?? {})), spec: newSpec };
}

export class BackstageDeployment implements RuntimeObject {
  obj?: KObject;
  private model?: Model;

  objects(): KObject[] {
    return this.obj ? [this.obj] : [];
  }

  setObject(objs: KObject[] | undefined): void {
    this.obj = objs?.[0];
  }

  podSpec(): Record<string, any> {
    const spec = ensureMap(this.obj as Record<string, unknown>, 'spec');
    const template = ensureMap(spec, 'template');
    return ensureMap(template, 'spec');
  }

  podObjectMeta(): Record<string, any> {
    const spec = ensureMap(this.obj as Record<string, unknown>, 'spec');
    const template = ensureMap(spec, 'template');
    return ensureMap(template, 'metadata');
  }

  /** SpecSelector: creates selector.matchLabels when missing. */
  specSelector(): Record<string, any> {
    const spec = ensureMap(this.obj as Record<string, unknown>, 'spec');
    const sel = ensureMap(spec, 'selector');
    ensureMap(sel, 'matchLabels');
    return sel;
  }

  private containersList(): Container[] {
    const c = this.podSpec().containers;
    return Array.isArray(c) ? c.filter(isObject) : [];
  }

  private initContainersList(): Container[] {
    const c = this.podSpec().initContainers;
    return Array.isArray(c) ? c.filter(isObject) : [];
  }

  backstageContainerIndex(): number {
    return this.containersList().findIndex((c) => c.name === BACKSTAGE_CONTAINER_NAME);
  }

  /** The Backstage container (`backstage-backend`). */
  container(): Container {
    const c = this.containersList().find((x) => x.name === BACKSTAGE_CONTAINER_NAME);
    if (!c) throw new ModelError('backstage Deployment is not initialized, Backstage Container is not identified');
    return c;
  }

  containerByName(name: string): Container | undefined {
    return this.containersList().find((c) => c.name === name) ?? this.initContainersList().find((c) => c.name === name);
  }

  allContainers(): string[] {
    return [...this.containersList().map((c) => String(c.name)), ...this.initContainersList().map((c) => String(c.name))];
  }

  /** DynamicPluginsInitContainer. */
  dynamicPluginsInitContainer(): Container | undefined {
    return this.initContainersList().find((c) => c.name === DYNAMIC_PLUGINS_INIT_CONTAINER);
  }

  defaultMountPath(): string {
    const wd = this.container().workingDir;
    return typeof wd === 'string' && wd !== '' ? wd : DEFAULT_MOUNT_DIR;
  }

  /** mountPath: the directory an item is mounted to and whether it is mounted file by file. */
  mountPath(objectMountPath: string | undefined, objectKey: string | undefined, sharedMountPath: string | undefined): [string, boolean] {
    let mp = this.defaultMountPath();
    if (sharedMountPath) mp = sharedMountPath;
    let wSubpath = true;
    if (objectMountPath) {
      mp = isAbsPath(objectMountPath) ? objectMountPath : joinPath(mp, objectMountPath);
      if (!objectKey) wSubpath = false;
    }
    return [mp, wSubpath];
  }

  /**
   * Operator 1.9's getDefConfigMountPath (secret-files, PVCs): the mount-path annotation, mounted as
   * a directory; without it `<workingDir>/<object name as a label>`, with that name as sub-path.
   */
  defConfigMountPath19(o: KObject): { mountPath: string; subPath: string } {
    const ann = (isObject(o.metadata?.annotations) ? o.metadata.annotations : {}) as Record<string, string>;
    const mp = ann['rhdh.redhat.com/mount-path'];
    if (mp !== undefined) return { mountPath: mp, subPath: '' };
    const volName = toRFC1123Label(String(o.metadata?.name ?? ''));
    return { mountPath: joinPath(this.defaultMountPath(), volName), subPath: volName };
  }

  /** getDefConfigMountPath: mount path and sub-path of a profile object from its annotations. */
  defConfigMountPath(o: KObject): { mountPath: string; subPath: string; fileName: string } {
    const ann = (isObject(o.metadata?.annotations) ? o.metadata.annotations : {}) as Record<string, string>;
    let mountPath = ann['rhdh.redhat.com/mount-path'] ?? '';
    if (mountPath === '') mountPath = this.defaultMountPath();
    const subPath = ann['rhdh.redhat.com/sub-path'] ?? '';
    const fileName = subPath !== '' && subPath !== '*' ? subPath : '';
    return { mountPath, subPath, fileName };
  }

  /** Reports a missing container and returns undefined, or returns the containers. */
  containersFor(filter: ContainersFilter, origin: Origin): Container[] | undefined {
    const r = getContainers(filter, this);
    if ('missing' in r) {
      const m = this.model!;
      const where = filter.annotation ? `its rhdh.redhat.com/containers annotation` : 'containers';
      m.diag.error(`container ${r.missing} not found in the Backstage pod (${origin.what}, ${where}); pod containers: ${this.allContainers().join(', ')}`, {
        ref: m.cr.object,
        ...(origin.path ? { path: origin.path } : {}),
      });
      return undefined;
    }
    return r.containers;
  }

  addToModel(model: Model): boolean {
    if (!this.obj) {
      throw new ModelError('backstage Deployment is not initialized, make sure there is deployment.yaml in default or raw configuration');
    }
    this.model = model;
    if (this.backstageContainerIndex() < 0) {
      throw new ModelError('backstage Deployment is not initialized, Backstage Container is not identified');
    }
    const meta = this.podObjectMeta();
    if (!isObject(meta.annotations)) meta.annotations = {};
    meta.annotations[EXT_CONFIG_HASH_ANNOTATION] = model.external.watchingHash;

    model.backstageDeployment = this;
    setRuntimeObject(model, this);

    // RELATED_IMAGE_backstage
    if (model.options.backstageImage) this.setImage(model.options.backstageImage);
    // RELATED_IMAGE_catalog_index (operator 1.9 only; 1.10 bakes the image into the profile, 82a6c921
    // PR #2717): before extraEnvs, so the CR can still override it.
    if (model.options.catalogIndexImage) {
      if (model.version === '1.9') {
        const ic = this.dynamicPluginsInitContainer();
        if (ic) setOrAppendEnvVar(ic, 'CATALOG_INDEX_IMAGE', model.options.catalogIndexImage);
      } else {
        model.diag.warning(
          `option "catalogIndexImage" (RELATED_IMAGE_catalog_index) is read by operator 1.9 only; operator ${model.version} takes CATALOG_INDEX_IMAGE from the profile: set it on the ${DYNAMIC_PLUGINS_INIT_CONTAINER} init container with spec.application.extraEnvs (containers: [${DYNAMIC_PLUGINS_INIT_CONTAINER}]) or spec.deployment.patch`,
          { ref: model.cr.object },
        );
      }
    }
    // OPERATOR_DP_PROCESSING (main): before spec.deployment and extraEnvs, so the patch can still change it.
    if (model.options.dynamicPluginsProcessing) this.applyDpProcessing(model);
    this.setDeployment(model);
    return true;
  }

  /**
   * setDeployment: spec.deployment (kind, patch), then extraEnvs.envs. The v1alpha3/4
   * application.replicas, imagePullSecrets and image are not applied: operators since 1.9 (every
   * line we render) read every CR as v1alpha5 and ignore them (readBackstageCR warns).
   */
  private setDeployment(model: Model): void {
    const cr = model.cr;
    const kind = deploymentKind(cr);
    if (kind) this.obj = convertWorkload(this.obj!, kind);
    const crPatch = deploymentPatch(cr);
    if (crPatch) {
      // The operator unmarshals the merged result into its typed object: unknown fields vanish.
      // They are taken out of (a copy of) the patch before the merge too: the result is the same
      // (the object patched has no unknown fields), and the merge never sees them.
      const t = typeOfKind(this.obj!.kind);
      const patch = structuredClone(crPatch);
      if (!checkPatchValues(patch, model, cr.object)) return;
      for (const p of t ? pruneUnknownFields(patch, t) : []) {
        model.diag.warning(`spec.deployment.patch.${p} is not a field of a ${this.obj!.kind} (as far as the operator's types go): the operator drops it, and so do we`, {
          ref: cr.object,
          path: `spec.deployment.patch.${p}`,
        });
      }
      // The list merge mode annotation came with 1.10 (15646355, PR #2865): 1.9 merges with kyaml's defaults.
      const modeAnnotation = cr.annotations?.[LIST_MERGE_ANNOTATION];
      if (modeAnnotation !== undefined && model.version === '1.9') {
        model.diag.warning(`operator 1.9 ignores the ${LIST_MERGE_ANNOTATION} annotation (since 1.10): the patch's new list items are appended`, { ref: model.cr.object, path: `metadata.annotations.${LIST_MERGE_ANNOTATION}` });
      }
      const mode = listMergeModeFromAnnotation(model.version === '1.9' ? undefined : modeAnnotation);
      try {
        const merged = mergeDeploymentPatch(this.obj, patch, mode) as KObject;
        if (!isObject(merged)) throw new Error('the patch deletes the whole object');
        if (!isObject(merged.metadata)) merged.metadata = {};
        // The operator reads the result into its typed object: a null field is an absent one, an
        // unknown field is dropped (reported on the patch above).
        const before = new Set(this.containerNames());
        this.obj = dropNullFields(merged) as KObject;
        if (t) pruneUnknownFields(this.obj, t);
        this.reportImagelessPatchContainers(model, patch, before);
      } catch (e) {
        const err = e as Error & { path?: string };
        model.diag.error(`can not merge spec.deployment.patch: ${err.message}`, {
          ref: cr.object,
          path: err.path ? `spec.deployment.patch.${err.path}` : 'spec.deployment.patch',
        });
      }
    }
    this.addExtraEnvs(model);
  }

  private containerNames(): string[] {
    const ps = this.podSpec();
    return [...(ps.containers ?? []), ...(ps.initContainers ?? [])].map((c: { name?: unknown }) => String(c?.name ?? ''));
  }

  /**
   * A patch that names a container the workload does not have adds a new one (strategic merge),
   * usually by mistake (a typo); without an image the API server refuses the workload. Say which.
   */
  private reportImagelessPatchContainers(model: Model, patch: unknown, before: Set<string>): void {
    const ps = this.podSpec();
    for (const list of ['containers', 'initContainers'] as const) {
      const patched = (patch as any)?.spec?.template?.spec?.[list];
      if (!Array.isArray(patched)) continue;
      patched.forEach((pc: unknown, i: number) => {
        const name = isObject(pc) ? pc.name : undefined;
        if (typeof name !== 'string' || before.has(name)) return;
        const added = (ps[list] ?? []).find((c: { name?: unknown }) => c?.name === name);
        if (added && !added.image) {
          model.diag.error(
            `spec.deployment.patch adds a ${list === 'containers' ? 'container' : 'init container'} "${name}" without an image: the workload has no such container to patch (it has: ${[...before].join(', ')})`,
            { ref: model.cr.object, path: `spec.deployment.patch.spec.template.spec.${list}[${i}].name` },
          );
        }
      });
    }
  }

  private addExtraEnvs(model: Model): void {
    for (const env of extraEnvs(model.cr)?.envs ?? []) {
      const containers = this.containersFor({ names: env.containers }, { path: `${env.path}.containers`, what: `env ${env.name}` });
      if (!containers) continue;
      for (const c of containers) setOrAppendEnvVar(c, env.name, env.value);
    }
  }

  /**
   * dynamicPluginsProcessing (main's addToModel), only when the install-dynamic-plugins init
   * container exists: it runs the install image (installDynamicPluginsImage, the operator's
   * INSTALL_DP_IMAGE) with no command and imagePullPolicy Always, and the Backstage container's args
   * are cleared (the app-config `--config` args are added later).
   */
  private applyDpProcessing(model: Model): void {
    if (!this.dynamicPluginsInitContainer()) return;
    const installDpImage = model.options.installDynamicPluginsImage ?? DEFAULT_INSTALL_DYNAMIC_PLUGINS_IMAGE;
    let podSpec: Record<string, any>;
    try {
      podSpec = applyDpProcessingToPodSpec(this.podSpec(), { installDpImage });
    } catch (e) {
      throw new ModelError((e as Error).message);
    }
    ensureMap(ensureMap(this.obj as Record<string, unknown>, 'spec'), 'template').spec = podSpec;
  }

  /** setImage: the Backstage container and the dynamic plugins init container. */
  setImage(image: string): void {
    this.container().image = image;
    const ic = this.dynamicPluginsInitContainer();
    if (ic) ic.image = image;
  }

  updateAndValidate(model: Model): void {
    const authSecret = authSecretName(model.cr);
    if (authSecret) this.addEnvVarsFrom({}, 'Secret', authSecret, '', { what: 'database auth Secret' });
    else if (model.localDbSecret) this.addEnvVarsFrom({}, 'Secret', model.localDbSecret.secretName(), '', { what: 'database Secret' });

    // Operator main (e3de37fe, PR #3318): the idle annotation scales the workload to 0; earlier lines ignore it.
    if (model.cr.annotations?.[IDLE_ANNOTATION] === 'true') {
      if (model.version === 'main') ensureMap(this.obj as Record<string, unknown>, 'spec').replicas = 0;
      else model.diag.warning(`operator ${model.version} ignores the ${IDLE_ANNOTATION} annotation (it scales the workload to 0 since operator main): nothing is scaled down`, { ref: model.cr.object, path: `metadata.annotations.${IDLE_ANNOTATION}` });
    }
  }

  setMetaInfo(model: Model): void {
    const name = model.cr.name;
    this.obj!.metadata.name = deploymentName(name);
    const meta = this.podObjectMeta();
    if (!isObject(meta.labels)) meta.labels = {};
    meta.labels[BACKSTAGE_APP_LABEL] = backstageAppLabelValue(name);
    this.specSelector().matchLabels[BACKSTAGE_APP_LABEL] = backstageAppLabelValue(name);
    setCommonMetaInfo(this.obj!, name, model.cr.namespace);
  }

  /**
   * mountFilesFrom: a ConfigMap or Secret volume, and mounts in the filtered containers (a directory
   * mount, or one sub-path mount per key). A new mount replaces one with the same mountPath.
   * Returns false when a container was missing (reported).
   */
  mountFilesFrom(
    filter: ContainersFilter,
    kind: ObjectKind,
    objectName: string,
    mountPath: string,
    fileName: string,
    withSubPath: boolean,
    dataKeys: string[],
    origin: Origin,
  ): boolean {
    const containers = this.containersFor(filter, origin);
    if (!containers) return false;
    const volName = toRFC1123Label(objectName);
    const volume =
      kind === 'ConfigMap'
        ? { name: volName, configMap: { name: objectName, defaultMode: 420, optional: false } }
        : { name: volName, secret: { secretName: objectName, defaultMode: 420, optional: false } };
    ensureList(this.podSpec(), 'volumes').push(volume);

    for (const container of containers) {
      let toAdd: Container[];
      if (!withSubPath) toAdd = [{ name: volName, mountPath }];
      else if (dataKeys.length > 0) {
        toAdd = dataKeys.filter((f) => fileName === '' || fileName === f).map((f) => subPathMount(volName, joinPath(mountPath, f), f));
      } else toAdd = [subPathMount(volName, joinPath(mountPath, fileName), fileName)];

      const existing: Container[] = Array.isArray(container.volumeMounts) ? container.volumeMounts : [];
      const next: Container[] = [];
      let replaced = false;
      for (const m of existing) {
        const nm = toAdd.find((n) => isObject(m) && m.mountPath === n.mountPath);
        if (nm) {
          next.push(nm);
          replaced = true;
        } else next.push(m);
      }
      // As in the operator: when any mount was replaced, the other new mounts are not appended.
      if (!replaced) appendAll(next, toAdd);
      // A nil list in the operator's typed object: no field at all.
      if (next.length > 0) container.volumeMounts = next;
      else delete container.volumeMounts;
    }
    return true;
  }

  /** addEnvVarsFrom: envFrom the whole object (varName ''), or one env var from a key. */
  addEnvVarsFrom(filter: ContainersFilter, kind: ObjectKind, objectName: string, varName: string, origin: Origin): boolean {
    const containers = this.containersFor(filter, origin);
    if (!containers) return false;
    for (const c of containers) {
      if (varName === '') {
        const src = kind === 'ConfigMap' ? { configMapRef: { name: objectName } } : { secretRef: { name: objectName } };
        ensureList(c, 'envFrom').push(src);
      } else {
        const valueFrom =
          kind === 'ConfigMap' ? { configMapKeyRef: { name: objectName, key: varName } } : { secretKeyRef: { name: objectName, key: varName } };
        ensureList(c, 'env').push({ name: varName, valueFrom });
      }
    }
    return true;
  }

  /** The object's field path for messages about the pod. */
  kind(): string {
    return this.obj?.kind ?? 'Deployment';
  }
}

function subPathMount(name: string, mountPath: string, subPath: string): Container {
  // Field order of the typed VolumeMount: name, readOnly, mountPath, subPath ("" is omitted).
  const m: Container = { name, readOnly: true, mountPath };
  if (subPath !== '') m.subPath = subPath;
  return m;
}

/** setOrAppendEnvVar: replaces an env var of the same name in place, or appends. Empty value is omitted. */
export function setOrAppendEnvVar(container: Container, name: string, value: string): void {
  const env = ensureList(container, 'env');
  const entry: Container = value === '' ? { name } : { name, value };
  const i = env.findIndex((e: unknown) => isObject(e) && e.name === name);
  if (i >= 0) env[i] = entry;
  else env.push(entry);
}

/** Removes map entries whose value is null, recursively (what a typed Go round trip does to them). */
export function dropNullFields(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(dropNullFields);
  if (isObject(v)) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) if (x !== null) setOwn(out, k, dropNullFields(x));
    return out;
  }
  return v;
}

const INT32_MAX = 2147483647;

/** Strategic merge directives other than `$patch` (which the merge applies), with their paths. */
function unappliedDirectives(v: unknown, path: string, out: string[]): string[] {
  if (Array.isArray(v)) v.forEach((x, i) => unappliedDirectives(x, `${path}[${i}]`, out));
  else if (isObject(v)) {
    for (const [k, x] of Object.entries(v)) {
      const p = path ? `${path}.${k}` : k;
      if (k.startsWith('$') && k !== '$patch') out.push(p);
      else unappliedDirectives(x, p, out);
    }
  }
  return out;
}

/**
 * What the API server would refuse in spec.deployment.patch, as errors on its field: `replicas`
 * that is not a non-negative int32 (`.inf`, `-1`, `1e20`, `"3"`), and strategic merge directives
 * this merge does not apply (`$retainKeys`, `$setElementOrder/…`, `$deleteFromPrimitiveList/…`:
 * kyaml's merge, the operator's, applies only `$patch`), which would be written into the pod spec.
 */
function checkPatchValues(patch: unknown, model: Model, ref: KObject): boolean {
  let ok = true;
  const spec = isObject(patch) ? patch.spec : undefined;
  const replicas = isObject(spec) ? spec.replicas : undefined;
  if (replicas !== undefined && replicas !== null && !(typeof replicas === 'number' && Number.isInteger(replicas) && replicas >= 0 && replicas <= INT32_MAX)) {
    model.diag.error(`spec.deployment.patch.spec.replicas must be a whole number from 0 to ${INT32_MAX}`, { ref, path: 'spec.deployment.patch.spec.replicas' });
    ok = false;
  }
  for (const p of unappliedDirectives(patch, '', [])) {
    const directive = p.slice(p.lastIndexOf('$'));
    model.diag.error(`spec.deployment.patch.${p}: the strategic merge directive ${directive.split('/')[0]} is not applied (only $patch is, as by the operator's merge); remove it`, {
      ref,
      path: `spec.deployment.patch.${p}`,
    });
    ok = false;
  }
  return ok;
}


// Output that stays healthy under GitOps tools: opt-in changes to the rendered objects, after the
// model and before ordering (see README, "Use it with kustomize / kpt / Argo CD / Flux"). With no
// delivery option set, objects come back unchanged: the default output is what the operator
// creates.
//
// - jobMode: the orchestrator's `create-sonataflow-database-<cr>` Job has an immutable pod
//   template and `ttlSecondsAfterFinished: 30`. Applied as it is, a GitOps tool fails to update
//   it when its spec changes (field is immutable), and re-creates it every sync after the TTL
//   controller deleted it (Argo CD shows it OutOfSync, Flux "corrects the drift"). The default
//   stays `operator` (output equals the operator's); the other modes are chosen per tool:
//     hash-name   name + `-` + 10 hex characters of the SHA-256 of its spec (after pinning): a new
//                 Job exactly when its content changes, the old one pruned by the tool; no TTL,
//                 so the finished Job stays and nothing drifts. Works with any tool.
//     argocd-hook argocd.argoproj.io/hook: PostSync and hook-delete-policy
//                 BeforeHookCreation,HookSucceeded: Argo CD runs it after each sync once the
//                 database is healthy and does not track it as a resource.
//     flux-force  kustomize.toolkit.fluxcd.io/force: Enabled (Flux recreates it when an immutable
//                 field changes); no TTL, so Flux does not re-create it after every deletion.
//   The Job's script is idempotent (CREATE DATABASE only when missing), so running it again is safe.
// - syncWaves: argocd.argoproj.io/sync-wave "-2" on Namespaces and CRDs, "-1" on NetworkPolicies,
//   ServiceAccounts, RBAC, Secrets (and what makes them: SealedSecret, ESO Password and
//   ExternalSecret), ConfigMaps and PVCs; the workload stays in wave 0. An
//   existing sync-wave annotation is kept.
// - pinImages: container images replaced by a pinned reference (`quay.io/fedora/postgresql-15:latest`
//   in the sonataflow Job, for instance). A key matches an image exactly, or, written without a
//   tag or digest, any tag of that image. The value is a digest (`sha256:…` -> name@digest), a
//   tag (-> name:tag) or a whole reference (contains `/`). Floating images left unpinned are
//   warned about per object; pins that match nothing, once over the whole output
//   (reportUnusedPins).
// - pruneLabel: a label on every rendered object's metadata, for label-based pruning
//   (`kubectl apply --prune -l`). Opt-in: never added to selectors or pod templates (a selector
//   change would orphan pods, and a Deployment's selector is immutable).
// - fluxSsaIfNotPresent: kustomize.toolkit.fluxcd.io/ssa: IfNotPresent on the generated database
//   Secret, so Flux creates it once and never overwrites the password of a running database.
import { createHash } from 'node:crypto';
import type { Diagnostics } from './diagnostics';
import { normalizeKeyOrder } from './finish';
import type { KObject } from './kio/types';
import { isObject } from './kio/types';
import type { RenderOptions } from './options';

export const ARGOCD_HOOK = 'argocd.argoproj.io/hook';
export const ARGOCD_HOOK_DELETE_POLICY = 'argocd.argoproj.io/hook-delete-policy';
export const ARGOCD_SYNC_WAVE = 'argocd.argoproj.io/sync-wave';
export const FLUX_FORCE = 'kustomize.toolkit.fluxcd.io/force';
export const FLUX_SSA = 'kustomize.toolkit.fluxcd.io/ssa';
export const DB_SECRET_PREFIX = 'backstage-psql-secret-';
/** Job names become a label value (job-name) and must fit in 63 characters. */
const MAX_JOB_NAME = 63;
const HASH_LENGTH = 10;

const WAVES: Record<string, string> = {
  Namespace: '-2',
  CustomResourceDefinition: '-2',
  NetworkPolicy: '-1',
  ServiceAccount: '-1',
  Role: '-1',
  RoleBinding: '-1',
  ClusterRole: '-1',
  ClusterRoleBinding: '-1',
  Secret: '-1',
  SealedSecret: '-1',
  Password: '-1',
  ExternalSecret: '-1',
  ConfigMap: '-1',
  PersistentVolumeClaim: '-1',
};

function describe(o: KObject): string {
  return `${o.kind} ${o.metadata?.namespace ? `${o.metadata.namespace}/` : ''}${o.metadata?.name ?? ''}`;
}

function annotate(o: KObject, key: string, value: string): void {
  o.metadata.annotations = { ...(o.metadata.annotations ?? {}), [key]: value };
}

/** JSON with object keys sorted: the same content gives the same text. */
export function stableJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stableJson).join(',')}]`;
  if (isObject(v)) {
    return `{${Object.keys(v)
      .sort()
      .filter((k) => v[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${stableJson(v[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v);
}

/** The pod specs of a workload object, where its containers live. */
function podSpecs(o: KObject): Array<Record<string, unknown>> {
  const spec = o.spec;
  if (!isObject(spec)) return [];
  if (o.kind === 'Pod') return [spec];
  const out: Array<Record<string, unknown>> = [];
  const tpl = spec.template;
  if (isObject(tpl) && isObject(tpl.spec)) out.push(tpl.spec);
  const jt = spec.jobTemplate;
  if (isObject(jt) && isObject(jt.spec) && isObject(jt.spec.template) && isObject(jt.spec.template.spec)) out.push(jt.spec.template.spec);
  return out;
}

/** `name` of an image reference: without digest and tag. */
export function imageName(image: string): string {
  const at = image.indexOf('@');
  const noDigest = at === -1 ? image : image.slice(0, at);
  const colon = noDigest.lastIndexOf(':');
  return colon > noDigest.lastIndexOf('/') ? noDigest.slice(0, colon) : noDigest;
}

function hasTagOrDigest(image: string): boolean {
  return imageName(image) !== image;
}

/** Whether an image floats: `:latest` or no tag and no digest. */
export function isFloatingImage(image: string): boolean {
  if (image.includes('@')) return false;
  return !hasTagOrDigest(image) || image.endsWith(':latest');
}

export function pinnedImage(image: string, pin: string): string {
  // fn/options.ts admits [repo]@sha256:<hex>, sha256:<hex> and :tag.
  if (pin.includes('/') || /^[^@:]+@/.test(pin)) return pin;
  if (/^sha256:[0-9a-f]{64}$/.test(pin)) return `${imageName(image)}@${pin}`;
  if (pin.startsWith('@')) return `${imageName(image)}${pin}`;
  return `${imageName(image)}:${pin.replace(/^:/, '')}`;
}

function pinFor(image: string, pins: Record<string, string>): string | undefined {
  if (Object.hasOwn(pins, image)) return image;
  const name = imageName(image);
  for (const key of Object.keys(pins).sort()) if (!hasTagOrDigest(key) && key === name) return key;
  return undefined;
}

function pinImages(objects: KObject[], pins: Record<string, string>, diag: Diagnostics): void {
  for (const o of objects) {
    podSpecs(o).forEach((ps) => {
      for (const list of ['initContainers', 'containers', 'ephemeralContainers']) {
        const cs = ps[list];
        if (!Array.isArray(cs)) continue;
        for (const c of cs) {
          if (!isObject(c) || typeof c.image !== 'string') continue;
          const key = pinFor(c.image, pins);
          if (key !== undefined) {
            c.image = pinnedImage(c.image, pins[key]);
          } else if (isFloatingImage(c.image)) {
            diag.warning(`${describe(o)}: container "${String(c.name)}" uses the floating image ${c.image}; pin it with pinImages`, { ref: o });
          }
        }
      }
    });
  }
}

/** Every container image of the objects (pod templates, jobs, pods). */
export function containerImages(objects: KObject[]): Set<string> {
  const out = new Set<string>();
  for (const o of objects) {
    for (const ps of podSpecs(o)) {
      for (const list of ['initContainers', 'containers', 'ephemeralContainers']) {
        const cs = ps[list];
        if (Array.isArray(cs)) for (const c of cs) if (isObject(c) && typeof c.image === 'string') out.add(c.image);
      }
    }
  }
  return out;
}

/**
 * Warns about pins that match no image: call it once over everything rendered (all CRs), after
 * applyDeliveryOptions, since one CR may use an image another does not. A pin was used when its
 * pinned reference is in the output.
 */
export function reportUnusedPins(images: Set<string>, options: RenderOptions, diag: Diagnostics): void {
  const pins = options.pinImages;
  if (!pins) return;
  for (const key of Object.keys(pins).sort()) {
    if (!images.has(pinnedImage(key, pins[key]))) diag.warning(`pinImages: no rendered container uses the image ${key}`);
  }
}

function jobMode(o: KObject, mode: NonNullable<RenderOptions['jobMode']>, diag: Diagnostics): void {
  const spec = isObject(o.spec) ? o.spec : {};
  switch (mode) {
    case 'operator':
      return;
    case 'hash-name': {
      delete spec.ttlSecondsAfterFinished;
      const hash = createHash('sha256').update(stableJson(spec)).digest('hex').slice(0, HASH_LENGTH);
      const name = `${o.metadata.name}-${hash}`;
      if (name.length > MAX_JOB_NAME) {
        diag.error(
          `jobMode hash-name: the Job name ${name} is longer than ${MAX_JOB_NAME} characters (Kubernetes rejects it); use a shorter Backstage name or another jobMode`,
          { ref: o, path: 'metadata.name' },
        );
        return;
      }
      o.metadata.name = name;
      return;
    }
    case 'argocd-hook':
      annotate(o, ARGOCD_HOOK, 'PostSync');
      annotate(o, ARGOCD_HOOK_DELETE_POLICY, 'BeforeHookCreation,HookSucceeded');
      return;
    case 'flux-force':
      delete spec.ttlSecondsAfterFinished;
      annotate(o, FLUX_FORCE, 'Enabled');
      return;
  }
}

function addPruneLabel(o: KObject, label: string, diag: Diagnostics): void {
  const i = label.indexOf('=');
  const key = label.slice(0, i);
  const value = label.slice(i + 1);
  const current = o.metadata.labels?.[key];
  if (current !== undefined && current !== value) {
    diag.warning(`pruneLabel: ${describe(o)} already has the label ${key}=${current}; left as it is`, { ref: o, path: `metadata.labels.${key}` });
    return;
  }
  o.metadata.labels = { ...(o.metadata.labels ?? {}), [key]: value };
}

function isDelivered(options: RenderOptions): boolean {
  return (
    (options.jobMode !== undefined && options.jobMode !== 'operator') ||
    options.syncWaves === true ||
    (options.pinImages !== undefined && Object.keys(options.pinImages).length > 0) ||
    options.pruneLabel !== undefined ||
    options.fluxSsaIfNotPresent === true
  );
}

/**
 * Applies the delivery options to the rendered objects (only generated objects, never inputs).
 * Pure; returns a new array of new objects and leaves the given ones alone (with no delivery
 * option set: a new array of the very same objects, so the output equals the operator's). Order of the steps: pin images, then
 * Jobs (so a Job's name hash covers the pinned image), then annotations and labels.
 */
export function applyDeliveryOptions(objects: KObject[], options: RenderOptions, diag: Diagnostics): KObject[] {
  // Always a new array (the same objects when no option is set), so a caller may reuse its own.
  if (!isDelivered(options)) return [...objects];
  const out = objects.map((o) => structuredClone(o) as KObject);
  for (const o of out) o.metadata = o.metadata ?? {};
  if (options.pinImages && Object.keys(options.pinImages).length > 0) pinImages(out, options.pinImages, diag);
  for (const o of out) {
    if (o.kind === 'Job' && o.apiVersion === 'batch/v1' && options.jobMode) jobMode(o, options.jobMode, diag);
    const isHook = o.metadata.annotations?.[ARGOCD_HOOK] !== undefined;
    if (options.syncWaves && !isHook && WAVES[o.kind] !== undefined && o.metadata.annotations?.[ARGOCD_SYNC_WAVE] === undefined) {
      annotate(o, ARGOCD_SYNC_WAVE, WAVES[o.kind]);
    }
    if (options.pruneLabel) addPruneLabel(o, options.pruneLabel, diag);
    if (options.fluxSsaIfNotPresent && o.kind === 'Secret' && o.apiVersion === 'v1' && String(o.metadata.name ?? '').startsWith(DB_SECRET_PREFIX)) {
      annotate(o, FLUX_SSA, 'IfNotPresent');
    }
  }
  return out.map(normalizeKeyOrder);
}

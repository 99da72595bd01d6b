import type { KObject } from './kio/types';
import { ANNOTATION_INDEX, ANNOTATION_LEGACY_INDEX, ANNOTATION_LEGACY_PATH, ANNOTATION_PATH, ANNOTATION_RENDERED_FROM, isObject } from './kio/types';

// The order an installer applies kinds in (Helm's install order): what others depend on first.
const KIND_ORDER = [
  'Namespace',
  'NetworkPolicy',
  'ResourceQuota',
  'LimitRange',
  'PodDisruptionBudget',
  'ServiceAccount',
  'Secret',
  // What makes the database Secret in the cluster (dbSecret sealed-secrets, external-secrets).
  'SealedSecret',
  'Password',
  'ExternalSecret',
  'ConfigMap',
  'StorageClass',
  'PersistentVolume',
  'PersistentVolumeClaim',
  'CustomResourceDefinition',
  'ClusterRole',
  'ClusterRoleBinding',
  'Role',
  'RoleBinding',
  'Service',
  'DaemonSet',
  'Pod',
  'ReplicationController',
  'ReplicaSet',
  'Deployment',
  'HorizontalPodAutoscaler',
  'StatefulSet',
  'Job',
  'CronJob',
  'IngressClass',
  'Ingress',
  'APIService',
];
const KIND_RANK = new Map(KIND_ORDER.map((k, i) => [k, i]));

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Stable apply order: kind priority, then namespace, then name (then apiVersion, then file path). */
export function compareObjects(a: KObject, b: KObject): number {
  const ra = KIND_RANK.get(a.kind) ?? KIND_ORDER.length;
  const rb = KIND_RANK.get(b.kind) ?? KIND_ORDER.length;
  if (ra !== rb) return ra - rb;
  if (ra === KIND_ORDER.length && a.kind !== b.kind) return cmp(a.kind, b.kind);
  return (
    cmp(a.metadata?.namespace ?? '', b.metadata?.namespace ?? '') ||
    cmp(a.metadata?.name ?? '', b.metadata?.name ?? '') ||
    cmp(a.apiVersion, b.apiVersion) ||
    cmp(a.metadata?.annotations?.[ANNOTATION_PATH] ?? '', b.metadata?.annotations?.[ANNOTATION_PATH] ?? '') ||
    cmp(a.metadata?.annotations?.[ANNOTATION_INDEX] ?? '', b.metadata?.annotations?.[ANNOTATION_INDEX] ?? '')
  );
}

export function sortObjects(objects: KObject[]): KObject[] {
  return [...objects].sort(compareObjects);
}

function sortedRecord(r: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of Object.keys(r).sort(cmp)) out[k] = r[k];
  return out;
}

const TOP_KEYS = ['apiVersion', 'kind', 'metadata'];
const META_KEYS = ['name', 'generateName', 'namespace', 'labels', 'annotations'];

/** Keys in the usual order: apiVersion, kind, metadata (name, namespace, labels, annotations, ...), then the rest as they were. */
export function normalizeKeyOrder(obj: KObject): KObject {
  const out: Record<string, unknown> = {};
  for (const k of TOP_KEYS) if (k in obj) out[k] = obj[k];
  const meta: Record<string, unknown> = {};
  const m = obj.metadata ?? {};
  for (const k of META_KEYS) {
    if (!(k in m) || m[k] === undefined) continue;
    meta[k] = (k === 'labels' || k === 'annotations') && isObject(m[k]) ? sortedRecord(m[k] as Record<string, string>) : m[k];
  }
  for (const [k, v] of Object.entries(m)) if (!(k in meta) && v !== undefined) meta[k] = v;
  out.metadata = meta;
  for (const [k, v] of Object.entries(obj)) if (!(k in out) && v !== undefined) out[k] = v;
  return out as KObject;
}

/** `<namespace>/<name>` of the CR an object was rendered from. */
export function renderedFromValue(namespace: string, name: string): string {
  return `${namespace}/${name}`;
}

export function setAnnotation(obj: KObject, key: string, value: string): void {
  obj.metadata = obj.metadata ?? {};
  obj.metadata.annotations = { ...(obj.metadata.annotations ?? {}), [key]: value };
}

function removeAnnotations(obj: KObject, keys: string[]): void {
  const a = obj.metadata?.annotations;
  if (!a) return;
  for (const k of keys) delete a[k];
  if (Object.keys(a).length === 0) delete obj.metadata.annotations;
}

const safeName = (s: string) => s.replace(/[^A-Za-z0-9._-]/g, '_');

/**
 * Where kpt writes a generated object: one file per object, all in rendered/ itself, named
 * `<namespace>_<cr>_<kind>_<name>.yaml` (`_` is in no Kubernetes name, so the parts stay apart).
 * No directory per CR: kpt removes the files of objects a function no longer returns but never a
 * directory (kyaml's LocalPackageReadWriter, kpt's pruneResources), so a renamed CR's directory
 * would stay behind empty.
 */
export function generatedPath(crNamespace: string, crName: string, obj: KObject): string {
  return `rendered/${safeName(crNamespace)}_${safeName(crName)}_${obj.kind.toLowerCase()}_${safeName(obj.metadata?.name ?? 'unnamed')}.yaml`;
}

/** Where `render -o DIR` writes a generated object: `<namespace>/<cr>/<kind>_<name>.yaml` below DIR (it removes the directories it empties itself). */
export function outputDirPath(crNamespace: string, crName: string, obj: KObject): string {
  return `${safeName(crNamespace)}/${safeName(crName)}/${obj.kind.toLowerCase()}_${safeName(obj.metadata?.name ?? 'unnamed')}.yaml`;
}

/** Marks an object as ours (so a later run replaces it) and gives it a file of its own. */
export function markGenerated(obj: KObject, crNamespace: string, crName: string): KObject {
  const out = normalizeKeyOrder(obj);
  setAnnotation(out, ANNOTATION_RENDERED_FROM, renderedFromValue(crNamespace, crName));
  return normalizeKeyOrder(out);
}

export function withPathAnnotations(obj: KObject, path: string): KObject {
  const out = { ...obj, metadata: { ...obj.metadata, annotations: { ...(obj.metadata.annotations ?? {}) } } } as KObject;
  removeAnnotations(out, [ANNOTATION_INDEX, ANNOTATION_LEGACY_INDEX, ANNOTATION_LEGACY_PATH]);
  setAnnotation(out, ANNOTATION_PATH, path);
  setAnnotation(out, ANNOTATION_INDEX, '0');
  return normalizeKeyOrder(out);
}

/** What the CLI prints: no orchestrator bookkeeping annotations. */
export function withoutPathAnnotations(obj: KObject): KObject {
  const out = { ...obj, metadata: { ...obj.metadata, annotations: { ...(obj.metadata.annotations ?? {}) } } } as KObject;
  removeAnnotations(out, [ANNOTATION_PATH, ANNOTATION_INDEX, ANNOTATION_LEGACY_PATH, ANNOTATION_LEGACY_INDEX, 'internal.config.kubernetes.io/id', 'config.k8s.io/id']);
  return out;
}

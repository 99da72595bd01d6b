// Helpers the model modules share: names, labels, annotations (the operator's pkg/utils/utils.go and the
// name functions spread over pkg/model).
import type { KObject } from '../kio/types';
import { isObject } from '../kio/types';

export const BACKSTAGE_APP_LABEL = 'rhdh.redhat.com/app';
export const KUBE_NAME_LABEL = 'app.kubernetes.io/name';
export const KUBE_INSTANCE_LABEL = 'app.kubernetes.io/instance';
export const KUBE_NAME_VALUE = 'backstage';

export const CONFIGURED_NAME_ANNOTATION = 'rhdh.redhat.com/configured-name';
export const MOUNT_PATH_ANNOTATION = 'rhdh.redhat.com/mount-path';
export const SUB_PATH_ANNOTATION = 'rhdh.redhat.com/sub-path';
export const CONTAINERS_ANNOTATION = 'rhdh.redhat.com/containers';
export const SOURCE_ANNOTATION = 'rhdh.redhat.com/source';
export const EXT_CONFIG_HASH_ANNOTATION = 'rhdh.redhat.com/ext-config-hash';
export const LIST_MERGE_ANNOTATION = 'rhdh.redhat.com/deployment-patch-list-merge-mode';
/** Operator main only (e3de37fe): scale the workload and the local DB to 0. */
export const IDLE_ANNOTATION = 'rhdh.redhat.com/idle';

export const DEFAULT_MOUNT_DIR = '/opt/app-root/src';
export const BACKSTAGE_CONTAINER_NAME = 'backstage-backend';
export const DYNAMIC_PLUGINS_INIT_CONTAINER = 'install-dynamic-plugins';
export const DYNAMIC_PLUGINS_FILE = 'dynamic-plugins.yaml';

/** utils.GenerateRuntimeObjectName: `<type>-<cr>`. */
export function runtimeObjectName(crName: string, objectType: string): string {
  return `${objectType}-${crName}`;
}
export const deploymentName = (cr: string) => runtimeObjectName(cr, 'backstage');
export const serviceName = (cr: string) => runtimeObjectName(cr, 'backstage');
export const routeName = (cr: string) => runtimeObjectName(cr, 'backstage');
export const dbStatefulSetName = (cr: string) => runtimeObjectName(cr, 'backstage-psql');
export const dbServiceName = (cr: string) => runtimeObjectName(cr, 'backstage-psql');
export const dbSecretDefaultName = (cr: string) => runtimeObjectName(cr, 'backstage-psql-secret');
export const dynamicPluginsDefaultName = (cr: string) => runtimeObjectName(cr, 'backstage-dynamic-plugins');
export const backstageAppLabelValue = (cr: string) => `backstage-${cr}`;
export const backstageDbAppLabelValue = (cr: string) => `backstage-psql-${cr}`;

/** default-config.go DefaultMultiObjectName. */
export function multiObjectName(objectType: string, crName: string, objectName: string): string {
  return `backstage-${objectType}-${crName}-${objectName}`;
}

const MAX_LABEL = 63;

/** utils.ToRFC1123Label: lower case, invalid characters to '-', dashes collapsed, 63 chars, no leading/trailing '-'. */
export function toRFC1123Label(s: string): string {
  let name = s.toLowerCase().replace(/[^a-z0-9-]/g, '-').replace(/-+/g, '-');
  // Go slices bytes; after the replacement every character is ASCII, so characters are bytes.
  if (name.length > MAX_LABEL) name = name.slice(0, MAX_LABEL);
  return name.replace(/^-+/, '').replace(/-+$/, '');
}

/** utils.ParseCommaSeparated. */
export function parseCommaSeparated(input: string): string[] {
  return input
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '');
}

/** Go's sort.Strings / slices.Sort order: by UTF-8 bytes (same as UTF-16 code units for the BMP). */
export function compareStrings(a: string, b: string): number {
  const ba = Buffer.from(a, 'utf8');
  const bb = Buffer.from(b, 'utf8');
  return Buffer.compare(ba, bb);
}

export function sortedKeys(m: unknown): string[] {
  return isObject(m) ? Object.keys(m).sort(compareStrings) : [];
}

/** path.Join semantics (filepath.Join on Linux): joins and cleans. */
export function joinPath(...parts: string[]): string {
  const joined = parts.filter((p) => p !== '').join('/');
  if (joined === '') return '';
  return cleanPath(joined);
}

/** Go's path.Clean. */
export function cleanPath(p: string): string {
  if (p === '') return '.';
  const rooted = p.startsWith('/');
  const out: string[] = [];
  for (const seg of p.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      if (out.length > 0 && out[out.length - 1] !== '..') out.pop();
      else if (!rooted) out.push('..');
      continue;
    }
    out.push(seg);
  }
  const s = (rooted ? '/' : '') + out.join('/');
  return s === '' ? (rooted ? '/' : '.') : s;
}

export function isAbsPath(p: string): boolean {
  return p.startsWith('/');
}

// Keys that come from input data (ConfigMap and Secret keys, labels, names) may be `__proto__`,
// `constructor` or `toString`: legal keys in Kubernetes. `m[k] = v` with k = "__proto__" sets m's
// prototype instead of a key, and `m[k]` / `k in m` find Object.prototype's members. So:

/** A map for keys from input data, with no prototype. Internal only: output objects stay plain (setOwn). */
export function dict<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}

/** m[k] = v as an own property, whatever k is (for plain objects filled with keys from input data). */
export function setOwn<T>(m: Record<string, T>, k: string, v: T): void {
  Object.defineProperty(m, k, { value: v, writable: true, enumerable: true, configurable: true });
}

/** m[k] if m has it as its own property, else undefined (never a member of Object.prototype). */
export function getOwn<T>(m: Record<string, T>, k: string): T | undefined {
  return Object.hasOwn(m, k) ? m[k] : undefined;
}

export function deepClone<T>(v: T): T {
  return v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T);
}

/* eslint-disable @typescript-eslint/no-explicit-any */
export function ensureMap(parent: Record<string, unknown>, key: string): Record<string, any> {
  const v = parent[key];
  if (isObject(v)) return v as Record<string, any>;
  const m: Record<string, any> = {};
  parent[key] = m;
  return m;
}

export function ensureList(parent: Record<string, unknown>, key: string): any[] {
  const v = parent[key];
  if (Array.isArray(v)) return v;
  const l: any[] = [];
  parent[key] = l;
  return l;
}

export function annotationsOf(o: KObject): Record<string, string> {
  return isObject(o.metadata?.annotations) ? (o.metadata.annotations as Record<string, string>) : {};
}

export function addAnnotation(o: KObject, name: string, value: string): void {
  if (!isObject(o.metadata)) o.metadata = {};
  if (!isObject(o.metadata.annotations)) o.metadata.annotations = {};
  o.metadata.annotations[name] = value;
}

/** utils.SetKubeLabels on the object's metadata. */
export function setKubeLabels(o: KObject, crName: string): void {
  if (!isObject(o.metadata.labels)) o.metadata.labels = {};
  o.metadata.labels[KUBE_NAME_LABEL] = KUBE_NAME_VALUE;
  o.metadata.labels[KUBE_INSTANCE_LABEL] = crName;
}

/** runtime.go setMetaInfo, without the owner reference (no CR UID offline). */
export function setCommonMetaInfo(o: KObject, crName: string, namespace: string): void {
  if (!isObject(o.metadata)) o.metadata = {};
  o.metadata.namespace = namespace;
  setKubeLabels(o, crName);
}

/** utils.GenerateLabel on a map held at parent[key]. */
export function generateLabel(parent: Record<string, unknown>, key: string, name: string, value: string): void {
  const m = ensureMap(parent, key);
  m[name] = value;
}

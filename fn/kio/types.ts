// The small KRM layer: the shapes of the KRM Functions Specification
// (config.kubernetes.io/v1 ResourceList and its results), written here rather than
// taken from the frozen TypeScript kpt SDK.

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export interface ObjectMeta {
  name?: string;
  namespace?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  [key: string]: unknown;
}

/** Any Kubernetes object as plain data. */
export interface KObject {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
  [key: string]: unknown;
}

export type Severity = 'error' | 'warning' | 'info';

export interface ResourceRef {
  apiVersion: string;
  kind: string;
  name: string;
  namespace?: string;
}

export interface ResultField {
  path: string;
  currentValue?: unknown;
  proposedValue?: unknown;
}

export interface Result {
  message: string;
  severity: Severity;
  resourceRef?: ResourceRef;
  field?: ResultField;
  file?: { path: string; index?: number };
  tags?: Record<string, string>;
}

export interface ResourceList {
  apiVersion: string;
  kind: 'ResourceList';
  items: KObject[];
  functionConfig?: KObject;
  results?: Result[];
}

export const RESOURCE_LIST_API_VERSION = 'config.kubernetes.io/v1';

// Annotations orchestrators use to track where an item lives.
export const ANNOTATION_PATH = 'internal.config.kubernetes.io/path';
export const ANNOTATION_INDEX = 'internal.config.kubernetes.io/index';
export const ANNOTATION_LEGACY_PATH = 'config.kubernetes.io/path';
export const ANNOTATION_LEGACY_INDEX = 'config.kubernetes.io/index';
export const ANNOTATION_LOCAL_CONFIG = 'config.kubernetes.io/local-config';

/** Marks what backstage-render generated, with the namespace/name of the CR it came from. */
export const ANNOTATION_RENDERED_FROM = 'backstage-render.dev/rendered-from';

/** target.push(...items) without passing items as arguments (which overflows the stack for large lists). */
export function appendAll<T>(target: T[], items: readonly T[]): T[] {
  for (const item of items) target.push(item);
  return target;
}

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function refOf(obj: KObject): ResourceRef {
  const ref: ResourceRef = { apiVersion: obj.apiVersion, kind: obj.kind, name: obj.metadata?.name ?? '' };
  if (obj.metadata?.namespace) ref.namespace = obj.metadata.namespace;
  return ref;
}

export function isLocalConfig(obj: KObject): boolean {
  return obj.metadata?.annotations?.[ANNOTATION_LOCAL_CONFIG] === 'true';
}

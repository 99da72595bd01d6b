// Validates objects of built-in Kubernetes kinds against strict JSON Schemas, like
// `kubeconform -strict`: unknown fields, wrong types and missing required fields are problems.
// Tests use it to prove that what we render would be accepted by the API server. Neither cli/ nor
// the bundle imports it.
//
// The schemas are not committed: scripts/k8s-schemas.mjs derives them at install time (`npm ci`
// runs it from package.json "prepare"; test/global-setup.js runs it when they are missing) from
// the API models of the registry package @kubernetes/client-node (Kubernetes 1.34, OpenAPI spec
// v1.34.0) and writes build/k8s/kubernetes-strict.schema.json and build/k8s/kinds.json, which
// this module reads once. Optional fields may be null, as the API server reads null as unset.
// What the schemas cannot say (as with kubeconform): enum values of string fields, value formats
// checked by the API server's own validation (names, label syntax, quantities), cross-field rules.
//
// Covered: see BUILT_IN_KINDS (v1 ConfigMap, Secret, Service, ServiceAccount,
// PersistentVolumeClaim, PersistentVolume, Pod, Namespace, LimitRange, ResourceQuota; apps/v1
// Deployment, StatefulSet, DaemonSet, ReplicaSet; batch/v1 Job, CronJob; networking.k8s.io/v1
// NetworkPolicy, Ingress, IngressClass; rbac.authorization.k8s.io/v1 Role, RoleBinding,
// ClusterRole, ClusterRoleBinding; policy/v1 PodDisruptionBudget; autoscaling/v1 and v2
// HorizontalPodAutoscaler; scheduling.k8s.io/v1 PriorityClass; storage.k8s.io/v1 StorageClass).
// Custom kinds with a schema in a maintained registry package (scripts/custom-kind-validators.mjs
// bundles their validators into build/k8s/custom-kinds.cjs; see CUSTOM_KINDS): bitnami.com
// SealedSecret, external-secrets.io ExternalSecret, generators.external-secrets.io Password,
// monitoring.coreos.com ServiceMonitor, argoproj.io AppProject, operator.knative.dev
// KnativeServing/KnativeEventing. Those validators check types, required fields, enums and formats;
// unknown fields are checked against each kind's field tree, derived by the same script from the
// package's TypeScript declaration of the kind (`shapes`): strict, as for the built-in kinds.
// NOT covered (no maintained package ships their schema): route.openshift.io Route, sonataflow.org
// SonataFlowPlatform, tekton.dev Task/Pipeline, operators.coreos.com Subscription/OperatorGroup,
// argoproj.io ArgoCD (the argocd-operator's), rhdh.redhat.com Backstage (see cr-schema.ts), and
// every other kind. docs/reliability.md lists them.

import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ValidateFunction } from 'ajv';
import type Ajv from 'ajv';
import type { KObject } from '../kio/types';
import { describeErrors, newAjv } from './ajv-support';

const SCHEMA_KEY = 'kubernetes-strict';

/** Where scripts/k8s-schemas.mjs writes the schemas (build/ is not committed). */
export const K8S_SCHEMA_DIR = path.join(__dirname, '..', '..', 'build', 'k8s');

interface KindsIndex {
  /** The Kubernetes release of the models, e.g. `1.34`. */
  kubernetes: string;
  /** `apiVersion/kind` -> root definition in the schema. */
  kinds: Record<string, string>;
}

function readGenerated<T>(file: string): T {
  const p = path.join(K8S_SCHEMA_DIR, file);
  let text: string;
  try {
    text = fs.readFileSync(p, 'utf8');
  } catch {
    throw new Error(`${p} is missing: it is generated from @kubernetes/client-node by \`node scripts/k8s-schemas.mjs\` (run by \`npm ci\`)`);
  }
  return JSON.parse(text) as T;
}

// The small index is read when this module loads, the schema on the first validation.
const KINDS_INDEX = readGenerated<KindsIndex>('kinds.json');
const KINDS: Record<string, string> = KINDS_INDEX.kinds;

/** `apiVersion/kind` of every built-in kind with a schema here, e.g. `apps/v1/Deployment`. */
export const BUILT_IN_KINDS: readonly string[] = Object.keys(KINDS).sort();

/** The Kubernetes release the schemas come from. */
export const KUBERNETES_SCHEMA_RELEASE: string = KINDS_INDEX.kubernetes;

let ajvInstance: Ajv | undefined;
const compiled = new Map<string, ValidateFunction>();

function validatorFor(key: string): ValidateFunction {
  let fn = compiled.get(key);
  if (!fn) {
    if (!ajvInstance) {
      ajvInstance = newAjv();
      // The large schema is read on first use, once.
      ajvInstance.addSchema(readGenerated<object>('kubernetes-strict.schema.json'), SCHEMA_KEY);
    }
    fn = ajvInstance.compile({ $ref: `${SCHEMA_KEY}#/definitions/${KINDS[key]}` });
    compiled.set(key, fn);
  }
  return fn;
}

/** True for the built-in kinds this validator has a schema for. */
export function isBuiltInKind(apiVersion: string, kind: string): boolean {
  return Object.prototype.hasOwnProperty.call(KINDS, `${apiVersion}/${kind}`);
}

interface CustomModel {
  apiVersion: string;
  kind: string;
  new (data: unknown): { validate(): void };
}
interface CustomKindsBundle {
  sources: Record<string, string>;
  models: Array<{ model: CustomModel; source: string }>;
  /** `apiVersion/kind` -> the kind's field tree (JSON Schema: properties, additionalProperties false). */
  shapes?: Record<string, object>;
}

let customShapes: Record<string, object> = {};

function loadCustomKinds(): Map<string, { model: CustomModel; source: string }> {
  const p = path.join(K8S_SCHEMA_DIR, 'custom-kinds.cjs');
  if (!fs.existsSync(p)) throw new Error(`${p} is missing: it is generated by \`node scripts/custom-kind-validators.mjs\` (run by \`npm ci\`)`);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const bundle = require(p) as CustomKindsBundle;
  if (!bundle.shapes) throw new Error(`${p} has no unknown-field shapes: it comes from an older scripts/custom-kind-validators.mjs; run it again`);
  customShapes = bundle.shapes;
  return new Map(bundle.models.map((m) => [`${m.model.apiVersion}/${m.model.kind}`, m]));
}

const CUSTOM = loadCustomKinds();

/** `apiVersion/kind` of every custom kind validated against a registry package's schema. */
export const CUSTOM_KINDS: readonly string[] = [...CUSTOM.keys()].sort();

/** The registry package (name@version) whose schema validates a custom kind. */
export function customKindSource(apiVersion: string, kind: string): string | undefined {
  return CUSTOM.get(`${apiVersion}/${kind}`)?.source;
}

/** True for the kinds validated here: built-in kinds and the custom kinds of CUSTOM_KINDS. */
export function isValidatedKind(apiVersion: string, kind: string): boolean {
  return isBuiltInKind(apiVersion, kind) || CUSTOM.has(`${apiVersion}/${kind}`);
}

let shapeAjv: Ajv | undefined;
const shapeValidators = new Map<string, ValidateFunction>();

/** Fields the kind does not have, from its field tree, in validateKubernetesObject's form. */
function unknownFields(obj: KObject, key: string): string[] {
  let fn = shapeValidators.get(key);
  if (!fn) {
    // types are the package validator's job: the field tree names fields, it does not type them
    shapeAjv ??= newAjv({ strictTypes: false });
    fn = shapeAjv.compile(customShapes[key]);
    shapeValidators.set(key, fn);
  }
  if (fn(obj)) return [];
  return describeErrors(fn.errors, obj).map((p) => (p.path ? `${p.path}: ${p.message}` : p.message));
}

/** A custom kind's problems, from its package's validator and its field tree, in validateKubernetesObject's form. */
function validateCustomObject(obj: KObject, model: CustomModel): string[] {
  const key = `${model.apiVersion}/${model.kind}`;
  const unknown = customShapes[key] ? unknownFields(obj, key) : [`no field tree for ${key}: run scripts/custom-kind-validators.mjs again`];
  return [...new Set([...validateByModel(obj, model), ...unknown])].sort();
}

function validateByModel(obj: KObject, model: CustomModel): string[] {
  try {
    new model(obj).validate();
    return [];
  } catch (e) {
    const errors = (e as { errors?: Array<{ instancePath: string; message?: string; params?: Record<string, unknown> }> }).errors;
    if (!Array.isArray(errors)) throw e;
    const lines = errors.map((err) => {
      const field = err.instancePath.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~')).join('.');
      const extra = err.params && 'allowedValues' in err.params ? `: ${JSON.stringify(err.params.allowedValues)}` : '';
      return `${field}: ${err.message ?? 'invalid'}${extra}`;
    });
    return [...new Set(lines)].sort();
  }
}

/**
 * Validates one object strictly. Returns one line per problem, `<field path>: <message>`
 * (sorted by path, deduplicated); an empty list means valid. A kind without a schema here is
 * reported as such, never as valid. Custom kinds (CUSTOM_KINDS) against their package's validator
 * and their field tree: unknown fields are problems there too.
 */
export function validateKubernetesObject(obj: KObject): string[] {
  if (obj === null || typeof obj !== 'object' || Array.isArray(obj)) return ['object must be a map'];
  const key = `${String(obj.apiVersion)}/${String(obj.kind)}`;
  const custom = CUSTOM.get(key);
  if (custom) return validateCustomObject(obj, custom.model);
  if (typeof obj.apiVersion !== 'string' || typeof obj.kind !== 'string' || !isBuiltInKind(obj.apiVersion, obj.kind)) {
    return [`no schema for ${String(obj.apiVersion)} ${String(obj.kind)}: not a kind covered here`];
  }
  const validate = validatorFor(key);
  if (validate(obj)) return [];
  return describeErrors(validate.errors, obj).map((p) => (p.path ? `${p.path}: ${p.message}` : p.message));
}

// `render -o DIR --include-inputs`: the input objects the rendered workloads name (ConfigMaps,
// Secrets, PersistentVolumeClaims in volumes, envFrom and env valueFrom), written beside the
// rendered objects of the CR whose workload names them, so the directory applies as it is (a Flux
// Kustomization, kubectl apply -R). Never the CR, never a local-config object, never the function
// config, never an object the render generates itself.
import type { KObject } from '../../fn/kio/types';
import { ANNOTATION_RENDERED_FROM, isObject } from '../../fn/kio/types';
import { objectsToPrint } from './extra-options';

type Ref = { kind: 'ConfigMap' | 'Secret' | 'PersistentVolumeClaim'; name: string };

/** The ConfigMaps, Secrets and PVCs a pod spec needs (an `optional: true` reference needs nothing). */
export function podSpecRefs(spec: unknown): Ref[] {
  const refs: Ref[] = [];
  if (!isObject(spec)) return refs;
  const add = (kind: Ref['kind'], name: unknown, optional?: unknown) => {
    if (typeof name === 'string' && name !== '' && optional !== true) refs.push({ kind, name });
  };
  for (const v of Array.isArray(spec.volumes) ? spec.volumes : []) {
    if (!isObject(v)) continue;
    if (isObject(v.configMap)) add('ConfigMap', v.configMap.name, v.configMap.optional);
    if (isObject(v.secret)) add('Secret', v.secret.secretName, v.secret.optional);
    if (isObject(v.persistentVolumeClaim)) add('PersistentVolumeClaim', v.persistentVolumeClaim.claimName);
    if (isObject(v.projected) && Array.isArray(v.projected.sources)) {
      for (const s of v.projected.sources) {
        if (!isObject(s)) continue;
        if (isObject(s.configMap)) add('ConfigMap', s.configMap.name, s.configMap.optional);
        if (isObject(s.secret)) add('Secret', s.secret.name, s.secret.optional);
      }
    }
  }
  const containers = [...(Array.isArray(spec.initContainers) ? spec.initContainers : []), ...(Array.isArray(spec.containers) ? spec.containers : [])];
  for (const c of containers) {
    if (!isObject(c)) continue;
    for (const e of Array.isArray(c.envFrom) ? c.envFrom : []) {
      if (!isObject(e)) continue;
      if (isObject(e.configMapRef)) add('ConfigMap', e.configMapRef.name, e.configMapRef.optional);
      if (isObject(e.secretRef)) add('Secret', e.secretRef.name, e.secretRef.optional);
    }
    for (const e of Array.isArray(c.env) ? c.env : []) {
      if (!isObject(e) || !isObject(e.valueFrom)) continue;
      if (isObject(e.valueFrom.configMapKeyRef)) add('ConfigMap', e.valueFrom.configMapKeyRef.name, e.valueFrom.configMapKeyRef.optional);
      if (isObject(e.valueFrom.secretKeyRef)) add('Secret', e.valueFrom.secretKeyRef.name, e.valueFrom.secretKeyRef.optional);
    }
  }
  for (const s of Array.isArray(spec.imagePullSecrets) ? spec.imagePullSecrets : []) if (isObject(s)) add('Secret', s.name);
  return refs;
}

/** The pod specs of a workload (Deployment, StatefulSet, Job, CronJob, Pod, …). */
export function podSpecsOf(o: KObject): unknown[] {
  const spec = o.spec as Record<string, unknown> | undefined;
  if (!isObject(spec)) return [];
  if (o.kind === 'Pod') return [spec];
  if (o.kind === 'CronJob') return isObject(spec.jobTemplate) && isObject(spec.jobTemplate.spec) && isObject(spec.jobTemplate.spec.template) ? [spec.jobTemplate.spec.template.spec] : [];
  return isObject(spec.template) ? [spec.template.spec] : [];
}

/** `kind|namespace|name` of what the rendered workloads name, with the CR (rendered-from) naming it first. */
export function namedByWorkloads(generated: KObject[]): Map<string, string> {
  const owners = new Map<string, string>();
  for (const o of generated) {
    const owner = o.metadata?.annotations?.[ANNOTATION_RENDERED_FROM];
    if (!owner) continue;
    for (const spec of podSpecsOf(o)) for (const r of podSpecRefs(spec)) {
      const key = `${r.kind}|${o.metadata.namespace ?? ''}|${r.name}`;
      if (!owners.has(key)) owners.set(key, owner);
    }
  }
  return owners;
}

/** What `render -o DIR --include-inputs` writes: the objects, and the CR each input object is written for. */
export interface OutputDirObjects {
  objects: KObject[];
  /** The inputs among the objects (as they came, unmarked: they are the user's), each with its CR (`<namespace>/<name>`). */
  inputOwners: Map<KObject, string>;
}

/**
 * The objects `render -o DIR --include-inputs` writes: the rendered ones and the inputs the
 * workloads name. An input is written as it came (its source text); the CR whose workload names it
 * is recorded in DIR's record of our files only, so a later run replaces or removes it like the others.
 */
export function objectsForOutputDir(out: { items: KObject[]; generated: KObject[] }): OutputDirObjects {
  const owners = namedByWorkloads(out.generated);
  const generated = new Set(out.generated);
  const inputOwners = new Map<KObject, string>();
  const objects = objectsToPrint(out, true).filter((o) => {
    if (o.metadata?.annotations?.[ANNOTATION_RENDERED_FROM] !== undefined) return true;
    const owner = owners.get(`${o.kind}|${o.metadata?.namespace ?? ''}|${o.metadata?.name ?? ''}`);
    if (!owner || generated.has(o)) return false;
    inputOwners.set(o, owner);
    return true;
  });
  return { objects, inputOwners };
}

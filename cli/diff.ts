// `backstage-render diff`: render, then compare with what is committed (a directory of earlier
// output, any YAML files) or what runs (`kubectl get -o yaml`: a v1 List or many documents).
//
// Objects are matched by API group, kind, namespace and name (not version). Before comparing, both
// sides lose what the API server and controllers populate (status, uid, resourceVersion,
// generation, creationTimestamp, managedFields, ownerReferences, selfLink, the
// last-applied-configuration and deployment revision annotations, orchestrator bookkeeping
// annotations), and a field the API server defaults (strategy, terminationMessagePath, clusterIP,
// port protocol, ...) counts as equal when the rendered object does not set it and the other
// side holds the default (or, for values the server assigns such as clusterIP, any value). An
// object from a cluster (it carries uid/resourceVersion/creationTimestamp/managedFields) is
// compared without our own `backstage-render.dev/*` annotations.
//
// Output, one block per object: `+ Kind ns/name` (rendered, not there), `~ Kind ns/name` with
// `path: old -> new` lines, `- Kind ns/name` (there, no longer rendered: only objects that carry
// our rendered-from annotation or the app.kubernetes.io/instance label of a CR in the input, and
// are not owned by another controller). Secret values are never printed. Exit 0: no difference;
// 2: differences; 1: an error.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { KObject } from '../fn/kio/types';
import { dbSecretMode, parseFunctionConfig, withDefaults, type RenderOptions } from '../fn/options';
import { objectsToPrint } from './commands/extra-options';
import { readInputs, readTextFile } from './inputs';
import { formatResult, hasErrors, reportResults, type ReportOptions } from './report';
import { chooseFunctionConfig } from './commands/found-config';
import { objectsForOutputDir } from './commands/output-inputs';
import { withoutPathAnnotations } from '../fn/finish';
import { runRender } from './run-render';
import { ANNOTATION_RENDERED_FROM, isLocalConfig, isObject } from '../fn/kio/types';
import { parseYamlDocuments } from '../fn/yaml';
import { compareObjects } from '../fn/finish';
import { isBackstageCR } from '../fn/render';
import { DEFAULT_OPERATOR_VERSION, type OperatorVersion } from '../fn/versions';

type Seg = string | number | { name: string };
type Path = Seg[];

export interface FieldChange {
  path: string;
  old?: unknown;
  new?: unknown;
  /** Absent on that side. */
  oldAbsent?: boolean;
  newAbsent?: boolean;
  secret?: boolean;
  note?: string;
}

export interface ObjectDiff {
  op: '+' | '-' | '~';
  kind: string;
  id: string;
  changes: FieldChange[];
}

const OUR_ANNOTATION_PREFIX = 'backstage-render.dev/';
const INSTANCE_LABEL = 'app.kubernetes.io/instance';

/** Annotations servers, controllers and orchestrators add; never part of the desired state. */
const IGNORED_ANNOTATIONS = [
  'kubectl.kubernetes.io/last-applied-configuration',
  'deployment.kubernetes.io/revision',
  'config.kubernetes.io/path',
  'config.kubernetes.io/index',
  'config.k8s.io/id',
  'internal.config.kubernetes.io/path',
  'internal.config.kubernetes.io/index',
  'internal.config.kubernetes.io/id',
  'internal.config.kubernetes.io/annotations-migration-resource-id',
  'internal.config.kubernetes.io/seqindent',
  'pv.kubernetes.io/bind-completed',
  'pv.kubernetes.io/bound-by-controller',
  'volume.beta.kubernetes.io/storage-provisioner',
  'volume.kubernetes.io/storage-provisioner',
  'volume.kubernetes.io/selected-node',
  'openshift.io/host.generated',
];
const IGNORED_METADATA = ['uid', 'resourceVersion', 'generation', 'creationTimestamp', 'managedFields', 'ownerReferences', 'selfLink', 'deletionTimestamp', 'deletionGracePeriodSeconds'];
/** Kinds a controller makes from the workload; an export of `kubectl get all` brings them along. */
const DERIVED_KINDS = new Set(['Pod', 'ReplicaSet', 'ControllerRevision', 'Endpoints', 'EndpointSlice', 'Event']);

export function groupOf(apiVersion: string): string {
  const i = apiVersion.indexOf('/');
  return i === -1 ? '' : apiVersion.slice(0, i);
}

export function identity(o: KObject): string {
  return `${groupOf(String(o.apiVersion ?? ''))}|${o.kind}|${o.metadata?.namespace ?? ''}|${o.metadata?.name ?? ''}`;
}

function display(o: KObject): string {
  return `${o.metadata?.namespace ? `${o.metadata.namespace}/` : ''}${o.metadata?.name ?? ''}`;
}

/** An object as read from a cluster rather than from files. */
export function isLiveObject(o: KObject): boolean {
  const m = o.metadata ?? {};
  return m.uid !== undefined || m.resourceVersion !== undefined || m.managedFields !== undefined || (m.creationTimestamp !== undefined && m.creationTimestamp !== null);
}

// ---- normalization -------------------------------------------------------------------------

function clone<T>(v: T): T {
  return structuredClone(v);
}

/** Drops `creationTimestamp: null` (and empty status) of nested object metas (pod templates, claim templates). */
function dropNullTimestamps(v: unknown): void {
  if (Array.isArray(v)) v.forEach(dropNullTimestamps);
  else if (isObject(v)) {
    for (const [k, x] of Object.entries(v)) {
      if (k === 'metadata' && isObject(x) && x.creationTimestamp === null) {
        delete x.creationTimestamp;
        if (Object.keys(x).length === 0) {
          delete v[k];
          continue;
        }
      }
      dropNullTimestamps(x);
    }
  }
}

function cleanMeta(o: KObject, dropOurs: boolean): void {
  delete o.status;
  const m = (o.metadata = o.metadata ?? {});
  for (const k of IGNORED_METADATA) delete m[k];
  const a = m.annotations;
  if (isObject(a)) {
    for (const k of Object.keys(a)) if (IGNORED_ANNOTATIONS.includes(k) || (dropOurs && k.startsWith(OUR_ANNOTATION_PREFIX))) delete a[k];
    if (Object.keys(a).length === 0) delete m.annotations;
  }
  if (isObject(m.labels) && Object.keys(m.labels).length === 0) delete m.labels;
  dropNullTimestamps(o);
  // volumeClaimTemplates carry a status in exports.
  const vcts = isObject(o.spec) ? o.spec.volumeClaimTemplates : undefined;
  if (Array.isArray(vcts)) for (const t of vcts) if (isObject(t)) delete t.status;
}

/** A Secret's stringData is written into data (base64) by the API server: compare the data. */
function foldStringData(o: KObject): void {
  if (o.kind !== 'Secret' || !isObject(o.stringData)) return;
  const data: Record<string, unknown> = isObject(o.data) ? { ...o.data } : {};
  for (const [k, v] of Object.entries(o.stringData)) data[k] = Buffer.from(String(v), 'utf8').toString('base64');
  delete o.stringData;
  o.data = data;
}

// ---- API server defaults -------------------------------------------------------------------

const COPY = Symbol('copy');
type Accept = unknown | typeof COPY | ((theirs: unknown, ours: KObject, at: Path) => boolean);
interface Rule {
  kinds: string[];
  path: string[];
  accept: Accept;
}

const POD_SPEC_PREFIXES: Record<string, string[][]> = {
  Deployment: [['spec', 'template', 'spec']],
  StatefulSet: [['spec', 'template', 'spec']],
  DaemonSet: [['spec', 'template', 'spec']],
  ReplicaSet: [['spec', 'template', 'spec']],
  Job: [['spec', 'template', 'spec']],
  CronJob: [['spec', 'jobTemplate', 'spec', 'template', 'spec']],
  Pod: [['spec']],
};

const PROBE_DEFAULTS: Array<[string, unknown]> = [
  ['timeoutSeconds', 1],
  ['periodSeconds', 10],
  ['successThreshold', 1],
  ['failureThreshold', 3],
];

function floating(image: unknown): boolean {
  if (typeof image !== 'string' || image.includes('@')) return false;
  const slash = image.lastIndexOf('/');
  const colon = image.lastIndexOf(':');
  return colon <= slash || image.endsWith(':latest');
}

function get(v: unknown, path: Path): unknown {
  let cur = v;
  for (const s of path) {
    if (typeof s === 'number') cur = Array.isArray(cur) ? cur[s] : undefined;
    else if (typeof s === 'string') cur = isObject(cur) ? cur[s] : undefined;
    else cur = undefined;
    if (cur === undefined) return undefined;
  }
  return cur;
}

function podRules(): Rule[] {
  const rules: Rule[] = [];
  for (const [kind, prefixes] of Object.entries(POD_SPEC_PREFIXES)) {
    for (const p of prefixes) {
      const r = (path: string[], accept: Accept) => rules.push({ kinds: [kind], path: [...p, ...path], accept });
      if (kind !== 'Job' && kind !== 'CronJob') r(['restartPolicy'], 'Always');
      r(['dnsPolicy'], 'ClusterFirst');
      r(['schedulerName'], 'default-scheduler');
      r(['securityContext'], {});
      r(['terminationGracePeriodSeconds'], 30);
      r(['serviceAccount'], (theirs: unknown, ours: KObject) => theirs === get(ours, [...p, 'serviceAccountName']));
      if (kind === 'Pod') r(['enableServiceLinks'], true);
      for (const list of ['containers', 'initContainers']) {
        const c = (path: string[], accept: Accept) => r([list, '*', ...path], accept);
        c(['terminationMessagePath'], '/dev/termination-log');
        c(['terminationMessagePolicy'], 'File');
        c(['imagePullPolicy'], (theirs: unknown, ours: KObject, at: Path) => theirs === (floating(get(ours, [...at.slice(0, -1), 'image'])) ? 'Always' : 'IfNotPresent'));
        c(['resources'], {});
        c(['ports', '*', 'protocol'], 'TCP');
        c(['env', '*', 'valueFrom', 'fieldRef', 'apiVersion'], 'v1');
        for (const probe of ['livenessProbe', 'readinessProbe', 'startupProbe']) {
          for (const [k, v] of PROBE_DEFAULTS) c([probe, k], v);
          c([probe, 'httpGet', 'scheme'], 'HTTP');
        }
      }
      for (const src of ['configMap', 'secret', 'projected', 'downwardAPI']) r(['volumes', '*', src, 'defaultMode'], 420);
      r(['volumes', '*', 'ephemeral', 'volumeClaimTemplate', 'spec', 'volumeMode'], 'Filesystem');
      r(['volumes', '*', 'downwardAPI', 'items', '*', 'fieldRef', 'apiVersion'], 'v1');
    }
  }
  return rules;
}

const JOB_TEMPLATE_LABELS = ['controller-uid', 'job-name', 'batch.kubernetes.io/controller-uid', 'batch.kubernetes.io/job-name'];

/** Fields the API server defaults or assigns; order matters (a whole object before its fields). */
export const DEFAULT_RULES: Rule[] = [
  { kinds: ['Deployment'], path: ['spec', 'replicas'], accept: 1 },
  { kinds: ['Deployment'], path: ['spec', 'revisionHistoryLimit'], accept: 10 },
  { kinds: ['Deployment'], path: ['spec', 'progressDeadlineSeconds'], accept: 600 },
  { kinds: ['Deployment'], path: ['spec', 'strategy'], accept: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } } },
  { kinds: ['Deployment'], path: ['spec', 'strategy', 'rollingUpdate'], accept: { maxUnavailable: '25%', maxSurge: '25%' } },
  { kinds: ['StatefulSet'], path: ['spec', 'replicas'], accept: 1 },
  { kinds: ['StatefulSet'], path: ['spec', 'revisionHistoryLimit'], accept: 10 },
  { kinds: ['StatefulSet'], path: ['spec', 'podManagementPolicy'], accept: 'OrderedReady' },
  { kinds: ['StatefulSet'], path: ['spec', 'updateStrategy'], accept: { type: 'RollingUpdate', rollingUpdate: { partition: 0 } } },
  { kinds: ['StatefulSet'], path: ['spec', 'updateStrategy', 'rollingUpdate'], accept: { partition: 0 } },
  { kinds: ['StatefulSet'], path: ['spec', 'persistentVolumeClaimRetentionPolicy'], accept: { whenDeleted: 'Retain', whenScaled: 'Retain' } },
  { kinds: ['StatefulSet'], path: ['spec', 'volumeClaimTemplates', '*', 'apiVersion'], accept: 'v1' },
  { kinds: ['StatefulSet'], path: ['spec', 'volumeClaimTemplates', '*', 'kind'], accept: 'PersistentVolumeClaim' },
  { kinds: ['StatefulSet'], path: ['spec', 'volumeClaimTemplates', '*', 'spec', 'volumeMode'], accept: 'Filesystem' },
  { kinds: ['Job'], path: ['spec', 'backoffLimit'], accept: 6 },
  { kinds: ['Job'], path: ['spec', 'completions'], accept: 1 },
  { kinds: ['Job'], path: ['spec', 'parallelism'], accept: 1 },
  { kinds: ['Job'], path: ['spec', 'completionMode'], accept: 'NonIndexed' },
  { kinds: ['Job'], path: ['spec', 'suspend'], accept: false },
  { kinds: ['Job'], path: ['spec', 'manualSelector'], accept: false },
  { kinds: ['Job'], path: ['spec', 'podReplacementPolicy'], accept: 'TerminatingOrFailed' },
  { kinds: ['Job'], path: ['spec', 'selector'], accept: COPY },
  ...JOB_TEMPLATE_LABELS.map((l) => ({ kinds: ['Job'], path: ['spec', 'template', 'metadata', 'labels', l], accept: COPY as Accept })),
  ...podRules(),
  { kinds: ['Service'], path: ['spec', 'type'], accept: 'ClusterIP' },
  { kinds: ['Service'], path: ['spec', 'clusterIP'], accept: COPY },
  { kinds: ['Service'], path: ['spec', 'clusterIPs'], accept: COPY },
  { kinds: ['Service'], path: ['spec', 'ipFamilies'], accept: COPY },
  { kinds: ['Service'], path: ['spec', 'ipFamilyPolicy'], accept: COPY },
  { kinds: ['Service'], path: ['spec', 'internalTrafficPolicy'], accept: 'Cluster' },
  { kinds: ['Service'], path: ['spec', 'externalTrafficPolicy'], accept: 'Cluster' },
  { kinds: ['Service'], path: ['spec', 'allocateLoadBalancerNodePorts'], accept: true },
  { kinds: ['Service'], path: ['spec', 'sessionAffinity'], accept: 'None' },
  { kinds: ['Service'], path: ['spec', 'ports', '*', 'protocol'], accept: 'TCP' },
  { kinds: ['Service'], path: ['spec', 'ports', '*', 'nodePort'], accept: COPY },
  { kinds: ['Service'], path: ['spec', 'ports', '*', 'targetPort'], accept: (theirs: unknown, ours: KObject, at: Path) => theirs === get(ours, [...at.slice(0, -1), 'port']) },
  { kinds: ['PersistentVolumeClaim'], path: ['spec', 'volumeMode'], accept: 'Filesystem' },
  { kinds: ['PersistentVolumeClaim'], path: ['spec', 'volumeName'], accept: COPY },
  { kinds: ['PersistentVolumeClaim'], path: ['spec', 'storageClassName'], accept: COPY },
  { kinds: ['PersistentVolumeClaim'], path: ['metadata', 'finalizers'], accept: COPY },
  { kinds: ['Secret'], path: ['type'], accept: 'Opaque' },
  { kinds: ['Route'], path: ['spec', 'host'], accept: COPY },
  { kinds: ['Route'], path: ['spec', 'wildcardPolicy'], accept: 'None' },
  { kinds: ['Route'], path: ['spec', 'to', 'weight'], accept: 100 },
  { kinds: ['NetworkPolicy'], path: ['spec', 'policyTypes'], accept: (theirs: unknown, ours: KObject) => JSON.stringify(theirs) === JSON.stringify(get(ours, ['spec', 'egress']) !== undefined ? ['Ingress', 'Egress'] : ['Ingress']) },
  { kinds: ['Namespace'], path: ['spec', 'finalizers'], accept: COPY },
  { kinds: ['Namespace'], path: ['metadata', 'labels', 'kubernetes.io/metadata.name'], accept: COPY },
  // OpenShift's namespace and service account controllers.
  ...['openshift.io/sa.scc.mcs', 'openshift.io/sa.scc.supplemental-groups', 'openshift.io/sa.scc.uid-range'].map((a) => ({ kinds: ['Namespace'], path: ['metadata', 'annotations', a], accept: COPY as Accept })),
  ...['pod-security.kubernetes.io/audit', 'pod-security.kubernetes.io/audit-version', 'pod-security.kubernetes.io/warn', 'pod-security.kubernetes.io/warn-version'].map((l) => ({ kinds: ['Namespace'], path: ['metadata', 'labels', l], accept: COPY as Accept })),
  { kinds: ['ServiceAccount'], path: ['metadata', 'annotations', 'openshift.io/internal-registry-pull-secret-ref'], accept: COPY },
  { kinds: ['ServiceAccount'], path: ['secrets'], accept: COPY },
  { kinds: ['ServiceAccount'], path: ['imagePullSecrets'], accept: COPY },
];

/** Every concrete path of `pattern` that exists in v. */
function expand(v: unknown, pattern: string[], at: Path = []): Path[] {
  if (pattern.length === 0) return [at];
  const [head, ...rest] = pattern;
  if (head === '*') {
    if (!Array.isArray(v)) return [];
    return v.flatMap((x, i) => expand(x, rest, [...at, i]));
  }
  if (!isObject(v) || !(head in v)) return [];
  return expand(v[head], rest, [...at, head]);
}

function setAt(obj: unknown, path: Path, value: unknown): boolean {
  let cur = obj;
  for (let i = 0; i < path.length - 1; i++) {
    const s = path[i];
    if (typeof s === 'number') {
      if (!Array.isArray(cur) || cur[s] === undefined) return false;
      cur = cur[s];
    } else if (typeof s === 'string') {
      if (!isObject(cur)) return false;
      if (cur[s] === undefined) {
        // Create a missing map only when the next step is a key (never invent list elements).
        if (typeof path[i + 1] === 'number') return false;
        cur[s] = {};
      }
      cur = cur[s];
    }
  }
  const last = path[path.length - 1];
  if (!isObject(cur) || typeof last !== 'string') return false;
  cur[last] = clone(value);
  return true;
}

function deepEqual(a: unknown, b: unknown): boolean {
  return JSON.stringify(sortKeys(a)) === JSON.stringify(sortKeys(b));
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (isObject(v)) {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) out[k] = sortKeys(v[k]);
    return out;
  }
  return v;
}

/**
 * A path into `theirs` as the same place in `ours`: list elements with a `name` (containers,
 * volumes, env, ports) are matched by name, others by position; undefined when ours has no such element.
 */
function samePlace(theirs: unknown, ours: unknown, at: Path): Path | undefined {
  const out: Path = [];
  let t = theirs;
  let o = ours;
  for (const s of at) {
    if (typeof s === 'number' && Array.isArray(t) && Array.isArray(o)) {
      const el = t[s];
      const name = isObject(el) && typeof el.name === 'string' ? el.name : undefined;
      const i = name === undefined ? s : o.findIndex((x) => isObject(x) && x.name === name);
      if (i < 0 || i >= o.length) return undefined;
      out.push(i);
      t = el;
      o = o[i];
      continue;
    }
    out.push(s);
    t = get(t, [s]);
    o = get(o, [s]);
  }
  return out;
}

/** Fills into `ours` the defaulted fields `theirs` holds where ours does not set them. */
export function applyServerDefaults(ours: KObject, theirs: KObject): void {
  for (const rule of DEFAULT_RULES) {
    if (!rule.kinds.includes(ours.kind)) continue;
    for (const theirsAt of expand(theirs, rule.path)) {
      const at = samePlace(theirs, ours, theirsAt);
      if (at === undefined || get(ours, at) !== undefined) continue;
      const value = get(theirs, theirsAt);
      const accept = rule.accept;
      const ok = accept === COPY ? true : typeof accept === 'function' ? (accept as (t: unknown, o: KObject, p: Path) => boolean)(value, ours, at) : deepEqual(value, accept);
      if (ok) setAt(ours, at, value);
    }
  }
}

// ---- comparing -----------------------------------------------------------------------------

function fmtPath(path: Path): string {
  let out = '';
  for (const s of path) {
    if (typeof s === 'number') out += `[${s}]`;
    else if (typeof s === 'string') out += /^[A-Za-z_$][A-Za-z0-9_$-]*$/.test(s) ? (out === '' ? s : `.${s}`) : `[${JSON.stringify(s)}]`;
    else out += `[name=${s.name}]`;
  }
  return out;
}

function namedList(v: unknown[]): string[] | undefined {
  const names: string[] = [];
  for (const x of v) {
    if (!isObject(x) || typeof x.name !== 'string') return undefined;
    names.push(x.name);
  }
  return new Set(names).size === names.length ? names : undefined;
}

function compare(old: unknown, now: unknown, path: Path, out: FieldChange[], secret: boolean): void {
  if (deepEqual(old, now)) return;
  const isSecret = secret;
  if (isObject(old) && isObject(now)) {
    const keys = [...Object.keys(now), ...Object.keys(old).filter((k) => !(k in now))];
    for (const k of keys) {
      const p = [...path, k];
      if (!(k in old)) out.push({ path: fmtPath(p), oldAbsent: true, new: now[k], secret });
      else if (!(k in now)) out.push({ path: fmtPath(p), old: old[k], newAbsent: true, secret });
      else compare(old[k], now[k], p, out, secret);
    }
    return;
  }
  if (Array.isArray(old) && Array.isArray(now)) {
    const on = namedList(old);
    const nn = namedList(now);
    if (on && nn) {
      for (const n of nn) {
        const p = [...path, { name: n }];
        const j = on.indexOf(n);
        if (j === -1) out.push({ path: fmtPath(p), oldAbsent: true, new: now[nn.indexOf(n)], secret: isSecret });
        else compare(old[j], now[nn.indexOf(n)], p, out, secret);
      }
      for (const n of on) if (!nn.includes(n)) out.push({ path: fmtPath([...path, { name: n }]), old: old[on.indexOf(n)], newAbsent: true, secret: isSecret });
      const common = nn.filter((n) => on.includes(n));
      const oldOrder = on.filter((n) => nn.includes(n));
      if (common.join('\0') !== oldOrder.join('\0')) out.push({ path: fmtPath(path), old: oldOrder, new: common, note: 'order' });
      return;
    }
    const n = Math.max(old.length, now.length);
    for (let i = 0; i < n; i++) {
      const p = [...path, i];
      if (i >= old.length) out.push({ path: fmtPath(p), oldAbsent: true, new: now[i], secret: isSecret });
      else if (i >= now.length) out.push({ path: fmtPath(p), old: old[i], newAbsent: true, secret: isSecret });
      else compare(old[i], now[i], p, out, secret);
    }
    return;
  }
  if (sameQuantity(path, old, now)) return;
  out.push({ path: fmtPath(path), old, new: now, secret: isSecret });
}

const QUANTITY = /^([+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+))(Ki|Mi|Gi|Ti|Pi|Ei|m|k|M|G|T|P|E|[eE][+-]?[0-9]+)?$/;
const SUFFIX: Record<string, number> = {
  '': 1, m: 1e-3, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18,
  Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60,
};

/** A resource quantity's value (`1000m` = `1`, `2.5Gi` = `2560Mi`), or undefined. */
export function quantityValue(v: unknown): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v !== 'string') return undefined;
  const m = QUANTITY.exec(v);
  if (!m) return undefined;
  const n = Number(m[1]);
  const suf = m[2] ?? '';
  if (/^[eE]/.test(suf)) return n * 10 ** Number(suf.slice(1));
  return n * SUFFIX[suf];
}

/** The API server writes quantities in canonical form: compare their values under requests/limits/capacity. */
function sameQuantity(path: Path, a: unknown, b: unknown): boolean {
  const parent = path[path.length - 2];
  if (parent !== 'requests' && parent !== 'limits' && parent !== 'capacity' && path[path.length - 1] !== 'sizeLimit') return false;
  const x = quantityValue(a);
  const y = quantityValue(b);
  return x !== undefined && y !== undefined && Math.abs(x - y) <= Math.abs(x) * 1e-12;
}

function isSecretObject(o: KObject): boolean {
  return o.kind === 'Secret' && groupOf(String(o.apiVersion ?? '')) === '';
}

/** The changes from `theirs` (committed or running) to `ours` (rendered), after normalization. */
export function compareObject(oursIn: KObject, theirsIn: KObject): FieldChange[] {
  const live = isLiveObject(theirsIn);
  const ours = clone(oursIn);
  const theirs = clone(theirsIn);
  cleanMeta(ours, live);
  cleanMeta(theirs, live);
  foldStringData(ours);
  foldStringData(theirs);
  applyServerDefaults(ours, theirs);
  // Versions may differ (the export has the served version); identity already matched the group.
  delete (ours as Record<string, unknown>).apiVersion;
  delete (theirs as Record<string, unknown>).apiVersion;
  const out: FieldChange[] = [];
  const secret = isSecretObject(oursIn);
  for (const k of [...Object.keys(ours), ...Object.keys(theirs).filter((x) => !(x in ours))]) {
    const s = secret && (k === 'data' || k === 'stringData');
    if (!(k in theirs)) out.push({ path: k, oldAbsent: true, new: ours[k], secret: s });
    else if (!(k in ours)) out.push({ path: k, old: theirs[k], newAbsent: true, secret: s });
    else compare(theirs[k], ours[k], [k], out, s);
  }
  return out;
}

export interface DiffInput {
  rendered: KObject[];
  against: KObject[];
  /** `<namespace>/<name>` of the CRs rendered, for deciding what would be deleted. */
  crs: Array<{ namespace: string; name: string }>;
  /** Identities (see identity()) never reported as deleted: objects kept out of band (dbSecret other than plain). */
  outOfBand?: Set<string>;
}

function ownedByOtherController(o: KObject): boolean {
  const refs = o.metadata?.ownerReferences;
  return Array.isArray(refs) && refs.some((r) => isObject(r) && r.kind !== 'Backstage');
}

/** Whether an object that is not rendered any more is ours to delete. */
function wouldBeDeleted(o: KObject, crs: DiffInput['crs']): boolean {
  if (DERIVED_KINDS.has(o.kind) || ownedByOtherController(o) || isBackstageCR(o)) return false;
  const from = o.metadata?.annotations?.[ANNOTATION_RENDERED_FROM];
  if (from !== undefined) return crs.some((c) => `${c.namespace}/${c.name}` === from);
  const instance = o.metadata?.labels?.[INSTANCE_LABEL];
  return instance !== undefined && crs.some((c) => c.name === instance && c.namespace === (o.metadata?.namespace ?? c.namespace));
}

export function diffObjects(input: DiffInput): ObjectDiff[] {
  const theirs = new Map<string, KObject>();
  for (const o of input.against) if (isObject(o) && o.kind && o.metadata?.name) theirs.set(identity(o), o);
  const out: ObjectDiff[] = [];
  const seen = new Set<string>();
  for (const o of input.rendered) {
    const id = identity(o);
    seen.add(id);
    const other = theirs.get(id);
    if (!other) {
      out.push({ op: '+', kind: o.kind, id: display(o), changes: [] });
      continue;
    }
    const changes = compareObject(o, other);
    if (changes.length > 0) out.push({ op: '~', kind: o.kind, id: display(o), changes });
  }
  const gone = [...theirs.entries()].filter(([id, o]) => !seen.has(id) && !input.outOfBand?.has(id) && wouldBeDeleted(o, input.crs)).map(([, o]) => o);
  for (const o of gone.sort(compareObjects)) out.push({ op: '-', kind: o.kind, id: display(o), changes: [] });
  return out;
}

function fmtValue(v: unknown): string {
  return JSON.stringify(v) ?? 'null';
}

/** Changed lines of two texts (LCS), `-`/`+` prefixed; undefined when too large to compare. */
export function lineDiff(a: string, b: string): string[] | undefined {
  const x = a.split('\n');
  const y = b.split('\n');
  if (x.length * y.length > 4_000_000) return undefined;
  const n = x.length;
  const m = y.length;
  const lcs: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) lcs[i][j] = x[i] === y[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
  const out: string[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && x[i] === y[j]) {
      i++;
      j++;
    } else if (j < m && (i === n || lcs[i][j + 1] >= lcs[i + 1][j])) out.push(`+ ${y[j++]}`);
    else out.push(`- ${x[i++]}`);
  }
  return out;
}

export function formatChange(c: FieldChange): string {
  if (!c.secret && typeof c.old === 'string' && typeof c.new === 'string' && (c.old.includes('\n') || c.new.includes('\n'))) {
    const lines = lineDiff(c.old, c.new);
    if (lines) return [`    ${c.path}: (text, changed lines)`, ...lines.map((l) => `      ${l}`)].join('\n');
  }
  if (c.note === 'order') return `    ${c.path}: order ${fmtValue(c.old)} -> ${fmtValue(c.new)}`;
  if (c.secret) {
    if (c.oldAbsent) return `    ${c.path}: (absent) -> (secret value)`;
    if (c.newAbsent) return `    ${c.path}: (secret value) -> (absent)`;
    return `    ${c.path}: (secret value) -> (other secret value)`;
  }
  const old = c.oldAbsent ? '(absent)' : fmtValue(c.old);
  const now = c.newAbsent ? '(absent)' : fmtValue(c.new);
  return `    ${c.path}: ${old} -> ${now}`;
}

export function formatDiff(diffs: ObjectDiff[]): string {
  return diffs.map((d) => [`${d.op} ${d.kind} ${d.id}`, ...d.changes.map(formatChange)].join('\n') + '\n').join('');
}

const NOT_OBJECT_FILES = new Set(['kustomization.yaml', 'kustomization.yml', 'Kustomization', 'Kptfile']);

/**
 * The objects of a directory (recursively, *.yaml / *.yml / *.json, dot entries skipped) or a file:
 * documents, v1 Lists and ResourceLists. What is not an object to apply is skipped: kustomization
 * and Kptfiles, documents without apiVersion/kind/metadata.name, local-config objects.
 */
export function readAgainst(p: string): KObject[] {
  const files: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      if (e.name.startsWith('.')) continue;
      const f = path.join(d, e.name);
      if (e.isDirectory()) walk(f);
      else if (e.isFile() && /\.(ya?ml|json)$/.test(e.name) && !NOT_OBJECT_FILES.has(e.name)) files.push(f);
    }
  };
  if (fs.statSync(p).isDirectory()) walk(p);
  else files.push(p);
  const out: KObject[] = [];
  const take = (o: unknown) => {
    if (!isObject(o)) return;
    if ((o.kind === 'List' || o.kind === 'ResourceList') && Array.isArray(o.items)) {
      o.items.forEach(take);
      return;
    }
    const m = o.metadata;
    if (typeof o.apiVersion !== 'string' || typeof o.kind !== 'string' || !isObject(m) || typeof m.name !== 'string') return;
    if (o.kind === 'Kustomization' || o.kind === 'Kptfile' || isLocalConfig(o as KObject)) return;
    out.push(o as KObject);
  };
  for (const f of files) {
    try {
      parseYamlDocuments(readTextFile(f)).forEach(take);
    } catch (e) {
      throw new Error(`${f}: ${(e as Error).message}`);
    }
  }
  return out;
}

export interface DiffCommand {
  /** The runner's opt-in to run exec dependency providers the profile declares. */
  allowExecProviders?: string[];
  execProviderEnv?: string[];
  paths: string[];
  against: string | undefined;
  /**
   * Upgrade preview: compare with the same input rendered as this operator line (the "before"),
   * instead of --against. The "after" is the operatorVersion of the flags / functionConfig.
   */
  againstOperatorVersion?: OperatorVersion;
  functionConfig?: KObject;
  /** The --config file the functionConfig came from. */
  configFile?: string;
  /** Compare the inputs to apply too (render --include-inputs). */
  includeInputs?: boolean;
  flags: Partial<RenderOptions>;
  env: NodeJS.ProcessEnv;
  cwd: string;
  readStdin: () => string;
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  /** --quiet, --results, --results-file. */
  report?: ReportOptions;
  /** stdout: `text` (+/~/- lines) or `json`. */
  format?: 'text' | 'json';
}

/** The differences as one JSON document; Secret values masked as in the text form. */
export function diffJson(diffs: ObjectDiff[]): string {
  const value = (c: FieldChange, side: 'old' | 'new') => {
    if (side === 'old' ? c.oldAbsent : c.newAbsent) return { absent: true };
    if (c.secret) return { secret: true };
    return { value: side === 'old' ? c.old : c.new };
  };
  const objects = diffs.map((d) => ({
    change: d.op === '+' ? 'added' : d.op === '-' ? 'deleted' : 'changed',
    kind: d.kind,
    object: d.id,
    fields: d.changes.map((c) => ({ path: c.path, live: value(c, 'old'), rendered: value(c, 'new'), ...(c.note ? { note: c.note } : {}) })),
  }));
  return `${JSON.stringify({ differences: objects.length, objects }, null, 2)}\n`;
}

/** The `diff` subcommand: 0 no difference, 2 differences, 1 an error (nothing on stdout then). */
export function runDiffCommand(cmd: DiffCommand): number {
  if (cmd.againstOperatorVersion !== undefined) return runUpgradePreview(cmd, cmd.againstOperatorVersion);
  if (!cmd.against) {
    cmd.stderr('error: diff needs --against DIR|FILE (a directory of earlier output, YAML files, or kubectl get -o yaml output)\n');
    return 1;
  }
  const againstPath = path.resolve(cmd.cwd, cmd.against);
  if (!fs.existsSync(againstPath)) {
    cmd.stderr(`error: --against ${cmd.against}: no such file or directory\n`);
    return 1;
  }
  let against: KObject[];
  try {
    against = readAgainst(againstPath);
  } catch (e) {
    cmd.stderr(`error: --against: ${(e as Error).message}\n`);
    return 1;
  }
  const inputs = readInputs(
    cmd.paths.map((p) => (p === '-' ? p : path.resolve(cmd.cwd, p))),
    cmd.readStdin,
  );
  const chosen = chooseFunctionConfig({ items: inputs.items, paths: cmd.paths, cwd: cmd.cwd, explicit: cmd.functionConfig, explicitFile: cmd.configFile, fromResourceList: inputs.functionConfig });
  const functionConfig = chosen.functionConfig;
  const renderedOut = hasErrors(chosen.results)
    ? { items: inputs.items, generated: [], results: [] }
    : runRender({ items: chosen.items, functionConfig, flags: cmd.flags, env: cmd.env, cwd: cmd.cwd, allowExecProviders: cmd.allowExecProviders, execProviderEnv: cmd.execProviderEnv });
  const out = { ...renderedOut, results: [...chosen.results, ...renderedOut.results] };
  reportResults(out.results, hasErrors(out.results) ? 1 : 0, cmd.report ?? {}, cmd);
  if (hasErrors(out.results)) return 1;
  // --include-inputs: the inputs as `render -o DIR --include-inputs` writes them (those the
  // workloads name, marked as rendered from their CR), the directory diff is usually run against.
  const rendered = cmd.includeInputs === true ? objectsForOutputDir(out).objects.map(withoutPathAnnotations) : objectsToPrint(out, false);
  const crs = new Map<string, { namespace: string; name: string }>();
  for (const o of rendered) {
    const from = o.metadata.annotations?.[ANNOTATION_RENDERED_FROM];
    if (!from || !from.includes('/')) continue;
    const [namespace, name] = from.split('/');
    crs.set(from, { namespace, name });
  }
  // With dbSecret omit (omitDbSecret), sealed-secrets or external-secrets the DB Secret is made out
  // of band (by hand, by the sealed-secrets controller, by ESO): its absence from the output is no deletion.
  const mode = dbSecretMode(withDefaults(parseFunctionConfig(functionConfig).options, cmd.flags));
  const outOfBand = new Set<string>();
  if (mode !== 'plain') {
    for (const cr of inputs.items.filter(isBackstageCR)) {
      const ns = cr.metadata?.namespace ?? cmd.flags.namespace ?? 'default';
      outOfBand.add(`|Secret|${ns}|backstage-psql-secret-${cr.metadata?.name ?? ''}`);
      crs.set(`${ns}/${cr.metadata?.name}`, { namespace: ns, name: String(cr.metadata?.name ?? '') });
    }
  }
  const diffs = diffObjects({ rendered, against, crs: [...crs.values()], outOfBand });
  cmd.stdout(cmd.format === 'json' ? diffJson(diffs) : formatDiff(diffs));
  return diffs.length > 0 ? 2 : 0;
}

/**
 * `diff --against-operator-version V`: renders the input as operator line V and as the line the
 * options name, and prints what the upgrade (V -> that line) would change in the applied objects,
 * in the same form as a diff against earlier output. 0 nothing changes, 2 something does, 1 error.
 */
function runUpgradePreview(cmd: DiffCommand, before: OperatorVersion): number {
  if (cmd.against) {
    cmd.stderr('error: give either --against (earlier output, a cluster export) or --against-operator-version (an upgrade preview), not both\n');
    return 1;
  }
  const inputs = readInputs(
    cmd.paths.map((p) => (p === '-' ? p : path.resolve(cmd.cwd, p))),
    cmd.readStdin,
  );
  const chosen = chooseFunctionConfig({ items: inputs.items, paths: cmd.paths, cwd: cmd.cwd, explicit: cmd.functionConfig, explicitFile: cmd.configFile, fromResourceList: inputs.functionConfig });
  for (const r of chosen.results) cmd.stderr(`${formatResult(r)}\n`);
  if (hasErrors(chosen.results)) return 1;
  const functionConfig = chosen.functionConfig;
  const after = cmd.flags.operatorVersion ?? parseFunctionConfig(functionConfig).options.operatorVersion;
  const render = (operatorVersion: OperatorVersion | undefined, label: string) => {
    const out = runRender({
      items: chosen.items,
      functionConfig,
      flags: { ...cmd.flags, ...(operatorVersion ? { operatorVersion } : {}) },
      env: cmd.env,
      cwd: cmd.cwd,
      allowExecProviders: cmd.allowExecProviders,
    });
    for (const r of out.results) cmd.stderr(`${label}: ${formatResult(r)}\n`);
    return out;
  };
  const old = render(before, `operator ${before}`);
  const now = render(after, `operator ${after ?? `${DEFAULT_OPERATOR_VERSION} (default)`}`);
  if (hasErrors(old.results)) return 1;
  const header = `# upgrade preview: operator ${before} -> ${after ?? DEFAULT_OPERATOR_VERSION}; + created, - deleted, ~ changed (old -> new)\n`;
  if (hasErrors(now.results)) {
    // What renders on the old line and not on the new one is the finding: the new operator would
    // refuse these CRs (and leave the old objects as they are).
    cmd.stdout(header);
    for (const r of now.results.filter((x) => x.severity === 'error')) cmd.stdout(`! ${formatResult(r).replace(/^error: /, '')}\n`);
    return 2;
  }
  const rendered = objectsToPrint(now, cmd.includeInputs === true);
  const crs = new Map<string, { namespace: string; name: string }>();
  for (const o of [...rendered, ...old.generated]) {
    const from = o.metadata.annotations?.[ANNOTATION_RENDERED_FROM];
    if (!from || !from.includes('/')) continue;
    const [namespace, name] = from.split('/');
    crs.set(from, { namespace, name });
  }
  const diffs = diffObjects({ rendered, against: objectsToPrint(old, cmd.includeInputs === true), crs: [...crs.values()], outOfBand: new Set() });
  cmd.stdout(header);
  cmd.stdout(formatDiff(diffs));
  return diffs.length > 0 ? 2 : 0;
}

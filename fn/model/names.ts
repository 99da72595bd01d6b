// Names made from the CR name, and Kubernetes' limits on them. The operator names objects
// `backstage-<cr>`, `backstage-psql-<cr>`, `backstage-psql-secret-<cr>`, `backstage-<type>-<cr>-<name>`
// and labels them `rhdh.redhat.com/app: backstage-<cr>` and `app.kubernetes.io/instance: <cr>`
// without looking at the length: a CR name that is valid for the CR (up to 253 characters) gives
// objects the API server refuses. Here every such name is worked out from the CR name before any
// object leaves the model, and a CR name that is too long is an error on metadata.name that says
// which name would be too long and how long a CR name may be with this profile and spec.
//
// The limits:
// - object names are RFC 1123 subdomains: 253 characters;
// - Service names are RFC 1035 labels: 63 characters, no '.';
// - a StatefulSet's pods carry the label controller-revision-hash=<name>-<hash of up to 10
//   characters>, at most 63, or they are never created (kubernetes/kubernetes#64023): 52;
// - label values: 63;
// - volume names: 63, but the operator shortens the ones it makes from object names
//   (utils.ToRFC1123Label), so length is not an error there; two volumes that become one name
//   once shortened are (the pod would have a duplicate volume).
// Where the operator shortens, we do not complain. Names the profile's plugin-deps files make with
// {{backstage-name}} are not covered here (they are only known once the plugins are resolved).
import type { KObject } from '../kio/types';
import { isObject } from '../kio/types';
import type { Model } from './runtime';
import { backstageAppLabelValue, backstageDbAppLabelValue, CONFIGURED_NAME_ANNOTATION, toRFC1123Label } from './utils';

/** The longest name a Kubernetes object may have (RFC 1123 subdomain). */
export const MAX_OBJECT_NAME = 253;
/** The longest label value, Service name (RFC 1035 label) or volume name. */
export const MAX_LABEL = 63;
/** The longest StatefulSet name whose pods can be created: 63 - 1 - 10 (controller-revision-hash). */
export const MAX_STATEFULSET_NAME = MAX_LABEL - 1 - 10;

/** A name made from the CR name: `<prefix><cr><suffix>`. */
export interface NameFromCr {
  /** What it names, with `<name>` for the CR name: `Service backstage-psql-<name>`. */
  what: string;
  prefix: string;
  suffix: string;
  max: number;
  /** Why `max`, for the message. */
  rule: string;
}

/** Two pod volumes named after objects made from the CR name. */
interface VolumeFromCr {
  what: string;
  prefix: string;
  suffix: string;
}

const RULES = {
  object: `at most ${MAX_OBJECT_NAME} for an object name`,
  service: `at most ${MAX_LABEL} for a Service name, an RFC 1035 label`,
  statefulSet: `at most ${MAX_STATEFULSET_NAME} for a StatefulSet name: its pods get the label controller-revision-hash=<StatefulSet name>-<hash of up to 10 characters>, at most ${MAX_LABEL}`,
  label: `at most ${MAX_LABEL} for a label value`,
};

/** Splits a name made from the CR name into prefix and suffix; undefined for a name that is not. */
function split(name: string, cr: string, configured?: string): { prefix: string; suffix: string } | undefined {
  if (configured !== undefined && configured !== '' && name.endsWith(`-${cr}-${configured}`)) {
    return { prefix: name.slice(0, name.length - cr.length - configured.length - 1), suffix: `-${configured}` };
  }
  if (name.endsWith(`-${cr}`)) return { prefix: name.slice(0, name.length - cr.length), suffix: '' };
  const i = name.indexOf(`-${cr}-`);
  return i < 0 ? undefined : { prefix: name.slice(0, i + 1), suffix: name.slice(i + 1 + cr.length) };
}

function limitOf(kind: string): { max: number; rule: string } {
  if (kind === 'Service') return { max: MAX_LABEL, rule: RULES.service };
  if (kind === 'StatefulSet') return { max: MAX_STATEFULSET_NAME, rule: RULES.statefulSet };
  return { max: MAX_OBJECT_NAME, rule: RULES.object };
}

/** The names and label values the model made from the CR name, and the pod volumes named after them. */
export function namesFromCrName(model: Model): { names: NameFromCr[]; volumes: VolumeFromCr[] } {
  const cr = model.cr.name;
  const names: NameFromCr[] = [];
  const bySource = new Map<string, { prefix: string; suffix: string }>();
  for (const o of model.runtimeObjects.flatMap((r) => r.objects())) {
    const name = String(o.metadata?.name ?? '');
    const configured = o.metadata?.annotations?.[CONFIGURED_NAME_ANNOTATION];
    const parts = split(name, cr, typeof configured === 'string' ? configured : undefined);
    if (!parts) continue;
    bySource.set(`${o.kind}/${name}`, parts);
    names.push({ what: `${o.kind} ${parts.prefix}<name>${parts.suffix}`, ...parts, ...limitOf(String(o.kind)) });
  }
  const label = (key: string, prefix: string) => names.push({ what: `label ${key}=${prefix}<name>`, prefix, suffix: '', max: MAX_LABEL, rule: RULES.label });
  label('app.kubernetes.io/instance', '');
  if (model.backstageDeployment) label('rhdh.redhat.com/app', backstageAppLabelValue(''));
  if (model.localDbStatefulSet || model.localDbService) label('rhdh.redhat.com/app', backstageDbAppLabelValue(''));

  const volumes: VolumeFromCr[] = [];
  const workload: KObject | undefined = model.backstageDeployment?.obj;
  const podVolumes: unknown = (workload?.spec as { template?: { spec?: { volumes?: unknown } } } | undefined)?.template?.spec?.volumes;
  for (const v of Array.isArray(podVolumes) ? podVolumes : []) {
    if (!isObject(v)) continue;
    const source: [string, unknown][] = [
      ['ConfigMap', isObject(v.configMap) ? v.configMap.name : undefined],
      ['Secret', isObject(v.secret) ? v.secret.secretName : undefined],
      ['PersistentVolumeClaim', isObject(v.persistentVolumeClaim) ? v.persistentVolumeClaim.claimName : undefined],
    ];
    for (const [kind, objName] of source) {
      const parts = typeof objName === 'string' ? bySource.get(`${kind}/${objName}`) : undefined;
      // Only volumes the operator names after the object (ToRFC1123Label of its name).
      if (parts && v.name === toRFC1123Label(objName as string)) volumes.push({ what: `${kind} ${parts.prefix}<name>${parts.suffix}`, ...parts });
    }
  }
  return { names, volumes };
}

/** Groups of volumes (of different objects) that would have one name once shortened, for a CR name `cr`. */
function volumeClashes(volumes: VolumeFromCr[], cr: string): VolumeFromCr[][] {
  const byShort = new Map<string, Map<string, VolumeFromCr>>();
  for (const v of volumes) {
    const full = `${v.prefix}${cr}${v.suffix}`;
    const short = toRFC1123Label(full);
    if (!byShort.has(short)) byShort.set(short, new Map());
    // The same object mounted twice is not a clash made by shortening.
    if (!byShort.get(short)!.has(full)) byShort.get(short)!.set(full, v);
  }
  return [...byShort.values()].filter((m) => m.size > 1).map((m) => [...m.values()]);
}

function fits(names: NameFromCr[], volumes: VolumeFromCr[], length: number): boolean {
  const cr = 'a'.repeat(length);
  return names.every((n) => n.prefix.length + length + n.suffix.length <= n.max) && volumeClashes(volumes, cr).length === 0;
}

/**
 * The problems of the CR name for the names made from it, as one message, or undefined. Also
 * refuses a CR name with '.', which no Service name may have.
 */
export function crNameProblem(model: Model): string | undefined {
  const cr = model.cr.name;
  const { names, volumes } = namesFromCrName(model);
  const services = names.filter((n) => n.what.startsWith('Service '));
  if (cr.includes('.') && services.length > 0) {
    return `metadata.name "${cr}" has a '.', which a Service name may not have (${RULES.service}): ${services.map((s) => s.what).join(', ')} would be refused; use '-' instead`;
  }
  const tooLong = names
    .map((n) => ({ n, length: n.prefix.length + cr.length + n.suffix.length }))
    .filter(({ n, length }) => length > n.max)
    .sort((a, b) => a.n.max - a.n.prefix.length - a.n.suffix.length - (b.n.max - b.n.prefix.length - b.n.suffix.length) || (a.n.what < b.n.what ? -1 : a.n.what > b.n.what ? 1 : 0));
  const parts = tooLong.map(({ n, length }) => `${n.what} would have ${length} characters (${n.rule})`);
  for (const group of volumeClashes(volumes, cr)) {
    const list = `${group.slice(0, -1).map((v) => v.what).join(', ')} and ${group[group.length - 1].what}`;
    parts.push(`the pod volumes of ${list}, shortened to ${MAX_LABEL} characters as the operator does, would have one name`);
  }
  if (parts.length === 0) return undefined;
  let longest = 0;
  while (longest < MAX_OBJECT_NAME && fits(names, volumes, longest + 1)) longest++;
  const shown = parts.length > 4 ? [...parts.slice(0, 3), `and ${parts.length - 3} more`] : parts;
  const works =
    longest === 0 ? `no CR name is short enough with profile ${model.profile.name} and this spec` : `with profile ${model.profile.name} and this spec, a CR name may have at most ${longest} characters`;
  return `metadata.name has ${cr.length} characters, too many for the names made from it (<name> below): ${shown.join('; ')}; ${works}`;
}

// The operator's spec preprocessor (internal/controller/spec_preprocessor.go: preprocessSpec,
// addExtConfig, checkExternalObject, concatData), with the input objects in place of the cluster.
//
// What the operator does, in this order:
//   1. rawRuntimeConfig: backstageConfig then localDbConfig ConfigMap; their `data` entries (not
//      binaryData) go into RawConfig, the later one winning. Not hashed.
//   2. appConfig ConfigMaps: keys of `data` (sorted); hashed when the entry is "watched".
//   3. extraFiles ConfigMaps: keys of `data` and of `binaryData`, each sorted; hashed when watched.
//   4. extraFiles Secrets: as read from the API server, where `stringData` never exists (the server
//      folds it into `data`): no string keys, every key a binary key; hashed when watched.
//   5. extraEnvs ConfigMaps, 6. extraEnvs Secrets: keys as above; always hashed.
//   7. extraFiles PVCs: only checked for existence; names kept. Not hashed.
//   8. dynamicPluginsConfigMapName: the whole ConfigMap; always hashed.
// An entry is watched (addToWatch) when it has no mountPath or has a key; the operator's
// WATCH_EXT_CONF_backstage variable (default true) is taken as default.
//
// The hash (`rhdh.redhat.com/ext-config-hash` on the pod template) is the lowercase hex sha256 of
// the concatenation, over the hashed objects in the order above, of: for each key of the object's
// string data (ConfigMap `data`; Secret `stringData`, i.e. nothing for a Secret read from the
// cluster) in byte order, the UTF-8 bytes of key then value; then for each key of its binary data
// (ConfigMap `binaryData`, Secret `data`) in byte order, the key's bytes then the decoded value
// bytes. With nothing hashed it is sha256 of the empty string.
//
// A Secret in the input may hold `stringData` (it is not applied yet): it is read as the API server
// would store it, `stringData` merged into `data` (stringData winning), so a Secret yields the same
// keys and hash whether it is written with data or stringData.
//
// Objects the CR refers to that are not in the input (GitOps users often keep Secrets elsewhere):
// - When the output does not depend on what the object holds, it is rendered as the operator would
//   render it with the object present; only the hash cannot cover the object when the operator
//   would hash it (one info result lists every such object). This is the case for extraEnvs entries, PVCs, extraFiles entries
//   mounted as a directory (mountPath without key), and entries that name a `key`: for those the
//   keys are taken to be exactly [key] (what the operator mounts when the key exists).
// - When the output depends on the object's content, the result is an error on the field:
//   rawRuntimeConfig ConfigMaps (their data replaces the profile's objects), the dynamic plugins
//   ConfigMap (merged into the generated one), appConfig entries without `key` (every key becomes a
//   `--config` argument) and extraFiles ConfigMaps/Secrets without `key` and without `mountPath`
//   (one subPath mount per key). For an extraFiles Secret with neither key nor mountPath the
//   operator itself refuses the CR; that error is the secret-files model's, not repeated here.
//   The keys entry of such an object is left undefined.
// Messages never include a value of a ConfigMap or Secret.

import { createHash } from 'node:crypto';
import type { Diagnostics } from '../diagnostics';
import type { InputObjects } from '../inputs';
import type { KObject } from '../kio/types';
import { ANNOTATION_LOCAL_CONFIG, isObject } from '../kio/types';
import type { RenderOptions } from '../options';
import { appConfig, dynamicPluginsConfigMapName, extraEnvs, extraFiles, rawRuntimeConfig } from './cr';
import type { FileObjectRef } from './cr';
import type { BackstageCR, DataObjectKeys, ExternalConfig } from './types';
import { dict } from './utils';

export const EXT_CONFIG_HASH_ANNOTATION = 'rhdh.redhat.com/ext-config-hash';

/** Go's sort.Strings / slices.Sort order: bytewise on UTF-8. */
export function byteCompare(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

function sortedKeys(m: Record<string, unknown>): string[] {
  return Object.keys(m).sort(byteCompare);
}

/** An object's content as the operator sees it after a GET: string data and binary data. */
export interface ObjectData {
  stringData: Record<string, string>;
  binaryData: Record<string, Buffer>;
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Strict standard base64 (Go's encoding/json for []byte, which also skips \r and \n). */
export function decodeBase64(text: string): Buffer | undefined {
  const t = text.replace(/[\r\n]/g, '');
  return BASE64.test(t) ? Buffer.from(t, 'base64') : undefined;
}

/**
 * Reads a ConfigMap's or Secret's content as the API server would serve it. Reports values of the
 * wrong type or invalid base64 on the object (never printing the value) and leaves them out.
 */
export function readObjectData(obj: KObject, diag: Diagnostics): ObjectData {
  // Keys are the object's keys, `__proto__` included: maps without a prototype (see utils.dict).
  const out: ObjectData = { stringData: dict(), binaryData: dict() };
  const strings = (field: string): Record<string, string> => {
    const m = obj[field];
    const res = dict<string>();
    if (m === undefined || m === null) return res;
    if (!isObject(m)) {
      diag.error(`${field} must be a map`, { ref: obj, path: field });
      return res;
    }
    for (const [k, v] of Object.entries(m)) {
      if (typeof v === 'string') res[k] = v;
      else if (v === null || v === undefined) res[k] = '';
      else diag.error(`${field}.${k} must be a string (quote it in YAML)`, { ref: obj, path: `${field}.${k}` });
    }
    return res;
  };
  const binary = (field: string): Record<string, Buffer> => {
    const res = dict<Buffer>();
    for (const [k, v] of Object.entries(strings(field))) {
      const b = decodeBase64(v);
      if (b === undefined) diag.error(`${field}.${k} is not valid base64`, { ref: obj, path: `${field}.${k}` });
      else res[k] = b;
    }
    return res;
  };
  if (obj.kind === 'Secret') {
    // As stored by the API server: stringData folded into data, stringData winning.
    out.binaryData = binary('data');
    for (const [k, v] of Object.entries(strings('stringData'))) out.binaryData[k] = Buffer.from(v, 'utf8');
  } else {
    out.stringData = strings('data');
    out.binaryData = binary('binaryData');
  }
  return out;
}

export function dataObjectKeys(d: ObjectData): DataObjectKeys {
  return { stringDataKeys: sortedKeys(d.stringData), binaryDataKeys: sortedKeys(d.binaryData) };
}

/** concatData: the bytes one object adds to the hashed data, fed to the hash piece by piece (a large value is not copied). */
function hashInto(hash: ReturnType<typeof createHash>, d: ObjectData): void {
  for (const k of sortedKeys(d.stringData)) {
    hash.update(k);
    hash.update(d.stringData[k]);
  }
  for (const k of sortedKeys(d.binaryData)) {
    hash.update(k);
    hash.update(d.binaryData[k]);
  }
}

/** addToWatch: the operator watches (and hashes) a file entry without mountPath or with a key. */
function addToWatch(ref: FileObjectRef): boolean {
  return !ref.mountPath || !!ref.key;
}

const ADD_TO_INPUT = `add it to the input (annotated ${ANNOTATION_LOCAL_CONFIG}: "true" if this pipeline should not apply it)`;

export function collectExternalConfig(cr: BackstageCR, inputs: InputObjects, options: RenderOptions, diag: Diagnostics): ExternalConfig {
  const ns = cr.namespace;
  const ref = cr.object;
  // Keyed by ConfigMap keys and object names (`constructor` is a valid name): no prototype.
  const result: ExternalConfig = {
    rawConfig: dict(),
    appConfigKeys: dict(),
    extraFileConfigMapKeys: dict(),
    extraFileSecretKeys: dict(),
    extraEnvConfigMapKeys: dict(),
    extraEnvSecretKeys: dict(),
    extraPvcKeys: [],
    watchingHash: '',
  };
  // The operator reads the cluster's ingress domain on OpenShift only.
  if (options.platform === 'openshift' && options.ingressDomain) result.openShiftIngressDomain = options.ingressDomain;

  const hash = createHash('sha256');
  const missing: string[] = [];
  // Each object is read once (so a problem in it is reported once); the operator GETs it per reference.
  const cache = new Map<KObject, ObjectData>();
  const dataOf = (obj: KObject): ObjectData => {
    let d = cache.get(obj);
    if (!d) cache.set(obj, (d = readObjectData(obj, diag)));
    return d;
  };
  const find = (kind: 'ConfigMap' | 'Secret' | 'PersistentVolumeClaim', name: string) => inputs.get(kind, ns, name);
  const noteMissing = (kind: string, name: string) => {
    const s = `${kind} ${name}`;
    if (!missing.includes(s)) missing.push(s);
  };
  const read = (kind: 'ConfigMap' | 'Secret', name: string, watched: boolean): ObjectData | undefined => {
    const obj = find(kind, name);
    if (!obj) {
      if (watched) noteMissing(kind, name);
      return undefined;
    }
    const d = dataOf(obj);
    if (watched) hashInto(hash, d);
    return d;
  };

  // 1. rawRuntimeConfig
  const raw = rawRuntimeConfig(cr);
  for (const field of ['backstageConfig', 'localDbConfig'] as const) {
    const name = raw?.[field];
    if (!name) continue;
    const obj = find('ConfigMap', name);
    if (!obj) {
      diag.error(
        `ConfigMap ${name} is not in the input: its data replaces the profile's default objects, so the output cannot be rendered without it; ${ADD_TO_INPUT}`,
        { ref, path: `spec.rawRuntimeConfig.${field}` },
      );
      continue;
    }
    for (const [k, v] of Object.entries(dataOf(obj).stringData)) result.rawConfig[k] = v;
  }

  // 2. appConfig
  const ac = appConfig(cr);
  for (const entry of ac?.configMaps ?? []) {
    const d = read('ConfigMap', entry.name, addToWatch(entry));
    if (d) result.appConfigKeys[entry.name] = sortedKeys(d.stringData);
    else if (entry.key) result.appConfigKeys[entry.name] = [entry.key];
    else {
      if (!Object.hasOwn(result.appConfigKeys, entry.name)) result.appConfigKeys[entry.name] = undefined;
      diag.error(
        `ConfigMap ${entry.name} is not in the input: which keys it holds cannot be known offline, and every key becomes a --config argument of the backstage container (and a mounted file); ${ADD_TO_INPUT}, or name the one key to use with key`,
        { ref, path: `${entry.path}.name` },
      );
    }
  }

  // 3. and 4. extraFiles ConfigMaps and Secrets
  const ef = extraFiles(cr);
  for (const [kind, entries, target] of [
    ['ConfigMap', ef?.configMaps ?? [], result.extraFileConfigMapKeys],
    ['Secret', ef?.secrets ?? [], result.extraFileSecretKeys],
  ] as const) {
    for (const entry of entries) {
      const watched = addToWatch(entry);
      const d = read(kind, entry.name, watched);
      if (d) {
        target[entry.name] = dataObjectKeys(d);
        continue;
      }
      if (entry.key) {
        // The operator mounts only this key: the rendering is the same whatever else the object holds.
        target[entry.name] = kind === 'Secret' ? { stringDataKeys: [], binaryDataKeys: [entry.key] } : { stringDataKeys: [entry.key], binaryDataKeys: [] };
        continue;
      }
      if (!Object.hasOwn(target, entry.name)) target[entry.name] = undefined;
      if (entry.mountPath) continue; // mounted as a directory: the keys are not needed
      if (kind === 'Secret') continue; // neither key nor mountPath: the operator rejects the entry (secret-files model)
      diag.error(
        `${kind} ${entry.name} is not in the input: which keys it holds cannot be known offline, and each key is mounted as its own file (subPath); ${ADD_TO_INPUT}, name the one key to mount with key, or give a mountPath to mount the whole ${kind} as a directory`,
        { ref, path: `${entry.path}.name` },
      );
    }
  }

  // 5. and 6. extraEnvs ConfigMaps and Secrets: the rendering needs no keys (envFrom or one key ref).
  const ee = extraEnvs(cr);
  for (const entry of ee?.configMaps ?? []) {
    const d = read('ConfigMap', entry.name, true);
    if (d) result.extraEnvConfigMapKeys[entry.name] = dataObjectKeys(d);
    else if (!Object.hasOwn(result.extraEnvConfigMapKeys, entry.name)) result.extraEnvConfigMapKeys[entry.name] = undefined;
  }
  for (const entry of ee?.secrets ?? []) {
    const d = read('Secret', entry.name, true);
    if (d) result.extraEnvSecretKeys[entry.name] = dataObjectKeys(d);
    else if (!Object.hasOwn(result.extraEnvSecretKeys, entry.name)) result.extraEnvSecretKeys[entry.name] = undefined;
  }

  // 7. PVCs: only names are used; a PVC outside the input is expected to exist when applied.
  for (const pvc of ef?.pvcs ?? []) result.extraPvcKeys.push(pvc.name);

  // 8. dynamic plugins ConfigMap
  const dp = dynamicPluginsConfigMapName(cr);
  if (dp) {
    const obj = find('ConfigMap', dp);
    if (obj) {
      hashInto(hash, dataOf(obj));
      result.dynamicPlugins = obj;
    } else {
      noteMissing('ConfigMap', dp);
      diag.error(
        `ConfigMap ${dp} is not in the input: its dynamic-plugins.yaml is merged with the profile's plugins into the generated ConfigMap, so the output cannot be rendered without it; ${ADD_TO_INPUT}`,
        { ref, path: 'spec.application.dynamicPluginsConfigMapName' },
      );
    }
  }

  result.watchingHash = hash.digest('hex');
  if (missing.length > 0) {
    diag.info(
      `${EXT_CONFIG_HASH_ANNOTATION} covers only the referenced objects found in the input; not in the input: ${missing.join(', ')}. The operator hashes them from the cluster, so its value differs, and a change to them alone does not roll out the pod; add them to the input (annotated ${ANNOTATION_LOCAL_CONFIG}: "true" if this pipeline should not apply them) to include them`,
      { ref },
    );
  }
  return result;
}

// Reading a Backstage CR (rhdh.redhat.com v1alpha3, v1alpha4, v1alpha5) into one shape, and typed
// accessors that mirror the operator's api/v1alpha5/backstage_types.go helpers.
//
// What differs between the served versions (operator api/<version>/backstage_types.go):
// - v1alpha3 (storage version up to release-1.7; NOT served since release-1.10, so the API server
//   rejects it): no spec.monitoring; no `containers` on extraFiles/extraEnvs entries (configMaps,
//   secrets, pvcs, envs); no spec.flavours; no spec.deployment.kind. Has application.image,
//   application.replicas, application.imagePullSecrets.
// - v1alpha4 (storage version in release-1.8, still served): adds spec.monitoring and `containers`
//   on entries. Still has application.image / replicas / imagePullSecrets; no flavours, no
//   deployment.kind.
// - v1alpha5 (storage version since release-1.9): drops application.image / replicas /
//   imagePullSecrets; adds spec.flavours and spec.deployment.kind.
// The CRDs have no conversion webhook (strategy None): an older object is read by the operator as
// v1alpha5 with its fields unchanged, and the operator's v1alpha5 Go types have no
// application.image / replicas / imagePullSecrets, so since release-1.9 the operator ignores them
// (release-1.8 applied them to the Deployment and the DB StatefulSet). Fields that a version's schema
// lacks are pruned by the API server. The accessors below follow both rules: they only see the
// fields of the CR's own version, and readBackstageCR warns about every field that has no effect.
//
// The accessors also apply the CRD's defaults (the API server writes them into the stored object):
// appConfig.mountPath and extraFiles.mountPath `/opt/app-root/src` when the parent object is given,
// database.enableLocalDb true, application.route.enabled true, monitoring.enabled false,
// flavours[].enabled true.

import { DEFAULT_OPERATOR_VERSION, type OperatorVersion } from '../versions';
import type { Diagnostics } from '../diagnostics';
import type { KObject } from '../kio/types';
import { isObject } from '../kio/types';
import type { BackstageCR } from './types';
import { setOwn } from './utils';

export const BACKSTAGE_GROUP = 'rhdh.redhat.com';
export const BACKSTAGE_KIND = 'Backstage';
export const SUPPORTED_VERSIONS = ['v1alpha3', 'v1alpha4', 'v1alpha5'] as const;
export type BackstageVersion = (typeof SUPPORTED_VERSIONS)[number];

/** The CRD default for appConfig.mountPath and extraFiles.mountPath. */
export const CRD_DEFAULT_MOUNT_PATH = '/opt/app-root/src';

/** What kubectl, kustomize and kpt use for an object without a namespace. */
export const FALLBACK_NAMESPACE = 'default';

export interface FileObjectRef {
  name: string;
  key?: string;
  mountPath?: string;
  containers?: string[];
  /** Field path of this entry in the CR, e.g. `spec.application.extraFiles.secrets[1]`. */
  path: string;
}

export interface EnvObjectRef {
  name: string;
  key?: string;
  containers?: string[];
  path: string;
}

export interface PvcRef {
  name: string;
  mountPath?: string;
  containers?: string[];
  path: string;
}

export interface EnvVarSpec {
  name: string;
  value: string;
  containers?: string[];
  path: string;
}

export interface AppConfigSpec {
  /** Shared mount path; the CRD default `/opt/app-root/src` when the CR leaves it out. */
  mountPath: string;
  configMaps: FileObjectRef[];
}

export interface ExtraFilesSpec {
  mountPath: string;
  configMaps: FileObjectRef[];
  secrets: FileObjectRef[];
  pvcs: PvcRef[];
}

export interface ExtraEnvsSpec {
  configMaps: EnvObjectRef[];
  secrets: EnvObjectRef[];
  envs: EnvVarSpec[];
}

export interface RouteTLSSpec {
  certificate?: string;
  externalCertificateSecretName?: string;
  key?: string;
  caCertificate?: string;
}

export interface RouteSpec {
  enabled: boolean;
  host?: string;
  subdomain?: string;
  tls?: RouteTLSSpec;
}

export interface DatabaseSpec {
  enableLocalDb: boolean;
  authSecretName?: string;
}

export interface RawRuntimeConfigSpec {
  backstageConfig?: string;
  localDbConfig?: string;
}

export interface FlavourSpec {
  name: string;
  enabled: boolean;
  path: string;
}

/** The version part of the CR's apiVersion (readBackstageCR only accepts the three supported ones). */
export function crVersion(cr: BackstageCR): BackstageVersion {
  return cr.apiVersion.slice(BACKSTAGE_GROUP.length + 1) as BackstageVersion;
}

// ---------------------------------------------------------------------------------------------
// Reading

type Where = { ref: KObject; path: string };

function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (isObject(v)) return 'a map';
  return `a ${typeof v}`;
}

/**
 * Checks the shape of the fields the accessors read. Wrong types are errors (the API server would
 * reject the CR); fields the CR's version does not have are warnings (the API server drops them or
 * the operator ignores them). Returns false when there was an error.
 */
function checkSpec(spec: Record<string, unknown>, version: BackstageVersion, ref: KObject, diag: Diagnostics, operatorVersion: OperatorVersion): boolean {
  let ok = true;
  const err = (path: string, message: string) => {
    ok = false;
    diag.error(message, { ref, path });
  };
  const notInVersion = (path: string, since: string) =>
    diag.warning(`${path} is not a field of ${BACKSTAGE_GROUP}/${version} (it came with ${since}): the API server drops it, so it has no effect; use apiVersion ${BACKSTAGE_GROUP}/v1alpha5`, {
      ref,
      path,
    });
  const ignoredSince19 = (path: string, hint: string) =>
    diag.warning(
      `${path} has no effect: operator ${operatorVersion} reads every CR as v1alpha5, which has no such field (only operators up to 1.8 applied it), so it is not rendered either; ${hint}`,
      { ref, path },
    );

  const map = (v: unknown, path: string): Record<string, unknown> | undefined => {
    if (v === undefined || v === null) return undefined;
    if (!isObject(v)) {
      err(path, `${path} must be a map, not ${typeName(v)}`);
      return undefined;
    }
    return v;
  };
  const str = (v: unknown, path: string, required = false): void => {
    if (v === undefined || v === null) {
      if (required) err(path, `${path} is required`);
      return;
    }
    if (typeof v !== 'string') err(path, `${path} must be a string, not ${typeName(v)}`);
    else if (required && v === '') err(path, `${path} must not be empty`);
  };
  const bool = (v: unknown, path: string): void => {
    if (v !== undefined && v !== null && typeof v !== 'boolean') err(path, `${path} must be true or false, not ${typeName(v)}`);
  };
  const containers = (v: unknown, path: string): void => {
    if (v === undefined || v === null) return;
    if (version === 'v1alpha3') {
      notInVersion(path, 'v1alpha4');
      return;
    }
    if (!Array.isArray(v) || v.some((c) => typeof c !== 'string')) {
      err(path, `${path} must be a list of container names`);
      return;
    }
    if (v.length === 0) err(path, `${path} must name at least one container`);
    else if (v.length !== 1 && v.includes('*')) err(path, `${path}: if '*' is specified, no other container names are allowed`);
  };
  const list = (v: unknown, path: string, each: (item: Record<string, unknown>, p: string) => void): void => {
    if (v === undefined || v === null) return;
    if (!Array.isArray(v)) {
      err(path, `${path} must be a list, not ${typeName(v)}`);
      return;
    }
    v.forEach((item, i) => {
      const p = `${path}[${i}]`;
      if (!isObject(item)) err(p, `${p} must be a map, not ${typeName(item)}`);
      else each(item, p);
    });
  };
  const fileRef = (item: Record<string, unknown>, p: string) => {
    str(item.name, `${p}.name`, true);
    str(item.key, `${p}.key`);
    str(item.mountPath, `${p}.mountPath`);
    containers(item.containers, `${p}.containers`);
  };
  const envRef = (item: Record<string, unknown>, p: string) => {
    str(item.name, `${p}.name`, true);
    str(item.key, `${p}.key`);
    containers(item.containers, `${p}.containers`);
  };

  const app = map(spec.application, 'spec.application');
  if (app) {
    const ac = map(app.appConfig, 'spec.application.appConfig');
    if (ac) {
      str(ac.mountPath, 'spec.application.appConfig.mountPath');
      // appConfig entries share FileObjectRef (with `containers` since v1alpha4), but the operator
      // always mounts app-config files into the Backstage container and ignores `containers`.
      list(ac.configMaps, 'spec.application.appConfig.configMaps', (item, p) => {
        fileRef(item, p);
        if (version !== 'v1alpha3' && Array.isArray(item.containers))
          diag.warning(`${p}.containers has no effect: the operator mounts app-config files into the Backstage container only (and passes them as --config arguments)`, {
            ref,
            path: `${p}.containers`,
          });
      });
    }
    str(app.dynamicPluginsConfigMapName, 'spec.application.dynamicPluginsConfigMapName');
    const ef = map(app.extraFiles, 'spec.application.extraFiles');
    if (ef) {
      str(ef.mountPath, 'spec.application.extraFiles.mountPath');
      list(ef.configMaps, 'spec.application.extraFiles.configMaps', fileRef);
      list(ef.secrets, 'spec.application.extraFiles.secrets', fileRef);
      list(ef.pvcs, 'spec.application.extraFiles.pvcs', (item, p) => {
        str(item.name, `${p}.name`, true);
        str(item.mountPath, `${p}.mountPath`);
        containers(item.containers, `${p}.containers`);
      });
    }
    const ee = map(app.extraEnvs, 'spec.application.extraEnvs');
    if (ee) {
      list(ee.configMaps, 'spec.application.extraEnvs.configMaps', envRef);
      list(ee.secrets, 'spec.application.extraEnvs.secrets', envRef);
      list(ee.envs, 'spec.application.extraEnvs.envs', (item, p) => {
        str(item.name, `${p}.name`, true);
        if (item.value === undefined || item.value === null) err(`${p}.value`, `${p}.value is required`);
        else str(item.value, `${p}.value`);
        containers(item.containers, `${p}.containers`);
      });
    }
    const route = map(app.route, 'spec.application.route');
    if (route) {
      bool(route.enabled, 'spec.application.route.enabled');
      str(route.host, 'spec.application.route.host');
      str(route.subdomain, 'spec.application.route.subdomain');
      const tls = map(route.tls, 'spec.application.route.tls');
      if (tls) for (const k of ['certificate', 'externalCertificateSecretName', 'key', 'caCertificate']) str(tls[k], `spec.application.route.tls.${k}`);
    }
    const legacyHint = 'set it with spec.deployment.patch';
    if (app.image !== undefined && app.image !== null) {
      if (version === 'v1alpha5') notInVersionLegacy('spec.application.image');
      else {
        str(app.image, 'spec.application.image');
        ignoredSince19('spec.application.image', `${legacyHint} (spec.template.spec.containers[].image)`);
      }
    }
    if (app.replicas !== undefined && app.replicas !== null) {
      if (version === 'v1alpha5') notInVersionLegacy('spec.application.replicas');
      else {
        if (typeof app.replicas !== 'number' || !Number.isInteger(app.replicas)) err('spec.application.replicas', 'spec.application.replicas must be an integer');
        ignoredSince19('spec.application.replicas', `${legacyHint} (spec.replicas)`);
      }
    }
    if (app.imagePullSecrets !== undefined && app.imagePullSecrets !== null) {
      if (version === 'v1alpha5') notInVersionLegacy('spec.application.imagePullSecrets');
      else {
        if (!Array.isArray(app.imagePullSecrets) || app.imagePullSecrets.some((s) => typeof s !== 'string'))
          err('spec.application.imagePullSecrets', 'spec.application.imagePullSecrets must be a list of Secret names');
        ignoredSince19('spec.application.imagePullSecrets', `${legacyHint} (spec.template.spec.imagePullSecrets)`);
      }
    }
  }

  function notInVersionLegacy(path: string) {
    diag.warning(`${path} is not a field of ${BACKSTAGE_GROUP}/v1alpha5 (it was removed with v1alpha5): the API server drops it, so it has no effect; set it with spec.deployment.patch instead`, {
      ref,
      path,
    });
  }

  const raw = map(spec.rawRuntimeConfig, 'spec.rawRuntimeConfig');
  if (raw) {
    str(raw.backstageConfig, 'spec.rawRuntimeConfig.backstageConfig');
    str(raw.localDbConfig, 'spec.rawRuntimeConfig.localDbConfig');
  }
  const db = map(spec.database, 'spec.database');
  if (db) {
    bool(db.enableLocalDb, 'spec.database.enableLocalDb');
    str(db.authSecretName, 'spec.database.authSecretName');
  }
  if (spec.monitoring !== undefined && spec.monitoring !== null) {
    if (version === 'v1alpha3') notInVersion('spec.monitoring', 'v1alpha4');
    else {
      const mon = map(spec.monitoring, 'spec.monitoring');
      if (mon) bool(mon.enabled, 'spec.monitoring.enabled');
    }
  }
  const dep = map(spec.deployment, 'spec.deployment');
  if (dep) {
    if (dep.patch !== undefined && dep.patch !== null && !isObject(dep.patch)) err('spec.deployment.patch', `spec.deployment.patch must be a map, not ${typeName(dep.patch)}`);
    if (dep.kind !== undefined && dep.kind !== null && dep.kind !== '') {
      if (version !== 'v1alpha5') notInVersion('spec.deployment.kind', 'v1alpha5');
      else if (dep.kind !== 'Deployment' && dep.kind !== 'StatefulSet')
        err('spec.deployment.kind', `spec.deployment.kind must be Deployment or StatefulSet, not ${JSON.stringify(dep.kind)}`);
    }
  }
  if (spec.flavours !== undefined && spec.flavours !== null) {
    if (version !== 'v1alpha5') notInVersion('spec.flavours', 'v1alpha5');
    else
      list(spec.flavours, 'spec.flavours', (item, p) => {
        str(item.name, `${p}.name`, true);
        bool(item.enabled, `${p}.enabled`);
      });
  }
  return ok;
}

/**
 * Reads a Backstage CR from the input. Returns undefined (with error results) when it cannot be
 * rendered: unsupported apiVersion, no metadata.name, or fields of the wrong type.
 */
export function readBackstageCR(obj: KObject, defaultNamespace: string | undefined, diag: Diagnostics, operatorVersion: OperatorVersion = DEFAULT_OPERATOR_VERSION): BackstageCR | undefined {
  const apiVersion = typeof obj.apiVersion === 'string' ? obj.apiVersion : '';
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/', 2) : ['', apiVersion];
  const meta = isObject(obj.metadata) ? obj.metadata : {};
  const name = typeof meta.name === 'string' ? meta.name : '';
  const refName = { apiVersion, kind: typeof obj.kind === 'string' ? obj.kind : BACKSTAGE_KIND, name, ...(typeof meta.namespace === 'string' && meta.namespace ? { namespace: meta.namespace } : {}) };

  if (group !== BACKSTAGE_GROUP || !(SUPPORTED_VERSIONS as readonly string[]).includes(version)) {
    const accepted = SUPPORTED_VERSIONS.map((v) => `${BACKSTAGE_GROUP}/${v}`).join(', ');
    const why =
      group === BACKSTAGE_GROUP && (version === 'v1alpha1' || version === 'v1alpha2')
        ? `${apiVersion} is no longer served by the operator`
        : `apiVersion ${JSON.stringify(apiVersion)} is not supported`;
    diag.error(`${why}; accepted: ${accepted} (v1alpha5 is current)`, { ref: refName, path: 'apiVersion' });
    return undefined;
  }
  if (!name) {
    diag.error('metadata.name is required: every object the operator creates is named after the Backstage CR', { ref: refName, path: 'metadata.name' });
    return undefined;
  }
  let namespace = typeof meta.namespace === 'string' ? meta.namespace : '';
  if (!namespace) {
    namespace = defaultNamespace || FALLBACK_NAMESPACE;
    diag.info(
      defaultNamespace
        ? `the CR has no metadata.namespace: rendered into namespace "${namespace}" (the namespace option)`
        : `the CR has no metadata.namespace: rendered into namespace "${namespace}", as kubectl, kustomize and kpt do; set metadata.namespace or the namespace option to choose another`,
      { ref: refName, path: 'metadata.namespace' },
    );
  }
  // Results point at the object as given (kpt and kustomize match them by the input's identity).
  const ref = obj;
  let spec: Record<string, unknown> = {};
  if (obj.spec !== undefined && obj.spec !== null) {
    if (!isObject(obj.spec)) {
      diag.error(`spec must be a map, not ${typeName(obj.spec)}`, { ref, path: 'spec' });
      return undefined;
    }
    spec = obj.spec;
  }
  const v = version as BackstageVersion;
  // 1.9's CRD still serves v1alpha3 (release-1.10's stops: 116d6c0d, PR #2727).
  if (v === 'v1alpha3' && operatorVersion !== '1.9') {
    diag.warning(
      `${BACKSTAGE_GROUP}/v1alpha3 is not served by the operator's CRD since release 1.10: applying this CR fails; it is rendered as v1alpha5 would be. Change apiVersion to ${BACKSTAGE_GROUP}/v1alpha5 (v1alpha3 fields are the same, except application.image, replicas and imagePullSecrets, which v1alpha5 sets with spec.deployment.patch)`,
      { ref, path: 'apiVersion' },
    );
  }
  if (!checkSpec(spec, v, ref, diag, operatorVersion)) return undefined;
  return {
    apiVersion,
    name,
    namespace,
    labels: stringMap(meta.labels),
    annotations: stringMap(meta.annotations),
    spec,
    object: obj,
  };
}

function stringMap(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (isObject(v)) for (const [k, x] of Object.entries(v)) if (typeof x === 'string') setOwn(out, k, x);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Accessors (tolerant: readBackstageCR has reported wrong types; here they are skipped)

function get(o: unknown, ...keys: string[]): unknown {
  let cur = o;
  for (const k of keys) {
    if (!isObject(cur)) return undefined;
    cur = cur[k];
  }
  return cur;
}

function optStr(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}

function optContainers(cr: BackstageCR, v: unknown): string[] | undefined {
  if (crVersion(cr) === 'v1alpha3') return undefined;
  return Array.isArray(v) && v.every((c) => typeof c === 'string') ? [...(v as string[])] : undefined;
}

function entries(v: unknown, path: string): Array<[Record<string, unknown>, string]> {
  if (!Array.isArray(v)) return [];
  const out: Array<[Record<string, unknown>, string]> = [];
  v.forEach((item, i) => {
    if (isObject(item) && typeof item.name === 'string' && item.name !== '') out.push([item, `${path}[${i}]`]);
  });
  return out;
}

function fileRefs(cr: BackstageCR, v: unknown, path: string): FileObjectRef[] {
  return entries(v, path).map(([item, p]) => {
    const r: FileObjectRef = { name: item.name as string, path: p };
    const key = optStr(item.key);
    if (key !== undefined) r.key = key;
    const mp = optStr(item.mountPath);
    if (mp !== undefined) r.mountPath = mp;
    const c = optContainers(cr, item.containers);
    if (c !== undefined) r.containers = c;
    return r;
  });
}

function envRefs(cr: BackstageCR, v: unknown, path: string): EnvObjectRef[] {
  return entries(v, path).map(([item, p]) => {
    const r: EnvObjectRef = { name: item.name as string, path: p };
    const key = optStr(item.key);
    if (key !== undefined) r.key = key;
    const c = optContainers(cr, item.containers);
    if (c !== undefined) r.containers = c;
    return r;
  });
}

/** Api: BackstageSpec.IsLocalDbEnabled (default true). */
export function isLocalDbEnabled(cr: BackstageCR): boolean {
  const v = get(cr.spec, 'database', 'enableLocalDb');
  return typeof v === 'boolean' ? v : true;
}

/** Api: BackstageSpec.IsRouteEnabled (default true). */
export function isRouteEnabled(cr: BackstageCR): boolean {
  const v = get(cr.spec, 'application', 'route', 'enabled');
  return typeof v === 'boolean' ? v : true;
}

/** Api: BackstageSpec.IsMonitoringEnabled (default false; v1alpha3 has no monitoring). */
export function isMonitoringEnabled(cr: BackstageCR): boolean {
  if (crVersion(cr) === 'v1alpha3') return false;
  return get(cr.spec, 'monitoring', 'enabled') === true;
}

/** Api: BackstageSpec.IsAuthSecretSpecified. */
export function isAuthSecretSpecified(cr: BackstageCR): boolean {
  return authSecretName(cr) !== undefined;
}

export function authSecretName(cr: BackstageCR): string | undefined {
  return optStr(get(cr.spec, 'database', 'authSecretName'));
}

/**
 * spec.deployment.kind (v1alpha5 only). Undefined when the CR does not set it: the kind is then the
 * profile's (its deployment.yaml may hold a StatefulSet), as in the operator, which converts only
 * when the field is set.
 */
export function deploymentKind(cr: BackstageCR): 'Deployment' | 'StatefulSet' | undefined {
  if (crVersion(cr) !== 'v1alpha5') return undefined;
  const k = get(cr.spec, 'deployment', 'kind');
  return k === 'Deployment' || k === 'StatefulSet' ? k : undefined;
}

/** spec.deployment.patch as plain data, or undefined. */
export function deploymentPatch(cr: BackstageCR): Record<string, unknown> | undefined {
  const p = get(cr.spec, 'deployment', 'patch');
  return isObject(p) ? p : undefined;
}

export function appConfig(cr: BackstageCR): AppConfigSpec | undefined {
  const ac = get(cr.spec, 'application', 'appConfig');
  if (!isObject(ac)) return undefined;
  return {
    // The API server defaults only an absent field: an explicit "" stays, and the operator then mounts under workingDir.
    mountPath: typeof ac.mountPath === 'string' ? ac.mountPath : CRD_DEFAULT_MOUNT_PATH,
    // appConfig entries are always mounted into the Backstage container: `containers` is not read.
    configMaps: fileRefs(cr, ac.configMaps, 'spec.application.appConfig.configMaps').map(({ containers: _c, ...r }) => r),
  };
}

export function extraFiles(cr: BackstageCR): ExtraFilesSpec | undefined {
  const ef = get(cr.spec, 'application', 'extraFiles');
  if (!isObject(ef)) return undefined;
  return {
    mountPath: typeof ef.mountPath === 'string' ? ef.mountPath : CRD_DEFAULT_MOUNT_PATH,
    configMaps: fileRefs(cr, ef.configMaps, 'spec.application.extraFiles.configMaps'),
    secrets: fileRefs(cr, ef.secrets, 'spec.application.extraFiles.secrets'),
    pvcs: entries(ef.pvcs, 'spec.application.extraFiles.pvcs').map(([item, p]) => {
      const r: PvcRef = { name: item.name as string, path: p };
      const mp = optStr(item.mountPath);
      if (mp !== undefined) r.mountPath = mp;
      const c = optContainers(cr, item.containers);
      if (c !== undefined) r.containers = c;
      return r;
    }),
  };
}

export function extraEnvs(cr: BackstageCR): ExtraEnvsSpec | undefined {
  const ee = get(cr.spec, 'application', 'extraEnvs');
  if (!isObject(ee)) return undefined;
  return {
    configMaps: envRefs(cr, ee.configMaps, 'spec.application.extraEnvs.configMaps'),
    secrets: envRefs(cr, ee.secrets, 'spec.application.extraEnvs.secrets'),
    envs: entries(ee.envs, 'spec.application.extraEnvs.envs')
      .filter(([item]) => typeof item.value === 'string')
      .map(([item, p]) => {
        const r: EnvVarSpec = { name: item.name as string, value: item.value as string, path: p };
        const c = optContainers(cr, item.containers);
        if (c !== undefined) r.containers = c;
        return r;
      }),
  };
}

export function dynamicPluginsConfigMapName(cr: BackstageCR): string | undefined {
  return optStr(get(cr.spec, 'application', 'dynamicPluginsConfigMapName'));
}

/** spec.application.route with the default `enabled: true`; undefined when the CR has no route. */
export function route(cr: BackstageCR): RouteSpec | undefined {
  const r = get(cr.spec, 'application', 'route');
  if (!isObject(r)) return undefined;
  const out: RouteSpec = { enabled: typeof r.enabled === 'boolean' ? r.enabled : true };
  const host = optStr(r.host);
  if (host !== undefined) out.host = host;
  const sub = optStr(r.subdomain);
  if (sub !== undefined) out.subdomain = sub;
  if (isObject(r.tls)) {
    const tls: RouteTLSSpec = {};
    for (const k of ['certificate', 'externalCertificateSecretName', 'key', 'caCertificate'] as const) {
      const s = optStr(r.tls[k]);
      if (s !== undefined) tls[k] = s;
    }
    out.tls = tls;
  }
  return out;
}

/** spec.database with the default `enableLocalDb: true` (also when the CR has no database). */
export function database(cr: BackstageCR): DatabaseSpec {
  const out: DatabaseSpec = { enableLocalDb: isLocalDbEnabled(cr) };
  const s = authSecretName(cr);
  if (s !== undefined) out.authSecretName = s;
  return out;
}

export function rawRuntimeConfig(cr: BackstageCR): RawRuntimeConfigSpec | undefined {
  const r = get(cr.spec, 'rawRuntimeConfig');
  if (!isObject(r)) return undefined;
  const out: RawRuntimeConfigSpec = {};
  const b = optStr(r.backstageConfig);
  if (b !== undefined) out.backstageConfig = b;
  const l = optStr(r.localDbConfig);
  if (l !== undefined) out.localDbConfig = l;
  return out;
}

/**
 * spec.flavours (v1alpha5 only): undefined when absent (use the profile's enabledByDefault
 * flavours), `[]` when given empty (no flavours). `enabled` defaults to true.
 */
export function flavours(cr: BackstageCR): FlavourSpec[] | undefined {
  if (crVersion(cr) !== 'v1alpha5') return undefined;
  const f = cr.spec.flavours;
  if (!Array.isArray(f)) return undefined;
  return entries(f, 'spec.flavours').map(([item, p]) => ({ name: item.name as string, enabled: typeof item.enabled === 'boolean' ? item.enabled : true, path: p }));
}


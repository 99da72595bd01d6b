// Plugin dependencies: the objects some dynamic plugins need (the operator's
// pkg/model/plugin_deps.go and internal/controller/plugin-deps.go).
//
// The operator, for every enabled plugin, collects `dependencies[].ref`, then applies every YAML
// file directly in its plugin-deps directory whose name starts with one of the refs (files in name
// order), after replacing `{{backstage-name}}` / `{{backstage-ns}}` in the raw text; objects
// without a namespace get the CR's, and each gets the CR as controller owner.
//
// Here, objects come from providers (an extension point; this module knows no plugin by name):
// the profile provider (the operator's rule, plus a directory `plugin-deps/<ref>/`) and external
// providers declared in the profile (`plugin-deps/<ref>.provider.yaml`, run by the doors).
// Deliberate differences from the operator, for stable and explainable output:
// - order: plugins in configuration order, their refs in order, each provider's objects in order
//   (the operator: matching files in name order); an object produced twice (same
//   apiVersion/kind/namespace/name) is emitted once, at its first position;
// - each object is annotated `backstage-render.dev/dependency-of: <package>#<ref>[,…]`;
// - a ref nothing serves is an error (the operator silently applies nothing); a ref that only
//   matches files of another name by prefix (`argo` -> `argocd.yaml`) is a warning;
// - refs with `/`, `\`, `..` or an absolute path are errors (never leave plugin-deps);
// - well-known cluster-scoped kinds get no namespace;
// - the placeholders are filled in as strings (fn/model/profile-yaml.ts), not as text re-read as
//   YAML: a namespace `0x1f` or `on` stays that string (the operator's text replace makes it 31 or true);
// - no ownerReference: the CR's uid is not known offline (the caller may add one).

import type { Diagnostics } from '../diagnostics';
import type { DynamicPluginsConfig } from '../model/types';
import type { KObject } from '../kio/types';
import { appendAll, isObject, refOf } from '../kio/types';
import type { Profile } from '../profile/profile';
import { listPluginDeps, PLUGIN_DEPS_DIR } from '../profile/profile';
import { parseYaml } from '../yaml';
import { parseProfileTemplate } from '../model/profile-yaml';
import { isPluginEnabled } from './merge';

export const ANNOTATION_DEPENDENCY_OF = 'backstage-render.dev/dependency-of';
export const PROVIDER_API_VERSION = 'backstage-render.dev/v1alpha1';
export const PROVIDER_KIND = 'DependencyProvider';
/** Suffix of a provider declaration file in plugin-deps/; such files are not objects to emit. */
export const PROVIDER_FILE_SUFFIX = '.provider.yaml';

export interface DependencyRequest {
  ref: string;
  /** The plugin's package. */
  plugin: string;
  backstage: { name: string; namespace: string };
  /** The Backstage CR itself (set by resolvePluginDependencies), e.g. as the item for an external KRM function. */
  cr?: KObject;
  /** Where the ref is written, for results (set by resolvePluginDependencies). */
  where?: { ref?: KObject; path?: string };
}

export interface DependencyProvider {
  name: string;
  serves(ref: string): boolean;
  /** Objects for the ref, in apply order (namespace/CRD before their users). Problems go to diag. */
  objectsFor(req: DependencyRequest, diag: Diagnostics): KObject[];
}

/**
 * Kinds that are cluster-scoped in Kubernetes and the operators RHDH plugins rely on. The operator
 * sets the CR's namespace on every object without one; the API server rejects or ignores a
 * namespace on a cluster-scoped object depending on the client, and GitOps tools show it as a
 * permanent diff, so we leave these without a namespace.
 */
const CLUSTER_SCOPED = new Set([
  'v1/Namespace',
  'v1/Node',
  'v1/PersistentVolume',
  'rbac.authorization.k8s.io/ClusterRole',
  'rbac.authorization.k8s.io/ClusterRoleBinding',
  'apiextensions.k8s.io/CustomResourceDefinition',
  'admissionregistration.k8s.io/MutatingWebhookConfiguration',
  'admissionregistration.k8s.io/ValidatingWebhookConfiguration',
  'storage.k8s.io/StorageClass',
  'scheduling.k8s.io/PriorityClass',
  'apiregistration.k8s.io/APIService',
  'config.openshift.io/*',
  'project.openshift.io/Project',
  'security.openshift.io/SecurityContextConstraints',
  'sonataflow.org/SonataFlowClusterPlatform',
]);

/** Whether apiVersion/kind is one of the well-known cluster-scoped kinds above. */
export function isClusterScoped(apiVersion: string, kind: string): boolean {
  const slash = apiVersion.lastIndexOf('/');
  const group = slash === -1 ? 'v1' : apiVersion.slice(0, slash);
  return CLUSTER_SCOPED.has(`${group}/${kind}`) || CLUSTER_SCOPED.has(`${group}/*`);
}

/** Why a ref may not be used as a file name prefix, or undefined when it may. */
export function unsafeRefReason(ref: string): string | undefined {
  if (ref.includes('/') || ref.includes('\\')) return 'contains a path separator';
  if (ref.includes('..')) return 'contains ".."';
  if (/^[A-Za-z]:/.test(ref)) return 'is an absolute path';
  if (ref.includes('\0')) return 'contains a NUL character';
  return undefined;
}

function baseName(file: string): string {
  return file.replace(/\.(ya?ml)$/, '');
}

function isYamlFile(file: string): boolean {
  return /\.(ya?ml)$/.test(file);
}

/**
 * Parses one plugin-deps file of `profile` into objects; problems go to diag with the file. The
 * template is parsed once per profile (fn/model/profile-yaml.ts: the same documents as parsing the
 * substituted text).
 */
function readDependencyObjects(path: string, text: string, bs: { name: string; namespace: string }, diag: Diagnostics, profile: Profile): KObject[] {
  let docs: unknown[];
  try {
    docs = parseProfileTemplate(profile, text, bs);
  } catch (e) {
    diag.error(`plugin dependency file ${path}: ${(e as Error).message}`, { file: path });
    return [];
  }
  const out: KObject[] = [];
  docs.forEach((d, i) => {
    if (!isObject(d) || typeof d.apiVersion !== 'string' || typeof d.kind !== 'string' || !isObject(d.metadata) || typeof d.metadata.name !== 'string' || d.metadata.name === '') {
      diag.error(`plugin dependency file ${path}, document ${i + 1}: not a Kubernetes object (apiVersion, kind and metadata.name are required)`, { file: path });
      return;
    }
    out.push(d as unknown as KObject);
  });
  return out;
}

/**
 * The profile's plugin-deps: for a ref, every YAML file directly in plugin-deps/ whose name starts
 * with the ref (the operator's rule; provider declarations excluded), then the YAML files under
 * `plugin-deps/<ref>/` (sorted by path).
 */
export function profileDependencyProvider(profile: Profile): DependencyProvider {
  const files = listPluginDeps(profile).filter(([p]) => isYamlFile(p) && !p.endsWith(PROVIDER_FILE_SUFFIX));
  const matching = (ref: string): Array<[string, string]> => {
    if (ref === '' || unsafeRefReason(ref)) return [];
    const top = files.filter(([p]) => !p.includes('/') && p.startsWith(ref));
    const dir = files.filter(([p]) => p.startsWith(`${ref}/`));
    return [...top, ...dir];
  };
  return {
    name: `profile ${profile.name}`,
    serves: (ref) => matching(ref).length > 0,
    objectsFor(req, diag) {
      const others = prefixOnlyMatches(profile, req.ref);
      if (others.length > 0) {
        diag.warning(
          `plugin ${req.plugin}: dependency ref "${req.ref}" also selects ${others.map((f) => `${PLUGIN_DEPS_DIR}/${f}`).join(', ')} only because the file name starts with it (the operator's prefix rule); is that meant for another plugin?`,
          { ref: req.where?.ref, path: req.where?.path },
        );
      }
      const out: KObject[] = [];
      for (const [p, text] of matching(req.ref)) appendAll(out, readDependencyObjects(`${PLUGIN_DEPS_DIR}/${p}`, text, req.backstage, diag, profile));
      return out;
    },
  };
}

/** Files of the profile a ref matches only by prefix (e.g. `argo` -> `argocd.yaml`): base name is neither the ref nor `<ref>` followed by `-`, `_` or `.`. */
export function prefixOnlyMatches(profile: Profile, ref: string): string[] {
  if (ref === '' || unsafeRefReason(ref)) return [];
  return listPluginDeps(profile)
    .map(([p]) => p)
    .filter((p) => !p.includes('/') && isYamlFile(p) && !p.endsWith(PROVIDER_FILE_SUFFIX) && p.startsWith(ref))
    .filter((p) => {
      const b = baseName(p);
      return b !== ref && !['-', '_', '.'].includes(b.charAt(ref.length));
    });
}

export interface ExternalProviderDeclaration {
  refs: string[];
  exec?: { path: string };
  image?: string;
  /** The declaring file, relative to the profile (e.g. `plugin-deps/sonataflow.provider.yaml`). */
  file: string;
}

/**
 * External providers a profile declares: files `plugin-deps/<name>.provider.yaml` holding
 *   apiVersion: backstage-render.dev/v1alpha1
 *   kind: DependencyProvider
 *   spec: { refs: [sonataflow], exec: { path: ./providers/sonataflow.js }, image?: … }
 * (`exec.path` relative to the profile directory). Invalid declarations go to diag when given and
 * are skipped. Sorted by file.
 */
export function externalProviderDeclarations(profile: Profile, diag?: Diagnostics): ExternalProviderDeclaration[] {
  const out: ExternalProviderDeclaration[] = [];
  for (const [p, text] of listPluginDeps(profile)) {
    if (!p.endsWith(PROVIDER_FILE_SUFFIX)) continue;
    const file = `${PLUGIN_DEPS_DIR}/${p}`;
    const bad = (msg: string, path?: string) => diag?.error(`provider declaration ${file}: ${msg}`, { file, path });
    let v: unknown;
    try {
      v = parseYaml(text);
    } catch (e) {
      bad((e as Error).message);
      continue;
    }
    if (!isObject(v) || v.apiVersion !== PROVIDER_API_VERSION || v.kind !== PROVIDER_KIND) {
      bad(`expected apiVersion ${PROVIDER_API_VERSION} and kind ${PROVIDER_KIND}`);
      continue;
    }
    const spec = v.spec;
    if (!isObject(spec)) {
      bad('spec is required', 'spec');
      continue;
    }
    const refs = spec.refs;
    if (!Array.isArray(refs) || refs.length === 0 || refs.some((r) => typeof r !== 'string' || r === '' || unsafeRefReason(r))) {
      bad('spec.refs must be a non-empty list of refs (no path separators or "..")', 'spec.refs');
      continue;
    }
    const decl: ExternalProviderDeclaration = { refs: refs as string[], file };
    if (spec.exec !== undefined) {
      if (!isObject(spec.exec) || typeof spec.exec.path !== 'string' || spec.exec.path === '') {
        bad('spec.exec.path must be a non-empty string', 'spec.exec.path');
        continue;
      }
      decl.exec = { path: spec.exec.path };
    }
    if (spec.image !== undefined) {
      if (typeof spec.image !== 'string' || spec.image === '') {
        bad('spec.image must be a non-empty string', 'spec.image');
        continue;
      }
      decl.image = spec.image;
    }
    if (!decl.exec && !decl.image) {
      bad('spec.exec or spec.image is required', 'spec');
      continue;
    }
    for (const r of decl.refs) {
      const other = out.find((d) => d.refs.includes(r));
      if (other) diag?.warning(`provider declaration ${file}: ref "${r}" is also declared by ${other.file}, which is asked first`, { file, path: 'spec.refs' });
    }
    out.push(decl);
  }
  return out;
}

function identity(o: KObject): string {
  return `${o.apiVersion}|${o.kind}|${o.metadata.namespace ?? ''}|${o.metadata.name ?? ''}`;
}

function withoutDependencyAnnotation(o: KObject): string {
  const c = JSON.parse(JSON.stringify(o)) as KObject;
  if (c.metadata.annotations) {
    delete c.metadata.annotations[ANNOTATION_DEPENDENCY_OF];
    if (Object.keys(c.metadata.annotations).length === 0) delete c.metadata.annotations;
  }
  return JSON.stringify(c);
}

/**
 * The dependency objects of the enabled plugins of `config`, for the CR `backstage` (its
 * metadata.namespace must be set). For each ref the first provider that serves it is asked.
 * Results name `where.ref` (e.g. the dynamic plugins ConfigMap) or the CR, with field paths into
 * the configuration (`plugins[3].dependencies[0].ref`).
 */
export function resolvePluginDependencies(
  config: DynamicPluginsConfig,
  backstage: KObject,
  providers: DependencyProvider[],
  diag: Diagnostics,
  where: { ref?: KObject } = {},
  /** The operator line's rule for `enabled` (isPluginEnabled): main reads it, 1.9 / 1.10 only `disabled`. */
  rules: { enabledKey?: boolean } = {},
): KObject[] {
  const bs = { name: backstage.metadata.name ?? '', namespace: backstage.metadata.namespace ?? '' };
  const resultRef = where.ref ?? backstage;
  const out: KObject[] = [];
  const byId = new Map<string, { obj: KObject; owners: string[]; text: string }>();
  const plugins = Array.isArray(config.plugins) ? config.plugins : [];
  plugins.forEach((plugin, i) => {
    if (!isPluginEnabled(plugin, rules.enabledKey !== false) || !Array.isArray(plugin.dependencies)) return;
    const pkg = typeof plugin.package === 'string' ? plugin.package : '';
    plugin.dependencies.forEach((dep, j) => {
      const path = `plugins[${i}].dependencies[${j}].ref`;
      const ref = typeof dep?.ref === 'string' ? dep.ref : '';
      if (ref === '') {
        diag.warning(`plugin ${pkg} has a dependency without a ref; the operator ignores it`, { ref: resultRef, path });
        return;
      }
      const unsafe = unsafeRefReason(ref);
      if (unsafe) {
        diag.error(`plugin ${pkg}: dependency ref "${ref}" ${unsafe}; a ref names files in plugin-deps/ and may not leave it`, { ref: resultRef, path });
        return;
      }
      const provider = providers.find((p) => p.serves(ref));
      if (!provider) {
        diag.error(`plugin ${pkg}: no plugin dependency matches ref "${ref}" (no file in ${PLUGIN_DEPS_DIR}/ starts with it and no provider declares it)`, {
          ref: resultRef,
          path,
        });
        return;
      }
      const owner = `${pkg}#${ref}`;
      for (const raw of provider.objectsFor({ ref, plugin: pkg, backstage: bs, cr: backstage, where: { ref: resultRef, path } }, diag)) {
        const obj = JSON.parse(JSON.stringify(raw)) as KObject;
        if (!isObject(obj.metadata)) obj.metadata = {};
        if (!obj.metadata.namespace && !isClusterScoped(obj.apiVersion, obj.kind)) obj.metadata.namespace = bs.namespace;
        const id = identity(obj);
        const seen = byId.get(id);
        if (seen) {
          if (!seen.owners.includes(owner)) seen.owners.push(owner);
          if (seen.text !== withoutDependencyAnnotation(obj)) {
            const r = refOf(obj);
            diag.warning(`plugin dependency ${r.kind} ${r.namespace ? `${r.namespace}/` : ''}${r.name} is produced twice with different content (for ${owner}); the first one is kept`, { ref: resultRef, path });
          }
          continue;
        }
        const entry = { obj, owners: [owner], text: withoutDependencyAnnotation(obj) };
        byId.set(id, entry);
        out.push(obj);
      }
    });
  });
  for (const { obj, owners } of byId.values()) {
    obj.metadata.annotations = { ...(obj.metadata.annotations ?? {}), [ANNOTATION_DEPENDENCY_OF]: [...owners].sort().join(',') };
  }
  return out;
}

export interface ExternalDatabaseRewrite {
  /** The local DB Secret the profile's dependencies name: `backstage-psql-secret-<cr>`. */
  localDbSecretName: string;
  /** spec.database.authSecretName. */
  userSecretName: string;
  /** The local DB Service: `backstage-psql-<cr>`. */
  localDbServiceName: string;
  /**
   * The external database's host and port, when the caller knows them (they live in the user's
   * Secret as POSTGRES_HOST / POSTGRES_PORT). With them a `serviceRef` naming the local Service
   * becomes a `jdbcUrl` and host strings are replaced; without them those places get a warning.
   * Never printed in messages.
   */
  external?: { host: string; port?: string | number };
}

const SECRET_KEYS_MESSAGE =
  'it must hold POSTGRES_HOST, POSTGRES_PORT, POSTGRES_USER and POSTGRES_PASSWORD (the keys of the local database Secret, as the operator\'s docs/external-db.md lists them; the orchestrator\'s SonataFlowPlatform reads POSTGRES_USER/POSTGRES_PASSWORD, its database Job all four)';

function objName(o: KObject): string {
  return `${o.kind} ${o.metadata.namespace ? `${o.metadata.namespace}/` : ''}${o.metadata.name ?? ''}`;
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * With the local database disabled and spec.database.authSecretName set, the dependencies written
 * for the local database (the orchestrator's SonataFlowPlatform and database Job) would name a
 * Secret and a Service that are not created. This rewrites, in every object but its metadata:
 * - every string equal to the local DB Secret's name (secretRef / secretKeyRef / envFrom names,
 *   the SonataFlowPlatform persistence secretRef, …) to the user's Secret;
 * - a `serviceRef` mapping naming the local DB Service to `jdbcUrl:
 *   jdbc:postgresql://<host>:<port>/<databaseName>` (SonataFlowPlatform persistence), and host
 *   strings (`backstage-psql-<cr>`, `…​.<ns>`, `….svc`, `….svc.cluster.local`, also inside URLs) to
 *   the external host, when `opts.external` is given; otherwise each such place gets a warning.
 * Each rewrite is an info result naming the object and field path. Returns new objects.
 */
export function rewriteDependenciesForExternalDatabase(objects: KObject[], opts: ExternalDatabaseRewrite, diag: Diagnostics): KObject[] {
  const svc = opts.localDbServiceName;
  const hostRe = new RegExp(`(^|[^A-Za-z0-9.-])${escapeRe(svc)}((?:\\.[a-z0-9-]+)?(?:\\.svc(?:\\.cluster\\.local)?)?)(?![A-Za-z0-9-])`, 'g');
  return objects.map((orig) => {
    const obj = JSON.parse(JSON.stringify(orig)) as KObject;
    const where = (path: string) => ({ ref: obj, path });
    const walk = (node: unknown, path: string): unknown => {
      if (Array.isArray(node)) return node.map((v, i) => walk(v, `${path}[${i}]`));
      if (isObject(node)) {
        const out: Record<string, unknown> = {};
        for (const [k, v] of Object.entries(node)) {
          const p = `${path}.${k}`;
          if (k === 'serviceRef' && isObject(v) && v.name === svc) {
            if (opts.external) {
              const port = opts.external.port ?? 5432;
              const db = typeof v.databaseName === 'string' ? v.databaseName : '';
              out.jdbcUrl = `jdbc:postgresql://${opts.external.host}:${port}/${db}`;
              diag.info(`${objName(obj)}: ${p} named the local database Service ${svc}, which is not created with the local database disabled; replaced by ${path}.jdbcUrl to the external database (host and port of Secret ${opts.userSecretName})`, where(p));
            } else {
              out[k] = JSON.parse(JSON.stringify(v));
              diag.warning(`${objName(obj)}: ${p} names the local database Service ${svc}, which is not created with the local database disabled; point it at your database (e.g. a jdbcUrl)`, where(p));
            }
            continue;
          }
          out[k] = walk(v, p);
        }
        return out;
      }
      if (typeof node === 'string') {
        if (node === opts.localDbSecretName) {
          diag.info(`${objName(obj)}: ${path} named the local database Secret ${opts.localDbSecretName}, which is not created with the local database disabled; now names spec.database.authSecretName ${opts.userSecretName}: ${SECRET_KEYS_MESSAGE}`, where(path));
          return opts.userSecretName;
        }
        hostRe.lastIndex = 0;
        if (hostRe.test(node)) {
          hostRe.lastIndex = 0;
          if (opts.external) {
            const host = opts.external.host;
            diag.info(`${objName(obj)}: ${path} named the local database host ${svc}; replaced by the host of Secret ${opts.userSecretName}`, where(path));
            return node.replace(hostRe, (_m, pre: string) => `${pre}${host}`);
          }
          diag.warning(`${objName(obj)}: ${path} names the local database host ${svc}, which does not exist with the local database disabled`, where(path));
        }
      }
      return node;
    };
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(obj)) out[k] = k === 'metadata' ? v : walk(v, k);
    return out as KObject;
  });
}

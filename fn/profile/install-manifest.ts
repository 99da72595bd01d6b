// The operator's install manifest (dist/<profile>/install.yaml, or the OLM bundle's objects)
// carries its profile as ConfigMaps, one file per data key, which the manager Deployment
// mounts under LOCALBIN (unset in the shipped manifests, so under /):
//   <prefix>default-config            -> <LOCALBIN>/default-config
//   <prefix>flavour-<name>-config     -> <LOCALBIN>/default-config/flavours/<name>   (1.10 and later)
//   <prefix>plugin-deps (optional)    -> <LOCALBIN>/plugin-deps
// The prefix is kustomize's namePrefix (`rhdh-`, `backstage-`); the backstage.io manifest
// mounts an unprefixed `plugin-deps` because it generates no such ConfigMap.
// The operator reads these directories (pkg/model/flavour.go, pkg/utils/utils.go
// DefaultConfigPath, pkg/model/plugin_deps.go, where PLUGIN_DEPS_DIR_backstage overrides the
// plugin-deps directory). This module turns those ConfigMaps back into a Profile.

import type { KObject } from '../kio/types';
import { appendAll, isObject } from '../kio/types';
import { RenderError } from '../diagnostics';
import type { Profile } from './profile';
import { DEFAULT_CONFIG_DIR, FLAVOURS_DIR, PLUGIN_DEPS_DIR } from './profile';
import { operatorVersionOfImageTag, type OperatorVersion } from '../versions';

export interface InstallManifestProfile {
  profile: Profile;
  /** The ConfigMaps the profile was read from, in input order. */
  used: KObject[];
  /** The manager image whose tag gave profile.operatorVersion (absent when no manager Deployment or no tag says). */
  operatorImage?: string;
}

/** The tag of an image reference (`repo:tag`, `repo:tag@sha256:…`); undefined for a bare digest. */
function imageTag(image: string): string | undefined {
  const noDigest = image.split('@')[0];
  const slash = noDigest.lastIndexOf('/');
  const colon = noDigest.lastIndexOf(':');
  return colon > slash ? noDigest.slice(colon + 1) : undefined;
}

/** The operator line of the manager Deployment: its containers' images' tags (the one mounting default-config first). */
function operatorVersionOf(dep: KObject): { version: OperatorVersion; image: string } | undefined {
  const containers: any[] = Array.isArray((dep.spec as any)?.template?.spec?.containers) ? (dep.spec as any).template.spec.containers : [];
  const mountsDefaults = (c: any) => Array.isArray(c?.volumeMounts) && c.volumeMounts.some((m: any) => isObject(m) && typeof m.mountPath === 'string' && /(^|\/)default-config\/?$/.test(m.mountPath));
  for (const c of [...containers.filter(mountsDefaults), ...containers.filter((c) => !mountsDefaults(c))]) {
    if (!isObject(c) || typeof c.image !== 'string') continue;
    const tag = imageTag(c.image);
    const version = tag === undefined ? undefined : operatorVersionOfImageTag(tag);
    if (version) return { version, image: c.image };
  }
  return undefined;
}

const PLUGIN_DEPS_ENV = 'PLUGIN_DEPS_DIR_backstage';

function isConfigMap(o: KObject): boolean {
  return o.kind === 'ConfigMap' && (o.apiVersion === 'v1' || o.apiVersion === undefined);
}

function sameNamespace(a: string | undefined, b: string | undefined): boolean {
  return a === undefined || b === undefined || a === b;
}

function cmpStr(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A directory of the profile a ConfigMap is mounted as, with the key -> relative path mapping. */
interface Source {
  cm: KObject;
  dir: string;
  items?: Array<{ key: string; path: string }>;
}

function cmFiles(src: Source, where: string): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  const data = isObject(src.cm.data) ? (src.cm.data as Record<string, unknown>) : {};
  const binary = isObject(src.cm.binaryData) ? (src.cm.binaryData as Record<string, unknown>) : {};
  const value = (key: string): string | undefined => {
    const d = data[key];
    if (typeof d === 'string') return d;
    const b = binary[key];
    if (typeof b === 'string') return Buffer.from(b, 'base64').toString('utf8');
    return undefined;
  };
  if (src.items) {
    for (const it of src.items) {
      const text = value(it.key);
      if (text === undefined) {
        throw new RenderError(`${where}: ConfigMap ${src.cm.metadata.name} has no key "${it.key}" listed in the volume's items`, {
          path: 'data',
        });
      }
      out.push([`${src.dir}/${it.path}`, text]);
    }
  } else {
    for (const key of [...new Set([...Object.keys(data), ...Object.keys(binary)])]) {
      const text = value(key);
      if (text !== undefined) out.push([`${src.dir}/${key}`, text]);
    }
  }
  return out;
}

/** Profile directory (relative to LOCALBIN) for a mount path, or undefined when the operator does not read it. */
function profileDirFor(rel: string, pluginDepsRel: string): string | undefined {
  if (rel === DEFAULT_CONFIG_DIR) return DEFAULT_CONFIG_DIR;
  if (rel === pluginDepsRel) return PLUGIN_DEPS_DIR;
  const m = /^default-config\/flavours\/([^/]+)$/.exec(rel);
  if (m) return `${FLAVOURS_DIR}/${m[1]}`;
  return undefined;
}

function trimSlashes(p: string): string {
  return p.replace(/\/+$/, '').replace(/^\/+/, '');
}

/** Sources from a manager Deployment's ConfigMap volumes; undefined when no container mounts a default-config. */
function sourcesFromDeployment(dep: KObject, configMaps: KObject[]): Source[] | undefined {
  const pod = (dep.spec as any)?.template?.spec;
  if (!isObject(pod)) return undefined;
  const volumes: any[] = Array.isArray(pod.volumes) ? pod.volumes : [];
  const containers: any[] = Array.isArray(pod.containers) ? pod.containers : [];
  const cmVolume = (name: string) => volumes.find((v) => isObject(v) && v.name === name && isObject(v.configMap));
  for (const c of containers) {
    if (!isObject(c)) continue;
    const mounts: any[] = Array.isArray((c as any).volumeMounts) ? (c as any).volumeMounts : [];
    const env: any[] = Array.isArray((c as any).env) ? (c as any).env : [];
    const envValue = (n: string): string | undefined => {
      const e = env.find((x) => isObject(x) && x.name === n);
      return e && typeof e.value === 'string' ? e.value : undefined;
    };
    // LOCALBIN: the container's env when given, else the parent of the default-config mount.
    const dcMount = mounts.find(
      (m) => isObject(m) && typeof m.mountPath === 'string' && /(^|\/)default-config\/?$/.test(m.mountPath) && cmVolume(m.name as string),
    );
    if (!dcMount) continue;
    const localbin = trimSlashes(envValue('LOCALBIN') ?? String(dcMount.mountPath).replace(/\/?default-config\/?$/, ''));
    const relTo = (abs: string): string | undefined => {
      const p = trimSlashes(abs);
      if (!localbin) return p;
      return p.startsWith(`${localbin}/`) ? p.slice(localbin.length + 1) : undefined;
    };
    const depsOverride = envValue(PLUGIN_DEPS_ENV);
    const pluginDepsRel = depsOverride !== undefined ? (relTo(depsOverride) ?? `\u0000${depsOverride}`) : PLUGIN_DEPS_DIR;
    const sources: Source[] = [];
    for (const m of mounts) {
      if (!isObject(m) || typeof m.mountPath !== 'string' || typeof m.name !== 'string') continue;
      const vol = cmVolume(m.name);
      if (!vol) continue;
      const rel = relTo(m.mountPath as string);
      const dir = rel === undefined ? undefined : profileDirFor(rel, pluginDepsRel);
      if (!dir) continue;
      const cmName = vol.configMap.name;
      const cm = configMaps.find((o) => o.metadata?.name === cmName && sameNamespace(o.metadata?.namespace, dep.metadata?.namespace));
      if (!cm) {
        if (vol.configMap.optional === true) continue;
        throw new RenderError(
          `install manifest: Deployment ${dep.metadata?.name} mounts ConfigMap ${cmName} at ${m.mountPath}, but the manifest has no such ConfigMap`,
          { path: `spec.template.spec.volumes[${volumes.indexOf(vol)}].configMap.name` },
        );
      }
      const items = Array.isArray(vol.configMap.items)
        ? (vol.configMap.items as any[])
            .filter((i) => isObject(i) && typeof i.key === 'string')
            .map((i) => ({ key: i.key as string, path: typeof i.path === 'string' ? (i.path as string) : (i.key as string) }))
        : undefined;
      // subPath mounts of a single key are not used by the operator's manifests; treat as a whole-ConfigMap mount.
      sources.push({ cm, dir, items });
    }
    return sources;
  }
  return undefined;
}

const DEFAULT_CONFIG_NAME = 'default-config';

/** Sources by the kustomize names, with or without a namePrefix, when no manager Deployment says more. */
function sourcesByName(configMaps: KObject[]): Source[] {
  const candidates = configMaps.filter((o) => {
    const n = o.metadata?.name ?? '';
    return n === DEFAULT_CONFIG_NAME || n.endsWith(`-${DEFAULT_CONFIG_NAME}`);
  });
  if (candidates.length === 0) {
    throw new RenderError(
      'install manifest: no default-config ConfigMap found (expected a ConfigMap named default-config or <prefix>-default-config, or the operator Deployment mounting one at .../default-config)',
    );
  }
  if (candidates.length > 1) {
    const names = candidates.map((o) => (o.metadata.namespace ? `${o.metadata.namespace}/${o.metadata.name}` : o.metadata.name));
    throw new RenderError(`install manifest: several default-config ConfigMaps (${names.join(', ')}); give one operator's manifest`);
  }
  const dc = candidates[0];
  const prefix = dc.metadata.name!.slice(0, -DEFAULT_CONFIG_NAME.length);
  const ns = dc.metadata.namespace;
  const sources: Source[] = [{ cm: dc, dir: DEFAULT_CONFIG_DIR }];
  const flavourRe = /^flavour-(.+)-config$/;
  const flavours: Source[] = [];
  for (const o of configMaps) {
    const n = o.metadata?.name ?? '';
    if (!sameNamespace(o.metadata?.namespace, ns)) continue;
    const bare = prefix && n.startsWith(prefix) ? n.slice(prefix.length) : n;
    const m = flavourRe.exec(bare);
    if (m && !flavours.some((f) => f.dir === `${FLAVOURS_DIR}/${m[1]}`)) flavours.push({ cm: o, dir: `${FLAVOURS_DIR}/${m[1]}` });
  }
  appendAll(sources, flavours);
  const deps =
    configMaps.find((o) => o.metadata?.name === `${prefix}plugin-deps` && sameNamespace(o.metadata?.namespace, ns)) ??
    configMaps.find((o) => o.metadata?.name === 'plugin-deps' && sameNamespace(o.metadata?.namespace, ns));
  if (deps) sources.push({ cm: deps, dir: PLUGIN_DEPS_DIR });
  return sources;
}

/**
 * Reads the profile an operator install manifest carries. The manager Deployment's ConfigMap
 * mounts decide which ConfigMap becomes which directory; without that Deployment the
 * kustomize names are used (`[<prefix>-]default-config`, `[<prefix>-]flavour-<name>-config`,
 * `[<prefix>-]plugin-deps`). Throws RenderError when no default-config ConfigMap is found.
 */
export function profileFromInstallManifest(objects: KObject[], name: string): InstallManifestProfile {
  const configMaps = objects.filter((o) => isObject(o) && isConfigMap(o));
  let sources: Source[] | undefined;
  let manager: KObject | undefined;
  for (const o of objects) {
    if (!isObject(o) || o.kind !== 'Deployment') continue;
    sources = sourcesFromDeployment(o, configMaps);
    if (sources) {
      manager = o;
      break;
    }
  }
  if (!sources || !sources.some((s) => s.dir === DEFAULT_CONFIG_DIR)) sources = sourcesByName(configMaps);

  const entries: Array<[string, string]> = [];
  const seen = new Set<string>();
  for (const s of sources) {
    for (const [p, text] of cmFiles(s, name)) {
      // Nested mounts (flavours inside default-config) win over a same-named key of the parent.
      if (seen.has(p)) {
        const i = entries.findIndex((e) => e[0] === p);
        entries[i] = [p, text];
      } else {
        seen.add(p);
        entries.push([p, text]);
      }
    }
  }
  entries.sort((a, b) => cmpStr(a[0], b[0]));
  const files: Record<string, string> = {};
  for (const [p, t] of entries) files[p] = t;
  const usedSet = new Set(sources.map((s) => s.cm));
  const version = manager ? operatorVersionOf(manager) : undefined;
  return {
    profile: { name, files, ...(version ? { operatorVersion: version.version } : {}) },
    used: objects.filter((o) => usedSet.has(o)),
    ...(version ? { operatorImage: version.image } : {}),
  };
}

// Package references of the operator's OPERATOR_DP_PROCESSING mode (rhdh-operator main,
// pkg/model/dynamic-plugins-reference.go): `ref://<name>` and `oci://…/<name>:{{inherit}}[!path]`
// are resolved by plugin name against the base (default) plugins. Pure functions.

import type { DynamicPlugin } from '../model/types';

export const INHERIT_SUFFIX = ':{{inherit}}';
export const REF_PREFIX = 'ref://';
const OCI = 'oci://';
const HTTPS = 'https://';
const HTTP = 'http://';
const LOCAL = './';

/** A package reference that cannot be resolved; `index` is the plugin's index in the list resolved. */
export class PackageReferenceError extends Error {
  constructor(
    message: string,
    readonly index: number,
  ) {
    super(message);
    this.name = 'PackageReferenceError';
  }
}

/** oci://, https://, http:// or ./ : a package that needs no resolution. */
export function isDirectLink(pkg: string): boolean {
  return pkg.startsWith(OCI) || pkg.startsWith(HTTPS) || pkg.startsWith(HTTP) || pkg.startsWith(LOCAL);
}

/** Removes a trailing `-<digit>…` version suffix (the last `-` followed by a digit), as the operator does. */
function stripVersionSuffix(name: string): string {
  for (let i = name.length - 1; i >= 0; i--) {
    if (name[i] === '-' && i + 1 < name.length && name[i + 1] >= '0' && name[i + 1] <= '9') return name.slice(0, i);
  }
  return name;
}

/**
 * The plugin name of a package URL (the operator's DynaPlugin.Name()):
 * oci://reg/path/name[:tag][@digest][!plugin-path] -> name; https://…/name-1.0.0.tgz -> name;
 * ./path/to/name -> name; anything else -> ''.
 */
export function pluginName(pkg: string): string {
  let url = pkg;
  const bang = url.lastIndexOf('!');
  if (bang !== -1) url = url.slice(0, bang);
  if (url.startsWith(OCI)) {
    let u = url.slice(OCI.length);
    const at = u.lastIndexOf('@');
    if (at !== -1) u = u.slice(0, at);
    const slash = u.lastIndexOf('/');
    if (slash === -1) return '';
    let image = u.slice(slash + 1);
    if (image === '') return '';
    const colon = image.lastIndexOf(':');
    if (colon !== -1) image = image.slice(0, colon);
    return image;
  }
  if (url.startsWith(HTTPS) || url.startsWith(HTTP)) {
    let u = url.startsWith(HTTPS) ? url.slice(HTTPS.length) : url.slice(HTTP.length);
    const slash = u.lastIndexOf('/');
    if (slash !== -1) u = u.slice(slash + 1);
    const q = u.indexOf('?');
    if (q !== -1) u = u.slice(0, q);
    if (u.endsWith('.tgz')) u = u.slice(0, -'.tgz'.length);
    if (u.endsWith('.tar.gz')) u = u.slice(0, -'.tar.gz'.length);
    return stripVersionSuffix(u);
  }
  if (url.startsWith(LOCAL)) {
    const slash = url.lastIndexOf('/');
    return slash !== -1 ? url.slice(slash + 1) : url;
  }
  return '';
}

function findByName(name: string, base: DynamicPlugin[]): DynamicPlugin | undefined {
  // First match in list order, like the operator's loop.
  return base.find((p) => typeof p.package === 'string' && p.package !== '' && pluginName(p.package) === name);
}

/** Resolves `oci://any/path/<name>:{{inherit}}[!path]` to the base plugin's package (keeping the user's `!path`). Throws Error. */
export function resolveInheritReference(pkg: string, base: DynamicPlugin[]): string {
  let url = pkg;
  let pluginPath = '';
  const bang = url.lastIndexOf('!');
  if (bang !== -1) {
    pluginPath = url.slice(bang);
    url = url.slice(0, bang);
  }
  const name = pluginName(url.replace(INHERIT_SUFFIX, ''));
  if (name === '') throw new Error(`cannot resolve {{inherit}} reference: unable to extract plugin name from "${url}"`);
  const found = findByName(name, base);
  if (!found) throw new Error(`cannot resolve {{inherit}} reference: no plugin named "${name}" found in default plugins`);
  let full = found.package;
  if (pluginPath !== '') {
    const b = full.lastIndexOf('!');
    if (b !== -1) full = full.slice(0, b);
    return full + pluginPath;
  }
  return full;
}

/** Resolves `ref://<name>` to the full package of the base plugin named so. Throws Error. */
export function resolveRefReference(pkg: string, base: DynamicPlugin[]): string {
  const name = pkg.startsWith(REF_PREFIX) ? pkg.slice(REF_PREFIX.length) : pkg;
  if (name === '') throw new Error(`invalid ref:// reference: empty plugin name in "${pkg}"`);
  const found = findByName(name, base);
  if (!found) throw new Error(`cannot resolve ref:// reference: no plugin named "${name}" found in default plugins`);
  return found.package;
}

/**
 * Resolves the packages of `plugins` against `base` (the operator's resolveReferences): ref:// and
 * `{{inherit}}` are looked up by name, direct links stay, empty packages are skipped, anything else
 * (an npm package name, ftp://…) is an error. Returns new plugin objects; throws PackageReferenceError.
 */
export function resolvePackageReferences(plugins: DynamicPlugin[], base: DynamicPlugin[]): DynamicPlugin[] {
  return plugins.map((p, i) => {
    const pkg = p.package;
    if (typeof pkg !== 'string' || pkg === '') return p;
    try {
      if (pkg.startsWith(REF_PREFIX)) return { ...p, package: resolveRefReference(pkg, base) };
      if (pkg.includes(INHERIT_SUFFIX)) return { ...p, package: resolveInheritReference(pkg, base) };
    } catch (e) {
      throw new PackageReferenceError((e as Error).message, i);
    }
    if (isDirectLink(pkg)) return p;
    throw new PackageReferenceError(
      `unsupported package URL format "${pkg}": must start with oci://, https://, http://, ./ or use ref:// for catalog lookup`,
      i,
    );
  });
}

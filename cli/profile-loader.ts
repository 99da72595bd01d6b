import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Profile } from '../fn/profile/profile';
import { OPERATOR_VERSION_FILE } from '../fn/profile/profile';
import { parseYaml } from '../fn/yaml';
import { DEFAULT_OPERATOR_VERSION, isOperatorVersion, type OperatorVersion } from '../fn/versions';
import { readTextFile } from './inputs';

/** The repository root (where profiles/ lives), from this file or from the bundle in dist/. */
export function packageRoot(): string {
  let dir = __dirname;
  for (let i = 0; i < 5; i++) {
    if (fs.existsSync(path.join(dir, 'package.json')) && fs.existsSync(path.join(dir, 'profiles'))) return dir;
    dir = path.dirname(dir);
  }
  return path.resolve(__dirname, '..');
}

// Replaced by the bundler with the embedded profiles' files, so the bundle needs no profiles/ dir:
// for each `<version>/<name>`, the JSON text of its files (path -> text). JSON text, not object
// literals, so that V8 neither compiles nor builds the profiles a run does not use: the one it
// uses is parsed when first asked for (docs/performance.md).
declare const __EMBEDDED_PROFILES__: Record<string, string> | undefined;
// And the JSON text of their files' documents (path -> documents), parsed at build time
// (scripts/build.js), where JSON carries them exactly.
declare const __EMBEDDED_PROFILES_PARSED__: Record<string, string> | undefined;

const embeddedCache = new Map<string, { files: Record<string, string>; preparsed?: Record<string, unknown[]> }>();

/** The embedded profile `<version>/<name>` of the bundle, parsed once per process; undefined outside the bundle. */
function embeddedProfile(key: string): { files: Record<string, string>; preparsed?: Record<string, unknown[]> } | undefined {
  if (typeof __EMBEDDED_PROFILES__ === 'undefined' || !Object.hasOwn(__EMBEDDED_PROFILES__, key)) return undefined;
  let p = embeddedCache.get(key);
  if (p === undefined) {
    const parsed = typeof __EMBEDDED_PROFILES_PARSED__ !== 'undefined' && Object.hasOwn(__EMBEDDED_PROFILES_PARSED__, key) ? __EMBEDDED_PROFILES_PARSED__[key] : undefined;
    p = { files: JSON.parse(__EMBEDDED_PROFILES__[key]) as Record<string, string>, ...(parsed !== undefined ? { preparsed: JSON.parse(parsed) as Record<string, unknown[]> } : {}) };
    embeddedCache.set(key, p);
  }
  return p;
}

const MAX_PROFILE_FILES = 2000;
const MAX_PROFILE_BYTES = 16 * 1024 * 1024;

/** Reads a profile directory in the operator's layout into memory: YAML files, recursively, sorted. */
export function loadProfileDir(dir: string, name = dir): Profile {
  const files: Record<string, string> = {};
  let bytes = 0;
  const walk = (rel: string) => {
    const abs = path.join(dir, rel);
    const entries = fs.readdirSync(abs, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(r);
      else if (e.isFile() && /\.(ya?ml|k8s|ocp)$/.test(e.name)) {
        if (Object.keys(files).length >= MAX_PROFILE_FILES) throw new Error(`profile ${name} has more than ${MAX_PROFILE_FILES} files`);
        const text = readTextFile(path.join(dir, r));
        bytes += text.length;
        if (bytes > MAX_PROFILE_BYTES) throw new Error(`profile ${name} is larger than ${MAX_PROFILE_BYTES} bytes`);
        files[r] = text;
      }
    }
  };
  walk('');
  return { name, files };
}

export const EMBEDDED_PROFILE_NAMES = ['rhdh', 'backstage.io'];

/** The bundle's and profiles/' key of an embedded profile: `<version>/<name>`. */
export function embeddedProfileKey(version: OperatorVersion, name: string): string {
  return `${version}/${name}`;
}

/**
 * An embedded profile by name (the operatorVersion line's: profiles/<version>/<name>), or a
 * directory path. Throws with a readable message. `version` is the operatorVersion option.
 */
export function resolveProfile(spec: string, cwd = process.cwd(), version?: OperatorVersion): Profile {
  if (EMBEDDED_PROFILE_NAMES.includes(spec)) {
    const line = version ?? DEFAULT_OPERATOR_VERSION;
    const key = embeddedProfileKey(line, spec);
    const embedded = embeddedProfile(key);
    if (embedded) return { name: spec, files: embedded.files, ...(embedded.preparsed ? { preparsed: embedded.preparsed } : {}), operatorVersion: line };
    return { ...loadProfileDir(path.join(packageRoot(), 'profiles', line, spec), spec), operatorVersion: line };
  }
  const dir = path.resolve(cwd, spec);
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
    throw new Error(`profile "${spec}" is neither an embedded profile (${EMBEDDED_PROFILE_NAMES.join(', ')}) nor a directory`);
  }
  if (!fs.existsSync(path.join(dir, 'default-config'))) {
    throw new Error(`profile directory ${spec} has no default-config/ (expected the operator's config/profile/<name> layout)`);
  }
  const profile = loadProfileDir(dir, spec);
  const recorded = recordedOperatorVersion(profile, spec);
  return recorded ? { ...profile, operatorVersion: recorded } : profile;
}

/** The operator line profile-from-manifest recorded in the directory (OPERATOR_VERSION_FILE), if any. */
function recordedOperatorVersion(profile: Profile, spec: string): OperatorVersion | undefined {
  const text = profile.files[OPERATOR_VERSION_FILE];
  if (text === undefined) return undefined;
  delete profile.files[OPERATOR_VERSION_FILE];
  const v = (parseYaml(text) as { operatorVersion?: unknown } | null)?.operatorVersion;
  if (!isOperatorVersion(v)) throw new Error(`profile directory ${spec}: ${OPERATOR_VERSION_FILE} must hold operatorVersion: one of 1.9, 1.10, main`);
  return v;
}

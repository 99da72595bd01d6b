// Shared by the profile tests: where the operator's data files are, and how profile files are
// compared (placeholders substituted, YAML parsed, YAML held in ConfigMap data parsed too).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseYamlDocuments } from '../../fn/yaml';

/** ../shared next to the repository root; absent on machines without the operator's data (test/operator-data.ts). */
export { SHARED, OPERATOR_DATA, HAVE_OPERATOR_DATA, describeWithOperatorData } from '../operator-data';
import { OPERATOR_DATA } from '../operator-data';

export const RELEASES = ['1.9.8', 'release-1.10', 'c0cb1c9'] as const;
export const PROFILES = ['rhdh', 'backstage.io'] as const;

export function operatorDir(release: string): string {
  return path.join(OPERATOR_DATA, `rhdh-operator-${release}`);
}

/** Directories of a profile the operator reads (kustomization, namespace, patches, plugin-rbac are not). */
export const READ_DIRS = ['default-config/', 'plugin-deps/', 'plugin-infra/'];

/** All files under dir, relative POSIX paths -> text, sorted. */
export function readTree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (rel: string) => {
    const entries = fs.readdirSync(path.join(dir, rel), { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1));
    for (const e of entries) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(r);
      else if (e.isFile()) out[r] = fs.readFileSync(path.join(dir, r), 'utf8');
    }
  };
  walk('');
  return out;
}

/** The operator's profile files that it reads, relative to the profile directory. */
export function operatorProfileFiles(release: string, profile: string): Record<string, string> {
  const all = readTree(path.join(operatorDir(release), 'config', 'profile', profile));
  return Object.fromEntries(Object.entries(all).filter(([p]) => READ_DIRS.some((d) => p.startsWith(d))));
}

export const SAMPLE_NAME = 'my-rhdh';
export const SAMPLE_NS = 'team-a';

export function substitutePlaceholders(text: string): string {
  return text.split('{{backstage-name}}').join(SAMPLE_NAME).split('{{backstage-ns}}').join(SAMPLE_NS);
}

const YAML_KEY = /\.ya?ml$/;

/**
 * A profile file as comparable data: placeholders substituted, documents parsed; in ConfigMaps,
 * data values under *.yaml keys are replaced by their parsed documents.
 */
export function comparable(text: string): unknown[] {
  const docs = parseYamlDocuments(substitutePlaceholders(text));
  return docs.map((d) => {
    if (!d || typeof d !== 'object' || (d as any).kind !== 'ConfigMap' || !(d as any).data) return d;
    const data: Record<string, unknown> = {};
    for (const [k, v] of Object.entries((d as any).data as Record<string, unknown>)) {
      data[k] = YAML_KEY.test(k) && typeof v === 'string' ? { parsedYaml: parseYamlDocuments(v) } : v;
    }
    return { ...(d as object), data };
  });
}

// Shared by the delivery tests: README recipes, a small CR with an app-config, object ordering.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseYamlDocuments } from '../../fn/yaml';
import { BIN, REPO_ROOT, run } from '../helpers';

export const SEED_ENV = { BACKSTAGE_RENDER_SECRET_SEED: 'delivery-seed' };

/** The files of a README recipe: the yaml blocks after `<!-- recipe: NAME -->` whose first line is `# <file>`. */
export function readmeRecipe(name: string): Record<string, string> {
  const readme = fs.readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
  const start = readme.indexOf(`<!-- recipe: ${name} -->`);
  if (start === -1) throw new Error(`README has no recipe ${name}`);
  const rest = readme.slice(start + 1);
  const end = rest.search(/<!-- recipe: |\n## /);
  const part = end === -1 ? rest : rest.slice(0, end);
  const files: Record<string, string> = {};
  for (const m of part.matchAll(/```yaml\n# ([^\s]+)\n([\s\S]*?)```/g)) files[m[1]] = m[2];
  return files;
}

export const CR = [
  'apiVersion: rhdh.redhat.com/v1alpha5',
  'kind: Backstage',
  'metadata:',
  '  name: developer-hub',
  '  namespace: rhdh',
  'spec:',
  '  application:',
  '    appConfig:',
  '      configMaps:',
  '        - name: my-app-config',
  '',
].join('\n');

export const APP_CONFIG = [
  'apiVersion: v1',
  'kind: ConfigMap',
  'metadata:',
  '  name: my-app-config',
  '  namespace: rhdh',
  'data:',
  '  app-config.yaml: |',
  '    app:',
  '      title: Our Developer Hub',
  '',
].join('\n');

export type Obj = Record<string, any>;

export const key = (o: Obj) => `${o.kind}/${o.metadata?.namespace ?? ''}/${o.metadata?.name}`;
export const sorted = (l: Obj[]) => [...l].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));

export function docs(text: string): Obj[] {
  return parseYamlDocuments(text) as Obj[];
}

/** What `backstage-render render` prints for these files and flags (its own output is the reference). */
export function cliRender(files: string[], args: string[] = [], env: NodeJS.ProcessEnv = SEED_ENV): Obj[] {
  const r = run(BIN, ['render', ...files, ...args], { env });
  if (r.status !== 0) throw new Error(`render failed: ${r.stderr}`);
  return docs(r.stdout);
}

/** A kustomization-like dir with bin/backstage-render linked, as the recipes refer to it. */
export function linkBin(dir: string): void {
  fs.mkdirSync(path.join(dir, 'bin'), { recursive: true });
  fs.symlinkSync(BIN, path.join(dir, 'bin', 'backstage-render'));
}

export function writeFiles(dir: string, files: Record<string, string>): void {
  for (const [f, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
    fs.writeFileSync(path.join(dir, f), text);
  }
}

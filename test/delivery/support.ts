// Shared by the delivery tests: README recipes, a small CR with an app-config, object ordering.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseYamlDocuments } from '../../fn/yaml';
import { BIN, REPO_ROOT, run } from '../helpers';

export const SEED_ENV = { BACKSTAGE_RENDER_SECRET_SEED: 'delivery-seed-0123456789abcdef' };

/**
 * The text of a recipe: what follows `<!-- recipe: NAME -->` in the README or, for the recipes the
 * README links to, in docs/function-reference.md, up to the next recipe or heading.
 */
export function recipeText(name: string): string {
  for (const file of ['README.md', path.join('docs', 'function-reference.md')]) {
    const text = fs.readFileSync(path.join(REPO_ROOT, file), 'utf8');
    const start = text.indexOf(`<!-- recipe: ${name} -->`);
    if (start === -1) continue;
    const rest = text.slice(start + 1);
    const end = rest.search(/<!-- (recipe|same as the README's recipe): |\n##+ /);
    return end === -1 ? rest : rest.slice(0, end);
  }
  throw new Error(`neither the README nor docs/function-reference.md has a recipe ${name}`);
}

/** The files of a recipe (recipeText): the yaml blocks whose first line is `# <file>`. */
export function readmeRecipe(name: string): Record<string, string> {
  const part = recipeText(name);
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

export function writeFiles(dir: string, files: Record<string, string>): void {
  for (const [f, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
    fs.writeFileSync(path.join(dir, f), text);
  }
}

/** What the repo-server sends the cmp-server for an Application: ARGOCD_APP_*, KUBE_*, ARGOCD_ENV_<plugin env>. */
export function cmpServerEnv(app: Obj, revision = '0123456789abcdef0123456789abcdef01234567'): Record<string, string> {
  const source = app.spec.source;
  const base: Record<string, string> = {
    ARGOCD_APP_NAME: app.metadata.name,
    ARGOCD_APP_NAMESPACE: app.spec.destination.namespace,
    ARGOCD_APP_PROJECT_NAME: app.spec.project,
    ARGOCD_APP_REVISION: revision,
    ARGOCD_APP_REVISION_SHORT: revision.slice(0, 7),
    ARGOCD_APP_REVISION_SHORT_8: revision.slice(0, 8),
    ARGOCD_APP_SOURCE_REPO_URL: source.repoURL,
    ARGOCD_APP_SOURCE_PATH: source.path,
    ARGOCD_APP_SOURCE_TARGET_REVISION: source.targetRevision,
    KUBE_VERSION: '1.32.4',
    KUBE_API_VERSIONS: 'v1,apps/v1,batch/v1,networking.k8s.io/v1,route.openshift.io/v1,rhdh.redhat.com/v1alpha5',
  };
  const envsubst = (v: string) => v.replace(/\$\{?([A-Z0-9_]+)\}?/g, (m, n: string) => base[n] ?? '');
  const pluginEnv: Record<string, string> = {};
  for (const e of source.plugin?.env ?? []) pluginEnv[`ARGOCD_ENV_${e.name}`] = envsubst(String(e.value));
  return { ...base, ...pluginEnv, ARGOCD_APP_PARAMETERS: JSON.stringify(source.plugin?.parameters ?? null) };
}

/**
 * Runs a Config Management Plugin command the way Argo CD's cmp-server in the sidecar does
 * (cmpserver/plugin/plugin.go): exec of command[0] with command[1:] + args, working directory the
 * app path inside the extracted copy of the repository, environment = the sidecar container's
 * own environment + what the repo-server sends for the Application (reposerver newEnv and
 * getPluginEnvs: ARGOCD_APP_*, KUBE_VERSION, KUBE_API_VERSIONS, ARGOCD_ENV_<name> for each
 * plugin env entry, ARGOCD_APP_PARAMETERS). Nothing on stdin.
 */
export function runLikeCmpServer(
  command: { command: string[]; args?: string[] },
  opts: { repoDir: string; application: Obj; sidecarEnv: NodeJS.ProcessEnv; revision?: string },
): { status: number | null; stdout: string; stderr: string } {
  const source = opts.application.spec.source;
  const env = { ...opts.sidecarEnv, ...cmpServerEnv(opts.application, opts.revision) };
  const r = spawnSync(command.command[0], [...command.command.slice(1), ...(command.args ?? [])], {
    cwd: path.join(opts.repoDir, source.path),
    env,
    encoding: 'utf8',
    timeout: 90000, // ARGOCD_EXEC_TIMEOUT's default
  });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The manifests Argo CD takes from a generate command's stdout (kube.SplitYAMLToString): objects only. */
export function argoManifests(stdout: string): Obj[] {
  const objects = docs(stdout);
  for (const o of objects) if (!o || typeof o !== 'object' || !o.apiVersion || !o.kind || !o.metadata?.name) throw new Error(`not a Kubernetes object: ${JSON.stringify(o).slice(0, 200)}`);
  return objects;
}

export function readYaml(file: string): Obj {
  return docs(fs.readFileSync(file, 'utf8'))[0];
}

/** A stand-in for Argo CD's install manifest: the repo-server Deployment with the volumes the component relies on. */
export const REPO_SERVER = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: argocd-repo-server
spec:
  selector:
    matchLabels:
      app.kubernetes.io/name: argocd-repo-server
  template:
    metadata:
      labels:
        app.kubernetes.io/name: argocd-repo-server
    spec:
      containers:
        - name: argocd-repo-server
          image: quay.io/argoproj/argocd:v3.5.1
      volumes:
        - name: var-files
          emptyDir: {}
        - name: plugins
          emptyDir: {}
`;

export function buildInstall(kustomizationDir: string): Obj[] {
  const r = run('kubectl', ['kustomize', kustomizationDir]);
  if (r.status !== 0) throw new Error(r.stderr);
  return docs(r.stdout);
}


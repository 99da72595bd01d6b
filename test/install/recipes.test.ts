// Every README recipe, as it stands, in a fresh directory outside the clone (issue #12): the
// package installed by the README's own install command (npm install -g of the tarball npm pack
// made), and nothing else of ours. The environment is what the README tells the reader to set
// (the seed) plus the machine's: PATH (npm's global bin, kpt, kubectl, kustomize), an empty HOME,
// npm's prefix and cache in empty directories.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { EMBEDDED_OPERATOR_RELEASES } from '../../cli/version';
import { BIN, REPO_ROOT, copyDir, readTree, run, tmpDir } from '../helpers';
import { APP_CONFIG, CR, argoManifests, cliRender, docs, readYaml, recipeText, runLikeCmpServer, sorted, writeFiles, type Obj } from '../delivery/support';
import { PACKAGE, packTarball, systemPath, toolsDir } from './package';

const README = fs.readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
const SEED = { BACKSTAGE_RENDER_SECRET_SEED: 'recipes-seed-7d2e91c4b05a' };

/** The files (yaml blocks whose first line is `# <path>`) and the shell commands after `<!-- recipe: NAME -->` (README, or the function reference it links to). */
function recipe(name: string): { files: Record<string, string>; commands: string } {
  const part = recipeText(name);
  const files: Record<string, string> = {};
  let commands = '';
  for (const m of part.matchAll(/```(yaml|sh)\n([\s\S]*?)```/g)) {
    if (m[1] === 'sh') commands += m[2];
    else {
      const header = /^# (\S+)\n/.exec(m[2]);
      if (header) files[header[1]] = m[2].slice(header[0].length); // other yaml blocks are for reading
    }
  }
  return { files, commands };
}

let userEnv: NodeJS.ProcessEnv;

/** Runs a recipe's commands with sh -e in dir, as the reader would paste them. */
function runRecipe(name: string, dir: string, extraEnv: NodeJS.ProcessEnv = SEED) {
  const { files, commands } = recipe(name);
  writeFiles(dir, files);
  return run('sh', ['-ec', commands], { cwd: dir, env: { ...userEnv, ...extraEnv }, timeout: 120000 });
}

const userDir = (name: string, files: Record<string, string> = { 'backstage.yaml': CR, 'app-config.yaml': APP_CONFIG }) => {
  const dir = path.join(tmpDir(`recipe-${name}`), 'work');
  writeFiles(dir, files);
  return dir;
};

/** The CLI of the clone on the same CR and app-config: the objects a recipe must produce. */
function reference(args: string[], withAppConfig: boolean): Obj[] {
  const dir = userDir('ref');
  const objects = cliRender([path.join(dir, 'backstage.yaml'), path.join(dir, 'app-config.yaml')], args, SEED);
  return sorted(withAppConfig ? [...objects, ...docs(APP_CONFIG)] : objects);
}

beforeAll(() => {
  // README "Install", run where the tarball is, with npm's global prefix in an empty directory.
  const { tarball } = packTarball();
  const where = tmpDir('recipe-install');
  const named = `backstage-render-${PACKAGE.version}.tgz`;
  fs.copyFileSync(tarball, path.join(where, named));
  const prefix = tmpDir('recipe-prefix');
  const home = tmpDir('recipe-home');
  userEnv = { PATH: `${path.join(prefix, 'bin')}:${toolsDir()}:${systemPath()}`, HOME: home, npm_config_prefix: prefix, npm_config_cache: path.join(home, '.npm'), npm_config_offline: 'true' };
  const install = runRecipe('install', where, {});
  if (install.status !== 0) throw new Error(`README install failed: ${install.stderr}`);
  expect(install.stdout.split('\n').filter(Boolean).pop()).toBe(`backstage-render ${PACKAGE.version} (embedded profiles: rhdh-operator ${EMBEDDED_OPERATOR_RELEASES})`);
}, 180000);

describe('README recipes with the installed package, outside the clone', () => {
  test('install: the tarball the README names is the one npm pack makes; backstage-render is the installed one', () => {
    expect(recipe('install').commands).toContain(`./backstage-render-${PACKAGE.version}.tgz`);
    expect(run('sh', ['-c', 'command -v backstage-render'], { env: userEnv }).stdout.trim()).toBe(path.join(userEnv.npm_config_prefix!, 'bin', 'backstage-render'));
  });

  test('quick start: renders the CR in an empty directory (with the reader\'s own random seed)', () => {
    const dir = userDir('quick', {});
    const r = runRecipe('quick-start', dir, {});
    expect(r.status).toBe(0);
    const objects = docs(r.stdout);
    const ref = cliRender([path.join(dir, 'backstage.yaml')], [], SEED);
    expect(objects.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual(ref.map((o) => `${o.kind}/${o.metadata.name}`));
    expect(objects.find((o) => o.kind === 'Deployment')).toEqual(ref.find((o) => o.kind === 'Deployment'));
  });

  test('kpt fn eval --exec backstage-render: the CLI\'s objects in rendered/', () => {
    const dir = path.join(tmpDir('recipe-kpt-eval'), 'work');
    writeFiles(path.join(dir, 'my-package'), { 'backstage.yaml': CR, 'app-config.yaml': APP_CONFIG });
    const r = runRecipe('kpt-eval', dir);
    expect(r.status).toBe(0);
    const tree = readTree(path.join(dir, 'my-package', 'rendered'));
    expect(sorted(Object.values(tree).flatMap(docs))).toEqual(reference(['--platform', 'kubernetes', '--db-secret', 'external-secrets'], false));
  });

  test('kpt fn render with the Kptfile\'s exec: backstage-render: the CLI\'s objects; again, nothing changes', () => {
    const dir = path.join(tmpDir('recipe-kpt-render'), 'work');
    writeFiles(path.join(dir, 'my-package'), { 'backstage.yaml': CR, 'app-config.yaml': APP_CONFIG });
    const r = runRecipe('kpt-render', dir);
    expect(r.stderr).toContain('Successfully executed 1 function(s)');
    expect(r.status).toBe(0);
    const tree = readTree(path.join(dir, 'my-package'));
    const rendered = Object.keys(tree).filter((f) => f.startsWith('rendered/'));
    expect(sorted(rendered.flatMap((f) => docs(tree[f])))).toEqual(reference(['--platform', 'kubernetes', '--db-secret', 'external-secrets'], false));
    expect(runRecipe('kpt-render', dir).status).toBe(0);
    expect(readTree(path.join(dir, 'my-package'))).toEqual(tree);
  });

  test.each(['transformer', 'generator'])('kustomize %s (standalone kustomize): the CLI\'s objects and the app-config; again, the same bytes', (name) => {
    const dir = userDir(name);
    writeFiles(dir, recipe(name).files);
    const r = runRecipe('kustomize-build', dir);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(sorted(docs(r.stdout))).toEqual(reference(['--platform', 'kubernetes', '--db-secret', 'external-secrets'], true));
    expect(runRecipe('kustomize-build', dir).stdout).toBe(r.stdout);
  });

  test('legacy exec plugin (kubectl kustomize): the plugin script the README makes; the CLI\'s objects and the app-config', () => {
    const dir = userDir('legacy');
    const r = runRecipe('legacy-plugin', dir);
    expect(r.status).toBe(0);
    expect(sorted(docs(r.stdout))).toEqual(reference(['--platform', 'kubernetes', '--db-secret', 'external-secrets'], true));
    // The same script as the one kept in delivery/kustomize-plugin, less its comments and BACKSTAGE_RENDER override.
    expect(fs.readFileSync(path.join(dir, 'plugins', 'fn.kpt.dev', 'v1alpha1', 'renderbackstage', 'RenderBackstage'), 'utf8')).toBe('#!/bin/sh\nexec backstage-render kustomize-plugin "$@"\n');
    expect(runRecipe('legacy-plugin', dir).stdout).toBe(r.stdout);
  });

  test('Flux CI check on a copy of examples/flux/developer-hub: exit 0 as committed, 2 once the app-config changed and was not rendered', () => {
    const dir = path.join(tmpDir('recipe-flux'), 'work');
    copyDir(path.join(REPO_ROOT, 'examples', 'flux', 'developer-hub'), path.join(dir, 'my-package'));
    const same = runRecipe('flux-check', dir, {});
    expect([same.status, same.stderr.split('\n').filter((l) => /^(error|warning)/.test(l))]).toEqual([0, []]);
    const appConfig = path.join(dir, 'my-package', 'app-config.yaml');
    fs.writeFileSync(appConfig, fs.readFileSync(appConfig, 'utf8').replace('title: Developer Hub', 'title: Another Hub'));
    expect(fs.readFileSync(appConfig, 'utf8')).toContain('Another Hub');
    expect(runRecipe('flux-check', dir, {}).status).toBe(2);
  });

  test('Argo CD: the plugin\'s generate command with the installed backstage-render on the sidecar\'s PATH gives examples/argocd/expected.yaml\'s objects', () => {
    const plugin = readYaml(path.join(REPO_ROOT, 'delivery', 'argocd', 'plugin.yaml'));
    const application = readYaml(path.join(REPO_ROOT, 'examples', 'argocd', 'application.yaml'));
    const repo = tmpDir('recipe-argo');
    copyDir(path.join(REPO_ROOT, application.spec.source.path), path.join(repo, application.spec.source.path));
    const seed = { BACKSTAGE_RENDER_SECRET_SEED: 'examples-test-seed-9f3c2a71' }; // examples.test.ts's
    const r = runLikeCmpServer(plugin.spec.generate, { repoDir: repo, application, sidecarEnv: { PATH: userEnv.PATH, HOME: '/home/argocd', ...seed } });
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(fs.readFileSync(path.join(REPO_ROOT, 'examples', 'argocd', 'expected.yaml'), 'utf8'));
    expect(argoManifests(r.stdout).length).toBeGreaterThan(5);
  });

  test('no README snippet runs backstage-render from a path into the clone', () => {
    expect(README).not.toMatch(/\.\/bin\/backstage-render (render|--|kustomize)|exec: \.\/bin\/|path: \.\/bin\/|delivery\/kustomize-plugin BACKSTAGE/);
    expect(BIN).toBeTruthy();
  });
});

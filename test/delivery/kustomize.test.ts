// The README's kustomize recipes, run as they stand with the real tools: the standalone kustomize
// (KRM exec function as transformer and generator) and `kubectl kustomize --enable-alpha-plugins`
// (the legacy exec plugin in delivery/kustomize-plugin, found through KUSTOMIZE_PLUGIN_HOME).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { KUSTOMIZE, REPO_ROOT, expectExpectedObjects, run, tmpDir } from '../helpers';
import { APP_CONFIG, CR, SEED_ENV, docs, readmeRecipe, sorted, writeFiles, type Obj } from './support';

const PLUGIN_HOME = path.join(REPO_ROOT, 'delivery', 'kustomize-plugin');
const BIN_DIR = path.join(REPO_ROOT, 'bin');

function recipeDir(name: string, extra: Record<string, string> = {}): string {
  const dir = tmpDir(`kz-${name}`);
  writeFiles(dir, { 'backstage.yaml': CR, 'app-config.yaml': APP_CONFIG, ...readmeRecipe(name), ...extra });
  return dir;
}

/** The reference: the committed objects for the CR (kubernetes), plus the app-config ConfigMap passed through. */
const expectRecipeObjects = (stdout: string) => expectExpectedObjects('kustomize-recipes', docs(stdout));

const standalone = (dir: string, env: NodeJS.ProcessEnv = SEED_ENV) => run(KUSTOMIZE, ["build", "--enable-alpha-plugins", "--enable-exec", dir], { env: { PATH: `${BIN_DIR}:${process.env.PATH}`, ...env } });
// The README's recipes run backstage-render from the PATH (test/install/recipes.test.ts runs them
// with the installed package); here the clone's bin/ is on the PATH.
const legacy = (dir: string, env: NodeJS.ProcessEnv = SEED_ENV) =>
  run('kubectl', ['kustomize', '--enable-alpha-plugins', dir], { env: { ...env, KUSTOMIZE_PLUGIN_HOME: PLUGIN_HOME, PATH: `${BIN_DIR}:${process.env.PATH}` } });

describe('README kustomize recipes', () => {
  test('the recipes are in the README (transformer) and the function reference it links to (generator, legacy plugin)', () => {
    expect(Object.keys(readmeRecipe('transformer'))).toEqual(['kustomization.yaml', 'render.yaml']);
    expect(Object.keys(readmeRecipe('generator'))).toEqual(['kustomization.yaml', 'render.yaml']);
    expect(Object.keys(readmeRecipe('legacy-plugin'))).toEqual(['kustomization.yaml', 'render.yaml']);
  });

  test('transformer (standalone kustomize): the expected objects plus the app-config, stable across runs', () => {
    const dir = recipeDir('transformer');
    const first = standalone(dir);
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    expectRecipeObjects(first.stdout);
    expect(standalone(dir).stdout).toBe(first.stdout);
  });

  test('generator (standalone kustomize) reads its inputs; same objects as the transformer', () => {
    const dir = recipeDir('generator');
    const r = standalone(dir);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expectRecipeObjects(r.stdout);
    expect(standalone(dir).stdout).toBe(r.stdout);
  });

  test('generator with a ConfigMap config: inputs as a comma-separated string', () => {
    const dir = recipeDir('generator', {
      'render.yaml': [
        'apiVersion: v1',
        'kind: ConfigMap',
        'metadata:',
        '  name: render-backstage',
        '  annotations:',
        '    config.kubernetes.io/function: |',
        '      exec:',
        '        path: backstage-render',
        'data:',
        '  platform: kubernetes',
        '  dbSecret: external-secrets',
        '  inputs: backstage.yaml,app-config.yaml',
        '',
      ].join('\n'),
    });
    const r = standalone(dir);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expectRecipeObjects(r.stdout);
  });

  test('generator: an input outside the kustomization, or missing, stops the build naming the field', () => {
    const outside = recipeDir('generator');
    fs.writeFileSync(path.join(outside, 'render.yaml'), fs.readFileSync(path.join(outside, 'render.yaml'), 'utf8').replace('    - app-config.yaml', '    - ../app-config.yaml'));
    const r = standalone(outside);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain(`error: inputs: ../app-config.yaml is outside the directory the function runs in (${fs.realpathSync(outside)}); use a path below it (RenderBackstage render-backstage, field spec.inputs)`);

    const missing = recipeDir('generator');
    fs.rmSync(path.join(missing, 'app-config.yaml'));
    const m = standalone(missing);
    expect(m.status).not.toBe(0);
    expect(m.stderr).toContain('error: inputs: app-config.yaml: no such file or directory');
  });

  test('legacy exec plugin (kubectl kustomize --enable-alpha-plugins): same objects; the id annotations do not leak', () => {
    const dir = recipeDir('legacy-plugin');
    const r = legacy(dir);
    expect(r.status).toBe(0);
    expect(r.stdout).not.toContain('kustomize.config.k8s.io/id');
    expectRecipeObjects(r.stdout);
    expect(legacy(dir).stdout).toBe(r.stdout);
  });

  test('legacy exec plugin as a generator, with inputs', () => {
    const dir = recipeDir('legacy-plugin', {
      'kustomization.yaml': 'generators:\n  - render.yaml\n',
      'render.yaml': 'apiVersion: fn.kpt.dev/v1alpha1\nkind: RenderBackstage\nmetadata:\n  name: render-backstage\nspec:\n  platform: kubernetes\n  dbSecret: external-secrets\n  inputs: [backstage.yaml, app-config.yaml]\n',
    });
    const r = legacy(dir);
    expect(r.status).toBe(0);
    expectRecipeObjects(r.stdout);
  });

  test('legacy exec plugin: an error in the CR fails kubectl kustomize with our message', () => {
    const dir = recipeDir('legacy-plugin', { 'backstage.yaml': CR.replace('  application:', '  flavours:\n    - name: no-such-flavour\n  application:') });
    const r = legacy(dir);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain("error: flavour 'no-such-flavour' not found in profile rhdh");
    expect(r.stdout).toBe('');
  });

  test('legacy exec plugin: no seed, no output and the reason (dbSecret plain needs one)', () => {
    const dir = recipeDir('legacy-plugin');
    fs.writeFileSync(path.join(dir, 'render.yaml'), fs.readFileSync(path.join(dir, 'render.yaml'), 'utf8').replace('dbSecret: external-secrets', 'dbSecret: plain'));
    const r = legacy(dir, {});
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain("give the runner's seed in the BACKSTAGE_RENDER_SECRET_SEED environment variable (or --secret-seed; make one with `openssl rand -base64 32`)");
    expect(r.stdout).toBe('');
  });
});

describe('generator inputs: a directory', () => {
  test('inputs: [./] reads the kustomization directory without its kustomization.yaml and without the config itself', () => {
    const dir = recipeDir('generator');
    fs.writeFileSync(path.join(dir, 'render.yaml'), fs.readFileSync(path.join(dir, 'render.yaml'), 'utf8').replace('  inputs:\n    - backstage.yaml\n    - app-config.yaml\n', '  inputs:\n    - ./\n'));
    const r = standalone(dir);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expectRecipeObjects(r.stdout);
  });
});

describe('what kubectl kustomize does with a KRM exec function config (the README warns about it)', () => {
  test('it skips the function silently and prints the CR unrendered', () => {
    const dir = recipeDir('legacy-plugin', { 'render.yaml': readmeRecipe('transformer')['render.yaml'] });
    const r = legacy(dir);
    expect(r.status).toBe(0);
    expect(sorted(docs(r.stdout))).toEqual(sorted([...docs(CR), ...docs(APP_CONFIG)]));
  });
});

describe('generator inputs: symbolic links', () => {
  test('an input that leads outside the kustomization through a symbolic link stops the build; none of its content leaks', () => {
    const dir = recipeDir('generator');
    const outside = path.join(tmpDir('kz-outside'), 'secret.yaml');
    fs.writeFileSync(outside, 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: not-yours\nstringData:\n  token: OUTSIDE-TOKEN\n');
    fs.symlinkSync(outside, path.join(dir, 'linked.yaml'));
    fs.writeFileSync(path.join(dir, 'render.yaml'), fs.readFileSync(path.join(dir, 'render.yaml'), 'utf8').replace('    - app-config.yaml\n', '    - app-config.yaml\n    - linked.yaml\n'));
    const r = standalone(dir);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain(`error: inputs: linked.yaml leads outside the directory the function runs in (${fs.realpathSync(dir)}) through a symbolic link; use a path below it (RenderBackstage render-backstage, field spec.inputs)`);
    expect(r.stdout + r.stderr).not.toContain('OUTSIDE-TOKEN');
  });
});

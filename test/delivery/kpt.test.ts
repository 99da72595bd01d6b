// kpt delivery with the real kpt: a package with a subpackage (the repository's own layout: the
// root example package holds examples/kpt), options as key=value, and the catalog metadata.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { BIN, REPO_ROOT, copyDir, expectExpectedFiles, readTree, run, tmpDir } from '../helpers';
import { readYaml, type Obj } from './support';

const SEED_ONLY = { BACKSTAGE_RENDER_SECRET_SEED: 'kpt-seed-0123456789abcdef' };
// The Kptfiles run backstage-render from the PATH (as after npm install -g): the clone's bin/ here.
const SEED = { ...SEED_ONLY, PATH: `${path.dirname(BIN)}:${process.env.PATH}` };

/** The repository as kpt sees it: root Kptfile + .krmignore + example/, examples/kpt as a subpackage. */
function repositoryCopy(): string {
  const dir = path.join(tmpDir('kpt-tree'), 'repo');
  fs.mkdirSync(dir);
  for (const f of ['Kptfile', '.krmignore']) fs.copyFileSync(path.join(REPO_ROOT, f), path.join(dir, f));
  copyDir(path.join(REPO_ROOT, 'example'), path.join(dir, 'example'));
  copyDir(path.join(REPO_ROOT, 'examples', 'kpt'), path.join(dir, 'examples', 'kpt'));
  return dir;
}

describe('kpt fn render with a subpackage', () => {
  test('each package renders its own CR; the parent leaves the subpackage alone; a second run changes nothing', () => {
    const dir = repositoryCopy();
    const sub = readTree(path.join(dir, 'examples', 'kpt'));
    const first = run('kpt', ['fn', 'render', '--allow-exec', '.'], { cwd: dir, env: SEED });
    expect(first.stderr).toContain('Successfully executed 2 function(s) in 2 package(s)');
    expect(first.status).toBe(0);
    // The subpackage (already rendered and committed) is exactly as it was.
    expect(readTree(path.join(dir, 'examples', 'kpt'))).toEqual(sub);
    // The root package rendered its own CR only: the committed expected files.
    const tree = readTree(dir);
    expectExpectedFiles('kpt-root-package', Object.fromEntries(Object.entries(tree).filter(([f]) => f.startsWith('rendered/'))));
    expect(run('kpt', ['fn', 'render', '--allow-exec', '.'], { cwd: dir, env: SEED }).status).toBe(0);
    expect(readTree(dir)).toEqual(tree);
  });
});

describe('kpt fn render: a subpackage without a pipeline of its own', () => {
  test('is rendered by the parent, into the parent\'s rendered/', () => {
    const dir = path.join(tmpDir('kpt-plain-sub'), 'pkg');
    fs.mkdirSync(path.join(dir, 'instances', 'one'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'Kptfile'), 'apiVersion: kpt.dev/v1\nkind: Kptfile\nmetadata:\n  name: pkg\npipeline:\n  mutators:\n    - exec: ' + BIN + '\n');
    fs.writeFileSync(path.join(dir, 'instances', 'one', 'Kptfile'), 'apiVersion: kpt.dev/v1\nkind: Kptfile\nmetadata:\n  name: one\n');
    fs.copyFileSync(path.join(REPO_ROOT, 'example', 'backstage.yaml'), path.join(dir, 'instances', 'one', 'backstage.yaml'));
    const r = run('kpt', ['fn', 'render', '--allow-exec', dir], { env: SEED });
    expect(r.status).toBe(0);
    const tree = readTree(dir);
    expectExpectedFiles('kpt-plain-subpackage', Object.fromEntries(Object.entries(tree).filter(([f]) => f.startsWith('rendered/'))));
  });
});

describe('kpt fn eval --exec with delivery options as key=value', () => {
  test('a wrong value is an error result naming data.<option>, and nothing is written', () => {
    const dir = tmpDir('kpt-eval');
    fs.copyFileSync(path.join(REPO_ROOT, 'example', 'backstage.yaml'), path.join(dir, 'backstage.yaml'));
    const before = readTree(dir);
    const r = run('kpt', ['fn', 'eval', dir, '--exec', BIN, '--', 'jobMode=hook', 'pinImages=quay.io/fedora/postgresql-15:latest'], { env: SEED });
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('[error] v1/ConfigMap/function-input data.jobMode: option "jobMode" must be one of operator, hash-name, argocd-hook, flux-force, not "hook"\n');
    expect(r.stderr).toContain('[error] v1/ConfigMap/function-input data.pinImages: option "pinImages": "quay.io/fedora/postgresql-15:latest" is not a pin');
    expect(readTree(dir)).toEqual(before);
  });

  test('accepted delivery options: the expected files (sync waves, prune label)', () => {
    const dir = tmpDir('kpt-eval-ok');
    fs.copyFileSync(path.join(REPO_ROOT, 'example', 'backstage.yaml'), path.join(dir, 'backstage.yaml'));
    const r = run('kpt', ['fn', 'eval', dir, '--exec', BIN, '--', 'platform=kubernetes', 'syncWaves=true', 'pruneLabel=team=platform'], { env: SEED });
    expect(r.status).toBe(0);
    expectExpectedFiles('kpt-eval-delivery-options', readTree(path.join(dir, 'rendered')));
  });
});

describe('delivery/kpt/metadata.yaml (kpt function catalog form)', () => {
  const meta = readYaml(path.join(REPO_ROOT, 'delivery', 'kpt', 'metadata.yaml')) as Obj;

  test('has the catalog fields', () => {
    expect(Object.keys(meta)).toEqual(['image', 'description', 'tags', 'sourceURL', 'examplePackageURLs', 'emails', 'license']);
    expect(meta.image).toMatch(/^[a-z0-9.-]+\/[a-z0-9/._-]+$/); // no tag: the catalog names the image, versions are tags
    expect(meta.tags).toContain('mutator');
    expect(meta.license).toBe(JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')).license);
  });

  test('example packages exist in this repository and are kpt packages', () => {
    for (const url of meta.examplePackageURLs as string[]) {
      expect(url.startsWith(`${meta.sourceURL}/`)).toBe(true);
      const rel = url.slice(meta.sourceURL.length + 1);
      expect(readYaml(path.join(REPO_ROOT, rel, 'Kptfile')).kind).toBe('Kptfile');
    }
  });

  test('the Argo CD sidecar image is built from this image', () => {
    expect(fs.readFileSync(path.join(REPO_ROOT, 'delivery', 'argocd', 'Dockerfile'), 'utf8')).toContain(`ARG FUNCTION_IMAGE=${meta.image}:`);
  });

  test('--help (what kpt fn doc --image shows: test/image) names the function, its config and the delivery options', () => {
    const r = run(BIN, ['--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('kpt fn eval DIR --exec');
    const render = run(BIN, ['render', '--help']);
    for (const flag of ['--job-mode', '--sync-waves', '--pin-image', '--prune-label', '--flux-ssa-if-not-present', '--include-inputs', '--config']) expect(render.stdout).toContain(flag);
  });
});

describe('kpt and a renamed CR', () => {
  /** Directories below dir with nothing in them. */
  const emptyDirs = (dir: string): string[] =>
    fs.readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((e) => e.isDirectory() && fs.readdirSync(path.join(e.parentPath, e.name)).length === 0)
      .map((e) => path.relative(dir, path.join(e.parentPath, e.name)));

  test.each(['render', 'eval'])('kpt fn %s: the old CR\'s files go and no directory is left empty (the files lie in rendered/ itself)', (how) => {
    const dir = path.join(tmpDir(`kpt-rename-${how}`), 'pkg');
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, 'Kptfile'), 'apiVersion: kpt.dev/v1\nkind: Kptfile\nmetadata:\n  name: pkg\npipeline:\n  mutators:\n    - exec: backstage-render\n      configMap: {platform: kubernetes}\n');
    const cr = (name: string) => `apiVersion: rhdh.redhat.com/v1alpha5\nkind: Backstage\nmetadata:\n  name: ${name}\n  namespace: team\n`;
    const kpt = () => run('kpt', how === 'render' ? ['fn', 'render', '--allow-exec', dir] : ['fn', 'eval', dir, '--exec', 'backstage-render', '--', 'platform=kubernetes'], { env: SEED });
    fs.writeFileSync(path.join(dir, 'backstage.yaml'), cr('hub'));
    expect(kpt().status).toBe(0);
    const first = Object.keys(readTree(dir)).filter((f) => f.startsWith('rendered/')).sort();
    expect(first).toContain('rendered/team_hub_deployment_backstage-hub.yaml');
    expect(first.every((f) => f.split('/').length === 2)).toBe(true);

    fs.writeFileSync(path.join(dir, 'backstage.yaml'), cr('portal'));
    expect(kpt().status).toBe(0);
    const second = Object.keys(readTree(dir)).filter((f) => f.startsWith('rendered/')).sort();
    expect(second).toEqual(first.map((f) => f.replace(/^rendered\/team_hub_/, 'rendered/team_portal_').replace(/-hub([.-])/g, '-portal$1')).sort());
    expect(emptyDirs(dir)).toEqual([]);
  });
});

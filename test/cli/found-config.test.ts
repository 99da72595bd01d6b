// The CLI reads what kpt would read (issue 13): a function config among its inputs is used, with an
// info; two of them is an error; --config wins.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { BIN, REPO_ROOT, copyDir, run, tmpDir } from '../helpers';

const SEED = { BACKSTAGE_RENDER_SECRET_SEED: 'found-config-seed-61b0c2' };
const CR = 'apiVersion: rhdh.redhat.com/v1alpha5\nkind: Backstage\nmetadata:\n  name: developer-hub\n  namespace: rhdh\n';
const config = (name: string, spec: string) => `apiVersion: fn.kpt.dev/v1alpha1\nkind: RenderBackstage\nmetadata:\n  name: ${name}\n  annotations:\n    config.kubernetes.io/local-config: "true"\nspec:\n${spec}`;

test('diff examples/kpt --against examples/kpt/rendered: the package\'s render.yaml is used, no differences, exit 0', () => {
  const r = run(BIN, ['diff', 'examples/kpt', '--against', 'examples/kpt/rendered'], { env: SEED });
  expect(r.stdout).toBe('');
  expect(r.stderr).toBe('info: the function config RenderBackstage render-backstage found among the inputs is used, as kpt or kustomize would use it (--config FILE chooses another) (RenderBackstage render-backstage)\n');
  expect(r.status).toBe(0);
});

test('render DIR: the RenderBackstage in DIR sets the options (kubernetes: no Route)', () => {
  const dir = tmpDir('found-config');
  fs.writeFileSync(path.join(dir, 'cr.yaml'), CR);
  fs.writeFileSync(path.join(dir, 'render.yaml'), config('mine', '  platform: kubernetes\n'));
  const r = run(BIN, ['render', dir, '-q'], { env: SEED });
  expect(r.status).toBe(0);
  expect(r.stdout).not.toContain('kind: Route');
  expect(r.stdout).not.toContain('kind: RenderBackstage');
  const withoutConfig = run(BIN, ['render', path.join(dir, 'cr.yaml'), '-q'], { env: SEED });
  expect(withoutConfig.stdout).toContain('kind: Route');
});

test('a ConfigMap named by the Kptfile as configPath of a backstage-render step is the function config', () => {
  const dir = tmpDir('found-config-kptfile');
  fs.writeFileSync(path.join(dir, 'cr.yaml'), CR);
  fs.writeFileSync(path.join(dir, 'Kptfile'), 'apiVersion: kpt.dev/v1\nkind: Kptfile\nmetadata:\n  name: p\npipeline:\n  mutators:\n    - exec: backstage-render\n      configPath: fn-config.yaml\n');
  fs.writeFileSync(path.join(dir, 'fn-config.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: fn-config\n  annotations:\n    config.kubernetes.io/local-config: "true"\ndata:\n  platform: kubernetes\n');
  const r = run(BIN, ['render', dir], { env: SEED });
  expect(r.status).toBe(0);
  expect(r.stderr).toContain('info: the function config ConfigMap fn-config found among the inputs is used');
  expect(r.stdout).not.toContain('kind: Route');
});

test('two function configs among the inputs: an error naming both, nothing rendered, exit 1', () => {
  const dir = tmpDir('found-config-two');
  fs.writeFileSync(path.join(dir, 'cr.yaml'), CR);
  fs.writeFileSync(path.join(dir, 'a.yaml'), config('a', '  platform: kubernetes\n'));
  fs.writeFileSync(path.join(dir, 'b.yaml'), config('b', '  platform: openshift\n'));
  const r = run(BIN, ['render', dir], { env: SEED });
  expect(r.status).toBe(1);
  expect(r.stdout).toBe('');
  expect(r.stderr).toBe('error: 2 function configs among the inputs (RenderBackstage a, RenderBackstage b); kpt and kustomize run a function with one: keep one, or choose one with --config FILE (RenderBackstage b)\n');
});

test('--config wins over a function config among the inputs, with an info saying so', () => {
  const dir = tmpDir('found-config-explicit');
  copyDir(path.join(REPO_ROOT, 'examples', 'kpt'), dir);
  fs.writeFileSync(path.join(dir, 'other.yaml'), config('other', '  platform: kubernetes\n'));
  fs.rmSync(path.join(dir, 'render.yaml'));
  const r = run(BIN, ['render', 'backstage.yaml', 'app-config.yaml', 'other.yaml', '--config', path.join(REPO_ROOT, 'examples', 'kpt', 'render.yaml')], { env: SEED, cwd: dir });
  expect(r.status).toBe(0);
  expect(r.stderr).toContain('info: the function config RenderBackstage other among the inputs is not used: --config ');
  expect(r.stdout).toContain('kind: Route');
});

test('a Kptfile\'s inline configMap for a backstage-render step is the function config, as kpt sends it', () => {
  const dir = tmpDir('found-config-inline');
  fs.writeFileSync(path.join(dir, 'cr.yaml'), CR);
  fs.writeFileSync(path.join(dir, 'Kptfile'), 'apiVersion: kpt.dev/v1\nkind: Kptfile\nmetadata:\n  name: p\npipeline:\n  mutators:\n    - exec: backstage-render\n      configMap:\n        platform: kubernetes\n');
  const r = run(BIN, ['render', dir], { env: SEED });
  expect(r.status).toBe(0);
  expect(r.stderr).toContain('info: the function config ConfigMap function-input found among the inputs is used');
  expect(r.stdout).not.toContain('kind: Route');
});

// Install and test runs print no warnings we could prevent (issue 13): every dependency with an
// install script is reviewed in package.json's allowScripts (npm ci lists unreviewed ones as
// warnings), and ts-jest reads isolatedModules from tsconfig.json (its own option is deprecated and
// printed a warning on every run).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT, run } from '../helpers';

test('npm install-scripts ls: no package with unreviewed install scripts', () => {
  const r = run('npm', ['install-scripts', 'ls'], { env: { npm_config_update_notifier: 'false' } });
  expect(r.status).toBe(0);
  expect(r.stdout.trim()).toBe('No packages with unreviewed install scripts.');
});

test('jest.config.js gives ts-jest no deprecated isolatedModules option; tsconfig.json sets it', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const config = require('../../jest.config.js');
  expect(JSON.stringify(config.transform)).not.toContain('isolatedModules');
  expect(JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'tsconfig.json'), 'utf8')).compilerOptions.isolatedModules).toBe(true);
});

test('the only packages whose engines exclude Node 20.19 are the schema models docs/contributing.md names (their EBADENGINE lines cannot be prevented)', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const semver = require('semver') as { satisfies: (v: string, range: string) => boolean };
  const lock = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, { version?: string; engines?: { node?: string } }> };
  const excluding = Object.entries(lock.packages)
    .filter(([, p]) => p.engines?.node !== undefined && !semver.satisfies('20.19.0', p.engines.node))
    .map(([k, p]) => `${k.replace(/^node_modules\//, '')}@${p.version}`)
    .sort();
  expect(excluding).toEqual([
    '@kubernetes-models/apimachinery@3.0.2',
    '@kubernetes-models/argo-cd@4.0.0',
    '@kubernetes-models/base@6.0.1',
    '@kubernetes-models/external-secrets@2.0.0',
    '@kubernetes-models/knative@4.0.0',
    '@kubernetes-models/sealed-secrets@6.0.0',
    '@kubernetes-models/validate@5.0.2',
    'kubernetes-models@5.1.0',
  ]);
  const contributing = fs.readFileSync(path.join(REPO_ROOT, 'docs', 'contributing.md'), 'utf8');
  expect(contributing).toContain('`@kubernetes-models/{sealed-secrets@6, external-secrets@2, argo-cd@4, knative@4,\napimachinery@3, base@6, validate@5}` and `kubernetes-models@5`');
});

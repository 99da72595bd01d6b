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

// The seed is the runner's (issue #11): the runner's seed wins over a function config's, a seed in
// a function config is a warning, a short or documented seed is an error saying how to make one.
// Through the real executable and the real kpt.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { derivePassword } from '../../fn/model/db-password';
import { parseYamlDocuments } from '../../fn/yaml';
import { BIN, REPO_ROOT, run, tmpDir } from '../helpers';

const EXAMPLE = path.join(REPO_ROOT, 'example', 'backstage.yaml');
const RUNNER_SEED = 'runner-seed-5b0e1f7a93c2';
const REPO_SEED = 'committed-seed-71d2c0aa4e';

function passwordOf(stdout: string): string | undefined {
  const secret = (parseYamlDocuments(stdout) as Array<Record<string, any>>).find((o) => o.kind === 'Secret' && o.metadata.name === 'backstage-psql-secret-developer-hub');
  return secret?.stringData?.POSTGRES_PASSWORD;
}

function configFile(seed: string): string {
  const dir = tmpDir('seed-config');
  const file = path.join(dir, 'render.yaml');
  fs.writeFileSync(file, `apiVersion: fn.kpt.dev/v1alpha1\nkind: RenderBackstage\nmetadata:\n  name: render\nspec:\n  secretSeed: ${seed}\n`);
  return file;
}

describe('the secret seed is the runner\'s', () => {
  test('the environment seed wins over a config file\'s secretSeed, which is a warning', () => {
    const r = run(BIN, ['render', EXAMPLE, '--config', configFile(REPO_SEED)], { env: { BACKSTAGE_RENDER_SECRET_SEED: RUNNER_SEED } });
    expect(r.status).toBe(0);
    expect(passwordOf(r.stdout)).toBe(derivePassword(RUNNER_SEED, 'rhdh', 'backstage-psql-secret-developer-hub'));
    expect(r.stderr).toContain('warning: secretSeed in the function config: anyone who reads the repository can derive the database password from it');
    expect(r.stderr).toContain('(the BACKSTAGE_RENDER_SECRET_SEED seed is used, not this one)');
    expect(r.stderr).not.toContain(REPO_SEED);
    expect(r.stderr).not.toContain(RUNNER_SEED);
  });

  test('a config file\'s seed alone is used, with the warning', () => {
    const r = run(BIN, ['render', EXAMPLE, '--config', configFile(REPO_SEED)]);
    expect(r.status).toBe(0);
    expect(passwordOf(r.stdout)).toBe(derivePassword(REPO_SEED, 'rhdh', 'backstage-psql-secret-developer-hub'));
    expect(r.stderr).toMatch(/^warning: secretSeed in the function config/m);
  });

  test.each([
    ['a 1-character seed', 'x', 'has 1 characters; a seed needs at least 16'],
    ['a 15-character seed', '0123456789abcde', 'has 15 characters; a seed needs at least 16'],
    ['the README\'s example seed', 'example-seed', "is one printed in backstage-render's documentation"],
  ])('%s is an error saying how to make one, never printing it', (_name, seed, why) => {
    for (const how of [{ env: { BACKSTAGE_RENDER_SECRET_SEED: seed }, args: [] as string[] }, { env: {}, args: ['--secret-seed', seed] }]) {
      const r = run(BIN, ['render', EXAMPLE, ...how.args], { env: how.env });
      expect(r.status).toBe(1);
      expect(r.stdout).toBe('');
      expect(r.stderr).toContain(why);
      expect(r.stderr).toContain('openssl rand -base64 32');
      expect(r.stderr.replace(/backstage-render's|BACKSTAGE_RENDER_SECRET_SEED|--secret-seed/g, '')).not.toContain(seed === 'x' ? ' x ' : seed);
    }
  });

  test('kpt fn eval: a function-config seed loses to the runner\'s environment seed and warns', () => {
    const pkg = tmpDir('seed-kpt');
    fs.copyFileSync(EXAMPLE, path.join(pkg, 'backstage.yaml'));
    const r = run('kpt', ['fn', 'eval', pkg, '--exec', BIN, '--results-dir', path.join(pkg, '..', 'results-seed'), '-o', 'stdout', '--', `secretSeed=${REPO_SEED}`], {
      env: { BACKSTAGE_RENDER_SECRET_SEED: RUNNER_SEED },
    });
    expect(r.status).toBe(0);
    const items = (parseYamlDocuments(r.stdout)[0] as { items: Array<Record<string, any>> }).items;
    const secret = items.find((o) => o.kind === 'Secret' && o.metadata.name === 'backstage-psql-secret-developer-hub');
    expect(secret?.stringData?.POSTGRES_PASSWORD).toBe(derivePassword(RUNNER_SEED, 'rhdh', 'backstage-psql-secret-developer-hub'));
    expect(r.stderr).toContain('secretSeed in the function config');
  });
});

// The secret seed is the runner's: it derives the local database password (and whatever else is
// derived from it), so whoever knows it knows the password. Rules (issue #11, docs/security.md):
// - the runner's seed (--secret-seed, else BACKSTAGE_RENDER_SECRET_SEED) wins over a functionConfig's
//   or config file's `secretSeed`;
// - a seed in the functionConfig or a config file is a warning: it is committed with the package,
//   and anyone who reads the repository can derive the password;
// - a seed shorter than MIN_SEED_LENGTH, or one printed in our own documentation, is an error that
//   says how to make one. The seed itself is never printed.
import type { KObject, Result } from '../fn/kio/types';

export const SECRET_SEED_ENV = 'BACKSTAGE_RENDER_SECRET_SEED';
export const MIN_SEED_LENGTH = 16;
export const MAKE_SEED = 'openssl rand -base64 32';

/** Seeds our documentation printed at some time: everyone who copied one has the same password. */
const DOCUMENTED_SEEDS = new Set(['example-seed', 'fixture-seed', 'my-seed', 'changeme', 'secret']);

export interface SeedChoice {
  seed?: string;
  results: Result[];
}

function where(fc: KObject | undefined) {
  if (!fc) return {};
  return {
    resourceRef: { apiVersion: String(fc.apiVersion ?? ''), kind: String(fc.kind ?? ''), name: String(fc.metadata?.name ?? '') },
    field: { path: fc.kind === 'ConfigMap' ? 'data.secretSeed' : 'spec.secretSeed' },
  };
}

/** What is wrong with a seed (without printing it), or undefined. */
export function seedProblem(seed: string): string | undefined {
  if (DOCUMENTED_SEEDS.has(seed.trim())) return `is one printed in backstage-render's documentation, so everyone who copied it has the same database password; make your own with \`${MAKE_SEED}\``;
  const length = [...seed].length;
  if (length < MIN_SEED_LENGTH) return `has ${length} characters; a seed needs at least ${MIN_SEED_LENGTH} (a short one is found by trying seeds against one rendered password): make one with \`${MAKE_SEED}\``;
  return undefined;
}

/**
 * The seed this run uses: the runner's flag, else the runner's environment, else the function
 * config's (with a warning); an unusable seed is an error result.
 */
export function chooseSecretSeed(args: { flag?: string; env?: NodeJS.ProcessEnv; fromConfig?: string; functionConfig?: KObject }): SeedChoice {
  const results: Result[] = [];
  const envSeed = args.env?.[SECRET_SEED_ENV] || undefined;
  const runner: Array<[string | undefined, string]> = [
    [args.flag, '--secret-seed'],
    [envSeed, SECRET_SEED_ENV],
  ];
  const fromRunner = runner.find(([s]) => s !== undefined && s !== '');
  if (args.fromConfig !== undefined) {
    results.push({
      severity: 'warning',
      message:
        `secretSeed in the function config: anyone who reads the repository can derive the database password from it; ` +
        `give the seed in the ${SECRET_SEED_ENV} environment variable (or --secret-seed) instead and remove it from the file` +
        (fromRunner ? ` (the ${fromRunner[1]} seed is used, not this one)` : ''),
      ...where(args.functionConfig),
    });
  }
  const [seed, source] = fromRunner ?? (args.fromConfig !== undefined ? [args.fromConfig, 'secretSeed'] : [undefined, '']);
  if (seed === undefined) return { results };
  const problem = seedProblem(seed);
  if (problem) {
    results.push({ severity: 'error', message: `the secret seed (${source}) ${problem}`, ...(source === 'secretSeed' ? where(args.functionConfig) : {}) });
    return { results };
  }
  return { seed, results };
}

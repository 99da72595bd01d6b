// Property tests (fast-check) run with a fixed seed, so a run can be replayed: a failure prints
// `{ seed: N, path: "…" }` and the counterexample. BACKSTAGE_RENDER_FC_SEED=random draws a new seed
// per run (to explore locally); BACKSTAGE_RENDER_FC_SEED=N replays seed N (docs/testing.md).
import type { Parameters } from 'fast-check';

const FIXED_SEED = 20261121;

function seedFromEnv(): number {
  const v = process.env.BACKSTAGE_RENDER_FC_SEED;
  if (v === undefined || v === '') return FIXED_SEED;
  if (v === 'random') return (Math.random() * 2 ** 31) | 0;
  if (!/^-?\d+$/.test(v)) throw new Error(`BACKSTAGE_RENDER_FC_SEED must be an integer or "random", not ${JSON.stringify(v)}`);
  return Number(v);
}

export const FC_SEED = seedFromEnv();

/** fast-check parameters with the run's seed; the seed is part of every failure report. */
export function fcParams<T>(params: Parameters<T> = {}): Parameters<T> {
  return { ...params, seed: FC_SEED };
}

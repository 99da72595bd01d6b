// The fixture cases (fixtures/<case>/input.yaml + options.yaml) as CLI arguments: shared by the
// in-process fixture test and the one that runs the built bundle.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseYaml } from '../fn/yaml';
import { REPO_ROOT } from './helpers';

export const FIXTURES = path.join(REPO_ROOT, 'fixtures');

export function fixtureCases(): string[] {
  return fs.existsSync(FIXTURES)
    ? fs
        .readdirSync(FIXTURES)
        .filter((d) => fs.existsSync(path.join(FIXTURES, d, 'input.yaml')))
        .sort()
    : [];
}

/** `render input.yaml` with the flags of options.yaml (and its `env`). */
export function fixtureArgs(dir: string): { argv: string[]; env: NodeJS.ProcessEnv } {
  const argv = ['render', path.join(dir, 'input.yaml')];
  const optionsFile = path.join(dir, 'options.yaml');
  const env: NodeJS.ProcessEnv = {};
  if (fs.existsSync(optionsFile)) {
    const opts = (parseYaml(fs.readFileSync(optionsFile, 'utf8')) ?? {}) as Record<string, unknown>;
    for (const [k, v] of Object.entries(opts)) {
      if (k === 'env') {
        Object.assign(env, v);
        continue;
      }
      const flag = `--${k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
      if (v === true) argv.push(flag);
      else argv.push(flag, String(v));
    }
  }
  return { argv, env };
}

// Same input, same bytes: whatever the order of the input items, run after run.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runKrmFunction } from '../../cli/krm';
import { parseYamlDocuments, stringifyYaml } from '../../fn/yaml';
import { REPO_ROOT } from '../helpers';

function shuffled<T>(items: T[], seed: number): T[] {
  const out = [...items];
  let s = seed;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) % 2147483648;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

const FIXTURES = path.join(REPO_ROOT, 'fixtures');
const inputs = fs.existsSync(FIXTURES)
  ? fs
      .readdirSync(FIXTURES)
      .filter((d) => fs.existsSync(path.join(FIXTURES, d, 'input.yaml')))
      .sort()
  : [];

describe('determinism-0123456789abcdef', () => {
  test.each(inputs)('%s: shuffled items give byte-identical output', (name) => {
    const items = parseYamlDocuments(fs.readFileSync(path.join(FIXTURES, name, 'input.yaml'), 'utf8'));
    const env = { BACKSTAGE_RENDER_SECRET_SEED: 'determinism-0123456789abcdef' };
    const rl = (its: unknown[]) => stringifyYaml({ apiVersion: 'config.kubernetes.io/v1', kind: 'ResourceList', items: its });
    const first = runKrmFunction(rl(items), env, REPO_ROOT);
    expect(runKrmFunction(rl(items), env, REPO_ROOT)).toEqual(first);
    for (const seed of [1, 2, 3]) expect(runKrmFunction(rl(shuffled(items, seed)), env, REPO_ROOT)).toEqual(first);
  });
});

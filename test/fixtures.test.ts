// Fixtures are the spec: each fixtures/<case>/ holds an input and the whole expected output of
// `backstage-render render` for it. Regenerate on purpose with `npm run fixtures:update`, then
// read the diff before committing it.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { main } from '../cli/main';
import { parseYaml, stringifyYaml } from '../fn/yaml';
import { REPO_ROOT } from './helpers';

const FIXTURES = path.join(REPO_ROOT, 'fixtures');
const UPDATE = process.env.UPDATE_FIXTURES === '1';

export interface FixtureOutcome {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI door on a fixture: `render input.yaml` with the flags of options.yaml. */
export function renderFixture(dir: string): FixtureOutcome {
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
  let stdout = '';
  let stderr = '';
  const exitCode = main({
    argv,
    env,
    cwd: REPO_ROOT,
    readStdin: () => '',
    stdout: (s) => (stdout += s),
    stderr: (s) => (stderr += s),
  });
  return { exitCode, stdout, stderr };
}

function expectedFiles(outcome: FixtureOutcome): Record<string, string> {
  return {
    'expected.yaml': outcome.stdout,
    'expected-results.yaml': stringifyYaml({ exitCode: outcome.exitCode, stderr: outcome.stderr.split('\n').filter((l) => l !== '') }),
  };
}

const cases = fs.existsSync(FIXTURES)
  ? fs
      .readdirSync(FIXTURES)
      .filter((d) => fs.existsSync(path.join(FIXTURES, d, 'input.yaml')))
      .sort()
  : [];

describe('fixtures', () => {
  test('there are fixtures', () => {
    expect(cases.length).toBeGreaterThan(0);
  });

  test.each(cases)('%s', (name) => {
    const dir = path.join(FIXTURES, name);
    const files = expectedFiles(renderFixture(dir));
    for (const [file, text] of Object.entries(files)) {
      const p = path.join(dir, file);
      if (UPDATE) fs.writeFileSync(p, text);
      expect(fs.existsSync(p) ? fs.readFileSync(p, 'utf8') : `<${file} missing: run npm run fixtures:update>`).toBe(text);
    }
  });
});

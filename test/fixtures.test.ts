// Fixtures are the spec: each fixtures/<case>/ holds an input and the whole expected output of
// `backstage-render render` for it. Regenerate on purpose with `npm run fixtures:update`, then
// read the diff before committing it.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { main } from '../cli/main';
import { stringifyYaml } from '../fn/yaml';
import { FIXTURES, fixtureArgs, fixtureCases } from './fixture-cases';
import { REPO_ROOT } from './helpers';

const UPDATE = process.env.UPDATE_FIXTURES === '1';

export interface FixtureOutcome {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI door on a fixture: `render input.yaml` with the flags of options.yaml. */
export function renderFixture(dir: string): FixtureOutcome {
  const { argv, env } = fixtureArgs(dir);
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

const cases = fixtureCases();

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

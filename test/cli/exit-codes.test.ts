// One exit-code table for every command (README, "Exit codes"; issue 13): 0 success, 1 errors in
// the input or the options (usage errors too), 2 differences found (diff), 3 internal errors.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { BIN, REPO_ROOT, run, tmpDir } from '../helpers';
import { EXIT_CODES } from '../../cli/help';

describe('exit codes', () => {
  test.each([
    ['render', ['render', '--no-such-flag']],
    ['diff', ['diff', '--no-such-flag']],
    ['profile-from-manifest', ['profile-from-manifest']],
    ['an unknown command', ['no-such-command']],
  ])('a usage error in %s exits 1 with one error line', (_name, args) => {
    const r = run(BIN, args);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^error: /);
  });
});

describe('an input path with no YAML in it', () => {
  test('render of an empty directory is an error, exit 1', () => {
    const dir = tmpDir('empty-input');
    fs.mkdirSync(path.join(dir, 'nothing-here'));
    fs.writeFileSync(path.join(dir, 'nothing-here', 'notes.txt'), 'not yaml');
    const r = run(BIN, ['render', 'nothing-here'], { cwd: dir });
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('error: nothing-here: no YAML files (*.yaml, *.yml) in this directory\n');
  });

  test('diff of an empty directory too', () => {
    const dir = tmpDir('empty-input-diff');
    fs.mkdirSync(path.join(dir, 'empty'));
    const r = run(BIN, ['diff', 'empty', '--against', 'empty'], { cwd: dir });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('empty: no YAML files (*.yaml, *.yml) in this directory');
  });
});

test('the README and --help give the same exit-code table (cli/help.ts EXIT_CODES)', () => {
  const help = run(BIN, ['--help']).stdout;
  expect(help).toContain('3  an internal error, a bug of ours: the message asks you to report it');
  const readme = fs.readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
  for (const [code, meaning] of EXIT_CODES) expect(readme).toContain(`| ${code} | ${meaning} |`);
});

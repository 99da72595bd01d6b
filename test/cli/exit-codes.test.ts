// One exit-code table for every command (README, "Exit codes"; issue 13): 0 success, 1 errors in
// the input or the options (usage errors too), 2 differences found (diff), 3 internal errors.
import { BIN, run } from '../helpers';

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

// An internal error (a bug of ours) exits 3 with the same one line from every door: the KRM door
// did; `render` and `diff` said `error: …` and exited 1, as for a mistake in the input (issue 10).
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as renderCore from '../../fn/render';
import { runToOutcome } from '../../cli/outcome';
import { tmpDir } from '../helpers';

const CR = 'apiVersion: rhdh.redhat.com/v1alpha5\nkind: Backstage\nmetadata:\n  name: hub\n  namespace: team\nspec: {}\n';
const RL = `apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems:\n- ${CR.replace(/\n(?=.)/g, '\n  ')}`;
const env = { BACKSTAGE_RENDER_SECRET_SEED: 'internal-error-test-seed-0123' };
const outcome = (argv: string[], stdin: string) => runToOutcome({ argv, env, cwd: process.cwd(), readStdin: () => stdin, stdinIsTTY: false, columns: undefined });

describe('an internal error exits 3 from every door', () => {
  afterEach(() => jest.restoreAllMocks());

  test.each([
    ['the KRM door', [] as string[], RL],
    ['render', ['render', '-'], CR],
    ['diff', ['diff', '-', '--against', 'AGAINST'], CR],
  ])('%s: exit 3, the internal-error line', (_door, argv, stdin) => {
    const bug = () => {
      throw new TypeError("Cannot read properties of undefined (reading 'x')");
    };
    // The KRM door streams (renderBackstageTo), the CLI collects (renderBackstage).
    jest.spyOn(renderCore, 'renderBackstage').mockImplementation(bug);
    jest.spyOn(renderCore, 'renderBackstageTo').mockImplementation(bug);
    const against = tmpDir('internal-error-against');
    fs.writeFileSync(path.join(against, 'cm.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n');
    const r = outcome(argv.map((a) => (a === 'AGAINST' ? against : a)), stdin);
    expect(r.code).toBe(3);
    expect(r.err).toBe("internal error: Cannot read properties of undefined (reading 'x'). Please report this with the input that caused it (BACKSTAGE_RENDER_DEBUG=1 prints the stack).\n");
  });

  test('a mistake in the input is still 1 (render of a path that does not exist)', () => {
    const r = outcome(['render', '/no/such/path.yaml'], '');
    expect(r.code).toBe(1);
    expect(r.err).toBe('error: /no/such/path.yaml: no such file or directory\n');
  });
});

// Help that reads well (issue 13): unwrapped when piped, wrapped to a terminal's width, every option
// with its default, the function config's whole spec, --version, examples at the end; a terminal
// on stdin is an error, not a silent wait.
import { spawnSync } from 'node:child_process';
import { BIN, run } from '../helpers';
import { main, type Io } from '../../cli/main';
import { OPTION_NAMES, optionSpecs } from '../../fn/options';
import { flagUsage } from '../../cli/option-flags';
import { PACKAGE_VERSION } from '../../cli/version';

function callMain(argv: string[], extra: Partial<Io> = {}): { code: number; out: string; err: string } {
  let out = '';
  let err = '';
  const code = main({ argv, env: {}, cwd: '/', readStdin: () => { throw new Error('stdin read'); }, stdout: (s) => (out += s), stderr: (s) => (err += s), ...extra });
  return { code, out, err };
}

describe('--help', () => {
  const help = run(BIN, ['--help']).stdout;

  test('piped: sentences are not broken mid-line (the description is one line per paragraph)', () => {
    expect(help).toContain('Render a Backstage / Red Hat Developer Hub custom resource (rhdh.redhat.com Backstage) into the Kubernetes objects the rhdh-operator would create: Deployment, Services, Route, local PostgreSQL, app-config and dynamic-plugins ConfigMaps, and the plugin dependencies its dynamic plugins need.\n');
  });

  test('on a terminal: wrapped to its width', () => {
    const { out } = callMain(['--help'], { columns: 70 });
    expect(Math.max(...out.split('\n').filter((l) => !l.startsWith('  ') && !l.startsWith('Usage')).map((l) => l.length))).toBeLessThanOrEqual(70);
    expect(out).toContain('Render a Backstage / Red Hat Developer Hub custom resource\n');
  });

  test('the function config spec lists every option with its values and default (what kpt fn doc shows)', () => {
    const spec = help.slice(help.indexOf('  spec:\n'), help.indexOf('\nExit codes'));
    for (const name of OPTION_NAMES) expect(spec).toMatch(new RegExp(`^    ${name}: .* \\(default: [^)]+\\): `, 'm'));
  });

  test('the exit codes and, at the end, examples', () => {
    expect(help).toMatch(/Exit codes \(every command\):\n  0  success.*\n  1  an error in the input or the options, usage errors too.*\n  2  diff only: differences found\n  3  an internal error/);
    expect(help.trimEnd().split('\n').slice(-6)[0]).toBe('Examples:');
  });

  test('render --help: every option flag with its default; exit codes and examples', () => {
    const r = run(BIN, ['render', '--help']).stdout;
    for (const [name, spec] of optionSpecs()) {
      const usage = flagUsage(name, spec);
      if (usage) expect(r).toMatch(new RegExp(`^  ${usage.replace(/[[\]]/g, '\\$&')} +.*\\(default: [^)]+\\)`, 'm'));
    }
    for (const line of r.split('\n').filter((l) => /^ {2}-/.test(l) && !l.includes('--help'))) expect(line).toContain('(default: ');
    expect(r).toContain('Exit codes (every command):');
    expect(r.trimEnd().split('\n').slice(-4)[0]).toBe('Examples:');
  });

  test('--version prints the package version', () => {
    expect(run(BIN, ['--version']).stdout).toContain(`backstage-render ${PACKAGE_VERSION}`);
  });
});

describe('a terminal on stdin', () => {
  test('no arguments: an error saying what is expected, exit 1, stdin not read', () => {
    const r = callMain([], { stdinIsTTY: true });
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^error: with no arguments backstage-render is a KRM function and reads a ResourceList on stdin, but stdin is a terminal/);
  });

  test('render with no path: an error, exit 1, stdin not read', () => {
    const r = callMain(['render'], { stdinIsTTY: true });
    expect(r.code).toBe(1);
    expect(r.err).toBe('error: no input: give YAML files or directories, or pipe YAML in (`-` reads it from the terminal)\n');
  });

  test('render -: a prompt, then the terminal is read', () => {
    let prompted = '';
    const r = callMain(['render', '-'], { stdinIsTTY: true, prompt: (s) => (prompted += s), readStdin: () => '' });
    expect(prompted).toBe('Reading YAML from the terminal; end it with Ctrl-D.\n');
    expect(r.code).toBe(0);
  });

  test('the real executable under a terminal (script): the error, not a wait', () => {
    const r = spawnSync('script', ['-qc', `${BIN}; echo "exit=$?"`, '/dev/null'], { encoding: 'utf8', timeout: 20000, input: '' });
    expect(r.stdout).toContain('stdin is a terminal');
    expect(r.stdout).toContain('exit=1');
  });
});

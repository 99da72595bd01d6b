// The doors at their edges (issue 10, items 7 and 8): what happens when stdout cannot be written,
// and option names or files that only look valid. Through the real executable.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseFunctionConfig } from '../../fn/options';
import { runToOutcome } from '../../cli/outcome';
import { BIN, REPO_ROOT, tmpDir } from '../helpers';
import { runBin } from '../reliability/support';

const SEED = { BACKSTAGE_RENDER_SECRET_SEED: 'boundary-seed-0123456789abcdef' };
const CR = (name: string) => `apiVersion: rhdh.redhat.com/v1alpha5\nkind: Backstage\nmetadata:\n  name: ${name}\n  namespace: ns1\n`;

/** A shell line run by bash with the executable as $BR; prints stderr and the status line. */
function shell(line: string, input = ''): { stdout: string; stderr: string; status: number | null } {
  const r = spawnSync('bash', ['-c', line], {
    cwd: REPO_ROOT,
    input,
    encoding: 'utf8',
    env: { PATH: process.env.PATH, HOME: process.env.HOME, BR: `${process.execPath} ${BIN}`, ...SEED },
    timeout: 60000,
  });
  return { stdout: r.stdout, stderr: r.stderr, status: r.status };
}

describe('output failures (item 7)', () => {
  // Forty CRs: about 1.4 MB of output, far more than a pipe holds, so `head` closes it mid-write.
  const many = Array.from({ length: 40 }, (_, i) => CR(`bs${i}`)).join('---\n');
  let dir: string;
  beforeAll(() => {
    dir = tmpDir('br-out-');
    fs.writeFileSync(path.join(dir, 'crs.yaml'), many);
  });

  test('a reader that goes away (| head) ends the render quietly with status 141, as cat', () => {
    const r = shell(`$BR render ${dir}/crs.yaml 2>${dir}/err | head -1; echo "status=\${PIPESTATUS[0]}"; grep -v '^info: ' ${dir}/err; true`);
    expect(r.stdout).toBe('apiVersion: v1\nstatus=141\n');
    expect(r.stderr).toBe('');
  });

  test('a full disk (/dev/full) is one line on stderr and exit 1', () => {
    const r = shell(`$BR render ${dir}/crs.yaml >/dev/full 2>${dir}/err; echo "status=$?"; grep -v '^info: ' ${dir}/err`);
    expect(r.stdout).toBe('status=1\nerror: could not write the output to stdout (ENOSPC); nothing usable was written\n');
  });

  test('a closed stdout (>&-) is one line on stderr and exit 1, for both doors; >/dev/null is not an error', () => {
    const render = shell(`$BR render ${dir}/crs.yaml >&- 2>${dir}/err; echo "status=$?"; grep -v '^info: ' ${dir}/err`);
    expect(render.stdout).toBe('status=1\nerror: could not write the output to stdout (EBADF: stdout is closed); nothing usable was written\n');
    const list = `apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems:\n- ${CR('bs1').replace(/\n(?=.)/g, '\n  ')}`;
    // (the KRM door writes files: dbSecret plain's warning about the plaintext password is left out here too)
    const krm = shell(`$BR >&- 2>${dir}/err; echo "status=$?"; grep -v -e '^info: ' -e '^warning: dbSecret plain' ${dir}/err`, list);
    expect(krm.stdout).toBe('status=1\nerror: could not write the output to stdout (EBADF: stdout is closed); nothing usable was written\n');
    const devNull = shell(`$BR render ${dir}/crs.yaml >/dev/null 2>${dir}/err; echo "status=$?"; grep -v '^info: ' ${dir}/err; true`);
    expect(devNull.stdout).toBe('status=0\n');
  });
});

describe('the KRM door always answers with a ResourceList or one error line (item 7)', () => {
  test('an internal error: a ResourceList with the error result, one line on stderr, exit 3', () => {
    const o = runToOutcome({ argv: [], env: {}, cwd: REPO_ROOT, readStdin: () => { throw new Error('boom'); } });
    const message = 'internal error: boom. Please report this with the input that caused it (BACKSTAGE_RENDER_DEBUG=1 prints the stack).';
    expect(o).toEqual({ out: [`apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems: []\nresults:\n  - message: \"${message}\"\n    severity: error\n`], err: `${message}\n`, code: 3 });
  });
});

describe('options are looked up as own properties (item 8)', () => {
  test.each(['constructor', 'toString', '__proto__', 'valueOf', 'hasOwnProperty'])('functionConfig option %s is unknown', (name) => {
    const data: Record<string, unknown> = {};
    Object.defineProperty(data, name, { value: 'x', enumerable: true });
    const r = parseFunctionConfig({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'fi' }, data });
    expect(r.options).toEqual({});
    expect(r.results).toEqual([
      expect.objectContaining({ severity: 'error', message: expect.stringMatching(new RegExp(`^unknown option "${name}"; accepted options: platform, `)), field: { path: `data.${name}` } }),
    ]);
  });

  test('through the KRM door: unknown option, exit 1', () => {
    const list = `apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems: []\nfunctionConfig:\n  apiVersion: v1\n  kind: ConfigMap\n  metadata: {name: fi}\n  data: {constructor: x, toString: y}\n`;
    const r = runBin([], { input: list, env: SEED });
    expect(r.status).toBe(1);
    expect(r.stderr.split('\n').filter((l) => l.startsWith('error: ')).map((l) => l.slice(0, 35))).toEqual(['error: unknown option "constructor"', 'error: unknown option "toString"; a']);
  });
});

describe('invalid UTF-8 in files we read is an error naming the file and byte (item 8)', () => {
  const BAD = Buffer.concat([Buffer.from('apiVersion: fn.kpt.dev/v1alpha1\nkind: RenderBackstage\nmetadata: {name: r}\nspec:\n  backstageImage: quay.io/x/'), Buffer.from([0xff, 0xfe]), Buffer.from('y:1\n')]);

  test('--config', () => {
    const dir = tmpDir('br-utf8-');
    fs.writeFileSync(path.join(dir, 'fc.yaml'), BAD);
    fs.writeFileSync(path.join(dir, 'cr.yaml'), CR('bs1'));
    const r = runBin(['render', 'cr.yaml', '--config', 'fc.yaml'], { cwd: dir, env: SEED });
    expect({ status: r.status, stdout: r.stdout, stderr: r.stderr }).toEqual({
      status: 1,
      stdout: '',
      stderr: 'error: --config fc.yaml: not valid UTF-8 (line 5, byte 109); YAML input must be UTF-8 text\n',
    });
  });

  test('a profile directory file', () => {
    const dir = tmpDir('br-utf8-');
    fs.mkdirSync(path.join(dir, 'profile', 'default-config'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'profile', 'default-config', 'app-config.yaml'), Buffer.from([0x61, 0x3a, 0x20, 0xc3, 0x28, 0x0a]));
    fs.writeFileSync(path.join(dir, 'cr.yaml'), CR('bs1'));
    const r = runBin(['render', 'cr.yaml', '--profile', 'profile'], { cwd: dir, env: SEED });
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`error: ${path.join(dir, 'profile', 'default-config', 'app-config.yaml')}: not valid UTF-8 (line 1, byte 4); YAML input must be UTF-8 text\n`);
  });

  test('the kustomize plugin config', () => {
    const dir = tmpDir('br-utf8-');
    fs.writeFileSync(path.join(dir, 'plugin.yaml'), BAD);
    const r = runBin(['kustomize-plugin', path.join(dir, 'plugin.yaml')], { cwd: dir, env: SEED });
    expect({ status: r.status, stderr: r.stderr }).toEqual({ status: 1, stderr: `error: plugin config ${path.join(dir, 'plugin.yaml')}: not valid UTF-8 (line 5, byte 109); YAML input must be UTF-8 text\n` });
  });
});

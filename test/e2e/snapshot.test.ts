// bin/backstage-render starts Node from the bundle's V8 start-up snapshot (dist/backstage-render.blob,
// made by scripts/build.js with the node that ran the build) only when that is safe: the node on
// PATH is the very file that made the blob, not changed since, and no NODE_OPTIONS could change
// V8's flags; when Node refuses the blob anyway (exit 14) it runs the bundle. In every case the
// output is the bundle's. docs/performance.md, Start-up.
//
// Each case runs a copy of bin/ and dist/ laid out as in the clone, with a `node` first on PATH
// that logs how it was started and then runs the real node: so the test sees which path was taken.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { BIN, REPO_ROOT, run, tmpDir, type Run } from '../helpers';
import { node24 } from '../node24';

const DIST = path.join(REPO_ROOT, 'dist');
const BUNDLE = path.join(DIST, 'backstage-render.js');
const BLOB = path.join(DIST, 'backstage-render.blob');
const SEED = { BACKSTAGE_RENDER_SECRET_SEED: 'snapshot-test-seed-0123456789abcdef' };
const CR_FILE = path.join(REPO_ROOT, 'fixtures', 'orchestrator-flavour', 'input.yaml');
const RESOURCE_LIST = `apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems:\n${fs
  .readFileSync(CR_FILE, 'utf8')
  .split('\n---\n')
  .map((doc) => doc.replace(/^#.*\n/gm, '').trimEnd())
  .filter((doc) => doc !== '')
  .map((doc) => `  - ${doc.split('\n').join('\n    ')}`)
  .join('\n')}\n`;

interface Layout {
  bin: string;
  path: string;
  log: string;
  blob: string;
}

/**
 * bin/ and dist/ (the bundle; the blob as given) in a new directory, and a logging `node`. The
 * blob's link (dist/backstage-render.blob.node) names the logging node unless `linkTo` says else.
 */
function layout(opts: { blob?: string | null; linkTo?: string; node?: string } = {}): Layout {
  const root = tmpDir('snapshot-layout');
  const shimDir = path.join(root, 'node-bin');
  const log = path.join(root, 'node.log');
  for (const d of ['bin', 'dist', 'node-bin']) fs.mkdirSync(path.join(root, d));
  const shim = path.join(shimDir, 'node');
  fs.writeFileSync(shim, `#!/bin/sh\nprintf '%s\\n' "$*" >> '${log}'\nexec '${opts.node ?? process.execPath}' "$@"\n`, { mode: 0o755 });
  fs.copyFileSync(BIN, path.join(root, 'bin', 'backstage-render'));
  fs.chmodSync(path.join(root, 'bin', 'backstage-render'), 0o755);
  fs.copyFileSync(BUNDLE, path.join(root, 'dist', 'backstage-render.js'));
  const blobFile = path.join(root, 'dist', 'backstage-render.blob');
  const source = opts.blob === undefined ? BLOB : opts.blob;
  if (source !== null) {
    fs.copyFileSync(source, blobFile); // after the shim: the blob is newer than the node, as after a build
    fs.symlinkSync(opts.linkTo ?? shim, `${blobFile}.node`);
  }
  // The blob as bin/backstage-render names it: beside itself, `bin/../dist/`.
  return { bin: path.join(root, 'bin', 'backstage-render'), path: `${shimDir}:${process.env.PATH}`, log, blob: `${root}/bin/../dist/backstage-render.blob` };
}

/** How the logging node was started, one line per start (its arguments). */
function starts(l: Layout): string[] {
  return fs.existsSync(l.log) ? fs.readFileSync(l.log, 'utf8').trimEnd().split('\n') : [];
}

function viaLayout(l: Layout, args: string[], opts: { input?: string; env?: NodeJS.ProcessEnv; cmd?: string } = {}): Run {
  fs.rmSync(l.log, { force: true });
  return run(opts.cmd ?? l.bin, opts.cmd ? [l.bin, ...args] : args, { input: opts.input, env: { ...SEED, ...opts.env, PATH: l.path } });
}

/** The bundle itself, run by node: what every path must print. */
function viaBundle(args: string[], input?: string): Run {
  return run(process.execPath, [BUNDLE, ...args], { input, env: SEED });
}

const CASES: Array<[string, string[], string | undefined]> = [
  ['the KRM door (a ResourceList on stdin)', [], RESOURCE_LIST],
  ['render FILE', ['render', CR_FILE], undefined],
  ['render - (stdin)', ['render', '-'], fs.readFileSync(CR_FILE, 'utf8')],
  ['--version', ['--version'], undefined],
  ['--help', ['--help'], undefined],
  ['a mistake: an unknown option, exit 1', ['render', '--no-such-option', CR_FILE], undefined],
];

describe('the start-up snapshot', () => {
  test('the build made one for the node that ran it, so bin/backstage-render here starts from it', () => {
    expect(fs.existsSync(BLOB)).toBe(true);
    expect(fs.realpathSync(`${BLOB}.node`)).toBe(fs.realpathSync(process.execPath));
    expect(fs.statSync(BLOB).mtimeMs).toBeGreaterThanOrEqual(fs.statSync(process.execPath).mtimeMs);
  });

  test.each(CASES)('%s: started from the snapshot, the same stdout, stderr and exit code as the bundle', (_what, args, input) => {
    const l = layout();
    const r = viaLayout(l, args, { input });
    expect(starts(l)).toEqual([['--snapshot-blob', l.blob, '--', ...args].join(' ')]);
    expect(r).toEqual(viaBundle(args, input));
  });

  test('the KRM door from the snapshot gives the rendered objects (not an empty or error list)', () => {
    const r = viaLayout(layout(), [], { input: RESOURCE_LIST });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^kind: ResourceList$/m);
    expect(r.stdout).toMatch(/^ {4}kind: SonataFlowPlatform$/m);
    // Nothing of the build's warm-up sample (cli/snapshot.ts) shows.
    expect(r.stdout).not.toMatch(/snapshot-sample|snapshot-flow|warm-up/);
  });
});

describe('on Node 24 (the image\'s line; the package supports Node 20, 22 and 24)', () => {
  let node = '';
  beforeAll(() => {
    node = node24();
  }, 300000);

  test('a snapshot made by Node 24 starts under Node 24 and prints what the bundle prints there', () => {
    const blob = path.join(tmpDir('snapshot-node24'), 'backstage-render.blob');
    const made = spawnSync(node, ['--snapshot-blob', blob, '--build-snapshot', BUNDLE], { encoding: 'utf8' });
    expect([made.status, made.stderr]).toEqual([0, '']);
    const l = layout({ blob, node });
    for (const [, args, input] of CASES) {
      const r = viaLayout(l, args, { input });
      expect(starts(l)).toEqual([['--snapshot-blob', l.blob, '--', ...args].join(' ')]);
      expect(r).toEqual(run(node, [BUNDLE, ...args], { input, env: SEED }));
    }
  });

  test('the blob of the machine\'s node (Node 20 here) under Node 24: node refuses it (exit 14), the bundle runs', () => {
    // The link says the blob is this Node 24's (as if node had been replaced in place): only node can tell.
    const l = layout({ node });
    const r = viaLayout(l, [], { input: RESOURCE_LIST });
    expect(starts(l)).toEqual([['--snapshot-blob', l.blob, '--'].join(' '), l.bin]);
    const bundle = run(node, [BUNDLE], { input: RESOURCE_LIST, env: SEED });
    expect([r.status, r.stdout]).toEqual([bundle.status, bundle.stdout]);
    expect(r.stderr.endsWith(bundle.stderr)).toBe(true);
    expect(r.stderr.slice(0, r.stderr.length - bundle.stderr.length)).toMatch(/^Failed to load the startup snapshot because it was built with ?Node\.js version [0-9.]+ and the current Node\.js version is v24\.[0-9.]+\.\n$/);
  });
});

describe('bin/backstage-render runs the bundle, not the snapshot', () => {
  const expectBundle = (l: Layout, args: string[], r: Run, input?: string) => {
    expect(starts(l)).toEqual([[l.bin, ...args].join(' ')]);
    expect(r).toEqual(viaBundle(args, input));
  };

  test('when the blob was made by another node', () => {
    const l = layout({ linkTo: '/bin/sh' });
    expectBundle(l, [], viaLayout(l, [], { input: RESOURCE_LIST }), RESOURCE_LIST);
  });

  test('when the node on PATH changed after the blob was made (newer than the blob)', () => {
    const l = layout();
    const past = new Date(Date.now() - 3600_000);
    fs.utimesSync(l.blob, past, past);
    expectBundle(l, ['--version'], viaLayout(l, ['--version']));
  });

  test('when NODE_OPTIONS is set (V8 flags of its own would not match the blob)', () => {
    const l = layout();
    const r = viaLayout(l, ['--version'], { env: { NODE_OPTIONS: '--max-old-space-size=512' } });
    expectBundle(l, ['--version'], r);
  });

  test('when there is no blob (the npm package ships none)', () => {
    const l = layout({ blob: null });
    expectBundle(l, [], viaLayout(l, [], { input: RESOURCE_LIST }), RESOURCE_LIST);
  });

  test('when it is started through a symbolic link (npm puts one in .bin/)', () => {
    const l = layout();
    const link = path.join(path.dirname(l.log), 'backstage-render-link');
    fs.symlinkSync(l.bin, link);
    fs.rmSync(l.log, { force: true });
    const r = run(link, ['--version'], { env: { ...SEED, PATH: l.path } });
    expect(starts(l)).toEqual([[link, '--version'].join(' ')]);
    expect(r).toEqual(viaBundle(['--version']));
  });

  test('when node runs it as a script (node bin/backstage-render): the file is JavaScript too', () => {
    const l = layout();
    const r = viaLayout(l, [], { input: RESOURCE_LIST, cmd: 'node' });
    expect(starts(l)).toEqual([l.bin]);
    expect(r).toEqual(viaBundle([], RESOURCE_LIST));
  });

  test('when node refuses the blob (exit 14: made with other V8 flags), after node says why', () => {
    // A blob made with a V8 flag a run does not have: the link and the times say it is this
    // node's, as when a node binary was replaced in place, so only node itself can tell.
    const other = path.join(tmpDir('snapshot-other-flags'), 'other.blob');
    const made = spawnSync(process.execPath, ['--min-semi-space-size=16', '--snapshot-blob', other, '--build-snapshot', BUNDLE], { encoding: 'utf8' });
    expect([made.status, made.stderr]).toEqual([0, '']);
    const l = layout({ blob: other });
    const r = viaLayout(l, [], { input: RESOURCE_LIST });
    expect(starts(l)).toEqual([['--snapshot-blob', l.blob, '--'].join(' '), l.bin]);
    const bundle = viaBundle([], RESOURCE_LIST);
    expect([r.status, r.stdout]).toEqual([bundle.status, bundle.stdout]);
    // Node's own lines first (the one leak of this path), then exactly the bundle's.
    expect(r.stderr.endsWith(bundle.stderr)).toBe(true);
    expect(r.stderr.slice(0, r.stderr.length - bundle.stderr.length)).toMatch(/^Failed to load the startup snapshot because it was built with a different version of V8 or with different V8 configurations\.\n(Expected tag \w+, read \w+\n)?$/);
  });
});

// `render -o DIR` owns only what it wrote, atomically (issue #11): real files, real symlinks, a
// real kill -9 and two real processes, through the built executable.
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { LOCK_FILE, MANIFEST_FILE, STAGING_DIR } from '../../cli/output-dir';
import { BIN, readTree, run, tmpDir } from '../helpers';

const SEED = { BACKSTAGE_RENDER_SECRET_SEED: 'outdir-seed-0123456789abcdef' };

function cr(name: string, ns = 'team', host?: string): string {
  return `apiVersion: rhdh.redhat.com/v1alpha5\nkind: Backstage\nmetadata:\n  name: ${name}\n  namespace: ${ns}\nspec:\n  application:\n    route:\n      enabled: true${host ? `\n      host: ${host}` : ''}\n`;
}

/** A file holding these CRs; returns its path. */
function input(dir: string, file: string, docs: string[]): string {
  const p = path.join(dir, file);
  fs.writeFileSync(p, docs.join('---\n'));
  return p;
}

function render(args: string[], cwd?: string) {
  return run(BIN, ['render', '--ingress-domain', 'apps.example.com', ...args], { env: SEED, ...(cwd ? { cwd } : {}) });
}

/** Every entry below dir, symlinks and hidden files included: path -> content / `-> target` / `dir`. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string, rel: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isSymbolicLink()) out[r] = `-> ${fs.readlinkSync(p)}`;
      else if (e.isDirectory()) {
        out[r] = 'dir';
        walk(p, r);
      } else out[r] = `${(fs.statSync(p).mode & 0o777).toString(8)} ${fs.readFileSync(p, 'utf8')}`;
    }
  };
  walk(dir, '');
  return out;
}

/** Until the killed child has stopped (a zombie counts: the test's event loop reaps it later). */
function waitDead(pid: number): void {
  for (;;) {
    let state = 'Z';
    try {
      state = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /s, '')[0];
    } catch {
      // gone
    }
    if (state === 'Z' || state === 'X') return;
    spawnSync('sleep', ['0.01']);
  }
}

/** The process has ended (a zombie until reaped, or gone). */
function isDead(pid: number): boolean {
  try {
    const state = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /s, '')[0];
    return state === 'Z' || state === 'X';
  } catch {
    return true;
  }
}

const yamlFiles = (tree: Record<string, string>, prefix = '') => Object.keys(tree).filter((f) => f.startsWith(prefix) && f.endsWith('.yaml')).sort();

describe('render -o DIR removes only what an earlier render wrote for a CR of this run', () => {
  test('render a, then b: every file of a stays; the record names both', () => {
    const dir = tmpDir('od-ab');
    const out = path.join(dir, 'out');
    expect(render([input(dir, 'a.yaml', [cr('a')]), '-o', out]).status).toBe(0);
    const afterA = readTree(out);
    expect(yamlFiles(afterA).length).toBeGreaterThan(8);
    const r = render([input(dir, 'b.yaml', [cr('b')]), '-o', out]);
    expect(r.stderr.split('\n').filter((l) => l !== '' && !l.startsWith('warning: dbSecret plain:'))).toEqual([]); // -o writes files: dbSecret plain warns (test/dbsecret)
    expect(r.status).toBe(0);
    const afterB = readTree(out);
    for (const f of yamlFiles(afterA)) expect(afterB[f]).toBe(afterA[f]);
    expect(yamlFiles(afterB, 'team/b/').length).toBe(yamlFiles(afterA, 'team/a/').length);
    const owners = new Set(Object.values(JSON.parse(fs.readFileSync(path.join(out, MANIFEST_FILE), 'utf8')).files as Record<string, { owner: string }>).map((e) => e.owner));
    expect([...owners].sort()).toEqual(['team/a', 'team/b']);
  });

  test('an input without a CR writes and removes nothing, with a warning', () => {
    const dir = tmpDir('od-empty');
    const out = path.join(dir, 'out');
    expect(render([input(dir, 'a.yaml', [cr('a')]), '-o', out]).status).toBe(0);
    const before = snapshot(out);
    // (A directory with no YAML at all is an error: exit-codes.test.ts.)
    fs.mkdirSync(path.join(dir, 'empty'));
    fs.writeFileSync(path.join(dir, 'empty', 'cm.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: not-a-cr\n  namespace: ns\n');
    const r = render([path.join(dir, 'empty'), '-o', out]);
    expect(r.status).toBe(0);
    expect(r.stderr).toContain(`warning: the input has no Backstage CR: nothing was written to ${out} and nothing removed from it`);
    expect(snapshot(out)).toEqual(before);
  });

  test('a file no longer rendered for the same CR is removed; files it cannot prove it wrote, and edited ones, stay', () => {
    const dir = tmpDir('od-stale');
    const out = path.join(dir, 'out');
    const withRoute = input(dir, 'a.yaml', [cr('a')]);
    expect(render([withRoute, '-o', out]).status).toBe(0);
    const route = 'team/a/route_backstage-a.yaml';
    expect(fs.existsSync(path.join(out, route))).toBe(true);
    // Files of ours by their annotation but not in the record (another tool's copy, an older version), and a user's file.
    const planted = 'team/a/configmap_planted.yaml';
    fs.writeFileSync(path.join(out, planted), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: planted\n  annotations:\n    backstage-render.dev/rendered-from: team/a\n');
    fs.writeFileSync(path.join(out, 'mine.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: mine\n');
    // The CR without a Route: the Route file was ours and is not rendered any more.
    const noRoute = input(dir, 'a-no-route.yaml', [cr('a').replace('enabled: true', 'enabled: false')]);
    const r = render([noRoute, '-o', out]);
    expect(r.stderr.split('\n').filter((l) => l !== '' && !l.startsWith('warning: dbSecret plain:'))).toEqual([]); // -o writes files: dbSecret plain warns (test/dbsecret)
    expect(r.status).toBe(0);
    expect(fs.existsSync(path.join(out, route))).toBe(false);
    expect(fs.existsSync(path.join(out, planted))).toBe(true);
    expect(fs.readFileSync(path.join(out, 'mine.yaml'), 'utf8')).toContain('name: mine');
    // An edited file of ours that is no longer rendered is left, with a warning.
    expect(render([withRoute, '-o', out]).status).toBe(0);
    fs.appendFileSync(path.join(out, route), '# edited\n');
    const again = render([noRoute, '-o', out]);
    expect(again.status).toBe(0);
    expect(again.stderr).toContain(`warning: -o ${out}: ${route} was written for team/a by an earlier render and changed since: left in place`);
    expect(fs.readFileSync(path.join(out, route), 'utf8')).toContain('# edited');
  });

  test('run inside a checkout: a kpt package\'s rendered/ files (not written by -o) are never removed', () => {
    const dir = tmpDir('od-checkout');
    const out = path.join(dir, 'rendered');
    const pkgFile = path.join(out, 'team', 'a', 'configmap_from-kpt.yaml');
    fs.mkdirSync(path.dirname(pkgFile), { recursive: true });
    fs.writeFileSync(pkgFile, 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: from-kpt\n  annotations:\n    backstage-render.dev/rendered-from: team/a\n');
    expect(render([input(dir, 'a.yaml', [cr('a')]), '-o', out]).status).toBe(0);
    expect(fs.existsSync(pkgFile)).toBe(true);
  });

  test('a file of someone else at a path it would write is an error; nothing is written', () => {
    const dir = tmpDir('od-theirs');
    const out = path.join(dir, 'out');
    const theirs = path.join(out, 'team', 'a', 'service_backstage-a.yaml');
    fs.mkdirSync(path.dirname(theirs), { recursive: true });
    fs.writeFileSync(theirs, 'apiVersion: v1\nkind: Service\nmetadata:\n  name: something-else\n');
    const before = snapshot(out);
    const r = render([input(dir, 'a.yaml', [cr('a')]), '-o', out]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`error: -o ${out}: team/a/service_backstage-a.yaml exists and backstage-render did not write it: not replacing it (nothing was changed; move it away)`);
    expect(snapshot(out)).toEqual(before);
  });

  test('Secret files are written 0600, the others 0644', () => {
    const dir = tmpDir('od-mode');
    const out = path.join(dir, 'out');
    expect(render([input(dir, 'a.yaml', [cr('a')]), '-o', out]).status).toBe(0);
    const modes = Object.fromEntries(yamlFiles(readTree(out)).map((f) => [f, (fs.statSync(path.join(out, f)).mode & 0o777).toString(8)]));
    expect(modes['team/a/secret_backstage-psql-secret-a.yaml']).toBe('600');
    for (const [f, m] of Object.entries(modes)) expect(m).toBe(f.includes('/secret_') ? '600' : '644');
  });
});

describe('render -o DIR never goes through a symlink', () => {
  test('a file symlink at the DB Secret\'s path: error, the target untouched, nothing written', () => {
    const dir = tmpDir('od-filelink');
    const out = path.join(dir, 'out');
    const victim = path.join(dir, 'victim.txt');
    fs.writeFileSync(victim, 'precious\n');
    fs.mkdirSync(path.join(out, 'team', 'a'), { recursive: true });
    fs.symlinkSync(victim, path.join(out, 'team', 'a', 'secret_backstage-psql-secret-a.yaml'));
    const before = snapshot(out);
    const r = render([input(dir, 'a.yaml', [cr('a')]), '-o', out]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('team/a/secret_backstage-psql-secret-a.yaml is a symbolic link, not a regular file: backstage-render never reads, writes or deletes through symbolic links');
    expect(fs.readFileSync(victim, 'utf8')).toBe('precious\n');
    expect(snapshot(out)).toEqual(before);
  });

  test('a directory symlink inside DIR: error, nothing lands outside, nothing written', () => {
    const dir = tmpDir('od-dirlink');
    const out = path.join(dir, 'out');
    const elsewhere = path.join(dir, 'elsewhere');
    fs.mkdirSync(elsewhere);
    fs.mkdirSync(out);
    fs.symlinkSync(elsewhere, path.join(out, 'team'));
    const r = render([input(dir, 'a.yaml', [cr('a')]), '-o', out]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`error: -o ${out}: team is a symbolic link, not a directory`);
    expect(fs.readdirSync(elsewhere)).toEqual([]);
    expect(snapshot(out)).toEqual({ team: `-> ${elsewhere}` });
  });

  test('a symlink to a file it would remove: error, the target stays', () => {
    const dir = tmpDir('od-removelink');
    const out = path.join(dir, 'out');
    expect(render([input(dir, 'a.yaml', [cr('a')]), '-o', out]).status).toBe(0);
    const route = path.join(out, 'team', 'a', 'route_backstage-a.yaml');
    const victim = path.join(dir, 'victim.yaml');
    fs.copyFileSync(route, victim);
    fs.rmSync(route);
    fs.symlinkSync(victim, route);
    const r = render([input(dir, 'a.yaml', [cr('a').replace('enabled: true', 'enabled: false')]), '-o', out]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('team/a/route_backstage-a.yaml is a symbolic link');
    expect(fs.existsSync(victim)).toBe(true);
    expect(fs.lstatSync(route).isSymbolicLink()).toBe(true);
  });

  test.each([['/proc/self'], ['/sys/kernel'], ['/dev/shm/backstage-render-test']])('-o %s is refused', (target) => {
    const dir = tmpDir('od-special');
    const r = spawnSync(process.execPath, [BIN, 'render', input(dir, 'a.yaml', [cr('a')]), '-o', target], { env: { ...process.env, ...SEED }, encoding: 'utf8', timeout: 20000 });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`^error: -o ${target}: refusing to write into (/proc|/sys|/dev)`, 'm'));
    expect(fs.existsSync('/dev/shm/backstage-render-test')).toBe(false);
  });
});

describe('render -o DIR is all or nothing', () => {
  test('a read-only file among those it would replace: error, DIR exactly as before', () => {
    const dir = tmpDir('od-readonly');
    const out = path.join(dir, 'out');
    expect(render([input(dir, 'a.yaml', [cr('a')]), '-o', out]).status).toBe(0);
    const ro = path.join(out, 'team', 'a', 'route_backstage-a.yaml');
    fs.chmodSync(ro, 0o444);
    const before = snapshot(out);
    const r = render([input(dir, 'a.yaml', [cr('a', 'team', 'other.example.com')]), '-o', out]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('team/a/route_backstage-a.yaml is read-only: not replacing it');
    expect(snapshot(out)).toEqual(before);
  });

  // A real full disk: a small tmpfs (needs the right to mount, as root in a container; skipped otherwise).
  const mountPoint = tmpDir('od-full-mnt');
  const canMount = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=320k', 'tmpfs', mountPoint]).status === 0;
  afterAll(() => {
    if (canMount) spawnSync('umount', [mountPoint]);
  });
  (canMount ? test : test.skip)('a full disk (a 320 KiB tmpfs): error, DIR exactly as before, no staging left (skipped where mount is not allowed)', () => {
    const dir = tmpDir('od-full');
    const out = path.join(mountPoint, 'out');
    expect(render([input(dir, 'a.yaml', [cr('a')]), '-o', out]).status).toBe(0);
    const before = snapshot(out);
    const r = render([input(dir, 'many.yaml', [cr('a', 'team', 'x.example.com'), ...Array.from({ length: 40 }, (_, i) => cr(`more-${i}`))]), '-o', out]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`error: -o ${out}: cannot write the new files (nothing was changed): ENOSPC: no space left on device`);
    expect(snapshot(out)).toEqual(before);
  });

  test('kill -9 in the middle of the commit: only whole files are visible; the next run rolls back, then writes its own', () => {
    const names = Array.from({ length: 150 }, (_, i) => `hub-${i}`);
    // Kill it once the journal exists (the commit has begun). On a loaded machine this process may
    // not look while the whole commit happens: then the run is repeated (a few times at most).
    let dir = '';
    let out = '';
    let v1: Record<string, string> = {};
    let v2Input = '';
    let caught = false;
    for (let attempt = 0; attempt < 5 && !caught; attempt++) {
      dir = tmpDir('od-kill');
      out = path.join(dir, 'out');
      expect(render([input(dir, 'v1.yaml', names.map((n) => cr(n, 'team', 'one.example.com'))), '-o', out]).status).toBe(0);
      v1 = snapshot(out);
      v2Input = input(dir, 'v2.yaml', names.map((n) => cr(n, 'team', 'two.example.com')));
      const child = spawn(process.execPath, [BIN, 'render', v2Input, '-o', out], { env: { ...process.env, ...SEED }, stdio: 'ignore' });
      const journal = path.join(out, STAGING_DIR, 'journal.json');
      const deadline = Date.now() + 60_000;
      while (!(caught = fs.existsSync(journal)) && Date.now() < deadline && !isDead(child.pid!)) {
        // busy wait: the child is another process
      }
      if (caught) {
        // Let it place one file that changes (a Route: its host does) before the kill, so the kill
        // falls mid-way through the commit.
        const ops = (JSON.parse(fs.readFileSync(journal, 'utf8')) as { ops: Array<{ i: number; rel: string; put: boolean }> }).ops;
        const routeOp = ops.find((op) => op.put && /route_/.test(op.rel))!;
        const staged = path.join(out, STAGING_DIR, 'new', String(routeOp.i));
        while (fs.existsSync(staged) && Date.now() < deadline && !isDead(child.pid!)) {
          // busy wait
        }
        caught = !isDead(child.pid!); // a run that finished meanwhile is repeated
      }
      child.kill('SIGKILL');
      waitDead(child.pid!);
    }
    expect(caught).toBe(true);
    const mid = snapshot(out);
    // Every visible YAML file is a whole old one or a whole new one; none is empty.
    expect(render([v2Input, '-o', path.join(dir, 'v2-ref')]).status).toBe(0);
    const v2 = snapshot(path.join(dir, 'v2-ref'));
    for (const f of yamlFiles(mid)) expect([v1[f], v2[f]]).toContain(mid[f]);
    expect(yamlFiles(mid).some((f) => mid[f] === v2[f] && v1[f] !== v2[f])).toBe(true); // it was killed mid-way, not before
    expect(fs.existsSync(path.join(out, LOCK_FILE))).toBe(true); // the dead run's lock
    // The next run (another CR) takes the dead run's lock over, rolls back, and adds its own files.
    const r = render([input(dir, 'other.yaml', [cr('other', 'elsewhere')]), '-o', out]);
    expect(r.stderr.split('\n').filter((l) => l !== '' && !l.startsWith('warning: dbSecret plain:'))).toEqual([]); // -o writes files: dbSecret plain warns (test/dbsecret)
    expect(r.status).toBe(0);
    const after = snapshot(out);
    expect(fs.existsSync(path.join(out, STAGING_DIR))).toBe(false);
    expect(fs.existsSync(path.join(out, LOCK_FILE))).toBe(false);
    for (const f of Object.keys(v1).filter((k) => k !== MANIFEST_FILE)) expect(after[f]).toBe(v1[f]);
    expect(Object.keys(after).filter((f) => !(f in v1) && !f.startsWith('elsewhere'))).toEqual([]);
    expect(yamlFiles(after, 'elsewhere/other/').length).toBeGreaterThan(8);
  });

  test('kill -9 at any moment leaves no empty or partial YAML file and no visible temporary file', () => {
    const dir = tmpDir('od-kill-any');
    const out = path.join(dir, 'out');
    const names = Array.from({ length: 60 }, (_, i) => `hub-${i}`);
    expect(render([input(dir, 'v1.yaml', names.map((n) => cr(n))), '-o', out]).status).toBe(0);
    const v1 = snapshot(out);
    const v2Input = input(dir, 'v2.yaml', names.map((n) => cr(n, 'team', 'two.example.com')));
    expect(render([v2Input, '-o', path.join(dir, 'ref')]).status).toBe(0);
    const v2 = snapshot(path.join(dir, 'ref'));
    for (const delayMs of [150, 300, 450, 600, 800]) {
      const child = spawn(process.execPath, [BIN, 'render', v2Input, '-o', out], { env: { ...process.env, ...SEED }, stdio: 'ignore' });
      spawnSync('sleep', [String(delayMs / 1000)]);
      child.kill('SIGKILL');
      waitDead(child.pid!);
      const mid = snapshot(out);
      for (const f of yamlFiles(mid)) expect([v1[f], v2[f]]).toContain(mid[f]);
      expect(Object.keys(mid).filter((f) => !f.startsWith('.') && !f.endsWith('.yaml') && mid[f] !== 'dir')).toEqual([]);
      // The next run makes it whole again: v1 (this run's input) exactly.
      const r = render([input(dir, 'v1b.yaml', names.map((n) => cr(n))), '-o', out]);
      expect(r.status).toBe(0);
      expect(snapshot(out)).toEqual(v1);
    }
  });
});

describe('render -o DIR: one writer at a time', () => {
  test('two processes rendering different CRs into one directory at once: both succeed, nothing lost', async () => {
    const dir = tmpDir('od-concurrent');
    const out = path.join(dir, 'out');
    const a = input(dir, 'a.yaml', Array.from({ length: 100 }, (_, i) => cr(`a-${i}`, 'ns-a')));
    const b = input(dir, 'b.yaml', Array.from({ length: 100 }, (_, i) => cr(`b-${i}`, 'ns-b')));
    const start = (file: string) =>
      new Promise<{ code: number | null; stderr: string }>((resolve) => {
        const p = spawn(process.execPath, [BIN, 'render', file, '-o', out], { env: { ...process.env, ...SEED } });
        let stderr = '';
        p.stderr.on('data', (d) => (stderr += d));
        p.on('close', (code) => resolve({ code, stderr }));
      });
    const [ra, rb] = await Promise.all([start(a), start(b)]);
    expect([ra.code, rb.code]).toEqual([0, 0]);
    const tree = readTree(out);
    const perCr = yamlFiles(tree, 'ns-a/a-0/').length;
    expect(perCr).toBeGreaterThan(8);
    expect(yamlFiles(tree, 'ns-a/').length).toBe(100 * perCr);
    expect(yamlFiles(tree, 'ns-b/').length).toBe(100 * perCr);
    const record = JSON.parse(fs.readFileSync(path.join(out, MANIFEST_FILE), 'utf8')).files as Record<string, unknown>;
    expect(Object.keys(record).length).toBe(200 * perCr);
    expect(fs.existsSync(path.join(out, LOCK_FILE))).toBe(false);
  }, 120_000);
});

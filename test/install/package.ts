// The package as a user gets it: `npm pack` run in a copy of the working tree (so prepack builds
// from the sources, and the bundle the other tests run is never rewritten under them), then
// `npm install -g` of the tarball into a prefix of its own, used from directories outside the clone.
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { KUSTOMIZE, REPO_ROOT, tmpDir } from '../helpers';

export const PACKAGE = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as {
  name: string;
  version: string;
  license: string;
  author: string;
  repository: { url: string };
  config: { image: string; argocdImage: string };
  engines: { node: string };
  bin: Record<string, string>;
};

let packed: { tarball: string; files: string[]; manifestAfter: string } | undefined;

/** The files the working tree would commit (tracked and untracked, not ignored). */
function workingTreeFiles(): string[] {
  return execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: REPO_ROOT, encoding: 'utf8' })
    .split('\0')
    .filter((f) => f && fs.existsSync(path.join(REPO_ROOT, f)));
}

/** `npm pack` in a fresh copy of the clone (node_modules linked): the tarball, the files it holds, the copy's package.json after. */
export function packTarball(): { tarball: string; files: string[]; manifestAfter: string } {
  if (packed) return packed;
  const clone = path.join(tmpDir('pack-clone'), 'backstage-render');
  for (const f of workingTreeFiles()) {
    fs.mkdirSync(path.dirname(path.join(clone, f)), { recursive: true });
    fs.copyFileSync(path.join(REPO_ROOT, f), path.join(clone, f));
  }
  fs.symlinkSync(path.join(REPO_ROOT, 'node_modules'), path.join(clone, 'node_modules'));
  const out = tmpDir('pack-out');
  const json = execFileSync('npm', ['pack', '--json', '--pack-destination', out], { cwd: clone, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 << 20 });
  const info = JSON.parse(json.slice(json.indexOf('[')))[0] as { filename: string; files: Array<{ path: string }> };
  packed = { tarball: path.join(out, info.filename), files: info.files.map((f) => f.path).sort(), manifestAfter: fs.readFileSync(path.join(clone, 'package.json'), 'utf8') };
  return packed;
}

/**
 * The environment of a user who installed the tarball and nothing else of ours: PATH is the
 * install's bin, the tools (kpt, kubectl, and kustomize as `kustomize`) and the system's; HOME
 * and the npm cache are empty directories.
 */
export interface UserMachine {
  prefix: string;
  env: NodeJS.ProcessEnv;
  /** What npm install -g printed. */
  installOutput: string;
}

export function toolsDir(): string {
  const dir = tmpDir('tools');
  fs.symlinkSync(KUSTOMIZE, path.join(dir, 'kustomize'));
  return dir;
}

export function systemPath(): string {
  // The machine's PATH without anything from this clone (node_modules/.bin that jest may add).
  return (process.env.PATH ?? '')
    .split(':')
    .filter((p) => p && !p.startsWith(REPO_ROOT) && !p.includes('node_modules'))
    .join(':');
}

let machine: UserMachine | undefined;

/** `npm install -g ./backstage-render-<v>.tgz` into a prefix of its own (once per test file). */
export function installedPackage(): UserMachine {
  if (machine) return machine;
  const { tarball } = packTarball();
  const prefix = tmpDir('npm-prefix');
  const home = tmpDir('home');
  const env = { PATH: `${path.join(prefix, 'bin')}:${toolsDir()}:${systemPath()}`, HOME: home, npm_config_cache: path.join(home, '.npm') };
  const r = spawnSync('npm', ['install', '-g', '--prefix', prefix, '--offline', '--no-audit', '--no-fund', tarball], { cwd: home, env, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`npm install -g failed: ${r.stderr}`);
  machine = { prefix, env, installOutput: r.stdout + r.stderr };
  return machine;
}

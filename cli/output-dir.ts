// `render -o DIR`: one file per object, written so that nothing of the user's is lost.
//
// - Ownership: DIR/.backstage-render-files (JSON, no .yaml/.json extension so kubectl -R, kpt and
//   kustomize never take it for an object) records each file we wrote, the CR it was written for
//   and its SHA-256. A run removes only files recorded for a CR that is in this run, whose content
//   is still what we wrote. Files of other CRs, files we did not write, files changed since: left.
// - No symlinks: every existing path component below DIR that we would read, write or delete
//   must be a real directory or regular file; otherwise it is an error before anything is written.
//   DIR on /proc, /sys or /dev is refused.
// - All or nothing: the new files are staged in DIR/.backstage-render-staging (names without a
//   YAML extension), then a journal is written and the files are renamed into place, the replaced
//   and removed ones moved into the staging directory first. A failure rolls back; a run killed
//   in the middle is rolled back by the next one (which holds the lock) before it does anything.
// - One writer: DIR/.backstage-render.lock holds the writer's pid; another run waits for it (or
//   takes it over when that process is gone) and fails after a while, naming it.
// - Secret files are 0600.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { outputDirPath } from '../fn/finish';
import { ANNOTATION_RENDERED_FROM, type KObject } from '../fn/kio/types';
import { parseYamlDocuments, stringifyYaml } from '../fn/yaml';
import { documentTextOf } from '../fn/kio/source-text';

export const MANIFEST_FILE = '.backstage-render-files';
export const LOCK_FILE = '.backstage-render.lock';
export const STAGING_DIR = '.backstage-render-staging';
/** The owner of cluster-scoped plugin-infra objects (no CR of their own). */
export const PLUGIN_INFRA_OWNER = 'cluster/plugin-infra';
export const DEFAULT_LOCK_TIMEOUT_MS = 120_000;

/** Refused as output directories: kernel file systems, where writing means something else. */
const SPECIAL_ROOTS = ['/proc', '/sys', '/dev'];
const SPECIAL_FS_TYPES = new Set([0x9fa0 /* proc */, 0x62656572 /* sysfs */, 0x1cd1 /* devpts */, 0x64626720 /* debugfs */, 0x73636673 /* securityfs */, 0x27e0eb /* cgroup */, 0x63677270 /* cgroup2 */]);

export interface OutputFile {
  /** Path below DIR, `/`-separated. */
  rel: string;
  text: string;
  /** The CR it was rendered for (`<namespace>/<name>`), or PLUGIN_INFRA_OWNER: removal is scoped by it. */
  owner: string;
  /** Written 0600 (a Secret). */
  secret: boolean;
  /** A copy of an input object (--include-inputs): CLI inputs that read DIR leave it out (cli/inputs.ts). */
  input?: boolean;
}

export interface OutputDirOptions {
  /** DIR as the user wrote it, for messages (default: dir). */
  shown?: string;
  lockTimeoutMs?: number;
  /** Told once when another process holds the lock and this run waits. */
  onWait?: (message: string) => void;
  /** Test hook: called between the renames of the commit (to fail or stop in the middle). */
  duringCommit?: (index: number) => void;
}

export interface OutputDirReport {
  written: string[];
  removed: string[];
  unchanged: string[];
  warnings: string[];
}

/** A problem with DIR or a file in it: one line for the user, exit 1; nothing was changed. */
export class OutputDirError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OutputDirError';
  }
}

interface ManifestEntry {
  owner: string;
  sha256: string;
  /** A copy of an input object, not rendered (OutputFile.input). */
  input?: true;
}
interface Manifest {
  files: Record<string, ManifestEntry>;
}

interface Op {
  i: number;
  rel: string;
  put: boolean;
}
interface Journal {
  ops: Op[];
  createdDirs: string[];
}

const sha256 = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');

/**
 * The files `render -o` writes for these objects. An input object (`--include-inputs`, in
 * inputOwners with the CR it is written for) is the user's: written as it came (its source text),
 * its owner recorded only in DIR's record of our files.
 */
export function outputFilesOf(objects: KObject[], inputOwners: ReadonlyMap<KObject, string> = new Map()): OutputFile[] {
  return objects.map((o) => {
    const input = inputOwners.get(o);
    const owner = input ?? o.metadata.annotations?.[ANNOTATION_RENDERED_FROM] ?? PLUGIN_INFRA_OWNER;
    const [ns, name] = owner.split('/');
    const text = input !== undefined ? (documentTextOf(o) ?? stringifyYaml(o)) : stringifyYaml(o);
    return { rel: outputDirPath(ns, name, o), text, owner, secret: o.kind === 'Secret', ...(input !== undefined ? { input: true } : {}) };
  });
}

/**
 * The input copies `render -o DIR --include-inputs` wrote into dir and that are still as written
 * (absolute paths): a later run that reads dir (a package holding its rendered/ directory) leaves
 * them out, as it knows its rendered objects by their annotation. Nothing when dir has no readable record.
 */
export function inputCopiesIn(dir: string): Set<string> {
  const out = new Set<string>();
  let files: Record<string, ManifestEntry>;
  try {
    files = readManifest(dir, dir).files;
  } catch {
    return out;
  }
  for (const [rel, e] of Object.entries(files)) {
    if (e.input !== true) continue;
    const p = path.join(dir, rel);
    const st = lstatOf(p);
    if (st?.isFile() && sha256(fs.readFileSync(p)) === e.sha256) out.add(p);
  }
  return out;
}

/** DIR's real path, with the part not created yet appended; refused on a kernel file system. */
function refuseSpecialDir(dir: string): void {
  let existing = dir;
  const rest: string[] = [];
  while (!fs.existsSync(existing)) {
    rest.unshift(path.basename(existing));
    const up = path.dirname(existing);
    if (up === existing) break;
    existing = up;
  }
  const real = path.join(fs.realpathSync(existing), ...rest);
  const special = SPECIAL_ROOTS.find((r) => real === r || real.startsWith(`${r}/`));
  let fsType: number | undefined;
  try {
    fsType = Number(fs.statfsSync(existing).type);
  } catch {
    fsType = undefined;
  }
  if (special || (fsType !== undefined && SPECIAL_FS_TYPES.has(fsType))) {
    throw new OutputDirError(`-o ${dir}: refusing to write into ${special ?? 'a kernel file system'} (${real}): give a directory on a normal file system`);
  }
}

/** lstat, undefined when the path does not exist. */
function lstatOf(p: string): fs.Stats | undefined {
  try {
    return fs.lstatSync(p);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
}

/** Reads a regular file without following a symlink. */
function readNoFollow(p: string): Buffer {
  const fd = fs.openSync(p, fs.constants.O_RDONLY | fs.constants.O_NOFOLLOW);
  try {
    return fs.readFileSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** Checks the components of rel below root: existing ones are real directories (and a regular file last); no symlink. */
class PathChecker {
  private readonly dirs = new Map<string, 'dir' | 'missing'>();
  constructor(private readonly root: string, private readonly shown: string) {}

  private describe(st: fs.Stats): string {
    return st.isSymbolicLink() ? 'a symbolic link' : st.isFile() ? 'a file' : st.isDirectory() ? 'a directory' : 'not a regular file';
  }

  /** Parent directories of rel: which exist; throws on a symlink or a non-directory. */
  parents(rel: string): { missing: string[] } {
    const parts = rel.split('/');
    const missing: string[] = [];
    let sub = '';
    for (const part of parts.slice(0, -1)) {
      sub = sub ? `${sub}/${part}` : part;
      let state = this.dirs.get(sub);
      if (state === undefined) {
        const st = lstatOf(path.join(this.root, sub));
        if (st && !st.isDirectory()) throw new OutputDirError(`-o ${this.shown}: ${sub} is ${this.describe(st)}, not a directory: backstage-render never writes through symbolic links or special files; move it away`);
        state = st ? 'dir' : 'missing';
        this.dirs.set(sub, state);
      }
      if (state === 'missing') missing.push(sub);
    }
    return { missing };
  }

  /** The file at rel: undefined when absent; throws unless a regular file. */
  file(rel: string): fs.Stats | undefined {
    const st = lstatOf(path.join(this.root, rel));
    if (st && !st.isFile()) throw new OutputDirError(`-o ${this.shown}: ${rel} is ${this.describe(st)}, not a regular file: backstage-render never reads, writes or deletes through symbolic links or special files; move it away`);
    return st;
  }
}

function readManifest(root: string, shown: string): Manifest {
  const p = path.join(root, MANIFEST_FILE);
  const st = lstatOf(p);
  if (!st) return { files: {} };
  if (!st.isFile()) throw new OutputDirError(`-o ${shown}: ${MANIFEST_FILE} is not a regular file (a symbolic link?); move it away`);
  try {
    const m = JSON.parse(readNoFollow(p).toString('utf8')) as { files?: Record<string, ManifestEntry> };
    const files: Record<string, ManifestEntry> = {};
    for (const [rel, e] of Object.entries(m.files ?? {})) {
      if (e && typeof e.owner === 'string' && typeof e.sha256 === 'string' && isInside(rel)) files[rel] = { owner: e.owner, sha256: e.sha256, ...(e.input === true ? { input: true as const } : {}) };
    }
    return { files };
  } catch {
    throw new OutputDirError(`-o ${shown}: ${MANIFEST_FILE} (backstage-render's record of the files it wrote) cannot be read; without it nothing can be proved ours: restore it from git, or move it away and remove the old files yourself`);
  }
}

function manifestText(m: Manifest): string {
  const files = Object.fromEntries(Object.keys(m.files).sort().map((k) => [k, m.files[k]]));
  return `${JSON.stringify({ writtenBy: 'backstage-render', about: 'the files render -o wrote here, for which CR, with their SHA-256: a later render removes only these, and only while unchanged', version: 1, files }, null, 2)}\n`;
}

function isInside(rel: string): boolean {
  const n = path.posix.normalize(rel);
  return n !== '' && n === rel && !n.startsWith('../') && n !== '..' && !path.posix.isAbsolute(n) && !n.split('/').some((c) => c.startsWith('.'));
}

/** Whether text is one object with the identity of `file`'s object, rendered for the same CR: our output, edited or from an older version. */
function sameRenderedObject(text: string, newText: string): boolean {
  try {
    const docs = parseYamlDocuments(text) as KObject[];
    const [b] = parseYamlDocuments(newText) as KObject[];
    const a = docs[0];
    if (docs.length !== 1 || !a?.metadata || !b?.metadata) return false;
    const rf = (o: KObject) => o.metadata.annotations?.[ANNOTATION_RENDERED_FROM];
    return a.apiVersion === b.apiVersion && a.kind === b.kind && a.metadata.name === b.metadata.name && (a.metadata.namespace ?? '') === (b.metadata.namespace ?? '') && rf(a) !== undefined && rf(a) === rf(b);
  } catch {
    return false;
  }
}

// ---- the lock ----

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
  // A killed process its parent has not reaped yet (a zombie) writes nothing any more (Linux).
  try {
    return !/^[ZX]/.test(fs.readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /s, ''));
  } catch {
    return true;
  }
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function acquireLock(root: string, shown: string, opts: OutputDirOptions): () => void {
  const lock = path.join(root, LOCK_FILE);
  const timeout = opts.lockTimeoutMs ?? DEFAULT_LOCK_TIMEOUT_MS;
  const start = Date.now();
  let told = false;
  const me = JSON.stringify({ pid: process.pid, host: os.hostname(), since: new Date().toISOString() });
  for (;;) {
    try {
      const fd = fs.openSync(lock, fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_EXCL | fs.constants.O_NOFOLLOW, 0o644);
      fs.writeSync(fd, me);
      fs.closeSync(fd);
      return () => {
        try {
          if (readNoFollow(lock).toString('utf8') === me) fs.unlinkSync(lock);
        } catch {
          // gone already
        }
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw new OutputDirError(`-o ${shown}: cannot create the lock ${LOCK_FILE}: ${(e as Error).message}`);
    }
    const st = lstatOf(lock);
    if (!st) continue;
    if (!st.isFile()) throw new OutputDirError(`-o ${shown}: ${LOCK_FILE} is not a regular file (a symbolic link?); move it away`);
    let holder: { pid?: number; host?: string; since?: string } = {};
    try {
      holder = JSON.parse(readNoFollow(lock).toString('utf8'));
    } catch {
      // being written, or a lock nobody can use: judged by its age below
    }
    const here = holder.host === os.hostname();
    const gone = typeof holder.pid === 'number' ? here && (holder.pid === process.pid || !processAlive(holder.pid)) : Date.now() - st.mtimeMs > 10_000;
    if (gone) {
      // The writer died (kill -9, power): its staging directory is rolled back below, under our lock.
      try {
        fs.unlinkSync(lock);
      } catch {
        // another run took it over first
      }
      continue;
    }
    const who = typeof holder.pid === 'number' ? `process ${holder.pid}${here ? '' : ` on ${holder.host}`}${holder.since ? ` (since ${holder.since})` : ''}` : 'another process';
    if (Date.now() - start >= timeout) {
      throw new OutputDirError(`-o ${shown}: ${who} is writing this directory; waited ${timeout / 1000} s. Nothing was changed: run again when it is done (if that process is gone for good, remove ${path.join(shown, LOCK_FILE)})`);
    }
    if (!told) {
      opts.onWait?.(`-o ${shown}: waiting for ${who}, which is writing this directory`);
      told = true;
    }
    sleep(50);
  }
}

// ---- staging, commit, roll back ----

function rollBack(root: string, staging: string, journal: Journal): void {
  for (const op of [...journal.ops].reverse()) {
    const target = path.join(root, op.rel);
    const old = path.join(staging, 'old', String(op.i));
    const placed = op.put && !fs.existsSync(path.join(staging, 'new', String(op.i)));
    if (fs.existsSync(old)) fs.renameSync(old, target);
    else if (placed && lstatOf(target)?.isFile()) fs.unlinkSync(target);
  }
  for (const d of [...journal.createdDirs].reverse()) {
    try {
      fs.rmdirSync(path.join(root, d));
    } catch {
      // not empty or gone: leave it
    }
  }
}

/** A staging directory left by a killed run: roll its journal back (if the commit had begun and not finished), then remove it. */
function recoverStaging(root: string): void {
  const staging = path.join(root, STAGING_DIR);
  const st = lstatOf(staging);
  if (!st) return;
  if (st.isDirectory()) {
    const journalFile = path.join(staging, 'journal.json');
    const committed = !fs.existsSync(path.join(staging, 'manifest.new'));
    if (lstatOf(journalFile)?.isFile() && !committed) {
      rollBack(root, staging, JSON.parse(readNoFollow(journalFile).toString('utf8')) as Journal);
    }
  }
  // rmSync does not follow symbolic links: a link planted under this name is removed, not its target.
  fs.rmSync(staging, { recursive: true, force: true });
}

function writeNew(file: string, data: string, mode: number): void {
  const fd = fs.openSync(file, fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_EXCL | fs.constants.O_NOFOLLOW, mode);
  try {
    fs.writeFileSync(fd, data);
    fs.fchmodSync(fd, mode);
  } finally {
    fs.closeSync(fd);
  }
}

function errnoMessage(e: unknown, root: string): string {
  return (e as Error).message.split(`${root}${path.sep}`).join('');
}

/**
 * Writes `files` into dir, removing the files an earlier render recorded for the same CRs that this
 * run does not write. Throws OutputDirError (nothing changed) on any problem.
 */
export function writeOutputDir(dir: string, files: OutputFile[], opts: OutputDirOptions = {}): OutputDirReport {
  const shown = opts.shown ?? dir;
  const abs = path.resolve(dir);
  for (const f of files) {
    if (!isInside(f.rel)) throw new OutputDirError(`refusing to write ${f.rel}: it is not inside ${shown} (a namespace or name that is not a Kubernetes name?)`);
  }
  refuseSpecialDir(abs);
  const absSt = fs.existsSync(abs) ? fs.statSync(abs) : undefined;
  if (absSt && !absSt.isDirectory()) throw new OutputDirError(`-o ${shown}: not a directory`);
  try {
    fs.mkdirSync(abs, { recursive: true });
  } catch (e) {
    throw new OutputDirError(`-o ${shown}: cannot create it: ${(e as Error).message}`);
  }
  // DIR itself is the runner's choice (it may be reached through a symlink); below it, none is followed.
  const root = fs.realpathSync(abs);
  const release = acquireLock(root, shown, opts);
  try {
    try {
      recoverStaging(root);
    } catch (e) {
      throw new OutputDirError(`-o ${shown}: cannot roll back what an interrupted run left in ${STAGING_DIR}: ${errnoMessage(e, root)}`);
    }
    try {
      return writeLocked(root, shown, files, opts);
    } catch (e) {
      if (e instanceof OutputDirError) throw e;
      throw new OutputDirError(`-o ${shown}: ${errnoMessage(e, root)} (nothing was changed)`);
    }
  } finally {
    release();
  }
}

function writeLocked(root: string, shown: string, files: OutputFile[], opts: OutputDirOptions): OutputDirReport {
  const manifest = readManifest(root, shown);
  const check = new PathChecker(root, shown);
  const owners = new Set(files.map((f) => f.owner));
  const report: OutputDirReport = { written: [], removed: [], unchanged: [], warnings: [] };
  const next: Manifest = { files: {} };
  for (const [rel, e] of Object.entries(manifest.files)) if (!owners.has(e.owner)) next.files[rel] = e;

  const puts: OutputFile[] = [];
  const removes: string[] = [];
  const createdDirs = new Set<string>();
  const writableDirs = new Set<string>();
  const needWritable = (rel: string) => writableDirs.add(path.posix.dirname(rel));

  const seen = new Set<string>();
  for (const f of files) {
    if (seen.has(f.rel)) throw new OutputDirError(`-o ${shown}: two objects would be written to ${f.rel}`);
    seen.add(f.rel);
    const { missing } = check.parents(f.rel);
    for (const d of missing) {
      createdDirs.add(d);
      needWritable(d);
    }
    const st = check.file(f.rel);
    next.files[f.rel] = { owner: f.owner, sha256: sha256(f.text), ...(f.input ? { input: true as const } : {}) };
    if (!st) {
      puts.push(f);
      needWritable(f.rel);
      continue;
    }
    const current = readNoFollow(path.join(root, f.rel));
    const recorded = manifest.files[f.rel];
    if (current.toString('utf8') === f.text && (!f.secret || (st.mode & 0o077) === 0)) {
      report.unchanged.push(f.rel);
      continue;
    }
    if ((st.mode & 0o200) === 0) throw new OutputDirError(`-o ${shown}: ${f.rel} is read-only: not replacing it (nothing was changed; make it writable or move it away)`);
    const ours = recorded !== undefined && recorded.sha256 === sha256(current);
    if (!ours && !sameRenderedObject(current.toString('utf8'), f.text)) {
      throw new OutputDirError(`-o ${shown}: ${f.rel} exists and backstage-render did not write it: not replacing it (nothing was changed; move it away)`);
    }
    puts.push(f);
    needWritable(f.rel);
  }
  for (const [rel, e] of Object.entries(manifest.files)) {
    if (!owners.has(e.owner) || seen.has(rel)) continue;
    check.parents(rel);
    const st = check.file(rel);
    if (!st) continue;
    if (sha256(readNoFollow(path.join(root, rel))) !== e.sha256) {
      report.warnings.push(`-o ${shown}: ${rel} was written for ${e.owner} by an earlier render and changed since: left in place (remove it yourself if it is not wanted)`);
      continue;
    }
    removes.push(rel);
    needWritable(rel);
  }
  for (const d of writableDirs) {
    if (createdDirs.has(d)) continue;
    try {
      fs.accessSync(path.join(root, d), fs.constants.W_OK);
    } catch {
      throw new OutputDirError(`-o ${shown}: the directory ${d === '.' ? shown : d} is not writable (nothing was changed)`);
    }
  }
  const newManifest = manifestText(next);
  const oldManifestText = lstatOf(path.join(root, MANIFEST_FILE)) ? readNoFollow(path.join(root, MANIFEST_FILE)).toString('utf8') : undefined;
  if (puts.length === 0 && removes.length === 0 && newManifest === oldManifestText) return report;

  // Stage everything; DIR is untouched until the journal exists.
  const staging = path.join(root, STAGING_DIR);
  const ops: Op[] = [...puts.map((f, i) => ({ i, rel: f.rel, put: true })), ...removes.map((rel, j) => ({ i: puts.length + j, rel, put: false }))];
  const journal: Journal = { ops, createdDirs: [...createdDirs].sort() };
  try {
    fs.mkdirSync(staging, { mode: 0o700 });
    fs.mkdirSync(path.join(staging, 'new'), { mode: 0o700 });
    fs.mkdirSync(path.join(staging, 'old'), { mode: 0o700 });
    puts.forEach((f, i) => writeNew(path.join(staging, 'new', String(i)), f.text, f.secret ? 0o600 : 0o644));
    writeNew(path.join(staging, 'manifest.new'), newManifest, 0o644);
    writeNew(path.join(staging, 'journal.tmp'), JSON.stringify(journal), 0o600);
    fs.renameSync(path.join(staging, 'journal.tmp'), path.join(staging, 'journal.json'));
  } catch (e) {
    fs.rmSync(staging, { recursive: true, force: true });
    throw new OutputDirError(`-o ${shown}: cannot write the new files (nothing was changed): ${errnoMessage(e, root)}`);
  }

  // Commit: each rename is atomic; a failure rolls back, a kill is rolled back by the next run.
  try {
    for (const d of journal.createdDirs) fs.mkdirSync(path.join(root, d));
    for (const op of ops) {
      opts.duringCommit?.(op.i);
      const target = path.join(root, op.rel);
      if (lstatOf(target)) fs.renameSync(target, path.join(staging, 'old', String(op.i)));
      if (op.put) fs.renameSync(path.join(staging, 'new', String(op.i)), target);
    }
    fs.renameSync(path.join(staging, 'manifest.new'), path.join(root, MANIFEST_FILE));
  } catch (e) {
    try {
      rollBack(root, staging, journal);
      fs.rmSync(staging, { recursive: true, force: true });
    } catch (e2) {
      throw new OutputDirError(`-o ${shown}: writing failed (${errnoMessage(e, root)}) and so did rolling back (${errnoMessage(e2, root)}); the next render rolls back from ${STAGING_DIR}`);
    }
    throw new OutputDirError(`-o ${shown}: writing failed, nothing was changed: ${errnoMessage(e, root)}`);
  }
  fs.rmSync(staging, { recursive: true, force: true });
  removeEmptiedDirs(root, removes);
  report.written = puts.map((f) => f.rel);
  report.removed = removes;
  return report;
}

/**
 * The directories below DIR that held removed files of ours and now hold nothing, deepest first:
 * removed with their last file. rmdir removes only an empty directory, and never through a
 * symbolic link (every component was checked to be a real directory before anything was changed);
 * a directory with anything else in it stays, and so does DIR.
 */
function removeEmptiedDirs(root: string, removed: string[]): void {
  const dirs = new Set<string>();
  for (const rel of removed) for (let d = path.posix.dirname(rel); d !== '.' && d !== '/'; d = path.posix.dirname(d)) dirs.add(d);
  for (const d of [...dirs].sort((a, b) => b.split('/').length - a.split('/').length || (a < b ? -1 : 1))) {
    const p = path.join(root, d);
    try {
      if (lstatOf(p)?.isDirectory() && fs.readdirSync(p).length === 0) fs.rmdirSync(p);
    } catch {
      // not empty after all, or gone: leave it
    }
  }
}

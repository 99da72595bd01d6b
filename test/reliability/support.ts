// Shared by the reliability tests: the real executable with wall time and peak memory, fixture
// discovery, and the checks every hostile case makes (exit code, the stderr line, no stack trace,
// nothing half-rendered).
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { KObject } from '../../fn/kio/types';
import { parseYamlDocuments } from '../../fn/yaml';
import { BIN, REPO_ROOT } from '../helpers';

export const FIXTURES = path.join(REPO_ROOT, 'fixtures');
const TIME = '/usr/bin/time';
export const HAVE_TIME = fs.existsSync(TIME);

export interface BinRun {
  status: number | null;
  stdout: string;
  stderr: string;
  /** Wall time of the whole process, ms. */
  ms: number;
  /** Peak resident memory in KiB (from /usr/bin/time), when available. */
  maxRssKb?: number;
}

/**
 * Runs bin/backstage-render (the built bundle, as CI runs it) with a clean environment. With
 * /usr/bin/time present, peak RSS is measured too (its report goes to a file, not to stderr).
 */
export function runBin(args: string[], opts: { input?: string | Buffer; env?: NodeJS.ProcessEnv; cwd?: string; timeoutMs?: number } = {}): BinRun {
  const rssFile = HAVE_TIME ? path.join(fs.mkdtempSync('/tmp/br-rss-'), 'rss') : undefined;
  const [cmd, argv] = rssFile ? [TIME, ['-f', '%M', '-o', rssFile, process.execPath, BIN, ...args]] : [process.execPath, [BIN, ...args]];
  const t0 = Date.now();
  const r = spawnSync(cmd, argv, {
    cwd: opts.cwd ?? REPO_ROOT,
    input: opts.input ?? '',
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...(opts.env ?? {}) },
    encoding: 'utf8',
    timeout: opts.timeoutMs ?? 60000,
    maxBuffer: 512 * 1024 * 1024,
  });
  const ms = Date.now() - t0;
  // EPIPE: the process stopped reading its input (a refused oversized stdin); its answer stands.
  if (r.error && (r.error as NodeJS.ErrnoException).code !== 'EPIPE') throw r.error;
  let maxRssKb: number | undefined;
  if (rssFile && fs.existsSync(rssFile)) {
    const m = /(\d+)\s*$/.exec(fs.readFileSync(rssFile, 'utf8'));
    if (m) maxRssKb = Number(m[1]);
    fs.rmSync(path.dirname(rssFile), { recursive: true, force: true });
  }
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, ms, ...(maxRssKb !== undefined ? { maxRssKb } : {}) };
}

/** A stack trace line (`    at fn (file:1:2)`) anywhere in the text. */
export const STACK_TRACE = /\n\s+at /;

/** Fixture case directories (fixtures/<case>/input.yaml), sorted. */
export function fixtureCases(): string[] {
  return fs
    .readdirSync(FIXTURES)
    .filter((d) => fs.existsSync(path.join(FIXTURES, d, 'input.yaml')))
    .sort();
}

/** A canonical text per item, for comparing item lists as multisets. */
export function canonicalItems(items: unknown[]): string[] {
  const canon = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(canon);
    if (v && typeof v === 'object') {
      const out: Record<string, unknown> = {};
      for (const k of Object.keys(v).sort()) Object.defineProperty(out, k, { value: canon((v as Record<string, unknown>)[k]), enumerable: true });
      return out;
    }
    return v;
  };
  return items.map((i) => JSON.stringify(canon(i))).sort();
}

/** The ResourceList a KRM run printed: items and results. */
export function readOutputList(stdout: string): { items: KObject[]; results: Array<{ message: string; severity: string }> } {
  const docs = parseYamlDocuments(stdout);
  expect(docs).toHaveLength(1);
  const rl = docs[0] as { kind: string; items: KObject[]; results?: Array<{ message: string; severity: string }> };
  expect(rl.kind).toBe('ResourceList');
  return { items: rl.items ?? [], results: rl.results ?? [] };
}

/** A ResourceList around the given items (YAML text), for the KRM door. */
export function resourceListText(itemsYaml: string[]): string {
  const indent = (s: string) =>
    s
      .trimEnd()
      .split('\n')
      .map((l, i) => (i === 0 ? `- ${l}` : `  ${l}`))
      .join('\n');
  return `apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems:\n${itemsYaml.map(indent).join('\n')}\n`;
}

/**
 * The fixture runner's path (test/fixtures.test.ts renderFixture): the CLI door in-process,
 * `render input.yaml` with the flags of options.yaml (`env:` becomes the environment).
 */
export function renderFixtureCase(name: string): { exitCode: number; stdout: string; stderr: string; env: Record<string, string>; flags: Record<string, unknown> } {
  // Required lazily so that a test file using only the executable does not load the CLI.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { main } = require('../../cli/main') as typeof import('../../cli/main');
  const dir = path.join(FIXTURES, name);
  const argv = ['render', path.join(dir, 'input.yaml')];
  const optionsFile = path.join(dir, 'options.yaml');
  const env: Record<string, string> = {};
  const flags: Record<string, unknown> = {};
  if (fs.existsSync(optionsFile)) {
    const opts = (parseYamlDocuments(fs.readFileSync(optionsFile, 'utf8'))[0] ?? {}) as Record<string, unknown>;
    for (const [k, v] of Object.entries(opts)) {
      if (k === 'env') {
        Object.assign(env, v);
        continue;
      }
      flags[k] = v;
      const flag = `--${k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
      if (v === true) argv.push(flag);
      else argv.push(flag, String(v));
    }
  }
  let stdout = '';
  let stderr = '';
  const exitCode = main({ argv, env, cwd: REPO_ROOT, readStdin: () => '', stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) });
  return { exitCode, stdout, stderr, env, flags };
}

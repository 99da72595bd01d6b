// A DependencyProvider backed by an external KRM function run as an executable (the doors only:
// the core stays pure). The profile declares it in `plugin-deps/<name>.provider.yaml` (see
// externalProviderDeclarations in fn/plugins/deps.ts).
//
// Protocol (KRM Functions Specification): stdin gets a ResourceList
//   apiVersion: config.kubernetes.io/v1
//   kind: ResourceList
//   items: [<the Backstage CR>]
//   functionConfig: ConfigMap `dependency-request` (local-config) with data
//     {ref, plugin, backstage-name, backstage-namespace}
// stdout must be a ResourceList; its items, minus the CR passed through and local-config items,
// are the dependency objects, in order (orchestrator annotations config.kubernetes.io/* and
// internal.config.kubernetes.io/* removed). Its results become Diagnostics (error/warning/info).
// A non-zero exit, a timeout, too much output or an output that is not a ResourceList are errors.

import { spawnSync } from 'node:child_process';
import type { Diagnostics } from '../../fn/diagnostics';
import type { KObject } from '../../fn/kio/types';
import { isObject, RESOURCE_LIST_API_VERSION } from '../../fn/kio/types';
import type { DependencyProvider, DependencyRequest, ExternalProviderDeclaration } from '../../fn/plugins/deps';
import { parseYaml, stringifyYaml } from '../../fn/yaml';

export interface ExecProviderOptions {
  /** Kill the function after this long (default 30 s). */
  timeoutMs?: number;
  /** Largest stdout (and stderr) accepted, in bytes (default 16 MiB). */
  maxOutputBytes?: number;
  /** Working directory of the function (default: the current one). */
  cwd?: string;
  /** The function's whole environment (default: PATH, HOME and LANG of this process). */
  env?: Record<string, string>;
  /** Values never repeated from what the function says (the runner's environment). */
  masked?: string[];
}

/** How much of a failing function's stderr reaches the results: its last lines, each cut short. */
export const STDERR_LINES = 5;
export const STDERR_LINE_CHARS = 200;

export const DEFAULT_EXEC_TIMEOUT_MS = 30_000;
export const DEFAULT_EXEC_MAX_OUTPUT = 16 * 1024 * 1024;

function stripOrchestratorAnnotations(o: KObject): KObject {
  const a = o.metadata.annotations;
  if (!a) return o;
  const kept = Object.fromEntries(Object.entries(a).filter(([k]) => !k.startsWith('config.kubernetes.io/') && !k.startsWith('internal.config.kubernetes.io/')));
  const metadata = { ...o.metadata };
  if (Object.keys(kept).length > 0) metadata.annotations = kept;
  else delete metadata.annotations;
  return { ...o, metadata };
}

function isLocalConfig(o: KObject): boolean {
  return o.metadata?.annotations?.['config.kubernetes.io/local-config'] === 'true';
}

function sameObject(a: KObject, b: KObject): boolean {
  return a.apiVersion === b.apiVersion && a.kind === b.kind && a.metadata?.name === b.metadata?.name && (a.metadata?.namespace ?? '') === (b.metadata?.namespace ?? '');
}

/** The ResourceList sent to the function for one request. */
export function dependencyRequestResourceList(req: DependencyRequest): Record<string, unknown> {
  const cr: KObject = req.cr ?? {
    apiVersion: 'rhdh.redhat.com/v1alpha5',
    kind: 'Backstage',
    metadata: { name: req.backstage.name, namespace: req.backstage.namespace },
  };
  return {
    apiVersion: RESOURCE_LIST_API_VERSION,
    kind: 'ResourceList',
    items: [cr],
    functionConfig: {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'dependency-request', annotations: { 'config.kubernetes.io/local-config': 'true' } },
      data: { ref: req.ref, plugin: req.plugin, 'backstage-name': req.backstage.name, 'backstage-namespace': req.backstage.namespace },
    },
  };
}

/** Every masked value replaced by `***`, longest first (so a value containing another goes whole). */
export function maskValues(text: string, masked: string[]): string {
  let out = text;
  for (const v of [...new Set(masked)].sort((a, b) => b.length - a.length)) if (v !== '') out = out.split(v).join('***');
  return out;
}

/** The last few lines of stderr, each cut short, values masked: a hint, never a dump. */
function stderrTail(text: string, masked: string[]): string {
  const lines = maskValues(text, masked).split('\n').map((l) => l.trimEnd()).filter((l) => l.trim() !== '');
  const kept = lines.slice(-STDERR_LINES).map((l) => (l.length > STDERR_LINE_CHARS ? `${l.slice(0, STDERR_LINE_CHARS)}…` : l));
  return `${lines.length > STDERR_LINES ? '… ' : ''}${kept.join(' | ')}`;
}

function minimalEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const k of ['PATH', 'HOME', 'LANG']) if (process.env[k] !== undefined) env[k] = process.env[k] as string;
  return env;
}

/** A provider for the refs of `decl`, running `decl.exec.path` (a .js/.mjs/.cjs file runs with this Node). */
export function execDependencyProvider(decl: Pick<ExternalProviderDeclaration, 'refs' | 'exec' | 'image'> & { file?: string }, opts: ExecProviderOptions = {}): DependencyProvider {
  if (!decl.exec) throw new Error(`${decl.file ?? 'dependency provider'}: only exec dependency providers can run here; give spec.exec.path`);
  const exe = decl.exec.path;
  const timeout = opts.timeoutMs ?? DEFAULT_EXEC_TIMEOUT_MS;
  const maxBuffer = opts.maxOutputBytes ?? DEFAULT_EXEC_MAX_OUTPUT;
  const name = `exec ${exe}${decl.file ? ` (${decl.file})` : ''}`;
  const env = opts.env ?? minimalEnv();
  const masked = opts.masked ?? [];
  return {
    name,
    serves: (ref) => decl.refs.includes(ref),
    objectsFor(req, diag: Diagnostics): KObject[] {
      const where = { ref: req.where?.ref, path: req.where?.path };
      const fail = (msg: string) => {
        diag.error(`dependency provider ${name} for ref "${req.ref}" of plugin ${req.plugin}: ${maskValues(msg, masked)}`, where);
        return [] as KObject[];
      };
      const isJs = /\.(c|m)?js$/.test(exe);
      const sent = dependencyRequestResourceList(req);
      const crSent = (sent.items as KObject[])[0];
      const res = spawnSync(isJs ? process.execPath : exe, isJs ? [exe] : [], {
        input: stringifyYaml(sent),
        encoding: 'utf8',
        timeout,
        maxBuffer,
        cwd: opts.cwd,
        env,
        killSignal: 'SIGKILL',
        windowsHide: true,
      });
      if (res.error) {
        const code = (res.error as NodeJS.ErrnoException).code;
        if (code === 'ETIMEDOUT') return fail(`did not finish within ${timeout} ms`);
        if (code === 'ENOBUFS') return fail(`wrote more than ${maxBuffer} bytes`);
        if (code === 'ENOENT') return fail('the executable does not exist');
        if (code === 'EACCES') return fail('the executable cannot be run (is its execute bit set?)');
        return fail(res.error.message);
      }
      if (res.signal) return fail(`was killed by ${res.signal}`);

      let out: unknown;
      try {
        out = parseYaml(res.stdout ?? '');
      } catch (e) {
        return fail(`its output is not YAML: ${(e as Error).message}`);
      }
      const results = isObject(out) && Array.isArray(out.results) ? out.results : [];
      for (const r of results) {
        if (!isObject(r) || typeof r.message !== 'string') continue;
        const sev = r.severity === 'warning' || r.severity === 'info' ? r.severity : 'error';
        const message = maskValues(r.message, masked);
        diag.add(sev, `dependency provider ${name} for ref "${req.ref}" of plugin ${req.plugin}: ${message.length > 500 ? `${message.slice(0, 500)}…` : message}`, where);
      }
      if (res.status !== 0) {
        const err = stderrTail(res.stderr ?? '', masked);
        return fail(`exited with code ${res.status}${err ? `: ${err}` : ''}`);
      }
      if (!isObject(out) || out.kind !== 'ResourceList' || !Array.isArray(out.items ?? [])) return fail('its output is not a ResourceList');
      const items = (out.items ?? []) as unknown[];
      const objs: KObject[] = [];
      for (let i = 0; i < items.length; i++) {
        const it = items[i];
        if (!isObject(it) || typeof it.apiVersion !== 'string' || typeof it.kind !== 'string' || !isObject(it.metadata) || typeof it.metadata.name !== 'string' || it.metadata.name === '') {
          fail(`output items[${i}] is not a Kubernetes object (apiVersion, kind and metadata.name are required)`);
          continue;
        }
        const o = it as unknown as KObject;
        if (sameObject(o, crSent)) continue;
        if (isLocalConfig(o)) continue;
        objs.push(stripOrchestratorAnnotations(o));
      }
      return objs;
    },
  };
}

// External dependency providers a profile declares (plugin-deps/<name>.provider.yaml, an exec
// KRM function). The profile may come from the input, so a program runs only when the runner
// named it: --allow-exec-providers PROGRAM (repeatable) or BACKSTAGE_RENDER_ALLOW_EXEC_PROVIDERS
// (comma-separated), each entry a path (the profile's exec.path must resolve to that very file)
// or NAME=PATH (the provider NAME runs the runner's PATH, whatever the profile says). A program
// gets a minimal environment: PATH, HOME, LANG and the variables the runner lists with
// --exec-provider-env NAME or BACKSTAGE_RENDER_EXEC_PROVIDER_ENV; never the secret seed. Its
// stderr and result messages reach the results cut short, with the environment's values masked.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Diagnostics } from '../fn/diagnostics';
import type { DependencyProvider, DependencyRequest } from '../fn/plugins/deps';
import { externalProviderDeclarations } from '../fn/plugins/deps';
import type { Profile } from '../fn/profile/profile';
import { execDependencyProvider } from './providers/exec-provider';
import { SECRET_SEED_ENV } from './secret-seed';

export const ALLOW_EXEC_PROVIDERS_ENV = 'BACKSTAGE_RENDER_ALLOW_EXEC_PROVIDERS';
export const EXEC_PROVIDER_ENV_ENV = 'BACKSTAGE_RENDER_EXEC_PROVIDER_ENV';
/** What every provider program gets from the runner's environment, when set. */
const BASE_ENV = ['PATH', 'HOME', 'LANG'];
/** Values shorter than this are not masked in a provider's messages (they would mangle the text). */
const MIN_MASKED_VALUE = 4;

export interface ExecPolicy {
  /** Real paths of the programs any provider may run. */
  paths: Set<string>;
  /** Provider name -> the program it runs. */
  names: Map<string, string>;
  /** The environment a provider program gets. */
  env: Record<string, string>;
  /** Values masked in what a provider says (the runner's environment). */
  masked: string[];
}

const list = (v: string | undefined) => (v ?? '').split(',').map((s) => s.trim()).filter((s) => s !== '');

function realOrResolved(p: string): string {
  try {
    return fs.realpathSync(p);
  } catch {
    return p;
  }
}

/** The runner's exec policy from its flags and environment; errors are the runner's to fix. */
export function execPolicyOf(args: { allow?: string[]; envNames?: string[]; env?: NodeJS.ProcessEnv; cwd: string }): { policy: ExecPolicy; errors: string[] } {
  const env = args.env ?? {};
  const errors: string[] = [];
  const policy: ExecPolicy = { paths: new Set(), names: new Map(), env: {}, masked: [] };
  const entries = [...(args.allow ?? []).map((v) => [v, '--allow-exec-providers'] as const), ...list(env[ALLOW_EXEC_PROVIDERS_ENV]).map((v) => [v, ALLOW_EXEC_PROVIDERS_ENV] as const)];
  for (const [entry, from] of entries) {
    if (/^(true|false|yes|no|1|0)$/i.test(entry)) {
      errors.push(`${from}: "${entry}" is not a program: list the programs providers may run, as paths or NAME=PATH (e.g. ${from === ALLOW_EXEC_PROVIDERS_ENV ? `${ALLOW_EXEC_PROVIDERS_ENV}=/opt/providers/x,y=/usr/local/bin/y` : '--allow-exec-providers /opt/providers/x'})`);
      continue;
    }
    const eq = entry.indexOf('=');
    const name = eq > 0 ? entry.slice(0, eq) : undefined;
    const program = eq > 0 ? entry.slice(eq + 1) : entry;
    if (name !== undefined && !/^[A-Za-z0-9._-]+$/.test(name)) {
      errors.push(`${from}: "${entry}": NAME in NAME=PATH is a provider's name (plugin-deps/NAME.provider.yaml)`);
      continue;
    }
    const abs = path.resolve(args.cwd, program);
    let st: fs.Stats | undefined;
    try {
      st = fs.statSync(abs);
    } catch {
      st = undefined;
    }
    if (!st?.isFile()) {
      errors.push(`${from}: ${program} is not a file`);
      continue;
    }
    if (name !== undefined) policy.names.set(name, fs.realpathSync(abs));
    else policy.paths.add(fs.realpathSync(abs));
  }
  const names = [...BASE_ENV, ...(args.envNames ?? []), ...list(env[EXEC_PROVIDER_ENV_ENV])];
  for (const n of names) {
    if (n === SECRET_SEED_ENV) {
      errors.push(`${SECRET_SEED_ENV} is never passed to a dependency provider (it would learn every database password)`);
      continue;
    }
    if (env[n] !== undefined) policy.env[n] = env[n] as string;
  }
  // Our own settings are not secrets (and name the programs and variables the messages talk about).
  policy.masked = Object.entries(env)
    .filter(([k, v]) => k !== ALLOW_EXEC_PROVIDERS_ENV && k !== EXEC_PROVIDER_ENV_ENV && typeof v === 'string' && v.length >= MIN_MASKED_VALUE)
    .map(([, v]) => v as string);
  return { policy, errors };
}

/**
 * Providers the profile declares as external KRM functions (exec paths resolve from cwd). Those
 * the runner did not name are refused: a ref they serve is an error that says how to allow them.
 */
export function externalProviders(profile: Profile, cwd: string, policy: ExecPolicy): DependencyProvider[] {
  return externalProviderDeclarations(profile).map((decl) => {
    if (!decl.exec) throw new Error(`${decl.file}: only exec dependency providers can run here (no container engine); give spec.exec.path`);
    const name = path.basename(decl.file).replace(/\.provider\.ya?ml$/, '');
    const declared = realOrResolved(path.resolve(cwd, decl.exec.path));
    const program = policy.names.get(name) ?? (policy.paths.has(declared) ? declared : undefined);
    if (program === undefined) return refusedProvider(decl.file, name, decl.refs, decl.exec.path, declared);
    return execDependencyProvider({ ...decl, exec: { path: program } }, { env: policy.env, masked: policy.masked });
  });
}

function refusedProvider(file: string, name: string, refs: string[], execPath: string, declared: string): DependencyProvider {
  return {
    name: `${file} (not run)`,
    serves: (ref: string) => refs.includes(ref),
    objectsFor(req: DependencyRequest, diag: Diagnostics) {
      diag.error(
        `plugin ${req.plugin}: ref "${req.ref}" is served by the external dependency provider ${file} (exec ${execPath}), which is not run: ` +
          `a program runs only when the runner names it: --allow-exec-providers ${declared} (or ${name}=PATH), or ${ALLOW_EXEC_PROVIDERS_ENV}`,
        { ref: req.where?.ref ?? req.cr, path: req.where?.path },
      );
      return [];
    },
  };
}

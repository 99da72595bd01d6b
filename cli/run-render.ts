// Glue shared by both doors: options from functionConfig, flags and environment; the profile from
// disk; then the pure core.
import { appendAll, type KObject, type Result } from '../fn/kio/types';
import type { RenderOptions } from '../fn/options';
import { parseFunctionConfig, readOptionValues, withDefaults } from '../fn/options';
import type { Profile } from '../fn/profile/profile';
import { renderBackstage, renderBackstageTo, type ItemSink, type RenderResponse } from '../fn/render';
import { strictResults } from '../fn/diagnostics';
import type { DependencyProvider } from '../fn/plugins/deps';
import { EMBEDDED_PROFILE_NAMES, resolveProfile } from './profile-loader';
import { execPolicyOf, externalProviders } from './external-providers';
import { readOptionInputs } from './commands/inputs-option';
import { readSealingCertificate } from './commands/sealing-cert';
import type { SealingCertificate } from '../fn/db-secret-modes';
import { outsideInputMessage, staysInside } from './input-paths';

import { chooseSecretSeed, SECRET_SEED_ENV } from './secret-seed';

export { SECRET_SEED_ENV };

/** The runner's profile for doors without flags (kpt, kustomize, Argo CD): any directory. */
export const PROFILE_ENV = 'BACKSTAGE_RENDER_PROFILE';

export interface DoorRequest {
  items: KObject[];
  functionConfig?: KObject;
  /** Options from CLI flags: they win over the functionConfig. */
  flags?: Partial<RenderOptions>;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** The programs the runner allows exec dependency providers to run (--allow-exec-providers). */
  allowExecProviders?: string[];
  /** Variables of the runner's environment providers get besides PATH, HOME, LANG (--exec-provider-env). */
  execProviderEnv?: string[];
  /** The door writes the output to files (-o DIR, kpt, kustomize): the core warns about a plaintext DB password. */
  writesFiles?: boolean;
}

/**
 * Options, profile and providers for the core, then the core. With a `sink` (the KRM door) the
 * items go there as they are made (fn/render.ts renderBackstageTo), and the response holds only
 * the results; when the door stops early, the items go there as they came.
 */
export function runRender(req: DoorRequest, sink?: ItemSink): RenderResponse {
  const stop = (results: Result[]): RenderResponse => {
    if (!sink) return { items: req.items, generated: [], results };
    for (const o of req.items) sink(o);
    return { items: [], generated: [], results };
  };
  const parsed = parseFunctionConfig(req.functionConfig);
  // The seed is the runner's (cli/secret-seed.ts): chosen apart from the other options.
  const seed = chooseSecretSeed({ flag: req.flags?.secretSeed, env: req.env, fromConfig: parsed.options.secretSeed, functionConfig: req.functionConfig });
  // The profile: the runner's flag, else the runner's environment, else the input's.
  const runnerProfile = req.flags?.profile ?? (req.env?.[PROFILE_ENV] || undefined);
  const options = withDefaults(parsed.options, req.flags ?? {}, { secretSeed: seed.seed, profile: runnerProfile });
  if (seed.seed === undefined) delete options.secretSeed;
  const results: Result[] = [...parsed.results, ...seed.results];
  // Flags are checked like functionConfig values where commander does not (the namespace ends up
  // in object namespaces and file paths).
  if (req.flags?.namespace !== undefined) appendAll(results, readOptionValues({ namespace: req.flags.namespace }, '--').results);
  if (results.some((r) => r.severity === 'error')) return stop(results);
  let items = req.items;
  if (options.inputs && options.inputs.length > 0) {
    // The `inputs` option (a kustomize generator sees only its own config): read and add them.
    const read = readOptionInputs(options.inputs, req.cwd ?? process.cwd(), req.functionConfig);
    if (read.results.length > 0) return stop([...results, ...read.results]);
    items = [...req.items, ...read.items];
  }

  let profile: Profile | undefined;
  const field = runnerProfile !== undefined ? undefined : req.functionConfig ? { path: req.functionConfig.kind === 'ConfigMap' ? 'data.profile' : 'spec.profile' } : undefined;
  const cwd = req.cwd ?? process.cwd();
  if (runnerProfile === undefined && !EMBEDDED_PROFILE_NAMES.includes(options.profile) && !staysInside(options.profile, cwd)) {
    const message = outsideInputMessage('profile', options.profile, cwd, `the runner names other directories with --profile or ${PROFILE_ENV}`);
    results.push({ severity: 'error', message, ...(field ? { field } : {}) });
    return stop(results);
  }
  try {
    profile = resolveProfile(options.profile, cwd, options.operatorVersion);
  } catch (e) {
    results.push({ severity: 'error', message: (e as Error).message, ...(field ? { field } : {}) });
    return stop(results);
  }
  let providers: DependencyProvider[] = [];
  try {
    const exec = execPolicyOf({ allow: req.allowExecProviders, envNames: req.execProviderEnv, env: req.env, cwd });
    if (exec.errors.length > 0) {
      appendAll(results, exec.errors.map((message) => ({ severity: 'error' as const, message })));
      return stop(results);
    }
    providers = externalProviders(profile, cwd, exec.policy);
  } catch (e) {
    results.push({ severity: 'error', message: (e as Error).message });
    return stop(results);
  }
  let sealingCertificate: SealingCertificate | undefined;
  if (options.sealedSecretsCert !== undefined) {
    const fromRunner = req.flags?.sealedSecretsCert !== undefined;
    const read = readSealingCertificate(options.sealedSecretsCert, req.cwd ?? process.cwd(), fromRunner ? { runner: true } : { runner: false, ...(req.functionConfig ? { functionConfig: req.functionConfig } : {}) });
    if (read.results.length > 0) return stop([...results, ...read.results]);
    sealingCertificate = read.certificate;
  }
  const request = {
    items,
    options,
    profile,
    extraProviders: providers,
    ...(sealingCertificate ? { sealingCertificate } : {}),
    writesFiles: req.writesFiles === true,
  };
  // The core makes its own warnings errors with strict; the door's are made so here (and then
  // nothing is rendered: the core's results are still wanted, so it renders without a sink).
  const doorStrictFailure = options.strict === true && results.some((r) => r.severity === 'warning');
  const out = sink && !doorStrictFailure ? { items: [], generated: [], ...renderBackstageTo(request, sink) } : renderBackstage(request);
  if (doorStrictFailure) return stop([...strictResults(results), ...out.results]);
  return { items: out.items, generated: out.generated, results: [...results, ...out.results] };
}

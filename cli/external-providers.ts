import * as path from 'node:path';
import type { Diagnostics } from '../fn/diagnostics';
import type { DependencyProvider, DependencyRequest } from '../fn/plugins/deps';
import { externalProviderDeclarations } from '../fn/plugins/deps';
import type { Profile } from '../fn/profile/profile';
import { execDependencyProvider } from './providers/exec-provider';

export const ALLOW_EXEC_PROVIDERS_ENV = 'BACKSTAGE_RENDER_ALLOW_EXEC_PROVIDERS';

/**
 * Providers the profile declares as external KRM functions (exec paths resolve from cwd).
 * The profile may come from the input (functionConfig `profile`), so running the programs it
 * names needs an opt-in the input cannot give: the runner's flag or environment, as kpt's
 * --allow-exec. Without it, a ref such a provider serves is an error that says so.
 */
export function externalProviders(profile: Profile, cwd: string, allowExec: boolean): DependencyProvider[] {
  return externalProviderDeclarations(profile).map((decl) => {
    if (!decl.exec) throw new Error(`${decl.file}: only exec dependency providers can run here (no container engine); give spec.exec.path`);
    if (!allowExec) return refusedProvider(decl.file, decl.refs, decl.exec.path);
    return execDependencyProvider({ ...decl, exec: { path: path.resolve(cwd, decl.exec.path) } });
  });
}

function refusedProvider(file: string, refs: string[], execPath: string): DependencyProvider {
  return {
    name: `${file} (not run)`,
    serves: (ref: string) => refs.includes(ref),
    objectsFor(req: DependencyRequest, diag: Diagnostics) {
      diag.error(
        `plugin ${req.plugin}: ref "${req.ref}" is served by the external dependency provider ${file} (exec ${execPath}), which is not run: programs a profile names run only when the runner allows it with --allow-exec-providers or ${ALLOW_EXEC_PROVIDERS_ENV}=true`,
        { ref: req.where?.ref ?? req.cr, path: req.where?.path },
      );
      return [];
    },
  };
}

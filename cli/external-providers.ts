import * as path from 'node:path';
import type { DependencyProvider } from '../fn/plugins/deps';
import { externalProviderDeclarations } from '../fn/plugins/deps';
import type { Profile } from '../fn/profile/profile';
import { execDependencyProvider } from './providers/exec-provider';

/** Providers the profile declares as external KRM functions (exec paths resolve from cwd). */
export function externalProviders(profile: Profile, cwd: string): DependencyProvider[] {
  return externalProviderDeclarations(profile).map((decl) => {
    if (!decl.exec) throw new Error(`${decl.file}: only exec dependency providers can run here (no container engine); give spec.exec.path`);
    return execDependencyProvider({ ...decl, exec: { path: path.resolve(cwd, decl.exec.path) } });
  });
}

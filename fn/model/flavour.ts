// Which flavours of the profile are enabled for a CR (the operator's pkg/model/flavour.go).
import type { OperatorVersion } from '../versions';
import type { Diagnostics } from '../diagnostics';
import { isObject } from '../kio/types';
import { listFlavours } from '../profile/profile';
import type { Profile } from '../profile/profile';
import { parseProfileYaml } from './profile-yaml';
import type { BackstageCR } from './types';
import { flavours } from './cr';
import { ModelError } from './runtime';
import type { EnabledFlavour } from './runtime';

interface FlavourInfo {
  name: string;
  files: Record<string, string>;
  enabledByDefault: boolean;
}

/** All flavours of the profile with their `enabledByDefault` (metadata.yaml; absent file = false). */
export function loadAllFlavours(profile: Profile): FlavourInfo[] {
  return listFlavours(profile).map((f) => {
    let enabledByDefault = false;
    if (f.metadataText !== undefined) {
      let meta: unknown;
      try {
        meta = parseProfileYaml(profile, f.metadataText);
      } catch (e) {
        throw new ModelError(`failed to load flavour '${f.name}': failed to parse metadata.yaml: ${(e as Error).message}`, undefined, `default-config/flavours/${f.name}/metadata.yaml`);
      }
      if (isObject(meta) && meta.enabledByDefault !== undefined && meta.enabledByDefault !== null) {
        if (typeof meta.enabledByDefault !== 'boolean') {
          throw new ModelError(`failed to load flavour '${f.name}': enabledByDefault in metadata.yaml must be true or false`, undefined, `default-config/flavours/${f.name}/metadata.yaml`);
        }
        enabledByDefault = meta.enabledByDefault;
      }
    }
    return { name: f.name, files: f.files, enabledByDefault };
  });
}

/**
 * GetEnabledFlavours. `spec.flavours` absent: the flavours enabled by default; `[]`: none; otherwise each
 * listed flavour's `enabled` (default true, as the CRD defaults it) overrides its default. A name the
 * profile does not have is an error result on `spec.flavours[i].name` (the operator fails the whole
 * reconcile); the other flavours still apply.
 *
 * Order (the operator iterates a Go map, so its order is random): the flavours enabled by default and
 * not named in spec.flavours first, sorted by name, then the named ones that end up enabled, in the
 * order they are first named. Later flavours are merged later, so a flavour the user names wins over
 * one that comes by default.
 */
export function getEnabledFlavours(cr: BackstageCR, profile: Profile, diag: Diagnostics, version: OperatorVersion): EnabledFlavour[] {
  if (version === '1.9') {
    // Flavours came with 1.10 (5ab71178, PR #2415): 1.9's CRD has no spec.flavours and its operator reads no flavours/.
    if (flavours(cr) !== undefined) {
      diag.warning('spec.flavours is not in operator 1.9\'s CRD (flavours came with 1.10): the API server drops it and nothing of it is rendered', { ref: cr.object, path: 'spec.flavours' });
    }
    return [];
  }
  const all = loadAllFlavours(profile);
  const byName = new Map(all.map((f) => [f.name, f]));
  const specFlavours = flavours(cr);
  if (specFlavours === undefined) return all.filter((f) => f.enabledByDefault).map((f) => ({ name: f.name, files: f.files }));
  if (specFlavours.length === 0) return [];

  const named = new Map<string, boolean>(); // insertion order = first mention; the last mention's value wins
  for (const sf of specFlavours) {
    if (!byName.has(sf.name)) {
      const known = all.map((f) => f.name).join(', ') || 'none';
      diag.error(`flavour '${sf.name}' not found in profile ${profile.name} (available: ${known})`, { ref: cr.object, path: `${sf.path}.name` });
      continue;
    }
    named.set(sf.name, sf.enabled);
  }

  const result: EnabledFlavour[] = [];
  for (const f of all) if (f.enabledByDefault && !named.has(f.name)) result.push({ name: f.name, files: f.files });
  for (const [name, enabled] of named) if (enabled) result.push({ name, files: byName.get(name)!.files });
  return result;
}

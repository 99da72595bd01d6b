// Checks on the finished pod template that the API server would refuse, said in terms of the CR:
// two volumes of one name (the same ConfigMap, Secret or PVC listed twice, in appConfig and
// extraFiles or twice in one list) and two mounts at one path in a container.
import type { KObject } from '../kio/types';
import { isObject } from '../kio/types';
import { appConfig, extraFiles } from './cr';
import type { Model } from './runtime';
import { toRFC1123Label } from './utils';

/** The CR entries that mount an object whose volume has this name, as field paths. */
function entriesFor(model: Model, volume: string): string[] {
  const out: string[] = [];
  const ac = appConfig(model.cr);
  const ef = extraFiles(model.cr);
  for (const e of [...(ac?.configMaps ?? []), ...(ef?.configMaps ?? []), ...(ef?.secrets ?? []), ...(ef?.pvcs ?? [])]) {
    if (toRFC1123Label(e.name) === volume || e.name === volume) out.push(e.path);
  }
  return out;
}

export function checkPodTemplate(model: Model, workload: KObject | undefined): void {
  const spec = (workload as { spec?: { template?: { spec?: Record<string, unknown> } } } | undefined)?.spec?.template?.spec;
  if (!isObject(spec)) return;
  const ref = model.cr.object;
  const volumes = Array.isArray(spec.volumes) ? (spec.volumes as Array<{ name?: unknown }>) : [];
  const seen = new Set<string>();
  for (const v of volumes) {
    const name = String(v?.name ?? '');
    if (!seen.has(name)) {
      seen.add(name);
      continue;
    }
    const entries = entriesFor(model, name);
    if (entries.length > 0) {
      model.diag.error(
        `the pod would have two volumes named "${name}", which the API server refuses${entries.length > 1 ? `: ${entries.join(' and ')} mount the same object` : ''}; list each ConfigMap, Secret or PVC once (an entry without key mounts all its keys)`,
        { ref, path: entries[entries.length - 1] },
      );
    } else {
      model.diag.error(`the pod would have two volumes named "${name}", which the API server refuses: the profile (or a flavour) makes two objects of that name`, { ref, file: `profile ${model.profile.name}` });
    }
  }
  for (const list of ['containers', 'initContainers'] as const) {
    const containers = Array.isArray(spec[list]) ? (spec[list] as Array<Record<string, unknown>>) : [];
    for (const c of containers) {
      const mounts = Array.isArray(c.volumeMounts) ? (c.volumeMounts as Array<{ mountPath?: unknown; name?: unknown }>) : [];
      const paths = new Map<string, string>();
      for (const m of mounts) {
        const p = String(m?.mountPath ?? '');
        const other = paths.get(p);
        if (other === undefined) {
          paths.set(p, String(m?.name ?? ''));
          continue;
        }
        model.diag.error(
          `container "${String(c.name)}" would mount both volume "${other}" and volume "${String(m?.name ?? '')}" at ${p}, which the API server refuses; give one of them another mountPath or key`,
          { ref, path: 'spec.application' },
        );
      }
    }
  }
}

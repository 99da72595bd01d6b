// Which containers of the Backstage pod an item applies to (the operator's containers-filter.go).
import type { BackstageDeployment, Container } from './deployment';
import { parseCommaSeparated } from './utils';

export interface ContainersFilter {
  /** From the CR (`containers` of an env/file/pvc entry). */
  names?: string[];
  /** From a profile object's `rhdh.redhat.com/containers` annotation; overrides names when not empty. */
  annotation?: string;
}

export type FilterResult = { containers: Container[] } | { missing: string };

/**
 * No names: the Backstage container. `*`: every container, then every init container. Otherwise
 * each named container or init container; a name not in the pod is reported (the operator fails).
 */
export function getContainers(filter: ContainersFilter, d: BackstageDeployment): FilterResult {
  let names = filter.names ?? [];
  if (filter.annotation) names = parseCommaSeparated(filter.annotation);
  if (names.length === 0) return { containers: [d.container()] };
  if (names.length === 1 && names[0] === '*') names = d.allContainers();
  const containers: Container[] = [];
  for (const n of names) {
    const c = d.containerByName(n);
    if (!c) return { missing: n };
    containers.push(c);
  }
  return { containers };
}

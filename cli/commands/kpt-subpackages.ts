// kpt runs a package's pipeline over its own resources and those of its subpackages (directories
// with their own Kptfile, which .krmignore cannot exclude), after the subpackages' own pipelines
// ran. Each item carries internal.config.kubernetes.io/package-path, the absolute directory of the
// package it belongs to. A parent pipeline must leave a subpackage's CRs and rendered files alone:
// rendering them again would write them into the parent's rendered/ and drop the subpackage's
// files. So the KRM door renders the items of the outermost package only and hands the others
// back untouched.
import type { KObject } from '../../fn/kio/types';

export const ANNOTATION_PACKAGE_PATH = 'internal.config.kubernetes.io/package-path';

function packagePath(o: KObject): string | undefined {
  const p = o?.metadata?.annotations?.[ANNOTATION_PACKAGE_PATH];
  return typeof p === 'string' && p !== '' ? p.replace(/\/+$/, '') : undefined;
}

/** Items of the package whose pipeline runs (the outermost package-path) and the subpackages' items. */
export function splitSubpackageItems(items: KObject[]): { own: KObject[]; subpackages: KObject[] } {
  const paths = [...new Set(items.map(packagePath).filter((p): p is string => p !== undefined))];
  if (paths.length <= 1) return { own: items, subpackages: [] };
  const root = paths.reduce((a, b) => (b.length < a.length ? b : a));
  const inside = (p: string) => p === root || p.startsWith(`${root}/`);
  if (!paths.every(inside)) return { own: items, subpackages: [] }; // not a package tree: leave as it is
  const own: KObject[] = [];
  const subpackages: KObject[] = [];
  for (const o of items) {
    const p = packagePath(o);
    if (p === undefined || p === root) own.push(o);
    else subpackages.push(o);
  }
  return { own, subpackages };
}

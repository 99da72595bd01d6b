// kpt runs a package's pipeline over its own resources and those of its subpackages (directories
// with their own Kptfile, which .krmignore cannot exclude), after the subpackages' own pipelines
// ran. Each item carries internal.config.kubernetes.io/package-path, the absolute directory of the
// package it belongs to.
//
// A subpackage that renders itself must be left alone by the parent: rendering its CRs again
// would write them into the parent's rendered/ and drop the subpackage's own files. A subpackage
// renders itself when it holds a RenderBackstage function config, or its Kptfile pipeline runs
// backstage-render (an exec path or image naming it). The items of such a subpackage (and of
// packages below it) are handed back untouched; everything else, including subpackages without
// a pipeline of ours, is rendered by the parent as before.
import type { KObject } from '../../fn/kio/types';
import { isObject } from '../../fn/kio/types';
import { FUNCTION_CONFIG_API_VERSION, FUNCTION_CONFIG_KIND } from '../../fn/options';

export const ANNOTATION_PACKAGE_PATH = 'internal.config.kubernetes.io/package-path';

function packagePath(o: KObject): string | undefined {
  const p = o?.metadata?.annotations?.[ANNOTATION_PACKAGE_PATH];
  return typeof p === 'string' && p !== '' ? p.replace(/\/+$/, '') : undefined;
}

/** Whether an item says its package runs backstage-render itself. */
function rendersItself(o: KObject): boolean {
  if (o.kind === FUNCTION_CONFIG_KIND && o.apiVersion === FUNCTION_CONFIG_API_VERSION) return true;
  if (o.kind !== 'Kptfile' || !isObject(o.pipeline)) return false;
  const fns = [...(Array.isArray(o.pipeline.mutators) ? o.pipeline.mutators : []), ...(Array.isArray(o.pipeline.validators) ? o.pipeline.validators : [])];
  return fns.some((f) => isObject(f) && [f.exec, f.image].some((v) => typeof v === 'string' && /backstage-render/.test(v)));
}

/** Items of the package whose pipeline runs and of subpackages it renders; the self-rendering subpackages' items. */
export function splitSubpackageItems(items: KObject[]): { own: KObject[]; subpackages: KObject[] } {
  const paths = [...new Set(items.map(packagePath).filter((p): p is string => p !== undefined))];
  if (paths.length <= 1) return { own: items, subpackages: [] };
  const root = paths.reduce((a, b) => (b.length < a.length ? b : a));
  const under = (p: string, dir: string) => p === dir || p.startsWith(`${dir}/`);
  if (!paths.every((p) => under(p, root))) return { own: items, subpackages: [] }; // not a package tree: leave as it is
  const selfRendering = new Set<string>();
  for (const o of items) {
    const p = packagePath(o);
    if (p !== undefined && p !== root && rendersItself(o)) selfRendering.add(p);
  }
  if (selfRendering.size === 0) return { own: items, subpackages: [] };
  const own: KObject[] = [];
  const subpackages: KObject[] = [];
  for (const o of items) {
    const p = packagePath(o);
    if (p !== undefined && [...selfRendering].some((s) => under(p, s))) subpackages.push(o);
    else own.push(o);
  }
  return { own, subpackages };
}

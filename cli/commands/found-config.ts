// The CLI reads what kpt and kustomize would read: a function config lying among its inputs (a
// RenderBackstage; a ConfigMap marked as a function config with config.kubernetes.io/function; or
// the file a Kptfile of an input directory names as configPath for a backstage-render step) is
// the one used, with an info saying so. Two of them is an error; --config still wins.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { KObject, Result } from '../../fn/kio/types';
import { appendAll, isObject, refOf } from '../../fn/kio/types';
import { FUNCTION_CONFIG_API_VERSION, FUNCTION_CONFIG_KIND } from '../../fn/options';
import { stableJson } from '../../fn/delivery';
import { parseYamlDocuments } from '../../fn/yaml';

const FUNCTION_ANNOTATION = 'config.kubernetes.io/function';

function isMarkedFunctionConfig(o: KObject): boolean {
  if (o.kind === FUNCTION_CONFIG_KIND && o.apiVersion === FUNCTION_CONFIG_API_VERSION) return true;
  return o.kind === 'ConfigMap' && o.apiVersion === 'v1' && o.metadata?.annotations?.[FUNCTION_ANNOTATION] !== undefined;
}

/** The function config files the Kptfiles of the input directories name for a backstage-render step (inline configMaps into `inline`). */
function kptfileConfigs(paths: string[], cwd: string, inline: KObject[]): string[] {
  const texts: string[] = [];
  for (const p of paths) {
    if (p === '-') continue;
    const dir = path.resolve(cwd, p);
    const kptfile = path.join(dir, 'Kptfile');
    if (!fs.statSync(dir, { throwIfNoEntry: false })?.isDirectory() || !fs.existsSync(kptfile)) continue;
    try {
      const [k] = parseYamlDocuments(fs.readFileSync(kptfile, 'utf8')) as KObject[];
      const steps = isObject(k?.pipeline) && Array.isArray(k.pipeline.mutators) ? k.pipeline.mutators : [];
      for (const s of steps) {
        if (!isObject(s) || ![s.exec, s.image].some((v) => typeof v === 'string' && /backstage-render/.test(v))) continue;
        // kpt hands an inline configMap to the function as the ConfigMap function-input.
        if (isObject(s.configMap)) inline.push({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'function-input' }, data: s.configMap } as KObject);
        if (typeof s.configPath !== 'string') continue;
        const file = path.resolve(dir, s.configPath);
        if (file.startsWith(`${dir}${path.sep}`) && fs.existsSync(file)) appendAll(texts, parseYamlDocuments(fs.readFileSync(file, 'utf8')).map((d) => stableJson(d)));
      }
    } catch {
      // A Kptfile we cannot read says nothing about our config: kpt would complain about it, not us.
    }
  }
  return texts;
}

const describe = (o: KObject) => `${o.kind} ${o.metadata?.name ?? ''}`;

export interface ConfigChoice {
  functionConfig?: KObject;
  /** The inputs without the function configs found among them. */
  items: KObject[];
  results: Result[];
}

export function chooseFunctionConfig(req: { items: KObject[]; paths: string[]; cwd: string; explicit?: KObject; explicitFile?: string; fromResourceList?: KObject }): ConfigChoice {
  const inline: KObject[] = [];
  const named = new Set(kptfileConfigs(req.paths, req.cwd, inline));
  const isConfig = (o: KObject) => isMarkedFunctionConfig(o) || (named.size > 0 && isObject(o) && named.has(stableJson(o)));
  const found = [...req.items.filter(isConfig), ...inline];
  const items = found.length === 0 ? req.items : req.items.filter((o) => !isConfig(o));
  if (req.explicit) {
    const ignored = found.filter((o) => stableJson(o) !== stableJson(req.explicit));
    const results: Result[] = ignored.map((o) => ({ severity: 'info', message: `the function config ${describe(o)} among the inputs is not used: --config${req.explicitFile ? ` ${req.explicitFile}` : ''} wins`, resourceRef: refOf(o) }));
    return { functionConfig: req.explicit, items, results };
  }
  if (req.fromResourceList) return { functionConfig: req.fromResourceList, items, results: [] };
  if (found.length === 0) return { items, results: [] };
  if (found.length > 1) {
    return {
      items,
      results: [
        {
          severity: 'error',
          message: `${found.length} function configs among the inputs (${found.map(describe).join(', ')}); kpt and kustomize run a function with one: keep one, or choose one with --config FILE`,
          resourceRef: refOf(found[1]),
        },
      ],
    };
  }
  return {
    functionConfig: found[0],
    items,
    results: [{ severity: 'info', message: `the function config ${describe(found[0])} found among the inputs is used, as kpt or kustomize would use it (--config FILE chooses another)`, resourceRef: refOf(found[0]) }],
  };
}

// CLI-only flags render and diff share: `--config FILE` (a RenderBackstage or ConfigMap function
// config, as in a kpt package or an Argo CD app path) and `--include-inputs`.
import * as path from 'node:path';
import { Option, type Command } from 'commander';
import { RESULT_FORMATS } from '../report';
import type { KObject } from '../../fn/kio/types';
import { ANNOTATION_RENDERED_FROM, isLocalConfig, isObject } from '../../fn/kio/types';
import { FUNCTION_CONFIG_API_VERSION, FUNCTION_CONFIG_KIND, type RenderOptions } from '../../fn/options';
import { sortObjects, withoutPathAnnotations } from '../../fn/finish';
import { parseYamlDocuments } from '../../fn/yaml';
import { readTextFile, UnreadableInputError } from '../inputs';

/** The CLI-only flags render and diff share; the render options' flags come from cli/option-flags.ts. */
export function addDeliveryFlags(cmd: Command): Command {
  return cmd
    .option('-q, --quiet', 'leave infos out of what is reported (warnings and errors stay) (default: false)')
    .addOption(new Option('--results <format>', 'how results are reported on stderr: text, one line each, or json, one document for machines (default: text)').choices([...RESULT_FORMATS]))
    .option('--results-file <file>', 'also write the results as JSON to this file (default: none)')
    .option('--config <file>', 'function config file: a RenderBackstage (fn.kpt.dev/v1alpha1) or a ConfigMap with options; flags win over it (default: one found among the inputs)')
    .option('--include-inputs', 'also output the input objects to apply with the rendered ones (app-config ConfigMaps, Secrets; never the CR or local-config); with -o, those the workloads name, beside the CR\'s files (default: false)');
}

export interface ExtraOptions {
  flags: Partial<RenderOptions>;
  functionConfig?: KObject;
  /** Problems with the flags or the config file: print and exit 1. */
  errors: string[];
}

/** Reads the delivery flags and the --config file; the paths are resolved from cwd. */
export function extraOptionsOf(opts: Record<string, unknown>, cwd: string): ExtraOptions {
  const errors: string[] = [];
  const out: ExtraOptions = { flags: {}, errors };
  if (typeof opts.config === 'string') {
    const file = path.resolve(cwd, opts.config);
    try {
      const docs = parseYamlDocuments(readTextFile(file, opts.config));
      if (docs.length !== 1 || !isObject(docs[0])) errors.push(`--config ${opts.config}: expected one object (RenderBackstage or ConfigMap)`);
      else out.functionConfig = docs[0] as KObject;
    } catch (e) {
      if (e instanceof UnreadableInputError) errors.push(`--config ${e.message}`);
      else errors.push(`--config ${opts.config}: ${(e as Error).message.replace(/^ENOENT: /, '')}`);
    }
  }
  return out;
}

/**
 * What `render` prints: the generated objects, and with --include-inputs also the input objects
 * that are to be applied with them (app-config ConfigMaps, Secrets: not the CRs, nothing marked
 * local-config, not the function config, not an input the render generates itself, such as a DB
 * Secret fed back). For Argo CD, where the app path is the whole desired state.
 */
export function objectsToPrint(out: { items: KObject[]; generated: KObject[] }, includeInputs: boolean): KObject[] {
  const generated = out.generated.map(withoutPathAnnotations);
  if (!includeInputs) return generated;
  const id = (o: KObject) => `${String(o.apiVersion).split('/').length > 1 ? String(o.apiVersion).split('/')[0] : ''}|${o.kind}|${o.metadata?.namespace ?? ''}|${o.metadata?.name ?? ''}`;
  const made = new Set(generated.map(id));
  const inputs = out.items.filter(
    (o) => !isLocalConfig(o) && o.metadata?.annotations?.[ANNOTATION_RENDERED_FROM] === undefined && !(o.kind === FUNCTION_CONFIG_KIND && o.apiVersion === FUNCTION_CONFIG_API_VERSION) && !made.has(id(o)),
  );
  // An input without the orchestrator's path annotations is printed as it came (its source text).
  const PATH_KEYS = ['internal.config.kubernetes.io/path', 'internal.config.kubernetes.io/index', 'config.kubernetes.io/path', 'config.kubernetes.io/index', 'internal.config.kubernetes.io/id', 'config.k8s.io/id'];
  const hasPath = (o: KObject) => PATH_KEYS.some((k) => o.metadata?.annotations?.[k] !== undefined);
  return sortObjects([...inputs.map((o) => (hasPath(o) ? withoutPathAnnotations(o) : o)), ...generated]);
}

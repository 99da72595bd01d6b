// CLI flags for the delivery options and `--config FILE` (a RenderBackstage or ConfigMap function
// config, as in a kpt package or an Argo CD app path), shared by `render` and `diff`.
import * as path from 'node:path';
import { Option, type Command } from 'commander';
import type { KObject, Result } from '../../fn/kio/types';
import { ANNOTATION_RENDERED_FROM, isLocalConfig, isObject } from '../../fn/kio/types';
import { FUNCTION_CONFIG_API_VERSION, FUNCTION_CONFIG_KIND, JOB_MODES, readOptionValues, type RenderOptions } from '../../fn/options';
import { sortObjects, withoutPathAnnotations } from '../../fn/finish';
import { parseYamlDocuments } from '../../fn/yaml';
import { readTextFile, UnreadableInputError } from '../inputs';

const collect = (v: string, prev: string[] | undefined) => [...(prev ?? []), v];

export function addDeliveryFlags(cmd: Command): Command {
  return cmd
    .option('--config <file>', 'function config file: a RenderBackstage (fn.kpt.dev/v1alpha1) or a ConfigMap with options; flags win over it')
    .addOption(new Option('--job-mode <mode>', 'how Jobs are emitted for GitOps (default: operator)').choices([...JOB_MODES]))
    .option('--sync-waves', 'add Argo CD sync-wave annotations: dependencies before the workload')
    .option('--pin-image <image=pin>', 'pin an image to a digest (sha256:…), tag or reference; repeatable', collect)
    .option('--prune-label [key=value]', 'label every rendered object (metadata only) for pruning (default: app.kubernetes.io/managed-by=backstage-render)')
    .option('--flux-ssa-if-not-present', 'annotate the generated DB Secret kustomize.toolkit.fluxcd.io/ssa: IfNotPresent')
    .option('--include-inputs', 'also print the input objects to apply with the rendered ones (app-config ConfigMaps, Secrets; not CRs or local-config)');
}

export interface ExtraOptions {
  flags: Partial<RenderOptions>;
  functionConfig?: KObject;
  /** Problems with the flags or the config file: print and exit 1. */
  errors: string[];
}

/** Reads the delivery flags and the --config file; the paths are resolved from cwd. */
export function extraOptionsOf(opts: Record<string, unknown>, cwd: string): ExtraOptions {
  const raw: Record<string, unknown> = {};
  if (opts.jobMode !== undefined) raw.jobMode = opts.jobMode;
  if (opts.syncWaves !== undefined) raw.syncWaves = opts.syncWaves;
  if (opts.pinImage !== undefined) raw.pinImages = opts.pinImage;
  if (opts.pruneLabel !== undefined) raw.pruneLabel = opts.pruneLabel;
  if (opts.fluxSsaIfNotPresent !== undefined) raw.fluxSsaIfNotPresent = opts.fluxSsaIfNotPresent;
  const parsed = readOptionValues(raw, '--');
  const flag: Record<string, string> = { jobMode: '--job-mode', syncWaves: '--sync-waves', pinImages: '--pin-image', pruneLabel: '--prune-label', fluxSsaIfNotPresent: '--flux-ssa-if-not-present' };
  const errors = parsed.results.filter((r: Result) => r.severity === 'error').map((r) => r.message.replace(/option "(\w+)"/, (m, n: string) => flag[n] ?? m));
  if (opts.includeInputs === true && opts.output !== undefined) {
    errors.push('--include-inputs is for stdout (the inputs are files of yours already); leave it out with -o');
  }
  const out: ExtraOptions = { flags: parsed.options, errors };
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

// CLI flags for the delivery options and `--config FILE` (a RenderBackstage or ConfigMap function
// config, as in a kpt package or an Argo CD app path), shared by `render` and `diff`.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Option, type Command } from 'commander';
import type { KObject, Result } from '../../fn/kio/types';
import { isObject } from '../../fn/kio/types';
import { JOB_MODES, readOptionValues, type RenderOptions } from '../../fn/options';
import { parseYamlDocuments } from '../../fn/yaml';

const collect = (v: string, prev: string[] | undefined) => [...(prev ?? []), v];

export function addDeliveryFlags(cmd: Command): Command {
  return cmd
    .option('--config <file>', 'function config file: a RenderBackstage (fn.kpt.dev/v1alpha1) or a ConfigMap with options; flags win over it')
    .addOption(new Option('--job-mode <mode>', 'how Jobs are emitted for GitOps (default: operator)').choices([...JOB_MODES]))
    .option('--sync-waves', 'add Argo CD sync-wave annotations: dependencies before the workload')
    .option('--pin-image <image=pin>', 'pin an image to a digest (sha256:…), tag or reference; repeatable', collect)
    .option('--prune-label [key=value]', 'label every rendered object (metadata only) for pruning (default: app.kubernetes.io/managed-by=backstage-render)')
    .option('--flux-ssa-if-not-present', 'annotate the generated DB Secret kustomize.toolkit.fluxcd.io/ssa: IfNotPresent');
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
  const errors = parsed.results.filter((r: Result) => r.severity === 'error').map((r) => `${r.message.replace(/option "(\w+)"/, (_m, n: string) => `--${n.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`)}`);
  const out: ExtraOptions = { flags: parsed.options, errors };
  if (typeof opts.config === 'string') {
    const file = path.resolve(cwd, opts.config);
    try {
      const docs = parseYamlDocuments(fs.readFileSync(file, 'utf8'));
      if (docs.length !== 1 || !isObject(docs[0])) errors.push(`--config ${opts.config}: expected one object (RenderBackstage or ConfigMap)`);
      else out.functionConfig = docs[0] as KObject;
    } catch (e) {
      errors.push(`--config ${opts.config}: ${(e as Error).message.replace(/^ENOENT: /, '')}`);
    }
  }
  return out;
}

// Shared by the model tests: build a model from a CR object, inputs and a profile.
import * as path from 'node:path';
import { loadProfileDir } from '../../cli/profile-loader';
import { Diagnostics } from '../../fn/diagnostics';
import { InputObjects } from '../../fn/inputs';
import type { KObject, Result } from '../../fn/kio/types';
import type { RenderOptions } from '../../fn/options';
import type { Profile } from '../../fn/profile/profile';
import { buildBackstageModel } from '../../fn/model/build-model';
import { readBackstageCR } from '../../fn/model/cr';
import { collectExternalConfig } from '../../fn/model/external-config';
import type { BackstageModel, ExternalConfig } from '../../fn/model/types';
import { parseYamlDocuments } from '../../fn/yaml';
import { OPERATOR_DATA } from '../operator-data';

/** The operator's data files, next to the repository (never copied into it): test/operator-data.ts. */
export { SHARED, HAVE_OPERATOR_DATA as HAVE_OP110, describeWithOperatorData, testWithOperatorData } from '../operator-data';
export const OP110 = path.join(OPERATOR_DATA, 'rhdh-operator-release-1.10');
export const OP110_RHDH = path.join(OP110, 'config', 'profile', 'rhdh');
export const OP110_BACKSTAGE_IO = path.join(OP110, 'config', 'profile', 'backstage.io');

export function operatorProfile(dir = OP110_RHDH): Profile {
  return loadProfileDir(dir, path.basename(dir));
}

/** A profile made in the test: file path -> text. */
export function profileOf(files: Record<string, string>, name = 'test'): Profile {
  return { name, files };
}

export function objectsOf(text: string): KObject[] {
  return parseYamlDocuments(text) as KObject[];
}

export interface Built {
  model: BackstageModel;
  external: ExternalConfig;
  results: Result[];
  byKey: (kind: string, name: string) => KObject | undefined;
}

export function build(args: {
  cr: KObject | string;
  profile: Profile;
  inputs?: KObject[];
  previous?: KObject[];
  options?: Partial<RenderOptions>;
}): Built {
  const diag = new Diagnostics();
  const crObj = typeof args.cr === 'string' ? (objectsOf(args.cr)[0] as KObject) : args.cr;
  const options: RenderOptions = { platform: 'openshift', profile: args.profile.name, secretSeed: 'test-seed', ...args.options };
  const cr = readBackstageCR(crObj, options.namespace ?? 'ns1', diag, options.operatorVersion ?? args.profile.operatorVersion);
  if (!cr) throw new Error(`CR not read: ${JSON.stringify(diag.results)}`);
  const inputs = new InputObjects(args.inputs ?? []);
  const external = collectExternalConfig(cr, inputs, options, diag);
  // The operator line: the option, else the profile's, else 1.10 (main for the main-only processing mode).
  const version = options.operatorVersion ?? args.profile.operatorVersion ?? (options.dynamicPluginsProcessing ? 'main' : '1.10');
  const model = buildBackstageModel({ cr, external, profile: args.profile, options, version, inputs, previous: new InputObjects(args.previous ?? []), diag });
  return {
    model,
    external,
    results: diag.results,
    byKey: (kind, name) => model.objects.find((o) => o.kind === kind && o.metadata.name === name),
  };
}

export function errorsOf(results: Result[]): Result[] {
  return results.filter((r) => r.severity === 'error');
}

/** sha256 of nothing: the ext-config hash when the CR refers to no ConfigMap or Secret. */
export const EMPTY_HASH = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

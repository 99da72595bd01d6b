// `backstage-render kustomize-plugin CONFIG`: the legacy kustomize exec plugin protocol, for plain
// `kubectl kustomize --enable-alpha-plugins` (which cannot run KRM exec functions). kustomize runs
// $KUSTOMIZE_PLUGIN_HOME/fn.kpt.dev/v1alpha1/renderbackstage/RenderBackstage (delivery/kustomize-plugin)
// in the kustomization's directory with the path of a temporary copy of the config as argv[1] and
// the resources as multi-document YAML on stdin (each with a kustomize.config.k8s.io/id
// annotation, which must come back unchanged); it reads multi-document YAML from stdout and fails
// on a non-zero exit (it shows our stderr).
import * as fs from 'node:fs';
import type { KObject } from '../../fn/kio/types';
import { isLocalConfig, isObject } from '../../fn/kio/types';
import { readResourceList } from '../../fn/kio/resourcelist';
import { withoutPathAnnotations } from '../../fn/finish';
import { parseYamlDocuments, stringifyYaml } from '../../fn/yaml';
import { formatResult, hasErrors } from '../report';
import { runRender } from '../run-render';
import { readTextFile, UnreadableInputError } from '../inputs';

export interface PluginIo {
  env: NodeJS.ProcessEnv;
  cwd: string;
  readStdin: () => string;
  stdout: (s: string) => void;
  stderr: (s: string) => void;
}

export function runKustomizePlugin(configFile: string, io: PluginIo): number {
  let functionConfig: KObject;
  try {
    const docs = parseYamlDocuments(readTextFile(configFile));
    if (docs.length !== 1 || !isObject(docs[0])) throw new Error('expected one RenderBackstage object');
    functionConfig = docs[0] as KObject;
  } catch (e) {
    io.stderr(`error: plugin config ${e instanceof UnreadableInputError ? e.message : `${configFile}: ${(e as Error).message}`}\n`);
    return 1;
  }
  const text = io.readStdin();
  let items: KObject[] = [];
  try {
    // A generator gets nothing on stdin; a transformer gets the resources so far.
    if (text.trim() !== '') items = readResourceList(text, { allowPlainObjects: true }).items;
  } catch (e) {
    io.stderr(`error: ${(e as Error).message}\n`);
    return 1;
  }
  const out = runRender({ items, functionConfig, env: io.env, cwd: io.cwd, writesFiles: true });
  for (const r of out.results) io.stderr(`${formatResult(r)}\n`);
  if (hasErrors(out.results)) return 1;
  // kustomize keeps what comes back: everything but local-config (the CR, function configs).
  const keep = out.items.filter((o) => !isLocalConfig(o)).map(withoutPathAnnotations);
  io.stdout(keep.map((o) => stringifyYaml(o)).join('---\n'));
  return 0;
}

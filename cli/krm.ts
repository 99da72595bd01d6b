// The KRM function door: ResourceList on stdin, ResourceList on stdout with the results, exit 1
// on any error result (orchestrators judge by exit code alone). stderr: kpt shows the results
// itself and would print stderr again below them, so under kpt stderr carries nothing the results
// say; kustomize ignores results, so elsewhere each result is also one line on stderr.
import { InputError, readResourceList, writeResourceListParts } from '../fn/kio/resourcelist';
import { appendAll, type KObject, type Result } from '../fn/kio/types';
import { YamlError } from '../fn/yaml';
import { formatResult, hasErrors } from './report';
import { runRender } from './run-render';
import { splitSubpackageItems } from './commands/kpt-subpackages';

export interface DoorOutput {
  /** The output in parts, written in order (a large output is not one string). */
  stdout: string[];
  stderr: string;
  exitCode: number;
}

export function runKrmFunction(input: string, env: NodeJS.ProcessEnv = {}, cwd = process.cwd()): DoorOutput {
  let rl;
  try {
    rl = readResourceList(input);
  } catch (e) {
    if (e instanceof InputError || e instanceof YamlError) {
      const result = { severity: 'error' as const, message: e.message };
      return { stdout: writeResourceListParts([], [result]), stderr: `${formatResult(result)}\n`, exitCode: 1 };
    }
    throw e;
  }
  // kpt: a subpackage's items were rendered by its own pipeline; hand them back untouched.
  const { own, subpackages } = splitSubpackageItems(rl.items);
  // kpt writes the output into the package, kustomize's usually ends up in files or git too.
  const { items, results } = renderedItems(runRender({ items: own, functionConfig: rl.functionConfig, env, cwd, writesFiles: true }), subpackages);
  const stderr = calledByKpt(rl.items, rl.functionConfig) ? '' : results.map((r) => `${formatResult(r)}\n`).join('');
  return {
    // The writer lets go of each item once written: the objects and their text are not all held at once.
    stdout: writeResourceListParts(items, results, rl.functionConfig, { release: true }),
    stderr,
    exitCode: hasErrors(results) ? 1 : 0,
  };
}

/**
 * kpt marks every item with the file it came from (internal.config.kubernetes.io/path); kustomize
 * marks items with kustomize.config.k8s.io/id and its function config with
 * config.kubernetes.io/function, and never gives paths. Nothing to tell by: not kpt.
 */
export function calledByKpt(items: KObject[], functionConfig: KObject | undefined): boolean {
  const annotations = (o: KObject | undefined) => (o && typeof o === 'object' && o.metadata?.annotations && typeof o.metadata.annotations === 'object' ? o.metadata.annotations : {});
  if (annotations(functionConfig)['config.kubernetes.io/function'] !== undefined) return false;
  if (items.some((o) => annotations(o)['kustomize.config.k8s.io/id'] !== undefined)) return false;
  return items.some((o) => annotations(o)['internal.config.kubernetes.io/path'] !== undefined || o?.kind === 'Kptfile');
}

/** The items to write, in an array that alone holds them (not the render's response). */
function renderedItems(out: { items: KObject[]; results: Result[] }, subpackages: KObject[]): { items: KObject[]; results: Result[] } {
  return { items: appendAll(appendAll([], out.items), subpackages), results: out.results };
}

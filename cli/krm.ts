// The KRM function door: ResourceList on stdin, ResourceList on stdout, one line per problem on
// stderr, exit 1 on any error result (orchestrators judge by exit code alone).
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
  const stderr = results.map((r) => `${formatResult(r)}\n`).join('');
  return {
    // The writer lets go of each item once written: the objects and their text are not all held at once.
    stdout: writeResourceListParts(items, results, rl.functionConfig, { release: true }),
    stderr,
    exitCode: hasErrors(results) ? 1 : 0,
  };
}

/** The items to write, in an array that alone holds them (not the render's response). */
function renderedItems(out: { items: KObject[]; results: Result[] }, subpackages: KObject[]): { items: KObject[]; results: Result[] } {
  return { items: appendAll(appendAll([], out.items), subpackages), results: out.results };
}

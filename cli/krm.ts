// The KRM function door: ResourceList on stdin, ResourceList on stdout with the results, exit 1
// on any error result (orchestrators judge by exit code alone). stderr: kpt shows the results
// itself and would print stderr again below them, so under kpt stderr carries nothing the results
// say; kustomize ignores results, so elsewhere each result is also one line on stderr.
import { InputError, readResourceList, ResourceListWriter } from '../fn/kio/resourcelist';
import type { KObject, Result } from '../fn/kio/types';
import { YamlError } from '../fn/yaml';
import { formatResult, hasErrors } from './report';
import { runRender } from './run-render';
import { internalError } from './internal-error';
import { splitSubpackageItems } from './commands/kpt-subpackages';

export interface DoorOutput {
  /** The output in parts, written in order (a large output is not one string). */
  stdout: string[];
  stderr: string;
  exitCode: number;
}

/**
 * The KRM function. With `write` (the executable) the output goes there as it is made, item by
 * item (a fleet's output is never all held), and DoorOutput.stdout is empty; without, it is
 * collected there. An error in the render leaves the items written so far and ends the list with
 * the results, exit 1: kpt and kustomize judge by the exit code and discard it.
 */
export function runKrmFunction(input: string, env: NodeJS.ProcessEnv = {}, cwd = process.cwd(), write?: (part: string) => void): DoorOutput {
  const parts: string[] = [];
  const writer = new ResourceListWriter(write ?? ((part) => parts.push(part)));
  let rl;
  try {
    rl = readResourceList(input);
  } catch (e) {
    if (e instanceof InputError || e instanceof YamlError) {
      const result = { severity: 'error' as const, message: e.message };
      writer.end([result]);
      return { stdout: parts, stderr: `${formatResult(result)}\n`, exitCode: 1 };
    }
    throw e;
  }
  // kpt: a subpackage's items were rendered by its own pipeline; hand them back untouched.
  const { own, subpackages } = splitSubpackageItems(rl.items);
  let results: Result[];
  try {
    // kpt writes the output into the package, kustomize's usually ends up in files or git too.
    results = runRender({ items: own, functionConfig: rl.functionConfig, env, cwd, writesFiles: true }, (item) => writer.item(item)).results;
    for (const o of subpackages) writer.item(o);
  } catch (e) {
    // Our bug, once a list is under way: end it with the error (not a second list after it).
    if (!writer.begun) throw e;
    const { message, stderr } = internalError(e, env);
    writer.end([{ severity: 'error', message }], rl.functionConfig);
    return { stdout: parts, stderr, exitCode: 3 };
  }
  writer.end(results, rl.functionConfig);
  const stderr = calledByKpt(rl.items, rl.functionConfig) ? '' : results.map((r) => `${formatResult(r)}\n`).join('');
  return { stdout: parts, stderr, exitCode: hasErrors(results) ? 1 : 0 };
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

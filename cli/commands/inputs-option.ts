// The `inputs` option: files and directories the door reads and adds to the items. A kustomize
// generator receives only its own config, so the config names the CR and the objects it refers
// to. Paths are relative to the directory the function runs in (kustomize runs it in the
// kustomization's directory) and may not leave it, as kustomize's own load restrictor: neither
// as written nor through a symbolic link; symbolic links inside a directory input are skipped.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { appendAll, type KObject, type Result } from '../../fn/kio/types';
import { FUNCTION_CONFIG_API_VERSION, FUNCTION_CONFIG_KIND } from '../../fn/options';
import { readInputs, yamlFilesIn } from '../inputs';

/** Kustomize and kpt files in a directory are not objects: leave them out of a directory input. */
const NOT_OBJECT_FILES = new Set(['kustomization.yaml', 'kustomization.yml', 'Kustomization', 'Kptfile']);

function yamlFilesBelow(dir: string): string[] {
  return yamlFilesIn(dir, (name) => NOT_OBJECT_FILES.has(name));
}

function isFunctionConfig(o: KObject, fc: KObject | undefined): boolean {
  if (o.kind === FUNCTION_CONFIG_KIND && o.apiVersion === FUNCTION_CONFIG_API_VERSION) return true;
  return fc !== undefined && o.kind === fc.kind && o.apiVersion === fc.apiVersion && o.metadata?.name === fc.metadata?.name && (o.metadata?.namespace ?? '') === (fc.metadata?.namespace ?? '');
}

export function readOptionInputs(inputs: string[], cwd: string, functionConfig: KObject | undefined): { items: KObject[]; results: Result[] } {
  const field = { path: functionConfig?.kind === 'ConfigMap' ? 'data.inputs' : 'spec.inputs' };
  const ref = functionConfig
    ? { resourceRef: { apiVersion: String(functionConfig.apiVersion), kind: String(functionConfig.kind), name: String(functionConfig.metadata?.name ?? '') } }
    : {};
  const items: KObject[] = [];
  const results: Result[] = [];
  const root = path.resolve(cwd);
  for (const p of inputs) {
    const abs = path.resolve(root, p);
    const rel = path.relative(root, abs);
    if (path.isAbsolute(p) || rel.startsWith('..')) {
      results.push({ severity: 'error', message: `inputs: ${p} is outside the directory the function runs in (${root}); use a path below it`, ...ref, field });
      continue;
    }
    if (!fs.existsSync(abs)) {
      results.push({ severity: 'error', message: `inputs: ${p}: no such file or directory (paths are relative to ${root})`, ...ref, field });
      continue;
    }
    // The check above is on the path as written; a symbolic link on the way may still lead out.
    const real = path.relative(fs.realpathSync(root), fs.realpathSync(abs));
    if (real.startsWith('..') || path.isAbsolute(real)) {
      results.push({ severity: 'error', message: `inputs: ${p} leads outside the directory the function runs in (${root}) through a symbolic link; use a path below it`, ...ref, field });
      continue;
    }
    try {
      const read = readInputs(fs.statSync(abs).isDirectory() ? yamlFilesBelow(abs) : [abs], () => '').items;
      // A function config read back (inputs: [.]) is not an object to apply.
      appendAll(items, read.filter((o) => !isFunctionConfig(o, functionConfig)));
    } catch (e) {
      results.push({ severity: 'error', message: `inputs: ${(e as Error).message.replace(root + path.sep, '')}`, ...ref, field });
    }
  }
  return { items, results };
}

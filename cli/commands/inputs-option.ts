// The `inputs` option: files and directories the door reads and adds to the items. A kustomize
// generator receives only its own config, so the config names the CR and the objects it refers
// to. Paths are relative to the directory the function runs in (kustomize runs it in the
// kustomization's directory) and may not leave it, as kustomize's own load restrictor.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { KObject, Result } from '../../fn/kio/types';
import { readInputs } from '../inputs';

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
    try {
      items.push(...readInputs([abs], () => '').items);
    } catch (e) {
      results.push({ severity: 'error', message: `inputs: ${(e as Error).message.replace(root + path.sep, '')}`, ...ref, field });
    }
  }
  return { items, results };
}

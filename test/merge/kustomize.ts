// Runs real `kubectl kustomize` (kustomize v5.5 = kyaml v0.18.1, merge2 in
// prepend mode) over many base/patch pairs at once: one kustomization, every
// base a distinct object, one strategic-merge patch per base.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseYamlDocuments, stringifyYaml, stringifyYamlDocuments } from '../../fn/yaml';
import { run, tmpDir } from '../helpers';

export interface MergeCase {
  name: string;
  /** an object with apiVersion, kind and a unique metadata.name */
  base: Record<string, unknown>;
  /** the patch; it must carry the same apiVersion, kind and metadata.name */
  patch: Record<string, unknown>;
}

const idOf = (o: Record<string, unknown>) => `${String(o.kind)}/${String((o.metadata as Record<string, unknown>).name)}`;

/** The result per case id (kind/name); null when kustomize deleted the object. */
export function kustomizeAll(cases: MergeCase[]): Map<string, unknown> {
  const dir = tmpDir('merge');
  try {
    fs.writeFileSync(path.join(dir, 'resources.yaml'), stringifyYamlDocuments(cases.map((c) => c.base)));
    const patches = cases.map((c, i) => {
      const file = `patch-${i}.yaml`;
      fs.writeFileSync(path.join(dir, file), stringifyYaml(c.patch));
      return { path: file };
    });
    fs.writeFileSync(path.join(dir, 'kustomization.yaml'), stringifyYaml({ resources: ['resources.yaml'], patches }));
    const r = run('kubectl', ['kustomize', dir], { timeout: 60000 });
    if (r.status !== 0) throw new Error(`kubectl kustomize failed: ${r.stderr}`);
    const out = new Map<string, unknown>();
    for (const c of cases) out.set(idOf(c.base), null);
    for (const doc of parseYamlDocuments(r.stdout)) out.set(idOf(doc as Record<string, unknown>), doc);
    return out;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export const caseId = (c: MergeCase) => idOf(c.base);

/** kustomize's build drops an empty metadata.annotations after it strips its own bookkeeping annotations; merge2 does not. */
export function withoutEmptyAnnotations(v: unknown): unknown {
  const o = v as { metadata?: { annotations?: Record<string, unknown> } } | null;
  if (o?.metadata?.annotations && Object.keys(o.metadata.annotations).length === 0) {
    const copy = structuredClone(o);
    delete copy.metadata!.annotations;
    return copy;
  }
  return v;
}

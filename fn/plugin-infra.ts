import type { Diagnostics } from './diagnostics';
import type { KObject } from './kio/types';
import { isObject } from './kio/types';
import { listPluginInfra } from './profile/profile';
import { parseYamlDocuments } from './yaml';

/**
 * The profile's plugin-infra objects: operators and cluster-wide custom resources (Serverless,
 * Knative, Serverless Logic, Tekton, Argo CD) that plugins need once per cluster, not per CR.
 * Opt-in only, so they never slip into a namespace-scoped commit.
 */
export function renderPluginInfra(profile: { files: Record<string, string> }, diag: Diagnostics): KObject[] {
  const out: KObject[] = [];
  const files = listPluginInfra(profile as never);
  if (files.length === 0) {
    diag.warning('pluginInfra is set but the profile has no plugin-infra/ files');
    return out;
  }
  for (const [file, text] of files) {
    let docs: unknown[];
    try {
      docs = parseYamlDocuments(text);
    } catch (e) {
      diag.error(`plugin-infra/${file}: ${(e as Error).message}`, { file: `plugin-infra/${file}` });
      continue;
    }
    docs.forEach((d, i) => {
      if (!isObject(d) || typeof d.kind !== 'string' || typeof d.apiVersion !== 'string') {
        diag.error(`plugin-infra/${file}: document ${i + 1} is not a Kubernetes object`, { file: `plugin-infra/${file}` });
        return;
      }
      out.push({ ...(d as KObject), metadata: { ...((d.metadata as object) ?? {}) } });
    });
  }
  diag.warning(
    `pluginInfra: ${out.length} objects from the profile's plugin-infra/ are cluster-scoped or live in other namespaces (operators, subscriptions, cluster custom resources); apply them once per cluster with cluster-admin rights, apart from the per-CR output`,
  );
  return out;
}

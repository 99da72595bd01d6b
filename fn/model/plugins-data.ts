// dynamic-plugins.go MergePluginsData: the text-level merge the operator applies to the
// dynamic-plugins.yaml key (profile + flavours, then the CR's ConfigMap). The rules (by package,
// includes, stable order) live in fn/plugins/merge.ts.
import { mergeDynamicPluginsTexts } from '../plugins/merge';
import type { MergeOptions } from '../plugins/merge';

/**
 * Merges two dynamic-plugins.yaml texts. As in the operator, an empty side returns the other text
 * unchanged (comments and layout kept); otherwise the result is re-serialized.
 * Throws DynamicPluginsConfigError when a side is not valid.
 */
export function mergePluginsData(first: string, second: string, opts: MergeOptions = {}): string {
  return mergeDynamicPluginsTexts(first, second, opts);
}

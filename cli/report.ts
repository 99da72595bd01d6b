import type { Result } from '../fn/kio/types';

/** One readable line per result, for stderr. */
export function formatResult(r: Result): string {
  const parts: string[] = [];
  if (r.resourceRef) {
    const ns = r.resourceRef.namespace ? `${r.resourceRef.namespace}/` : '';
    parts.push(`${r.resourceRef.kind} ${ns}${r.resourceRef.name}`);
  }
  if (r.field?.path) parts.push(`field ${r.field.path}`);
  if (r.file?.path) parts.push(`file ${r.file.path}`);
  return `${r.severity}: ${r.message}${parts.length ? ` (${parts.join(', ')})` : ''}`;
}

export function hasErrors(results: Result[]): boolean {
  return results.some((r) => r.severity === 'error');
}

export function summary(results: Result[]): string {
  const n = (s: string) => results.filter((r) => r.severity === s).length;
  return `${n('error')} error(s), ${n('warning')} warning(s)`;
}

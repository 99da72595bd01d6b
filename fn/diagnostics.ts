import type { KObject, ResourceRef, Result, Severity } from './kio/types';
import { refOf } from './kio/types';

/**
 * Collects KRM results while the pipeline runs. Stages report problems here instead of throwing,
 * so one run can report every mistake in a CR at once.
 */
export class Diagnostics {
  readonly results: Result[] = [];
  private errors = 0;

  add(severity: Severity, message: string, where: { ref?: ResourceRef | KObject; path?: string; file?: string } = {}): void {
    const r: Result = { message, severity };
    if (where.ref) r.resourceRef = 'metadata' in where.ref ? refOf(where.ref as KObject) : (where.ref as ResourceRef);
    if (where.path) r.field = { path: where.path };
    if (where.file) r.file = { path: where.file };
    this.results.push(r);
    if (severity === 'error') this.errors++;
  }

  error(message: string, where?: { ref?: ResourceRef | KObject; path?: string; file?: string }): void {
    this.add('error', message, where);
  }

  warning(message: string, where?: { ref?: ResourceRef | KObject; path?: string; file?: string }): void {
    this.add('warning', message, where);
  }

  info(message: string, where?: { ref?: ResourceRef | KObject; path?: string; file?: string }): void {
    this.add('info', message, where);
  }

  hasErrors(): boolean {
    return this.errorCount() > 0;
  }

  /** Errors reported so far (counted as they come: a fleet asks after every CR). */
  errorCount(): number {
    return this.errors;
  }
}

/** Thrown for a problem in the input that makes going on pointless; the doors turn it into a result. */
export class RenderError extends Error {
  constructor(
    message: string,
    readonly where: { ref?: ResourceRef; path?: string; file?: string } = {},
  ) {
    super(message);
    this.name = 'RenderError';
  }
}

/** With the strict option, every warning is an error (for CI), and says so. */
export function strictResults(results: Result[]): Result[] {
  return results.map((r) => (r.severity === 'warning' ? { ...r, severity: 'error' as const, message: `${r.message} [a warning; an error with strict]` } : r));
}

/** How many objects a folded result names before it says how many more. */
const FOLD_SHOWN = 3;

/**
 * Results said once: results that differ only in the object they are about (the same severity,
 * message and field; e.g. the same info for each of 50 CRs) become one, on the first object, that
 * says how many objects it is about and names the first few. Order: where each first appeared.
 */
export function foldResults(results: Result[]): Result[] {
  const groups = new Map<string, Result[]>();
  for (const r of results) {
    const key = JSON.stringify([r.severity, r.message, r.field?.path ?? null, r.file?.path ?? null, r.resourceRef?.kind ?? null]);
    const g = groups.get(key);
    if (g) g.push(r);
    else groups.set(key, [r]);
  }
  const out: Result[] = [];
  for (const g of groups.values()) {
    if (g.length === 1) {
      out.push(g[0]);
      continue;
    }
    const names = [...new Set(g.map((r) => (r.resourceRef ? `${r.resourceRef.namespace ? `${r.resourceRef.namespace}/` : ''}${r.resourceRef.name}` : '')))].filter((n) => n !== '');
    const about =
      names.length <= 1
        ? `said ${g.length} times`
        : `${names.length} ${g[0].resourceRef!.kind} objects: ${names.slice(0, FOLD_SHOWN).join(', ')}${names.length > FOLD_SHOWN ? ` and ${names.length - FOLD_SHOWN} more` : ''}`;
    out.push({ ...g[0], message: `${g[0].message} [${about}]` });
  }
  return out;
}

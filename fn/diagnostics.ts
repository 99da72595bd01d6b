import type { KObject, ResourceRef, Result, Severity } from './kio/types';
import { refOf } from './kio/types';

/**
 * Collects KRM results while the pipeline runs. Stages report problems here instead of throwing,
 * so one run can report every mistake in a CR at once.
 */
export class Diagnostics {
  readonly results: Result[] = [];
  private errors = 0;
  private warnings = 0;

  add(severity: Severity, message: string, where: { ref?: ResourceRef | KObject; path?: string; file?: string } = {}): void {
    const r: Result = { message, severity };
    if (where.ref) r.resourceRef = 'metadata' in where.ref ? refOf(where.ref as KObject) : (where.ref as ResourceRef);
    if (where.path) r.field = { path: where.path };
    if (where.file) r.file = { path: where.file };
    this.results.push(r);
    if (severity === 'error') this.errors++;
    if (severity === 'warning') this.warnings++;
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

  warningCount(): number {
    return this.warnings;
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

/** `namespace/name` (or `name`) of a result's object. */
function refName(r: Result): string {
  return r.resourceRef ? `${r.resourceRef.namespace ? `${r.resourceRef.namespace}/` : ''}${r.resourceRef.name}` : '';
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The kind of a result: its message with its own object's name taken out (`namespace/name`; the
 * bare name for an object without a namespace), so "Secret team-0001/db is written in plaintext"
 * and "Secret team-0002/db is written in plaintext" are one kind. Only where the name stands as a
 * whole word (`a/dh` is not taken out of `a/dh-secret`); a namespaced object's bare name is left,
 * as it may be a word of the message (a CR named `on`).
 */
export function resultKind(r: Result): string {
  const ref = r.resourceRef;
  if (!ref?.name) return r.message;
  const name = ref.namespace ? `${ref.namespace}/${ref.name}` : ref.name;
  const word = new RegExp(`(?<![A-Za-z0-9._/-])${escapeRegExp(name)}(?![A-Za-z0-9_/-]|\\.[A-Za-z0-9])`, 'g');
  return r.message.replace(word, '<object>');
}

/**
 * Results said once: results of one kind (the same severity, field and object kind, and the same
 * message once their own object's name is taken out; e.g. the same info for each of 50 CRs, or
 * "Secret <ns>/<name> is written in plaintext" for each of 1,000) become one: the first one's
 * message and object, with how many objects it is about and the first few named. Order: where
 * each first appeared.
 */
export function foldResults(results: Result[]): Result[] {
  const groups = new Map<string, Result[]>();
  for (const r of results) {
    const key = JSON.stringify([r.severity, resultKind(r), r.field?.path ?? null, r.file?.path ?? null, r.resourceRef?.apiVersion ?? null, r.resourceRef?.kind ?? null]);
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
    const names = [...new Set(g.map(refName))].filter((n) => n !== '');
    const about =
      names.length <= 1
        ? `said ${g.length} times`
        : `${names.length} ${g[0].resourceRef!.kind} objects: ${names.slice(0, FOLD_SHOWN).join(', ')}${names.length > FOLD_SHOWN ? ` and ${names.length - FOLD_SHOWN} more` : ''}`;
    out.push({ ...g[0], message: `${g[0].message} [${about}]` });
  }
  return out;
}

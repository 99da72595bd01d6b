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

import * as fs from 'node:fs';
import * as path from 'node:path';
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

/** How the CLI reports results: --quiet, --results text|json, --results-file FILE. */
export interface ReportOptions {
  /** Leave infos out (warnings and errors stay). */
  quiet?: boolean;
  /** `text`: one line per result on stderr; `json`: one JSON document on stderr. */
  format?: 'text' | 'json';
  /** Also write the results as JSON to this file (as kpt's --results-dir). */
  file?: string;
}

export const RESULT_FORMATS = ['text', 'json'] as const;

/** The results as one JSON document for machines: kpt's result fields, the exit code. */
export function resultsJson(results: Result[], exitCode: number): string {
  return `${JSON.stringify({ exitCode, results }, null, 2)}\n`;
}

/** Reports results on stderr (and in the results file) as the options say. */
export function reportResults(results: Result[], exitCode: number, opts: ReportOptions, io: { stderr: (s: string) => void; cwd: string }): void {
  const shown = opts.quiet ? results.filter((r) => r.severity !== 'info') : results;
  if (opts.format === 'json') io.stderr(resultsJson(shown, exitCode));
  else for (const r of shown) io.stderr(`${formatResult(r)}\n`);
  if (opts.file) fs.writeFileSync(path.resolve(io.cwd, opts.file), resultsJson(results, exitCode));
}

/** The report options of the CLI flags. */
export function reportOptionsOf(opts: Record<string, unknown>): ReportOptions {
  return {
    ...(opts.quiet === true ? { quiet: true } : {}),
    ...(opts.results === 'json' ? { format: 'json' as const } : {}),
    ...(typeof opts.resultsFile === 'string' ? { file: opts.resultsFile } : {}),
  };
}

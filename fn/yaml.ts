import { Document, isAlias, parseAllDocuments, visit } from 'yaml';
import type { CreateNodeOptions, ParseOptions, DocumentOptions, SchemaOptions, ToStringOptions } from 'yaml';
import { writeYamlDocument } from './yaml-writer';

// YAML settings shared by every reader and writer (see README, "YAML"): YAML 1.1 so that
// `defaultMode: 0644` stays octal and `yes`/`on` strings stay quoted; no anchors; no folding.
const PARSE: ParseOptions & DocumentOptions & SchemaOptions = {
  version: '1.1',
  uniqueKeys: true,
  prettyErrors: true,
  merge: true,
};

export const STRINGIFY: DocumentOptions & SchemaOptions & CreateNodeOptions & ToStringOptions = {
  version: '1.1',
  aliasDuplicateObjects: false,
  lineWidth: 0,
  minContentWidth: 0,
  indentSeq: true,
  directives: false,
};

/** Limits that keep hostile documents (alias bombs, deep nesting) bounded. */
export const YAML_LIMITS = { maxAliasCount: 1000, maxDepth: 200 };

export class YamlError extends Error {
  constructor(
    message: string,
    readonly line?: number,
  ) {
    super(message);
    this.name = 'YamlError';
  }
}

function depthOf(value: unknown, limit: number): number {
  // Iterative so a deep document cannot overflow the stack.
  let max = 0;
  const stack: Array<[unknown, number]> = [[value, 1]];
  while (stack.length) {
    const [v, d] = stack.pop()!;
    if (d > max) max = d;
    if (max > limit) return max;
    if (Array.isArray(v)) for (const x of v) stack.push([x, d + 1]);
    else if (v && typeof v === 'object') for (const x of Object.values(v)) stack.push([x, d + 1]);
  }
  return max;
}

/** Parses a multi-document YAML text into plain values; empty documents are dropped. */
export function parseYamlDocuments(text: string): unknown[] {
  const docs = parseAllDocuments(text, PARSE);
  const out: unknown[] = [];
  for (const doc of Array.isArray(docs) ? docs : [docs]) {
    if (doc.errors.length > 0) {
      const e = doc.errors[0];
      const line = e.linePos?.[0]?.line;
      throw new YamlError(`not valid YAML${line ? ` (line ${line})` : ''}: ${e.message.split('\n')[0]}`, line);
    }
    if (doc.contents === null) continue;
    let aliases = 0;
    visit(doc, {
      Alias() {
        aliases++;
      },
    });
    if (aliases > YAML_LIMITS.maxAliasCount) {
      throw new YamlError(`document has ${aliases} aliases, more than the ${YAML_LIMITS.maxAliasCount} allowed`);
    }
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: YAML_LIMITS.maxAliasCount });
    } catch (err) {
      throw new YamlError(`YAML could not be read: ${(err as Error).message}`);
    }
    if (depthOf(value, YAML_LIMITS.maxDepth) > YAML_LIMITS.maxDepth) {
      throw new YamlError(`document is nested deeper than ${YAML_LIMITS.maxDepth} levels`);
    }
    if (value === null || value === undefined) continue;
    out.push(value);
  }
  return out;
}

/** Parses text that must hold exactly one document (or none: undefined). */
export function parseYaml(text: string): unknown {
  const docs = parseYamlDocuments(text);
  if (docs.length > 1) throw new YamlError(`expected one YAML document, found ${docs.length}`);
  return docs[0];
}

/**
 * One YAML document, with the project's settings. Plain data goes through the fast writer
 * (fn/yaml-writer.ts: the same bytes, tested against the `yaml` package); anything else through
 * the `yaml` package.
 */
export function stringifyYaml(value: unknown): string {
  return writeYamlDocument(value) ?? new Document(value, STRINGIFY).toString(STRINGIFY);
}

/** Many objects as a multi-document stream, `---` between them. */
export function stringifyYamlDocuments(values: unknown[]): string {
  return values.map((v) => stringifyYaml(v)).join('---\n');
}

export { isAlias };

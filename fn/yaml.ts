import { CST, Document, isAlias, isMap, isNode, isPair, isScalar, isSeq, Lexer, parseAllDocuments, visit } from 'yaml';
import type { Node as YamlNode } from 'yaml';
import type { CreateNodeOptions, ParseOptions, DocumentOptions, ScalarTag, SchemaOptions, Tags, ToStringOptions } from 'yaml';
import { forAllReaders, resolvedByOtherReaders, writeYamlDocument } from './yaml-writer';
import { parseSplit, SPLIT_SIZES } from './yaml-split';

// YAML settings shared by every reader and writer (see docs/yaml.md): YAML 1.1 so that
// `defaultMode: 0644` stays octal and `yes`/`on` strings stay quoted; no anchors; no folding.
/**
 * The yaml package's YAML 1.1 floats take `e7`, `.e7`, `.` and `._` for numbers (NaN), so a value
 * or key `e7` came out as NaN. Go's readers (kubectl, kyaml) want digits: `1e7`, `.5`, `1.`. Only
 * those two tags change; everything else is the package's YAML 1.1 schema.
 */
function goLikeFloats(tags: SchemaOptions['customTags'] extends infer T ? (T extends (t: infer A) => unknown ? A : never) : never) {
  return (tags as Array<{ tag?: string; format?: string; test?: RegExp }>).map((t) => {
    if (t.tag !== 'tag:yaml.org,2002:float' || !(t.test instanceof RegExp)) return t;
    if (t.format === 'EXP') return { ...t, test: /^[-+]?(?:[0-9][0-9_]*(?:\.[0-9_]*)?|\.[0-9][0-9_]*)[eE][-+]?[0-9]+$/ };
    if (t.format === undefined && t.test.test('.')) return { ...t, test: /^[-+]?(?:[0-9][0-9_]*\.[0-9_]*|\.[0-9][0-9_]*)$/ };
    return t;
  }) as never;
}

const PARSE: ParseOptions & DocumentOptions & SchemaOptions = {
  version: '1.1',
  // Duplicate keys are an error, checked in linear time by checkUniqueKeys below: the yaml
  // package's own check (uniqueKeys: true) compares each key with every earlier one, which made a
  // 20,000-key ConfigMap take 17 s.
  uniqueKeys: false,
  prettyErrors: true,
  // The yaml package's warnings (a collection used as a key, an unresolved tag) would go to
  // process.emitWarning, that is to stderr, quoting the input: the checks below say what matters.
  logLevel: 'error',
  merge: true,
  customTags: goLikeFloats,
};

const STR = 'tag:yaml.org,2002:str';
const MERGE = 'tag:yaml.org,2002:merge';

/**
 * The writing schema's tags: strings written so that every reader of our output reads them back
 * (see docs/yaml.md): the `yaml` package's own str tag, then forAllReaders (fn/yaml-writer.ts)
 * on its result (DEL, C1, U+2028/2029/FEFF escaped; whitespace-only multi-line strings and folded
 * lines of one space double-quoted on one line). Without the merge tag, which would write the
 * string `<<` plain (a merge key to YAML 1.1 readers): `<<` is then a string the compat tag quotes.
 */
function writingTags(tags: Tags): Tags {
  const out: Tags = [];
  for (const t of tags) {
    if (typeof t === 'object' && t.tag === MERGE) continue;
    if (typeof t === 'object' && t.tag === STR && 'stringify' in t && t.stringify) {
      const str = t.stringify;
      out.push({
        ...t,
        stringify(item, ctx, onComment, onChompKeep) {
          let keep = false;
          const written = str(item, ctx, onComment, () => (keep = true));
          const fixed = forAllReaders(String(item.value), written);
          // A `|+` block replaced by a quoted string no longer keeps its final newlines.
          if (keep && fixed === written) onChompKeep?.();
          return fixed;
        },
      } as ScalarTag);
    } else out.push(t);
  }
  return out;
}

/**
 * A tag only for its `test`: when writing, the `yaml` package quotes a plain string that a
 * `compat` tag's test matches, here what YAML 1.2 or Go's readers (kubectl, kyaml) would read as
 * something else than that string (`0o14`, `0X1F`, `1e_3`, `<<`, `=`: resolvedByOtherReaders).
 */
const READ_OTHERWISE_ELSEWHERE: ScalarTag = {
  default: true,
  tag: 'tag:backstage-render,2026:read-otherwise',
  test: { test: resolvedByOtherReaders } as unknown as RegExp,
  resolve: (s: string) => s,
};

export const STRINGIFY: DocumentOptions & SchemaOptions & CreateNodeOptions & ToStringOptions = {
  version: '1.1',
  aliasDuplicateObjects: false,
  lineWidth: 0,
  minContentWidth: 0,
  indentSeq: true,
  directives: false,
  customTags: writingTags,
  compat: [READ_OTHERWISE_ELSEWHERE],
};

/**
 * Limits that keep hostile documents (alias bombs, deep nesting, floods of tiny nodes) bounded.
 * maxNodes and maxDocuments are per text parsed at once, counted before parsing: a file, stdin,
 * or one item of a ResourceList read item by item (fn/kio/resourcelist.ts; a fleet of 100,000 CRs
 * has 1.2 million nodes, each CR a dozen): what the `yaml` package holds at once. A million keys,
 * values and collections and 100,000 documents (`---` markers) are far above any real input and
 * parse in seconds. The whole input is bounded by its size (64 MiB, cli/inputs.ts) and what its
 * aliases may add by the alias budget (aliasBudgetFor: shared by the items of one input).
 */
export const YAML_LIMITS = { maxAliasCount: 1000, maxDepth: 200, maxNodes: 1_000_000, maxDocuments: 100_000, maxExpandedBytes: 64 * 1024 * 1024 };

export class YamlError extends Error {
  constructor(
    message: string,
    readonly line?: number,
  ) {
    super(message);
    this.name = 'YamlError';
  }
}

/** A text with more than YAML_LIMITS.maxNodes nodes. */
export class TooManyNodesError extends YamlError {}

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

const STRUCTURE_CHECK_FROM = 64 * 1024;

const tooDeep = (): YamlError => new YamlError(`document is nested deeper than ${YAML_LIMITS.maxDepth} levels`);

function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/**
 * A pass over the tokens before parsing (the yaml package's lexer is a state machine: no
 * recursion), so that a hostile text fails fast with a clear message instead of exhausting the
 * parser: 20 million `[` took minutes and 3.5 GB, 5 million `---` as long. Counts nodes, and
 * bounds the nesting from above: open flow collections, plus the block indentation levels open on
 * the line, plus the `- `/`? ` indicators before the line's node (`- - - x`).
 */
function checkStructure(text: string): void {
  let flow = 0;
  let nodes = 0;
  let documents = 0;
  let column = 0;
  let lineStart = true;
  let afterIndicator = false;
  let blockScalar = false;
  const indents: number[] = [];
  const enter = (col: number) => {
    while (indents.length > 0 && indents[indents.length - 1] >= col) indents.pop();
    indents.push(col);
    if (indents.length + flow > YAML_LIMITS.maxDepth) throw tooDeep();
  };
  for (const tok of new Lexer().lex(text)) {
    const type = CST.tokenType(tok);
    const col = column;
    const nl = tok.lastIndexOf('\n');
    column = nl === -1 ? column + tok.length : tok.length - nl - 1;
    switch (type) {
      case 'newline':
        column = 0;
        lineStart = true;
        afterIndicator = false;
        continue;
      case 'space':
      case 'comment':
      case 'byte-order-mark':
      case 'doc-mode':
      case 'scalar': // the marker before a plain or block scalar's text; the text is the next token
        continue;
      case 'doc-start':
      case 'doc-end':
      case 'directive-line':
        if (++documents > YAML_LIMITS.maxDocuments) throw new YamlError(`input has more than ${YAML_LIMITS.maxDocuments} YAML documents; split it`);
        indents.length = 0;
        flow = 0;
        lineStart = false;
        continue;
      default:
    }
    const content = type !== 'map-value-ind' && type !== 'comma' && type !== 'flow-map-end' && type !== 'flow-seq-end' && type !== 'flow-error-end';
    if (content) nodes++;
    if (nodes > YAML_LIMITS.maxNodes) throw new TooManyNodesError(`input has more than ${YAML_LIMITS.maxNodes} YAML nodes (keys, values and collections); split it`);
    // A block scalar's text (one token, whatever its lines' indentation) is a value, not a level.
    if (content && flow === 0 && (lineStart || afterIndicator) && !blockScalar) enter(col);
    blockScalar = type === 'block-scalar-header';
    lineStart = false;
    afterIndicator = type === 'seq-item-ind' || type === 'explicit-key-ind';
    if (type === 'flow-map-start' || type === 'flow-seq-start') {
      flow++;
      if (indents.length + flow > YAML_LIMITS.maxDepth) throw tooDeep();
    } else if ((type === 'flow-map-end' || type === 'flow-seq-end') && flow > 0) flow--;
  }
}

/** A plain scalar's text as YAML 1.2 (core schema) and Go's kyaml read it, as a JS property name would hold it. */
function coreKey(source: string): string {
  if (/^(?:~|[Nn]ull|NULL)?$/.test(source)) return '';
  if (/^(?:[Tt]rue|TRUE)$/.test(source)) return 'true';
  if (/^(?:[Ff]alse|FALSE)$/.test(source)) return 'false';
  if (/^[-+]?[0-9]+$/.test(source)) return String(Number(source));
  if (/^0o[0-7]+$/.test(source)) return String(parseInt(source.slice(2), 8));
  if (/^0x[0-9a-fA-F]+$/.test(source)) return String(parseInt(source.slice(2), 16));
  if (/^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/.test(source)) return String(Number(source));
  if (/^[-+]?\.(?:inf|Inf|INF)$/.test(source)) return source.startsWith('-') ? '-Infinity' : 'Infinity';
  if (/^\.(?:nan|NaN|NAN)$/.test(source)) return 'NaN';
  return source;
}

/**
 * What makes two keys of one map the same key: the property name they become here (YAML 1.1:
 * `1` and `"1"` are both "1") and in YAML 1.2 and Go's readers (`y` and `on` are both `true` to
 * YAML 1.1 only: a ConfigMap may hold both, and passes on as it is). A collection used as a key
 * (`? [a]`) is the same key as an equal collection.
 */
function keyIdentity(key: unknown): string {
  if (isScalar(key)) {
    const v = key.value;
    const source = typeof key.source === 'string' ? key.source : String(v);
    const asProperty = v === null ? '' : typeof v === 'object' ? `\0${source}` : String(v);
    const asCore = key.type === 'PLAIN' ? coreKey(source) : source;
    return `${asProperty}\0${asCore}`;
  }
  if (isNode(key)) return `\0\0${JSON.stringify(key.toJSON())}`;
  return '';
}

/**
 * Duplicate keys (keyIdentity), in linear time. The message says where, never what: a key may be a
 * Secret's data.
 */
function checkUniqueKeys(text: string, doc: ReturnType<typeof parseAllDocuments>[number], shift: number): void {
  visit(doc, {
    Map(_key, map) {
      const seen = new Set<string>();
      for (const pair of map.items) {
        if (pair.key === null || pair.key === undefined) continue;
        const k = keyIdentity(pair.key);
        if (seen.has(k)) {
          const range = (pair.key as { range?: [number, number, number] }).range;
          const line = range ? lineOf(text, range[0]) + shift : undefined;
          throw new YamlError(`not valid YAML${line ? ` (line ${line})` : ''}: Map keys must be unique`, line);
        }
        seen.add(k);
      }
    },
  });
}

/** Aliases may make a text at most this many times its size once expanded (and never more than YAML_LIMITS.maxExpandedBytes). */
export const ALIAS_EXPANSION_FACTOR = 10;

/**
 * Counts what aliases add to a text once expanded, in bytes of source (each alias adds the size of
 * its anchored node, its own aliases expanded), and throws at the first alias that takes the text
 * past its budget (`budget.left`, shared by the text's documents). An alias to a node that holds
 * it is refused too. Recursive: the caller turns a stack overflow into "nested too deep".
 */
function checkAliasExpansion(text: string, doc: ReturnType<typeof parseAllDocuments>[number], budget: AliasBudget, shift: number): void {
  const anchors = new Map<string, YamlNode>();
  const sizes = new Map<YamlNode, number>();
  const sourceSize = (n: YamlNode): number => {
    const r = n.range;
    return r ? Math.max(1, r[1] - r[0]) : 1;
  };
  const sizeOf = (n: unknown): number => {
    if (n === null || n === undefined) return 1;
    if (isAlias(n)) {
      const target = anchors.get(n.source);
      if (!target) return 1; // the parser reports an unknown alias
      const size = sizes.get(target);
      if (size === undefined) throw new YamlError(`not valid YAML${n.range ? ` (line ${lineOf(text, n.range[0]) + shift})` : ''}: an alias refers to a node that contains it`);
      budget.left -= size;
      if (budget.left < 0) {
        const line = n.range ? lineOf(text, n.range[0]) + shift : undefined;
        throw new YamlError(`YAML aliases would expand the input to more than ${budget.limit} bytes (${ALIAS_EXPANSION_FACTOR} times its size, at most ${YAML_LIMITS.maxExpandedBytes})${line ? `; stopped at the alias on line ${line}` : ''}`, line);
      }
      return size;
    }
    if (isPair(n)) return sizeOf(n.key) + sizeOf(n.value);
    if (!isNode(n)) return 1;
    if (n.anchor) anchors.set(n.anchor, n);
    let size: number;
    if (isMap(n) || isSeq(n)) {
      size = 2;
      for (const item of n.items as unknown[]) size += sizeOf(item);
    } else size = sourceSize(n);
    if (n.anchor) sizes.set(n, size);
    return size;
  };
  sizeOf(doc.contents);
}

/**
 * The yaml package's message, first line, without its position (we give it) and without the
 * source text some messages quote (`Unexpected scalar token in YAML stream: "<the token>"`, `Not a
 * YAML token: <source>`): that text may be a Secret's value, and may be kilobytes of junk.
 */
function withoutSourceText(message: string): string {
  const first = message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
  const colon = first.indexOf(': ');
  return colon === -1 ? first : first.slice(0, colon);
}

/** A parsed document: its plain value (YAML 1.1, what we interpret) and its nodes, with their source ranges. */
export interface ParsedDocument {
  value: unknown;
  doc: ReturnType<typeof parseAllDocuments>[number];
}

/** Parses a multi-document YAML text into plain values; empty documents are dropped. */
export function parseYamlDocuments(text: string): unknown[] {
  return readDocuments(text, false).map((d) => d.value);
}

/** What aliases may still add to a text once expanded (bytes), out of `limit`: shared by all the parts of one input. */
export interface AliasBudget {
  left: number;
  limit: number;
}

/** The alias budget of an input of `bytes` characters: ALIAS_EXPANSION_FACTOR times its size, at most YAML_LIMITS.maxExpandedBytes. */
export function aliasBudgetFor(bytes: number): AliasBudget {
  const limit = Math.min(YAML_LIMITS.maxExpandedBytes, ALIAS_EXPANSION_FACTOR * bytes);
  return { left: limit - bytes, limit };
}

/** A part of a larger text parsed on its own (fn/kio/block-sequence.ts): where it starts, and the whole input's alias budget. */
export interface PartOf {
  /** The 1-based line of the larger text the part starts on: positions in messages are the larger text's. */
  firstLine: number;
  aliasBudget: AliasBudget;
}

/** parseYamlDocuments, keeping each document's nodes (to write an item back as it came). */
export function parseYamlDocumentNodes(text: string, part?: PartOf): ParsedDocument[] {
  return readDocuments(text, true, part);
}

/** Test hook: called with the number of sequences cut out each time a text is read by pieces. */
export const splitReads: { onSplit?: (sequences: number) => void } = {};

function readDocuments(text: string, keepNodes: boolean, part?: PartOf): ParsedDocument[] {
  const shift = part ? part.firstLine - 1 : 0;
  // Below 64 KiB nothing is big enough to hurt (16k documents, 32k nodes; deeper nesting than the
  // parser's stack is caught below): spare the profile's small files, parsed on every render.
  if (text.length >= STRUCTURE_CHECK_FROM) checkStructure(text);
  // A large text is read by pieces where it can be (fn/yaml-split.ts): the same values and nodes,
  // a fraction of the memory. No aliases there, so the alias checks have nothing to count.
  const split = text.length >= SPLIT_SIZES.textFrom ? parseSplit(text, { parse: PARSE, check: (t, d) => checkUniqueKeys(t, d, shift), keepNodes, onSplit: splitReads.onSplit }) : undefined;
  if (split) {
    const out: ParsedDocument[] = [];
    for (const { doc, value } of split) {
      if (depthOf(value, YAML_LIMITS.maxDepth) > YAML_LIMITS.maxDepth) throw tooDeep();
      if (value !== null && value !== undefined) out.push({ value, doc });
    }
    return out;
  }
  let docs: ReturnType<typeof parseAllDocuments>;
  try {
    docs = parseAllDocuments(text, PARSE);
  } catch (err) {
    if (err instanceof RangeError) throw tooDeep();
    throw err;
  }
  const out: ParsedDocument[] = [];
  const budget = part?.aliasBudget ?? aliasBudgetFor(text.length);
  for (const doc of Array.isArray(docs) ? docs : [docs]) {
    if (doc.errors.length > 0) {
      const e = doc.errors[0];
      // The parser's stack overflowed (deep nesting the pre-pass did not see): say so, without
      // the position, which depends on the stack size.
      if (e.code === 'RESOURCE_EXHAUSTION') throw tooDeep();
      const line = e.linePos?.[0]?.line === undefined ? undefined : e.linePos[0].line + shift;
      const col = e.linePos?.[0]?.col;
      throw new YamlError(`not valid YAML${line ? ` (line ${line})` : ''}: ${withoutSourceText(e.message)}${line && col ? ` at column ${col}` : ''}`, line);
    }
    if (doc.contents === null) continue;
    let aliases = 0;
    try {
      checkUniqueKeys(text, doc, shift);
      visit(doc, {
        Alias() {
          aliases++;
        },
      });
    } catch (err) {
      if (err instanceof RangeError) throw tooDeep();
      throw err;
    }
    if (aliases > YAML_LIMITS.maxAliasCount) {
      throw new YamlError(`document has ${aliases} aliases, more than the ${YAML_LIMITS.maxAliasCount} allowed`);
    }
    if (aliases > 0) {
      try {
        checkAliasExpansion(text, doc, budget, shift);
      } catch (err) {
        if (err instanceof RangeError) throw tooDeep();
        throw err;
      }
    }
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: YAML_LIMITS.maxAliasCount });
    } catch (err) {
      if (err instanceof RangeError) throw tooDeep();
      throw new YamlError(`YAML could not be read: ${withoutSourceText((err as Error).message)}`);
    }
    if (depthOf(value, YAML_LIMITS.maxDepth) > YAML_LIMITS.maxDepth) {
      throw new YamlError(`document is nested deeper than ${YAML_LIMITS.maxDepth} levels`);
    }
    if (value === null || value === undefined) continue;
    out.push({ value, doc });
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

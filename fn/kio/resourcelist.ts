import { isMap, isSeq } from 'yaml';
import { aliasBudgetFor, parseYamlDocumentNodes, stringifyYaml, TooManyNodesError, YamlError } from '../yaml';
import { splitTopLevelSequence, type SplitSequence, type TextPart } from './block-sequence';
import { writeSequenceItem, writeYamlDocument } from '../yaml-writer';
import { keepDocumentSource, keepSequenceItemSources, sequenceItemText, sourceTextOf } from './source-text';
import type { KObject, ResourceList, Result } from './types';
import { appendAll, isObject, RESOURCE_LIST_API_VERSION } from './types';

const RESOURCE_LIST_VERSIONS = ['config.kubernetes.io/v1', 'config.kubernetes.io/v1beta1', 'config.kubernetes.io/v1alpha1'];

export class InputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InputError';
  }
}

function checkItem(item: unknown, where: string): KObject {
  if (!isObject(item)) throw new InputError(`${where} is not an object`);
  if (typeof item.apiVersion !== 'string' || item.apiVersion === '') throw new InputError(`${where} has no apiVersion`);
  if (typeof item.kind !== 'string' || item.kind === '') throw new InputError(`${where} has no kind`);
  if (item.metadata === undefined || item.metadata === null) item.metadata = {};
  if (!isObject(item.metadata)) throw new InputError(`${where} has a metadata that is not a map`);
  return item as KObject;
}

export function isResourceList(doc: unknown): doc is Record<string, unknown> {
  return isObject(doc) && doc.kind === 'ResourceList' && typeof doc.apiVersion === 'string' && RESOURCE_LIST_VERSIONS.includes(doc.apiVersion);
}

/** Items of a ResourceList, a `v1 List`, or (for the CLI) a plain multi-document stream of objects. */
export function readResourceList(text: string, opts: { allowPlainObjects?: boolean; /** Tests: never item by item. */ whole?: boolean } = {}): ResourceList {
  if (text.trim() === '') throw new InputError('input is empty: expected a ResourceList');
  const byItem = opts.whole ? undefined : readItemByItem(text);
  if (byItem) return fromDocuments([byItem], opts, (_i, checked) => checked);
  const parsed = parseYamlDocumentNodes(text);
  /** The node of `items` in the i-th document (a ResourceList's or a List's). */
  const itemsNode = (i: number) => {
    const contents = parsed[i].doc.contents;
    return isMap(contents) ? contents.get('items', true) : undefined;
  };
  return fromDocuments(
    parsed.map((d) => d.value),
    opts,
    (i, checked) => {
      keepSequenceItemSources(text, itemsNode(i), checked);
      return checked;
    },
    (i, item) => keepDocumentSource(text, parsed[i].doc.contents, item),
  );
}

/**
 * The documents' items, checked: `listItems(i, checked)` keeps the source texts of the i-th
 * document's items (a ResourceList's or a List's), `documentItem` of a document that is an item.
 */
function fromDocuments(
  docs: unknown[],
  opts: { allowPlainObjects?: boolean },
  listItems: (i: number, checked: KObject[]) => KObject[],
  documentItem: (i: number, item: KObject) => void = () => undefined,
): ResourceList {
  if (docs.length === 0) throw new InputError('input has no YAML documents: expected a ResourceList');
  if (docs.length === 1 && isObject(docs[0]) && docs[0].kind === 'ResourceList') {
    const doc = docs[0];
    if (!isResourceList(doc)) {
      throw new InputError(`ResourceList apiVersion "${String((doc as Record<string, unknown>).apiVersion)}" is not supported; use ${RESOURCE_LIST_API_VERSION}`);
    }
    const items = doc.items ?? [];
    if (!Array.isArray(items)) throw new InputError('ResourceList items is not a list');
    let functionConfig: KObject | undefined;
    if (doc.functionConfig !== undefined && doc.functionConfig !== null) {
      if (!isObject(doc.functionConfig)) throw new InputError('ResourceList functionConfig is not an object');
      functionConfig = doc.functionConfig as KObject;
    }
    const checked = listItems(0, items.map((it, i) => checkItem(it, `items[${i}]`)));
    return {
      apiVersion: doc.apiVersion as string,
      kind: 'ResourceList',
      items: checked,
      ...(functionConfig ? { functionConfig } : {}),
    };
  }
  const items: KObject[] = [];
  docs.forEach((doc, i) => {
    if (isObject(doc) && doc.apiVersion === 'v1' && doc.kind === 'List') {
      const listed = doc.items ?? [];
      if (!Array.isArray(listed)) throw new InputError(`document ${i + 1}: List items is not a list`);
      appendAll(items, listItems(i, listed.map((it, j) => checkItem(it, `document ${i + 1} items[${j}]`))));
      return;
    }
    if (isObject(doc) && doc.kind === 'ResourceList') throw new InputError(`document ${i + 1}: a ResourceList must be the only document`);
    if (!opts.allowPlainObjects) throw new InputError(`input is not a ResourceList (document ${i + 1} is ${describe(doc)})`);
    const item = checkItem(doc, `document ${i + 1}`);
    documentItem(i, item);
    items.push(item);
  });
  return { apiVersion: RESOURCE_LIST_API_VERSION, kind: 'ResourceList', items };
}

/**
 * A ResourceList (or List) read item by item: its `items:` block sequence split into the items'
 * texts (fn/kio/block-sequence.ts), each parsed on its own, so that the `yaml` package holds the
 * nodes of one item at a time, not of the whole document (about 70 times the text at its peak),
 * and the node limit (YAML_LIMITS.maxNodes) applies per item: a fleet of 100,000 CRs reads.
 * Positions in messages and the alias budget are the whole text's. Undefined when the text is not
 * laid out plainly or a part does not read as it should (an alias to another item's anchor, a
 * text that is not one block map per item): then the text is read whole, as before. A YAML error
 * in a part is thrown only when the whole text cannot say it instead (it has too many nodes).
 */
function readItemByItem(text: string): Record<string, unknown> | undefined {
  const split = splitTopLevelSequence(text, 'items');
  if (!split) return undefined;
  try {
    return readSplit(text, split);
  } catch (err) {
    if (!(err instanceof YamlError)) throw err;
    // The whole text says what is wrong in its own words (the same as without the split), unless
    // it is too large to read whole: then the part's error, at its place in the whole text.
    try {
      parseYamlDocumentNodes(text);
    } catch (whole) {
      if (whole instanceof TooManyNodesError) throw err;
      throw whole;
    }
    return undefined;
  }
}

function readSplit(text: string, split: SplitSequence): Record<string, unknown> | undefined {
  const aliasBudget = aliasBudgetFor(text.length);
  const topLevel = (part: TextPart): Record<string, unknown> | undefined => {
    const docs = parseYamlDocumentNodes(text.slice(part.start, part.end), { firstLine: part.line, aliasBudget });
    if (docs.length === 0) return {};
    if (docs.length !== 1 || !isMap(docs[0].doc.contents) || docs[0].doc.contents.flow || !isObject(docs[0].value)) return undefined;
    return docs[0].value;
  };
  const before = topLevel(split.before);
  const after = before && topLevel(split.after);
  if (!before || !after || 'items' in before || 'items' in after || Object.keys(before).some((k) => k in after)) return undefined;
  const items: unknown[] = new Array(split.items.length);
  for (let i = 0; i < split.items.length; i++) {
    const part = split.items[i];
    const partText = text.slice(part.start, part.end);
    const docs = parseYamlDocumentNodes(partText, { firstLine: part.line, aliasBudget });
    const seq = docs.length === 1 ? docs[0].doc.contents : undefined;
    if (!isSeq(seq) || seq.flow || seq.items.length !== 1 || !Array.isArray(docs[0].value) || docs[0].value.length !== 1) return undefined;
    items[i] = docs[0].value[0];
    // The item's source: kept from the part's text (its offsets are the part's).
    if (items[i] !== null && typeof items[i] === 'object') keepSequenceItemSources(partText, seq, [items[i]]);
  }
  return { ...before, items, ...after };
}

function describe(doc: unknown): string {
  if (isObject(doc)) return `${String(doc.apiVersion ?? '?')} ${String(doc.kind ?? '?')}`;
  if (Array.isArray(doc)) return 'a list';
  return `a ${typeof doc}`;
}

// Stands for an item written from its source text: a string no item of the sequence can be (items
// are maps), on a line of its own at the items' indentation.
const KEPT = '\0backstage-render:kept:';
const KEPT_LINE = /^ {2}- "\\0backstage-render:kept:(\d+)"\n/gm;
/** The column of the items' `-` in what stringifyYaml writes (indentSeq). */
const ITEMS_DASH_COLUMN = 2;

/**
 * The ResourceList a function answers with; results always carry a severity. Items read with
 * their source text (fn/kio/source-text.ts) and not changed since are written as that text.
 */
export function writeResourceList(items: KObject[], results: Result[], functionConfig?: KObject): string {
  return writeResourceListParts(items, results, functionConfig).join('');
}

/**
 * writeResourceList's text in parts, one per item (their concatenation is the same bytes): a door
 * writes them one after the other, and a large output is never one string (V8 caps a string at
 * 512 MB; building and copying one doubled the memory of a fleet's render).
 */
export function writeResourceListParts(items: KObject[], results: Result[], functionConfig?: KObject, opts: { release?: boolean } = {}): string[] {
  const rest: Record<string, unknown> = {};
  if (functionConfig) rest.functionConfig = functionConfig;
  if (results.length > 0) rest.results = results.map(orderResultKeys);
  const indent = ' '.repeat(ITEMS_DASH_COLUMN);
  const keptText = (item: KObject) => {
    const src = sourceTextOf(item);
    return src && sequenceItemText(src, ITEMS_DASH_COLUMN);
  };
  const head = writeYamlDocument({ apiVersion: RESOURCE_LIST_API_VERSION, kind: 'ResourceList' });
  const tail = Object.keys(rest).length === 0 ? '' : writeYamlDocument(rest);
  const parts = head === undefined || tail === undefined ? undefined : [head, items.length === 0 ? 'items: []\n' : 'items:\n'];
  for (let i = 0; parts && i < items.length; i++) {
    const item = items[i];
    const kept = keptText(item);
    const text = kept ?? writeSequenceItem(item, indent);
    // Not plain data: the `yaml` package writes (and judges) it, as the items' sequence would.
    parts.push(flat(kept !== undefined ? `${indent}${kept}` : text !== undefined ? `${indent}${text}\n` : packageItem(item)));
    // The caller's array lets go of what is written: a fleet's objects and their text are then
    // never all held at once.
    if (opts.release) items[i] = undefined as unknown as KObject;
  }
  if (parts === undefined) return [writeWhole(items, rest, keptText)];
  if (tail) parts.push(tail);
  return parts;
}

/**
 * A ResourceList written as its items come (fn/render.ts renderBackstageTo): the same bytes as
 * writeResourceList, handed to `write` in parts, one per item, so that a fleet's output is never
 * all held. `end` writes what follows the items (functionConfig, results); nothing may come after.
 */
export class ResourceListWriter {
  private started = false;
  private ended = false;
  private readonly indent = ' '.repeat(ITEMS_DASH_COLUMN);

  constructor(private readonly write: (part: string) => void) {}

  /** Whether anything was written: a ResourceList is then under way and must be ended, not begun again. */
  get begun(): boolean {
    return this.started;
  }

  item(item: KObject): void {
    if (this.ended) throw new Error('ResourceListWriter: an item after the end');
    if (!this.started) this.write(`${RESOURCE_LIST_HEAD}items:\n`);
    this.started = true;
    const src = sourceTextOf(item);
    const kept = src && sequenceItemText(src, ITEMS_DASH_COLUMN);
    const text = kept === undefined ? writeSequenceItem(item, this.indent) : undefined;
    this.write(flat(kept !== undefined ? `${this.indent}${kept}` : text !== undefined ? `${this.indent}${text}\n` : packageItem(item)));
  }

  end(results: Result[], functionConfig?: KObject): void {
    if (this.ended) return;
    const rest: Record<string, unknown> = {};
    if (functionConfig) rest.functionConfig = functionConfig;
    if (results.length > 0) rest.results = results.map(orderResultKeys);
    const head = this.started ? '' : `${RESOURCE_LIST_HEAD}items: []\n`;
    this.started = true;
    this.ended = true;
    this.write(head + (Object.keys(rest).length === 0 ? '' : (writeYamlDocument(rest) ?? stringifyYaml(rest))));
  }
}

const RESOURCE_LIST_HEAD = `apiVersion: ${RESOURCE_LIST_API_VERSION}\nkind: ResourceList\n`;

/**
 * The string, flat: the writer builds an item's text by concatenation, which V8 keeps as a tree of
 * the pieces (about 9 times the text's size) until something reads a character. Read one, so the
 * parts held until the door writes them cost their length, not the tree.
 */
export function flat(s: string): string {
  s.charCodeAt(0);
  return s;
}

/** One item as the `yaml` package writes it in the items' sequence (`  - …`, indentSeq). */
function packageItem(item: KObject): string {
  const text = stringifyYaml({ items: [item] });
  return text.slice(text.indexOf('\n') + 1);
}

/** The whole ResourceList through stringifyYaml, kept items put back in place of their placeholders. */
function writeWhole(items: KObject[], rest: Record<string, unknown>, keptText: (item: KObject) => string | undefined): string {
  const kept: string[] = [];
  const listed = items.map((item) => {
    const text = keptText(item);
    if (text === undefined) return item;
    kept.push(`${' '.repeat(ITEMS_DASH_COLUMN)}${text}`);
    return `${KEPT}${kept.length - 1}`;
  });
  const written = stringifyYaml({ apiVersion: RESOURCE_LIST_API_VERSION, kind: 'ResourceList', items: listed, ...rest });
  if (kept.length === 0) return written;
  let replaced = 0;
  const text = written.replace(KEPT_LINE, (_line, i: string) => {
    replaced++;
    return kept[Number(i)];
  });
  // Each stand-in found once, or the items are written from their values (a writer that lays the
  // items out otherwise must not lose one).
  if (replaced === kept.length) return text;
  return stringifyYaml({ apiVersion: RESOURCE_LIST_API_VERSION, kind: 'ResourceList', items, ...rest });
}

/** Result keys in the specification's order: message, severity, resourceRef, field, file, tags. */
function orderResultKeys(r: Result): Result {
  const out: Result = { message: r.message, severity: r.severity };
  if (r.resourceRef) out.resourceRef = r.resourceRef;
  if (r.field) out.field = r.field;
  if (r.file) out.file = r.file;
  if (r.tags) out.tags = r.tags;
  return out;
}

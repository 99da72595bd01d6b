// Items we pass on leave as they came: their source text, kept when the input is read and written
// back in place of the item, as kyaml-based functions write back the nodes they read. What we read
// as YAML 1.1 to interpret (`on` is true, `0755` is 493, `2024-01-01` a date, `1e400` infinity)
// never reaches them: keys, values, tags, comments and quoting stay the user's.
//
// The text of a sequence item starts right after its `-`; written back under a `-` at another
// column, every line after the first moves by the same number of columns, which keeps block
// scalars, comments and flow collections as they were.
import { isMap, isScalar, isSeq } from 'yaml';
import type { Node as YamlNode, YAMLMap } from 'yaml';
import type { KObject } from './types';

export interface SourceText {
  /** The item's text from just after its `-` to its end, ending with a newline. */
  text: string;
  /** The column of the `-` (for a document: two columns left of its first key). */
  dashColumn: number;
  /**
   * For items we may edit (a Backstage CR: its local-config line), where a line may go, read from
   * the nodes when the input was parsed: a few offsets, not the nodes (a fleet's CRs would keep
   * their trees all along) and not a second parse of the item's text.
   */
  plan?: EditPlan;
}

/** A block map's pairs: the column of its keys and the offset in the item's text just after its last pair's line. */
interface BlockEnd {
  column: number;
  end: number;
}

/** An editable item's map: where `metadata:` would go, and its metadata (absent: undefined; not a non-empty block map: null). */
interface EditPlan {
  end?: BlockEnd;
  metadata?: null | {
    end?: BlockEnd;
    annotations?: null | { end?: BlockEnd; pairs: Array<{ key: unknown; value: { value: unknown; start: number; end: number; type?: string } | undefined }> };
  };
}

/** Items whose source may get a line: the CRs (only they: a node tree per item would cost memory). */
const mayEdit = (item: object) => (item as { kind?: unknown }).kind === 'Backstage';

const sources = new WeakMap<object, SourceText>();

/** The source text an item was read from, if it is passed on unchanged. */
export function sourceTextOf(item: object): SourceText | undefined {
  return sources.get(item);
}

function keep(item: object, src: SourceText): void {
  sources.set(item, src);
}

function lineStartOf(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** The `-` of the block sequence item whose node starts at `start`: on its line or on a line above with only a comment. */
function dashBefore(text: string, start: number): number | undefined {
  let lineStart = lineStartOf(text, start);
  let before = text.slice(lineStart, start);
  for (;;) {
    const m = /^([ ]*)-[ \t]*(?:#.*)?$|^([ ]*)-[ \t]+$/.exec(before);
    if (m) return lineStart + before.indexOf('-');
    if (lineStart === 0) return undefined;
    // A line of only a comment or blanks between the `-` and the node: look one line up.
    if (before.trim() !== '' && !before.trim().startsWith('#')) return undefined;
    const prevStart = lineStartOf(text, lineStart - 1);
    before = text.slice(prevStart, lineStart - 1);
    lineStart = prevStart;
  }
}

function withNewline(s: string): string {
  return s.endsWith('\n') ? s : `${s}\n`;
}

/** Keeps the source of each item of a block sequence (a ResourceList's or List's items) that is a block map. */
export function keepSequenceItemSources(text: string, seq: unknown, items: unknown[]): void {
  if (!isSeq(seq) || seq.flow || seq.items.length !== items.length) return;
  seq.items.forEach((node, i) => {
    const item = items[i];
    if (!isMap(node) || node.flow || !node.range || item === null || typeof item !== 'object') return;
    const dash = dashBefore(text, node.range[0]);
    if (dash === undefined) return;
    keep(item, { text: withNewline(text.slice(dash + 1, node.range[2])), dashColumn: dash - lineStartOf(text, dash), ...(mayEdit(item) ? { plan: editPlanOf(text, node, dash + 1) } : {}) });
  });
}

/**
 * Where the comment lines right above a document's first key start (lines of only a comment at
 * the keys' column, up to a blank line, a `---` or the start of the text): they belong to it.
 */
function leadingCommentsStart(text: string, lineStart: number, column: number): number {
  let from = lineStart;
  while (from > 0) {
    const prev = lineStartOf(text, from - 1);
    const line = text.slice(prev, from - 1);
    if (!(line.slice(0, column).trim() === '' && line[column] === '#')) break;
    from = prev;
  }
  return from;
}

/**
 * Keeps the source of a document that is a block map (an object in a multi-document stream),
 * with the comment lines right above it (not for a CR, whose source may get a line).
 */
export function keepDocumentSource(text: string, contents: unknown, item: unknown): void {
  if (!isMap(contents) || contents.flow || !contents.range || item === null || typeof item !== 'object') return;
  const start = contents.range[0];
  const lineStart = lineStartOf(text, start);
  if (text.slice(lineStart, start).trim() !== '') return;
  const column = start - lineStart;
  const from = mayEdit(item) ? lineStart : leadingCommentsStart(text, lineStart, column);
  keep(item, {
    text: withNewline(` ${text.slice(from + column, contents.range[2])}`),
    dashColumn: start - lineStartOf(text, start) - 2,
    ...(mayEdit(item) ? { plan: editPlanOf(text, contents, start - 1) } : {}),
  });
}

/** Every line after the first moved right (or left) by `by` columns; undefined if a line has too little indentation to move left. */
function shifted(text: string, by: number): string | undefined {
  if (by === 0) return text;
  if (by > 0) {
    // One pass over the text (no array of its lines): a large item is written once, not three times.
    const pad = ' '.repeat(by);
    return text.replace(/\n(?!\n|\r\n|\r$|$)/g, `\n${pad}`);
  }
  const lines = text.split('\n');
  const blank = (l: string) => l === '' || l === '\r';
  const cut = ' '.repeat(-by);
  if (lines.some((l, i) => i > 0 && !blank(l) && !l.startsWith(cut))) return undefined;
  return lines.map((l, i) => (i === 0 || blank(l) ? l : l.slice(-by))).join('\n');
}

/** The item's source as a block sequence item whose `-` is at `dashColumn`, first line without its indentation; undefined if it cannot move there. */
export function sequenceItemText(src: SourceText, dashColumn: number): string | undefined {
  const moved = shifted(src.text, dashColumn - src.dashColumn);
  return moved === undefined ? undefined : `-${moved}`;
}

/** The item's source as a document of its own (its keys at column 0), or undefined. */
export function documentTextOf(item: object): string | undefined {
  const src = sources.get(item);
  const moved = src && shifted(src.text, -2 - src.dashColumn);
  return moved === undefined ? undefined : moved.replace(/^[ \t]+/, '').replace(/^\r?\n/, '');
}

/** A block map's pairs: the column of its keys and the offset (in `text`, less `base`) just after its last pair's line. */
function blockMapEnd(text: string, map: YAMLMap, base: number): BlockEnd | undefined {
  const first = map.items[0];
  const last = map.items[map.items.length - 1];
  const firstKey = first?.key as YamlNode | undefined;
  if (!firstKey?.range || !last) return undefined;
  const lastNode = (last.value ?? last.key) as YamlNode | null;
  if (!lastNode?.range) return undefined;
  let end = lastNode.range[1];
  if (text[end - 1] !== '\n') {
    const nl = text.indexOf('\n', end);
    end = nl === -1 ? text.length : nl + 1;
  }
  return { column: firstKey.range[0] - lineStartOf(text, firstKey.range[0]), end: end - base };
}

function blockMapAt(map: YAMLMap, key: string): YAMLMap | undefined | null {
  const pair = map.items.find((p) => isScalar(p.key) && p.key.value === key);
  if (!pair) return undefined;
  return isMap(pair.value) && !pair.value.flow && pair.value.items.length > 0 ? pair.value : null;
}

/** Where a line may go in an item (its map `node`, parsed in `text`, the item's text starting at `base`). */
function editPlanOf(text: string, node: YAMLMap, base: number): EditPlan {
  const plan: EditPlan = { end: blockMapEnd(text, node, base) };
  const metadata = blockMapAt(node, 'metadata');
  if (metadata === undefined) return plan;
  if (metadata === null) return { ...plan, metadata: null };
  const annotations = blockMapAt(metadata, 'annotations');
  plan.metadata = { end: blockMapEnd(text, metadata, base) };
  if (annotations === undefined) return plan;
  if (annotations === null) return { ...plan, metadata: { ...plan.metadata, annotations: null } };
  const pairs = annotations.items
    .filter((p) => isScalar(p.key))
    .map((p) => {
      const v = p.value;
      return { key: (p.key as { value: unknown }).value, value: isScalar(v) && v.range ? { value: v.value, start: v.range[0] - base, end: v.range[1] - base, type: v.type } : undefined };
    });
  plan.metadata.annotations = { end: blockMapEnd(text, annotations, base), pairs };
  return plan;
}

/**
 * `original`'s source with one annotation set (kpt's local-config mark on a CR), as a line added
 * after the item's other annotations (or an `annotations:` or `metadata:` block added at the end
 * of its parent), or the value replaced; kept for `updated`, the item with the annotation set.
 * Nothing is kept (the item is then written from its value) where the layout is not one of
 * those: flow maps, an empty `annotations:`, a block scalar as the value.
 */
export function keepWithAnnotation(original: object, updated: KObject, key: string, value: string): void {
  const src = sources.get(original);
  const plan = src?.plan;
  if (!src || !plan) return;
  // Offsets are in the item's text.
  const line = (column: number, k: string, v?: string) => `${' '.repeat(column)}${k}:${v === undefined ? '' : ` ${v}`}\n`;
  const quoted = JSON.stringify(value);
  const insertAt = (at: number, lines: string) => {
    // At a line start of the item's text (it ends with a newline, which the parsed text may not have).
    let i = Math.min(at, src.text.length);
    if (i > 0 && src.text[i - 1] !== '\n') i = src.text.indexOf('\n', i) + 1;
    return src.text.slice(0, i) + lines + src.text.slice(i);
  };
  let edited: string | undefined;
  const metadata = plan.metadata;
  if (metadata === null) return;
  if (metadata === undefined) {
    const at = plan.end;
    if (!at) return;
    edited = insertAt(at.end, line(at.column, 'metadata') + line(at.column + 2, 'annotations') + line(at.column + 4, key, quoted));
  } else {
    const annotations = metadata.annotations;
    if (annotations === null) return;
    if (annotations === undefined) {
      const at = metadata.end;
      if (!at) return;
      edited = insertAt(at.end, line(at.column, 'annotations') + line(at.column + 2, key, quoted));
    } else {
      const pair = annotations.pairs.find((p) => p.key === key);
      if (pair && pair.value && pair.value.value === value) {
        edited = src.text;
      } else if (pair) {
        if (!pair.value || (pair.value.type !== 'PLAIN' && pair.value.type !== 'QUOTE_DOUBLE' && pair.value.type !== 'QUOTE_SINGLE')) return;
        edited = src.text.slice(0, pair.value.start) + quoted + src.text.slice(pair.value.end);
      } else {
        const at = annotations.end;
        if (!at) return;
        edited = insertAt(at.end, line(at.column, key, quoted));
      }
    }
  }
  keep(updated, { text: edited, dashColumn: src.dashColumn });
}

// Reading a large YAML text by pieces: each large block sequence (fn/kio/split-block-sequence.ts)
// is cut out of the text, the rest (the skeleton, with a one-item placeholder where each sequence
// was) and each item are parsed on their own, and the items are put back in place of the
// placeholder. The `yaml` package holds a whole document's syntax tree while it reads it (about 30
// times the text, more for long quoted strings, which it builds a character at a time): by pieces,
// only one item's tree is alive at a time.
//
// The result is what a whole parse gives (values, and the nodes with their ranges in the whole
// text), or nothing and the caller parses the whole text: wherever a piece has an error (so that
// the message and its position are the whole text's), an alias or a directive (anchors would cross
// pieces, `%YAML` changes the schema), or the cut is not where the whole parse would cut (the
// placeholder must read as a block sequence of one item, each item as a block sequence of one
// item at the sequence's column).
import { isAlias, isMap, isScalar, isSeq, parseAllDocuments, visit, YAMLSeq } from 'yaml';
import type { Document, DocumentOptions, Node as YamlNode, ParseOptions, SchemaOptions } from 'yaml';
import { findBlockSequences, type BlockSequenceSplit } from './kio/split-block-sequence';

type ParsedDoc = ReturnType<typeof parseAllDocuments>[number];

/** Texts from `textFrom` characters on are read by pieces, cutting out sequences of `sequenceFrom` characters and more (tests lower them). */
export const SPLIT_SIZES = { textFrom: 256 * 1024, sequenceFrom: 64 * 1024 };

export interface SplitOptions {
  parse: ParseOptions & DocumentOptions & SchemaOptions;
  /** Checks a parsed piece (duplicate keys); throws to give up. */
  check: (text: string, doc: ParsedDoc) => void;
  /** Keep every node (to read ranges); without, only the values are made and nodes let go piece by piece. */
  keepNodes: boolean;
  /** Called once per text split (tests: that the split was taken). */
  onSplit?: (sequences: number) => void;
}

export interface SplitDocument {
  doc: ParsedDoc;
  value: unknown;
}

/** The text is not read by pieces (caught in parseSplit). */
class NotSplit extends Error {}

/** `text` read by pieces, or undefined (no large sequence, or a piece the whole text must judge). */
export function parseSplit(text: string, opts: SplitOptions): SplitDocument[] | undefined {
  if (/^%/m.test(text)) return undefined;
  try {
    return composeText(text, opts, true);
  } catch {
    // Anything unusual (a piece's error or failed check, a value the `yaml` package refuses, a
    // placeholder read otherwise, a stack overflow) is for the whole parse to answer, with the
    // whole text's message.
    return undefined;
  }
}

/** One text parsed whole; an error, a warning-free alias or a failed check is NotSplit. */
function parsePlain(text: string, opts: SplitOptions): SplitDocument[] {
  const docs = parseAllDocuments(text, opts.parse);
  const out: SplitDocument[] = [];
  for (const doc of Array.isArray(docs) ? docs : [docs]) {
    if (doc.errors.length > 0) throw new NotSplit();
    if (doc.contents === null) {
      out.push({ doc, value: null });
      continue;
    }
    opts.check(text, doc);
    visit(doc, {
      Alias() {
        throw new NotSplit();
      },
    });
    out.push({ doc, value: flatStrings(doc.toJS()) });
  }
  return out;
}

interface Hole {
  seq: BlockSequenceSplit;
  /** Offsets in the skeleton: the placeholder's line start, its `-`, and its end. */
  at: number;
  dash: number;
  end: number;
  /** What the offsets after this hole move by, back into the text. */
  shift: number;
  /** The original sequence's ends (range[1] and range[2]: from its last item), once read. */
  valueEnd: number;
  nodeEnd: number;
  node?: YAMLSeq;
}

function composeText(text: string, opts: SplitOptions, top: boolean): SplitDocument[] | undefined {
  const sequences = findBlockSequences(text, { minItems: 2, minBytes: SPLIT_SIZES.sequenceFrom });
  if (sequences.length === 0) return top ? undefined : parsePlain(text, opts);
  opts.onSplit?.(sequences.length);
  const { skeleton, holes } = skeletonOf(text, sequences);
  const docs = parsePlain(skeleton, opts);
  findPlaceholders(docs, holes);
  const values = holes.map((h) => readItems(text, h, opts));
  const placeholderEnds = holes.map((h) => h.node!.range![2]);
  for (const { doc } of docs) mapRanges(doc, (p, start) => originalOffset(p, start, holes));
  for (let i = 0; i < holes.length; i++) {
    const h = holes[i];
    const node = h.node!;
    const { nodes, values: itemValues } = values[i];
    node.items = opts.keepNodes ? nodes : [];
    // The sequence's own value ends with its last item's; its node, over the comments after it, as the placeholder's did.
    node.range = [node.range![0], h.valueEnd, placeholderEnds[i] > h.end ? node.range![2] : h.nodeEnd];
    (node as { toJSON?: unknown }).toJSON = (_: unknown, ctx?: { onCreate?: (v: unknown) => void }) => {
      ctx?.onCreate?.(itemValues);
      return itemValues;
    };
  }
  const out = docs.map(({ doc }) => ({ doc, value: doc.contents === null ? null : doc.toJS() }));
  for (const h of holes) delete (h.node as { toJSON?: unknown }).toJSON;
  return out;
}

/** The text with each sequence replaced by a one-item placeholder at its column. */
function skeletonOf(text: string, sequences: BlockSequenceSplit[]): { skeleton: string; holes: Hole[] } {
  const parts: string[] = [];
  const holes: Hole[] = [];
  let last = 0;
  let moved = 0;
  for (const seq of sequences) {
    parts.push(text.slice(last, seq.start));
    const placeholder = `${' '.repeat(seq.column)}- 0${text[seq.end - 1] === '\n' ? '\n' : ''}`;
    parts.push(placeholder);
    const at = seq.start - moved;
    moved += seq.end - seq.start - placeholder.length;
    holes.push({ seq, at, dash: at + seq.column, end: at + placeholder.length, shift: moved, valueEnd: seq.end, nodeEnd: seq.end });
    last = seq.end;
  }
  parts.push(text.slice(last));
  return { skeleton: parts.join(''), holes };
}

/** Each hole's placeholder node: a plain block sequence at the hole, of the one item `0`, not merged (`<<`). */
function findPlaceholders(docs: SplitDocument[], holes: Hole[]): void {
  const byDash = new Map(holes.map((h) => [h.dash, h]));
  for (const { doc } of docs) {
    visit(doc, {
      // A collection as a key is written into a string key with what it holds: not by pieces.
      Pair(_key, pair) {
        if (isMap(pair.key) || isSeq(pair.key)) throw new NotSplit();
      },
      Seq(_key, node, path) {
        const h = node.range ? byDash.get(node.range[0]) : undefined;
        if (!h) return;
        const item = node.items[0];
        const parent = path[path.length - 1] as { key?: unknown } | undefined;
        const merged = parent && isScalar(parent.key) && (parent.key.source === '<<' || parent.key.value === '<<');
        if (Object.getPrototypeOf(node) !== YAMLSeq.prototype || node.flow || node.tag || node.anchor || merged) throw new NotSplit();
        if (node.items.length !== 1 || !isScalar(item) || item.source !== '0' || item.range?.[0] !== h.dash + 2) throw new NotSplit();
        h.node = node;
      },
    });
  }
  if (holes.some((h) => !h.node)) throw new NotSplit();
}

/** Items are parsed in batches of about this many characters (a parse has a fixed cost: one per item made 50,000 small items take a second more). */
const BATCH_CHARS = 32 * 1024;

/** A hole's items, parsed a batch at a time (a large item alone, by pieces again), with ranges in `text`. */
function readItems(text: string, h: Hole, opts: SplitOptions): { nodes: YamlNode[]; values: unknown[]; range: [number, number, number] } {
  const nodes: YamlNode[] = [];
  const values: unknown[] = [];
  const starts = h.seq.items;
  let range: [number, number, number] | undefined;
  for (let i = 0; i < starts.length; ) {
    const from = starts[i];
    let n = 1;
    while (i + n < starts.length && (starts[i + n + 1] ?? h.seq.end) - from <= BATCH_CHARS) n++;
    const to = starts[i + n] ?? h.seq.tail;
    const chunk = text.slice(from, to);
    const docs = n === 1 && chunk.length >= SPLIT_SIZES.textFrom ? composeText(chunk, opts, false)! : parsePlain(chunk, opts);
    const seq = docs.length === 1 ? docs[0].doc.contents : undefined;
    const value = docs.length === 1 ? docs[0].value : undefined;
    if (!isSeq(seq) || Object.getPrototypeOf(seq) !== YAMLSeq.prototype || seq.flow || seq.tag || seq.items.length !== n || seq.range?.[0] !== h.seq.column) throw new NotSplit();
    if (!Array.isArray(value) || value.length !== n) throw new NotSplit();
    if (opts.keepNodes) {
      mapRanges(seq, (p) => p + from);
      for (const node of seq.items) nodes.push(node as YamlNode);
    } else if (i + n === starts.length) seq.range = [seq.range[0] + from, seq.range[1] + from, seq.range[2] + from];
    for (const v of value) values.push(v);
    if (i + n === starts.length) {
      range = [h.seq.start + h.seq.column, seq.range[1], seq.range[2]];
    }
    i += n;
  }
  h.valueEnd = range![1];
  h.nodeEnd = range![2];
  return { nodes, values, range: range! };
}

/**
 * A skeleton offset in the text: unchanged before the first hole, moved past each hole after it.
 * Where a placeholder ends, a node that starts there starts after the sequence, and one that ends
 * there ends where the sequence's node ends; inside it, a node ends where the sequence's value does.
 */
function originalOffset(p: number, start: boolean, holes: Hole[]): number {
  let moved = 0;
  for (const h of holes) {
    if (p <= h.dash) return p + moved;
    if (p < h.end) return h.valueEnd;
    if (p === h.end && !start) return h.nodeEnd;
    moved = h.shift;
  }
  return p + moved;
}

function mapRanges(root: ParsedDoc | YamlNode, map: (p: number, start: boolean) => number): void {
  const move = (n: { range?: [number, number, number] | null }) => {
    if (n.range) n.range = [map(n.range[0], true), map(n.range[1], false), map(n.range[2], false)];
  };
  visit(root as never, (_key, node) => {
    if (node && typeof node === 'object' && 'range' in node && !isAlias(node)) move(node as YamlNode);
  });
  if ('contents' in root) move(root as unknown as { range?: [number, number, number] });
}

/**
 * Every string of a value made flat: the `yaml` package builds quoted scalars by concatenation,
 * which V8 keeps as a tree of the pieces (many times the string's size) until a character is read.
 */
function flatStrings(v: unknown): unknown {
  const stack: unknown[] = [v];
  while (stack.length > 0) {
    const x = stack.pop();
    if (Array.isArray(x)) {
      for (let i = 0; i < x.length; i++) {
        const e = x[i];
        if (typeof e === 'string') e.charCodeAt(0);
        else if (e !== null && typeof e === 'object') stack.push(e);
      }
    } else if (x !== null && typeof x === 'object' && Object.getPrototypeOf(x) === Object.prototype) {
      for (const k in x) {
        const e = (x as Record<string, unknown>)[k];
        if (typeof e === 'string') e.charCodeAt(0);
        else if (e !== null && typeof e === 'object') stack.push(e);
      }
    }
  }
  if (typeof v === 'string') v.charCodeAt(0);
  return v;
}

// Splits a one-document YAML text whose top level is a block map into the text before a key's
// block sequence, the text of each of the sequence's items, and the text after it, by lines
// alone, so that each part can be parsed on its own: the `yaml` package then never holds the
// nodes of the whole document (about 70 times the text at its peak), only those of one item.
//
// It finds, it does not judge: anything that is not the plain layout (document markers or
// directives, a byte order mark, the key given twice, a flow sequence, a first item line that is
// not a `-` at some column, a line inside the sequence less indented than its `-`) gives
// undefined, and the caller reads the text whole. What the parts are is judged by parsing them:
// the caller must fall back to the whole text when a part does not parse as expected (an item's
// text as a sequence of exactly one item), which is what a wrong split (a multi-line quoted or
// flow scalar running on at the `-` column, which YAML does not allow anyway) would give.

/** A part of the text: [start, end) offsets, and the 1-based line `start` is on. */
export interface TextPart {
  start: number;
  end: number;
  line: number;
}

export interface SplitSequence {
  /** Everything before the key's line (top-level keys). */
  before: TextPart;
  /** The key's line (`items:`, maybe a comment after it). */
  keyLine: TextPart;
  /** Each item: from the start of its `-` line to the start of the next item's (comment and blank lines between go with the item before). */
  items: TextPart[];
  /** The column of the items' `-`. */
  dashColumn: number;
  /** Everything after the sequence (top-level keys). */
  after: TextPart;
}

const MARKERS = /^(?:---|\.\.\.)(?:[ \t\r]|$)|^%/m;

/** The column of the first character that is not a space; the line's length if none. */
function indentOf(text: string, start: number, end: number): number {
  let i = start;
  while (i < end && text.charCodeAt(i) === 0x20) i++;
  return i - start;
}

/** A line with nothing but spaces (or a CR), or only a comment after spaces. */
function blankOrComment(text: string, start: number, end: number, indent: number): boolean {
  const i = start + indent;
  if (i >= end) return true;
  const c = text.charCodeAt(i);
  return c === 0x23 /* # */ || (c === 0x0d && i === end - 1);
}

/** Whether the line holds a `-` at `column` followed by a space, a tab or the line's end. */
function dashAt(text: string, start: number, end: number, column: number): boolean {
  const i = start + column;
  if (text.charCodeAt(i) !== 0x2d /* - */) return false;
  if (i + 1 >= end) return true;
  const next = text.charCodeAt(i + 1);
  return next === 0x20 || next === 0x09 || (next === 0x0d && i + 2 === end);
}

/**
 * The parts of `text` around the block sequence under the top-level key `key` (e.g. `items`), or
 * undefined when the text is not laid out plainly (see the header).
 */
export function splitTopLevelSequence(text: string, key: string): SplitSequence | undefined {
  if (text.charCodeAt(0) === 0xfeff || MARKERS.test(text)) return undefined;
  const keyLine = new RegExp(`^${key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:[ \\t]*(?:#.*)?\\r?$`);
  let keyStart = -1;
  let keyEnd = -1;
  let keyLineNo = 0;
  // Find the key's line among the top-level lines (column 0, not a comment).
  let line = 1;
  for (let start = 0; start < text.length; line++) {
    const nl = text.indexOf('\n', start);
    const end = nl === -1 ? text.length : nl;
    const c = text.charCodeAt(start);
    if (start < end && c !== 0x20 && c !== 0x23 && c !== 0x0d) {
      if (c === 0x09 || c === 0x2d /* - */ || c === 0x3f /* ? */ || c === 0x7b /* { */ || c === 0x5b /* [ */) return undefined;
      if (keyLine.test(text.slice(start, end))) {
        if (keyStart !== -1) return undefined;
        keyStart = start;
        keyEnd = nl === -1 ? text.length : nl + 1;
        keyLineNo = line;
        break;
      }
    }
    if (nl === -1) break;
    start = nl + 1;
  }
  if (keyStart === -1) return undefined;
  // The items, line by line, until a line less indented than their `-` (or at its column and not a `-`).
  const items: TextPart[] = [];
  let dashColumn = -1;
  let start = keyEnd;
  line = keyLineNo + 1;
  for (; start < text.length; line++) {
    const nl = text.indexOf('\n', start);
    const end = nl === -1 ? text.length : nl;
    const indent = indentOf(text, start, end);
    if (!blankOrComment(text, start, end, indent)) {
      if (text.charCodeAt(start + indent) === 0x09) return undefined;
      if (dashColumn === -1) {
        if (!dashAt(text, start, end, indent)) return undefined;
        dashColumn = indent;
      }
      if (indent < dashColumn) {
        if (indent !== 0) return undefined;
        break;
      }
      if (indent === dashColumn) {
        if (!dashAt(text, start, end, indent)) {
          if (indent !== 0) return undefined;
          break;
        }
        if (items.length > 0) items[items.length - 1].end = start;
        items.push({ start, end: -1, line });
      }
    }
    if (nl === -1) {
      start = text.length;
      break;
    }
    start = nl + 1;
  }
  if (items.length === 0) return undefined;
  items[items.length - 1].end = start;
  const after = { start, end: text.length, line };
  // The key may not come again after the sequence.
  for (let s = after.start; s < text.length; ) {
    const nl = text.indexOf('\n', s);
    const end = nl === -1 ? text.length : nl;
    if (keyLine.test(text.slice(s, end))) return undefined;
    if (nl === -1) break;
    s = nl + 1;
  }
  return { before: { start: 0, end: keyStart, line: 1 }, keyLine: { start: keyStart, end: keyEnd, line: keyLineNo }, items, dashColumn, after };
}

// Cuts the text of a block sequence into one chunk per item, by lines, without parsing: so that a
// large sequence (a `plugins:` list, a 50,000-entry `env:`, a ResourceList's `items:`) can be read
// item by item instead of as one document whose nodes the `yaml` package holds all at once.
//
// Only the layout is read here: an item starts on a line whose first non-space character, at the
// sequence's column, is a `-` followed by a space or the line's end; the sequence ends at the first
// line that is less indented, or at that column and not an item (a key, `---`, `...`, `%`); lines
// of only blanks or a comment that are not more indented than the sequence belong to the item
// before them, and after the last item to what follows the sequence. Anything unusual in the
// layout is `undefined` (the caller parses the whole text): a tab or a carriage return in a
// line's indentation, an item indicator followed by a tab, an explicit key (`? `). Whether the chunks read as the whole
// would (a quoted or flow scalar cut between two items, a sequence inside a block scalar, aliases
// between items, directives) is for the caller to check on the parsed chunks: a cut in the wrong
// place leaves a chunk that does not parse, or a placeholder that does not read as a sequence.

export interface BlockSequenceSplit {
  /** The column of the items' `-`. */
  column: number;
  /** Offset of the first item's line start. */
  start: number;
  /** Offset just after the last item's last line (its newline included when it has one). */
  end: number;
  /** Offset of the first line after the sequence that is not blank or a comment (or the text's end). */
  tail: number;
  /**
   * The line start of each item: item i is text.slice(items[i], items[i + 1] ?? end). Parsed on its
   * own, the last item is text.slice(items[last], tail): the comments after the sequence move the
   * ends of its nodes in the `yaml` package's ranges as they do in the whole text.
   */
  items: number[];
}

const enum Line {
  Blank,
  Comment,
  Content,
  Unusual,
}

interface LineInfo {
  kind: Line;
  /** Offset of the first non-space character (the line's end for a blank line). */
  first: number;
  /** Offset after the line (after its newline, if any). */
  next: number;
}

function lineAt(text: string, pos: number, end: number): LineInfo {
  const nl = text.indexOf('\n', pos);
  const next = nl === -1 || nl >= end ? end : nl + 1;
  let i = pos;
  while (i < next && text.charCodeAt(i) === 32) i++;
  const c = text[i];
  if (c === '\t' || c === '\r') return { kind: Line.Unusual, first: i, next };
  if (i === next || c === '\n') return { kind: Line.Blank, first: i, next };
  if (c === '#') return { kind: Line.Comment, first: i, next };
  // An explicit key or value (`? k`, `: v`, also after `- `): the parser's ranges then run over
  // what follows the sequence. Rare in manifests: the whole text is read.
  let j = i;
  while (text[j] === '-' && text[j + 1] === ' ') {
    j += 2;
    while (text[j] === ' ') j++;
  }
  if ((text[j] === '?' || text[j] === ':') && (j + 1 >= next || text[j + 1] === ' ' || text[j + 1] === '\n' || text[j + 1] === '\t')) return { kind: Line.Unusual, first: i, next };
  return { kind: Line.Content, first: i, next };
}

/** `-` at `i` is an item indicator: followed by a space, a newline or the end; undefined for a tab or a carriage return after it. */
function itemIndicatorAt(text: string, i: number, end: number): boolean | undefined {
  if (text[i] !== '-') return false;
  if (i + 1 >= end) return true;
  const after = text[i + 1];
  if (after === ' ' || after === '\n') return true;
  if (after === '\t' || after === '\r') return undefined;
  return false;
}

/**
 * The block sequence whose first item's line starts at `start` (a line holding `-` after its
 * indentation), cut into items; undefined where the layout is unusual (see the top of this file).
 * `end` bounds the text looked at.
 */
export function splitBlockSequence(text: string, start: number, end = text.length): BlockSequenceSplit | undefined {
  const first = lineAt(text, start, end);
  if (first.kind !== Line.Content || itemIndicatorAt(text, first.first, end) !== true) return undefined;
  const column = first.first - start;
  const items = [start];
  let contentEnd = first.next;
  let pos = first.next;
  while (pos < end) {
    const line = lineAt(text, pos, end);
    if (line.kind === Line.Unusual) return undefined;
    const indent = line.first - pos;
    if (line.kind === Line.Blank || (line.kind === Line.Comment && indent <= column)) {
      pos = line.next;
      continue;
    }
    if (indent > column) {
      // More indented: the item's own content, whatever it is (a comment, a block scalar's line).
      contentEnd = pos = line.next;
      continue;
    }
    if (indent < column) break;
    const item = itemIndicatorAt(text, line.first, end);
    if (item === undefined) return undefined;
    if (!item) break;
    items.push(pos);
    contentEnd = pos = line.next;
  }
  return { column, start, end: contentEnd, tail: Math.min(pos, end), items };
}

/** A line that ends with a key and `:` (a block map's key whose value starts on the next line), optionally after `- ` indicators and before a comment: the key's column, or undefined. */
function keyColumnOf(text: string, line: LineInfo, lineStart: number): number | undefined {
  let i = line.first;
  while (text[i] === '-' && text[i + 1] === ' ') {
    i += 2;
    while (text[i] === ' ') i++;
  }
  let stop = line.next;
  while (stop > i && (text[stop - 1] === '\n' || text[stop - 1] === ' ')) stop--;
  const body = text.slice(i, stop);
  if (body === '' || body[0] === '#' || body[0] === '-') return undefined;
  // `key:` or `key:  # comment` (a ` #` starts a comment outside quotes; a key holding one is rare and only costs the split).
  const hash = body.indexOf(' #');
  const head = (hash === -1 ? body : body.slice(0, hash)).trimEnd();
  return head.endsWith(':') && head.length > 1 ? i - lineStart : undefined;
}

/** A line that ends with a block scalar header (`key: |`, `- >-`, `key: |2 # x`): the column its content must be deeper than, or undefined. */
function blockScalarColumnOf(text: string, line: LineInfo, lineStart: number): number | undefined {
  let i = line.first;
  let dash = -1;
  while (text[i] === '-' && text[i + 1] === ' ') {
    dash = i;
    i += 2;
    while (text[i] === ' ') i++;
  }
  const body = text.slice(i, line.next).replace(/\s+$/, '');
  if (!/(?:^|[ ])[|>][0-9+-]*(?:[ ]+#.*)?$/.test(body)) return undefined;
  if (/^[|>]/.test(body)) return dash === -1 ? undefined : dash - lineStart;
  return /:[ ]+[|>][0-9+-]*(?:[ ]+#.*)?$/.test(body) ? i - lineStart : undefined;
}

/**
 * The block sequences in `text` that are the value of a block map's key (`key:` on the line
 * before, at or left of the items' column) or a document's root, with at least `minItems` items
 * and `minBytes` of text, outermost first, in order: the sequences nested in one of them are not
 * listed (split its items to find them). Lines of block scalars (after a `key: |` header, deeper
 * than the key) are skipped. A candidate may still be something else (lines inside a multi-line
 * quoted scalar): the caller checks what the chunks parse to.
 */
export function findBlockSequences(text: string, opts: { minItems?: number; minBytes?: number } = {}): BlockSequenceSplit[] {
  const minItems = opts.minItems ?? 2;
  const minBytes = opts.minBytes ?? 0;
  const out: BlockSequenceSplit[] = [];
  let keyColumn: number | undefined = 0; // the document's start holds a root sequence
  let scalarColumn = -1;
  let pos = 0;
  while (pos < text.length) {
    const line = lineAt(text, pos, text.length);
    const indent = line.first - pos;
    if (line.kind === Line.Blank || line.kind === Line.Unusual) {
      pos = line.next;
      continue;
    }
    if (scalarColumn >= 0 && indent > scalarColumn) {
      pos = line.next;
      continue;
    }
    scalarColumn = -1;
    if (line.kind === Line.Comment) {
      pos = line.next;
      continue;
    }
    if (keyColumn !== undefined && indent >= keyColumn && itemIndicatorAt(text, line.first, text.length) === true) {
      const split = splitBlockSequence(text, pos);
      if (split && split.items.length >= minItems && split.end - split.start >= minBytes) {
        out.push(split);
        pos = split.end;
        keyColumn = undefined;
        continue;
      }
    }
    const body = text.slice(line.first, Math.min(line.first + 4, line.next)).replace(/\s+$/, '');
    keyColumn = body === '---' ? 0 : keyColumnOf(text, line, pos);
    scalarColumn = blockScalarColumnOf(text, line, pos) ?? -1;
    pos = line.next;
  }
  return out;
}

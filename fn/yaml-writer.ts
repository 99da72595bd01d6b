// A fast writer for plain data (objects, arrays, strings, numbers, booleans, null) that emits
// exactly the bytes `stringifyYaml` (fn/yaml.ts: the `yaml` package, YAML 1.1, lineWidth 0, no
// anchors, indentSeq) emits, without building a node tree.
//
// It is a transcription of the `yaml` package's stringifier (stringify.js, stringifyPair.js,
// stringifyCollection.js, stringifyString.js, stringifyNumber.js and the YAML 1.1 tags) for
// those settings; the tests compare it byte for byte with `stringifyYaml` on every fixture output
// and on generated values, and read its output back with the `yaml` parser (1.1 and 1.2) and
// kubectl. Anything outside plain data (Dates, Maps, class instances, functions, keys longer than
// 1024 characters, a scalar document) returns undefined: the caller then uses the `yaml` package.
//
// Quoting, as the `yaml` package does it with our settings:
// - plain unless the string would read back as something else in YAML 1.1: null (~, null, empty),
//   booleans (y/n/yes/no/on/off/true/false in three casings), ints (0b, octal 0644, decimal,
//   0x, sexagesimal 1:20), floats (1.5, .5, 1e3, .inf, .nan), timestamps (2001-12-14...);
//   and also (fn/yaml.ts adds them to the `yaml` package as a `compat` tag) what YAML 1.2 or Go's
//   readers (go-yaml v2 in kubectl, v3 in kyaml) read as something else: `0o14`, `0O14`, `0X1F`,
//   `0B1`, `1_0`-style digits with underscores anywhere, `1e_3`, Go timestamps, `<<` and `=`;
// - or if it starts with an indicator (`-`/`?` followed by a space, `[ ] { } , # & * ! | > ' " % @ \``),
//   contains `: `, ` #` or a tab/space next to a newline, or ends with a space or `:`;
// - single quotes when the string has `"` and no `'`, otherwise double quotes (JSON escapes, then
//   YAML's `\0 \a \v \e \N \_ \L \P \xNN`); control characters force double quotes;
// - multi-line strings as literal blocks `|` (one final newline), `|-` (none), `|+` (several),
//   with an indentation indicator when the first line starts with a space; a last line of only
//   spaces or tabs makes it quoted instead.
//
// Then one correction for every reader (forAllReaders, the `yaml` package's str tag calls it on
// its own output too, fn/yaml.ts): strings with DEL, C1 controls, U+2028/2029 or U+FEFF, strings a
// literal block cannot hold (only blanks and newlines; a first line starting with a tab, which Go's
// readers refuse), and folded double-quoted strings with a line of one space (the `yaml` package
// escapes that space twice) are written on one line, double-quoted, with every such character
// escaped (escapedDoubleQuoted).

const CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u{D800}-\u{DFFF}]/u;
const NOT_PLAIN = /^[\n\t ,[\]{}#&*!|>'"%@`]|^[?-]$|^[?-][ \t]|[\n:][ \t]|[ \t]\n|[\n\t ]#|[\n\t :]$/;
const DOCUMENT_MARKER = /^(%|---|\.\.\.)/m;
const SPACE_AROUND_NEWLINE = /[ \t]\n|\n[ \t]/;
const TRAILING_BLANK_LINE = /\n[\t ]+$/;
// The `test` of every default YAML 1.1 tag of the `yaml` package other than str (and merge, `<<`:
// fn/yaml.ts drops that tag from the writing schema, so `<<` is quoted like the rest): a plain
// scalar matching one of these would not read back as a string.
const RESOLVES_TO_NON_STRING: RegExp[] = [
  /^(?:~|[Nn]ull|NULL)?$/,
  /^(?:Y|y|[Yy]es|YES|[Tt]rue|TRUE|[Oo]n|ON)$/,
  /^(?:N|n|[Nn]o|NO|[Ff]alse|FALSE|[Oo]ff|OFF)$/,
  /^[-+]?0b[0-1_]+$/,
  /^[-+]?0[0-7_]+$/,
  /^[-+]?[0-9][0-9_]*$/,
  /^[-+]?0x[0-9a-fA-F_]+$/,
  /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/,
  /^[-+]?(?:[0-9][0-9_]*)?(?:\.[0-9_]*)?[eE][-+]?[0-9]+$/,
  /^[-+]?(?:[0-9][0-9_]*)?\.[0-9_]*$/,
  /^<<$/,
  /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+$/,
  /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*$/,
  /^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})(?:(?:t|T|[ \t]+)([0-9]{1,2}):([0-9]{1,2}):([0-9]{1,2}(\.[0-9]+)?)(?:[ \t]*(Z|[-+][012]?[0-9](?::[0-9]{2})?))?)?$/,
];
// Every string one of those (or resolvedByOtherReaders) matches is empty or starts with one of these characters.
const MAY_RESOLVE_FIRST = /^(?:$|[-+.0-9~<=YyNnTtFfOoEe])/;

// What go-yaml v2/v3 (resolve.go) read as numbers, on the text without its underscores, when it
// starts with a sign or a digit: strconv.ParseInt/ParseUint with base 0 (0x, 0o, 0b in either case,
// leading-zero octal), yamlStyleFloat, and their own `0b`/`-0b`/`0o`/`-0o` (the digits may carry a
// sign there); and parseTimestamp's layouts, on the text itself. Also YAML 1.2's `0o14`.
const GO_INT = /^[-+]?(?:0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|[0-9]+)$/;
const GO_FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/;
const GO_BIN_OCT = /^-?0(?:b[-+]?[01]+|o[-+]?[0-7]+)$/;
const GO_TIMESTAMP =
  /^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt][0-9]{1,2}:[0-9]{1,2}:[0-9]{1,2}(?:[.,][0-9]+)?(?:Z|[-+][0-9]{2}:[0-9]{2})| [0-9]{1,2}:[0-9]{1,2}:[0-9]{1,2}(?:[.,][0-9]+)?)?$/;
// go-yaml's `.` case: strconv.ParseFloat on the text as it is.
const GO_DOT_FLOAT = /^\.[0-9]+(?:[eE][-+]?[0-9]+)?$/;

/**
 * A plain scalar that YAML 1.2 (core or JSON schema) or Go's YAML readers would not read back as
 * this string, although YAML 1.1's rules (the `yaml` package's tags) leave it plain; also `<<`
 * (a merge key) and `=` (YAML 1.1's value key). fn/yaml.ts gives it to the `yaml` package as a
 * `compat` tag, so both writers quote the same strings.
 */
export function resolvedByOtherReaders(s: string): boolean {
  const c = s.charCodeAt(0);
  if (c === 0x2e) return GO_DOT_FLOAT.test(s); // .
  if (c === 0x2b || c === 0x2d || (c >= 0x30 && c <= 0x39)) {
    const plain = s.includes('_') ? s.replace(/_/g, '') : s;
    return GO_INT.test(plain) || GO_FLOAT.test(plain) || GO_BIN_OCT.test(plain) || GO_TIMESTAMP.test(s);
  }
  return s === '<<' || s === '=';
}

// Characters written escaped, in a one-line double-quoted scalar: DEL and C1 (Go's readers refuse
// them raw), U+2028/2029 (line breaks to YAML 1.1 and Go), U+FEFF (a byte order mark).
const ESCAPE_FOR_ALL_READERS = /[\x7f-\x9f\u2028\u2029\ufeff]/;
const ONLY_BLANKS_AND_NEWLINES = /^[ \t\n]*$/;
const FIRST_LINE_STARTS_WITH_TAB = /^\n*\t/;
const C0_ESCAPES: Record<number, string> = { 0: '\\0', 7: '\\a', 8: '\\b', 9: '\\t', 10: '\\n', 11: '\\v', 12: '\\f', 13: '\\r', 27: '\\e' };

/** A one-line double-quoted scalar: `"` and `\\` escaped, and every character outside printable text. */
export function escapedDoubleQuoted(value: string): string {
  let out = '"';
  let start = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    let esc: string;
    if (c === 0x22) esc = '\\"';
    else if (c === 0x5c) esc = '\\\\';
    else if (c < 0x20) esc = C0_ESCAPES[c] ?? '\\x' + c.toString(16).padStart(2, '0');
    else if (c >= 0x7f && c <= 0x9f) esc = c === 0x85 ? '\\N' : '\\x' + c.toString(16);
    else if (c === 0x2028) esc = '\\L';
    else if (c === 0x2029) esc = '\\P';
    else if (c === 0xfeff) esc = '\\uFEFF';
    else if (c >= 0xd800 && c <= 0xdfff) {
      // A surrogate pair is written as it is; an unpaired one escaped, as JSON.stringify does.
      const next = value.charCodeAt(i + 1);
      if (c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
        i++;
        continue;
      }
      esc = '\\u' + c.toString(16);
    } else continue;
    out += value.slice(start, i) + esc;
    start = i + 1;
  }
  return out + value.slice(start) + '"';
}

/**
 * `out`, the scalar the `yaml` package's rules give for `value`, or the one-line double-quoted
 * form when `out` would not read back as `value` in every reader (see the header).
 */
export function forAllReaders(value: string, out: string): string {
  if (ESCAPE_FOR_ALL_READERS.test(value)) return escapedDoubleQuoted(value);
  const first = out.charCodeAt(0);
  if (first === 0x22 /* " */) {
    if (value.includes('\n \n') && out.includes('\n')) return escapedDoubleQuoted(value);
  } else if (first === 0x7c /* | */) {
    if (ONLY_BLANKS_AND_NEWLINES.test(value) || FIRST_LINE_STARTS_WITH_TAB.test(value)) return escapedDoubleQuoted(value);
  }
  return out;
}

const INDENT_STEP = '  ';
const MAX_IMPLICIT_KEY = 1024;
const DOUBLE_QUOTED_MIN_MULTILINE = 40;

/** Thrown inside the writer when a value is not plain data: the caller falls back to the `yaml` package. */
class NotPlainData extends Error {}
const NOT_PLAIN_DATA = new NotPlainData('not plain data');

function resolvesToNonString(s: string): boolean {
  if (!MAY_RESOLVE_FIRST.test(s)) return false;
  for (const re of RESOLVES_TO_NON_STRING) if (re.test(s)) return true;
  return resolvedByOtherReaders(s);
}

function doubleQuoted(value: string, indentIn: string, implicitKey: boolean): string {
  const json = JSON.stringify(value);
  const indent = indentIn || (DOCUMENT_MARKER.test(value) ? '  ' : '');
  let str = '';
  let start = 0;
  for (let i = 0, ch = json[i]; ch; ch = json[++i]) {
    if (ch === ' ' && json[i + 1] === '\\' && json[i + 2] === 'n') {
      // A space before a newline is escaped so that folding keeps it.
      str += json.slice(start, i) + '\\ ';
      i += 1;
      start = i;
      ch = '\\';
    }
    if (ch === '\\') {
      switch (json[i + 1]) {
        case 'u': {
          str += json.slice(start, i);
          const code = json.substr(i + 2, 4);
          switch (code) {
            case '0000':
              str += '\\0';
              break;
            case '0007':
              str += '\\a';
              break;
            case '000b':
              str += '\\v';
              break;
            case '001b':
              str += '\\e';
              break;
            case '0085':
              str += '\\N';
              break;
            case '00a0':
              str += '\\_';
              break;
            case '2028':
              str += '\\L';
              break;
            case '2029':
              str += '\\P';
              break;
            default:
              if (code.substr(0, 2) === '00') str += '\\x' + code.substr(2);
              else str += json.substr(i, 6);
          }
          i += 5;
          start = i + 1;
          break;
        }
        case 'n':
          if (implicitKey || json[i + 2] === '"' || json.length < DOUBLE_QUOTED_MIN_MULTILINE) {
            i += 1;
          } else {
            // A line break in a double-quoted scalar: the first newline is folded away.
            str += json.slice(start, i) + '\n\n';
            while (json[i + 2] === '\\' && json[i + 3] === 'n' && json[i + 4] !== '"') {
              str += '\n';
              i += 2;
            }
            str += indent;
            // A space after the newline is escaped so that folding keeps it.
            if (json[i + 2] === ' ') str += '\\';
            i += 1;
            start = i + 1;
          }
          break;
        default:
          i += 1;
      }
    }
  }
  return start ? str + json.slice(start) : json;
}

function singleQuoted(value: string, indentIn: string, implicitKey: boolean): string {
  if ((implicitKey && value.includes('\n')) || SPACE_AROUND_NEWLINE.test(value)) return doubleQuoted(value, indentIn, implicitKey);
  const indent = indentIn || (DOCUMENT_MARKER.test(value) ? '  ' : '');
  return "'" + value.replace(/'/g, "''").replace(/\n+/g, `$&\n${indent}`) + "'";
}

function quoted(value: string, indent: string, implicitKey: boolean): string {
  const hasDouble = value.includes('"');
  const hasSingle = value.includes("'");
  return hasDouble && !hasSingle ? singleQuoted(value, indent, implicitKey) : doubleQuoted(value, indent, implicitKey);
}

// Runs of newlines that are neither at the very start nor followed by another newline or the end.
const BLOCK_END_NEWLINES = /(^|(?<!\n))\n+(?!\n|$)/g;

function literalBlock(valueIn: string, indentIn: string, implicitKey: boolean): string {
  // A last line of only blanks cannot end a block scalar.
  if (TRAILING_BLANK_LINE.test(valueIn)) return quoted(valueIn, indentIn, implicitKey);
  let value = valueIn;
  const indent = indentIn || (DOCUMENT_MARKER.test(value) ? '  ' : '');
  if (!value) return '|\n';
  // Chomping from the whitespace at the end.
  let chomp: string;
  let endStart: number;
  for (endStart = value.length; endStart > 0; --endStart) {
    const ch = value[endStart - 1];
    if (ch !== '\n' && ch !== '\t' && ch !== ' ') break;
  }
  let end = value.substring(endStart);
  const endNlPos = end.indexOf('\n');
  if (endNlPos === -1) chomp = '-';
  else if (value === end || endNlPos !== end.length - 1) chomp = '+';
  else chomp = '';
  if (end) {
    value = value.slice(0, -end.length);
    if (end[end.length - 1] === '\n') end = end.slice(0, -1);
    end = end.replace(BLOCK_END_NEWLINES, `$&${indent}`);
  }
  // Indentation indicator from the whitespace at the start.
  let startWithSpace = false;
  let startEnd: number;
  let startNlPos = -1;
  for (startEnd = 0; startEnd < value.length; ++startEnd) {
    const ch = value[startEnd];
    if (ch === ' ') startWithSpace = true;
    else if (ch === '\n') startNlPos = startEnd;
    else break;
  }
  let start = value.substring(0, startNlPos < startEnd ? startNlPos + 1 : startEnd);
  if (start) {
    value = value.substring(start.length);
    start = start.replace(/\n+/g, `$&${indent}`);
  }
  const indentSize = indent ? '2' : '1';
  const header = (startWithSpace ? indentSize : '') + chomp;
  value = value.replace(/\n+/g, `$&${indent}`);
  return `|${header}\n${indent}${start}${value}${end}`;
}

/** A string scalar as the `yaml` package writes it (plain, quoted or a literal block), corrected for every reader. */
function stringScalar(value: string, indent: string, implicitKey: boolean): string {
  return forAllReaders(value, packageStringScalar(value, indent, implicitKey));
}

/** A string scalar as the `yaml` package's stringifyString writes it, with fn/yaml.ts's `compat` tag. */
function packageStringScalar(value: string, indent: string, implicitKey: boolean): string {
  if (CONTROL.test(value)) return doubleQuoted(value, indent, implicitKey);
  const multiline = value.includes('\n');
  if (implicitKey && multiline) return quoted(value, indent, implicitKey);
  if (NOT_PLAIN.test(value)) {
    return implicitKey || !multiline ? quoted(value, indent, implicitKey) : literalBlock(value, indent, implicitKey);
  }
  if (multiline) return literalBlock(value, indent, implicitKey);
  if (implicitKey && indent === INDENT_STEP && DOCUMENT_MARKER.test(value)) return quoted(value, indent, implicitKey);
  if (resolvesToNonString(value)) return quoted(value, indent, implicitKey);
  return value;
}

function numberScalar(value: number): string {
  if (!isFinite(value)) return isNaN(value) ? '.nan' : value < 0 ? '-.inf' : '.inf';
  return Object.is(value, -0) ? '-0' : JSON.stringify(value);
}

function isPlainObject(v: object): boolean {
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/** A scalar, or throws NOT_PLAIN_DATA. */
function scalar(v: unknown, indent: string): string {
  switch (typeof v) {
    case 'string':
      return stringScalar(v, indent, false);
    case 'number':
      return numberScalar(v);
    case 'boolean':
      return v ? 'true' : 'false';
    case 'undefined':
      return 'null';
    case 'bigint':
      return String(v);
    case 'object':
      if (v === null) return 'null';
  }
  throw NOT_PLAIN_DATA;
}

/** A block sequence whose context indent is `indent` (non-empty array); the first line is not indented. */
function blockSeq(arr: unknown[], indent: string): string {
  const itemIndent = indent + INDENT_STEP;
  let out = '';
  for (let i = 0; i < arr.length; i++) {
    const v = arr[i];
    let s: string;
    if (v !== null && typeof v === 'object') {
      if (Array.isArray(v)) s = v.length === 0 ? '[]' : blockSeq(v, itemIndent);
      else if (isPlainObject(v)) s = blockMap(v as Record<string, unknown>, itemIndent) || '{}';
      else throw NOT_PLAIN_DATA;
    } else s = scalar(v, itemIndent);
    out += i === 0 ? `- ${s}` : `\n${indent}- ${s}`;
  }
  return out;
}

/** A block mapping whose context indent is `indent`; '' when it has no entries. */
function blockMap(obj: Record<string, unknown>, indent: string): string {
  const pairIndent = indent + INDENT_STEP;
  let out = '';
  let first = true;
  for (const key of Object.keys(obj)) {
    const v = obj[key];
    if (v === undefined) continue;
    const k = stringScalar(key, pairIndent, true);
    if (k.length > MAX_IMPLICIT_KEY) throw NOT_PLAIN_DATA; // an explicit `? key`
    let entry: string;
    if (v !== null && typeof v === 'object') {
      if (Array.isArray(v)) entry = v.length === 0 ? `${k}: []` : `${k}:\n${pairIndent}${blockSeq(v, pairIndent)}`;
      else if (isPlainObject(v)) {
        const m = blockMap(v as Record<string, unknown>, pairIndent);
        entry = m === '' ? `${k}: {}` : `${k}:\n${pairIndent}${m}`;
      } else throw NOT_PLAIN_DATA;
    } else entry = `${k}: ${scalar(v, pairIndent)}`;
    out += first ? entry : `\n${indent}${entry}`;
    first = false;
  }
  return out;
}

/**
 * One item of a block sequence whose context indent is `indent` (`- ...`, no final newline), as
 * blockSeq writes it inside a document; undefined for what is not plain data. Lets a long list be
 * written item by item (fn/kio/resourcelist.ts) instead of as one string.
 */
export function writeSequenceItem(value: unknown, indent: string): string | undefined {
  try {
    return blockSeq([value], indent);
  } catch {
    return undefined;
  }
}

/**
 * One YAML document for a plain-data object or array, byte for byte what `stringifyYaml` writes;
 * undefined for anything else (the caller then uses the `yaml` package, which also reports errors
 * such as circular structures in its own words).
 */
export function writeYamlDocument(value: unknown): string | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  try {
    if (Array.isArray(value)) return `${value.length === 0 ? '[]' : blockSeq(value, '')}\n`;
    if (!isPlainObject(value)) return undefined;
    return `${blockMap(value as Record<string, unknown>, '') || '{}'}\n`;
  } catch {
    // Not plain data, or too deep for the stack: the `yaml` package decides.
    return undefined;
  }
}

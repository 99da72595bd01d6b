// The text gopkg.in/yaml.v2 v2.4.0 (the operator's YAML library for dynamic-plugins.yaml on 1.9.8,
// release-1.10 and main c0cb1c9; go.mod) writes and the values it reads, ported from its
// resolve.go, sorter.go, encode.go and emitterc.go at tag v2.4.0: what yaml.Marshal makes of the
// merged DynaPluginsConfig (MergePluginsData, pkg/model/dynamic-plugins.go).
// - Reading (decodeGoV2): a plain scalar resolves as yaml.v2 resolves it for an interface{}
//   (`yes` is true, `0x10` 16, `1.0` the float 1, `1_000` 1000, a timestamp stays its text); a
//   quoted or block scalar is a string; aliases are expanded, `<<` merges as decode.go does.
// - Writing (marshalGoV2): maps with keys sorted by keyList.Less, struct fields in struct order
//   (GoStruct), block sequences not indented under their key, strings that would read back as
//   something else double-quoted, multi-line strings as `|` literals, plain / quoted strings folded
//   at spaces past column 80 (v2.4.0 kept the 80-column default: FutureLineWrap is opt-in), floats
//   as strconv.FormatFloat(f, 'g', -1, 64), empty maps / lists as `{}` / `[]`.
import { isAlias, isMap, isScalar, isSeq, parseDocument } from 'yaml';
import type { Document, Node as YamlNode } from 'yaml';

/** Go values as yaml.v2 decodes into interface{} (int: Go int / int64; uint: uint64). */
export type GoValue = null | boolean | string | GoInt | GoUint | GoFloat | GoMap | GoStruct | GoValue[];
export interface GoInt {
  readonly go: 'int';
  readonly v: bigint;
}
export interface GoUint {
  readonly go: 'uint';
  readonly v: bigint;
}
export interface GoFloat {
  readonly go: 'float';
  readonly v: number;
}
/** A Go map: written with its keys sorted (keyList.Less). */
export interface GoMap {
  readonly go: 'map';
  readonly entries: Array<[GoValue, GoValue]>;
}
/** A Go struct: fields written in this order (omitempty is the caller's business). */
export interface GoStruct {
  readonly go: 'struct';
  readonly fields: Array<[string, GoValue]>;
}

export const goInt = (v: bigint): GoInt => ({ go: 'int', v });
export const goFloat = (v: number): GoFloat => ({ go: 'float', v });
export const goMap = (entries: Array<[GoValue, GoValue]>): GoMap => ({ go: 'map', entries });
export const goStruct = (fields: Array<[string, GoValue]>): GoStruct => ({ go: 'struct', fields });

// ---------------------------------------------------------------------------------------------
// resolve.go

const INT64_MIN = -(1n << 63n);
const INT64_MAX = (1n << 63n) - 1n;
const UINT64_MAX = (1n << 64n) - 1n;

const RESOLVE_MAP = new Map<string, GoValue | 'merge'>();
for (const [v, l] of [
  [true, ['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON']],
  [false, ['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF']],
  [null, ['', '~', 'null', 'Null', 'NULL']],
  [goFloat(NaN), ['.nan', '.NaN', '.NAN']],
  [goFloat(Infinity), ['.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF']],
  [goFloat(-Infinity), ['-.inf', '-.Inf', '-.INF']],
  ['merge', ['<<']],
] as Array<[GoValue | 'merge', string[]]>) {
  for (const s of l) RESOLVE_MAP.set(s, v);
}

function hintOf(s: string): string {
  if (s === '') return 'N';
  const c = s[0];
  if (c === '+' || c === '-') return 'S';
  if (c >= '0' && c <= '9') return 'D';
  if ('yYnNtTfFoO~'.includes(c)) return 'M';
  if (c === '.') return '.';
  return '';
}

/** strconv.ParseInt / ParseUint with base 0 (no underscores: the caller removed them). */
function parseGoInteger(s: string, signed: boolean): bigint | undefined {
  let i = 0;
  let neg = false;
  if (signed && (s[0] === '+' || s[0] === '-')) {
    neg = s[0] === '-';
    i = 1;
  }
  let body = s.slice(i);
  let base = 10;
  if (/^0[xX]/.test(body)) [base, body] = [16, body.slice(2)];
  else if (/^0[oO]/.test(body)) [base, body] = [8, body.slice(2)];
  else if (/^0[bB]/.test(body)) [base, body] = [2, body.slice(2)];
  else if (body.length > 1 && body[0] === '0') [base, body] = [8, body.slice(1)];
  const digits = { 2: /^[01]+$/, 8: /^[0-7]+$/, 10: /^[0-9]+$/, 16: /^[0-9a-fA-F]+$/ }[base as 2 | 8 | 10 | 16];
  if (!digits.test(body)) return undefined;
  let n = 0n;
  const b = BigInt(base);
  for (const ch of body) n = n * b + BigInt(parseInt(ch, 16));
  if (neg) n = -n;
  if (signed ? n < INT64_MIN || n > INT64_MAX : n > UINT64_MAX) return undefined;
  return n;
}

/** strconv.ParseFloat(s, 64) for the decimal forms yaml.v2 hands it (and Go's inf / nan words). */
function parseGoFloat(s: string): number | undefined {
  if (/^[-+]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?$/.test(s)) return Number(s);
  const m = /^([-+]?)(inf|infinity|nan)$/i.exec(s);
  if (m) return m[2].toLowerCase() === 'nan' ? NaN : m[1] === '-' ? -Infinity : Infinity;
  return undefined;
}

const YAML_STYLE_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;

function daysIn(month: number, year: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** parseTimestamp: the four time.Parse layouts yaml.v2 tries. */
export function isGoV2Timestamp(s: string): boolean {
  const m =
    /^(\d{4})-(\d\d?)-(\d\d?)(?:(?:[Tt](\d\d?):(\d\d?):(\d\d?)(?:[.,]\d+)?(?:Z|[+-]\d\d:\d\d))|(?: (\d\d?):(\d\d?):(\d\d?)(?:[.,]\d+)?))?$/.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1 || d > daysIn(mo, y)) return false;
  const h = m[4] ?? m[7];
  if (h !== undefined) {
    const [hh, mm, ss] = m[4] !== undefined ? [m[4], m[5], m[6]] : [m[7], m[8], m[9]];
    if (Number(hh) > 23 || Number(mm) > 59 || Number(ss) > 59) return false;
  }
  return true;
}

type Resolved = { tag: 'str' | 'bool' | 'null' | 'int' | 'float' | 'timestamp' | 'merge'; value: GoValue };

/** resolve("", s): what a plain scalar `s` reads as. */
export function resolveGoV2(s: string): Resolved {
  const hint = hintOf(s);
  if (hint !== '') {
    if (RESOLVE_MAP.has(s)) {
      const v = RESOLVE_MAP.get(s)!;
      if (v === 'merge') return { tag: 'merge', value: '<<' };
      return { tag: v === null ? 'null' : typeof v === 'boolean' ? 'bool' : 'float', value: v };
    }
    if (hint === '.') {
      const f = parseGoFloat(s);
      if (f !== undefined) return { tag: 'float', value: goFloat(f) };
    } else if (hint === 'D' || hint === 'S') {
      if (isGoV2Timestamp(s)) return { tag: 'timestamp', value: s };
      const plain = s.replace(/_/g, '');
      const i = parseGoInteger(plain, true);
      if (i !== undefined) return { tag: 'int', value: goInt(i) };
      const u = parseGoInteger(plain, false);
      if (u !== undefined) return { tag: 'int', value: { go: 'uint', v: u } };
      if (YAML_STYLE_FLOAT.test(plain)) {
        const f = parseGoFloat(plain);
        if (f !== undefined) return { tag: 'float', value: goFloat(f) };
      }
      if (plain.startsWith('-0b')) {
        const n = parseGoInteger('-' + '0b' + plain.slice(3), true);
        if (n !== undefined) return { tag: 'int', value: goInt(n) };
      }
    }
  }
  return { tag: 'str', value: s };
}

const BASE60_FLOAT = /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/;

function isBase60Float(s: string): boolean {
  if (s === '') return false;
  const c = s[0];
  if (!(c === '+' || c === '-' || (c >= '0' && c <= '9')) || !s.includes(':')) return false;
  return BASE60_FLOAT.test(s);
}

// ---------------------------------------------------------------------------------------------
// decode.go, into interface{} (and map[string]interface{} for the outermost map when asked)

const YAML_TAG = 'tag:yaml.org,2002:';

function scalarValue(n: YamlNode): GoValue {
  const s = n as unknown as { value: unknown; type?: string; tag?: string };
  const text = String(s.value ?? '');
  // Made flat: the `yaml` package builds a quoted scalar by concatenation, a tree of its pieces
  // many times its size until a character is read (a 50 MB configuration's held 1.5 GB).
  text.charCodeAt(0);
  const tag = s.tag;
  if (tag === YAML_TAG + 'str' || tag === YAML_TAG + 'binary') return text;
  if (tag !== undefined && tag.startsWith(YAML_TAG)) {
    const r = resolveGoV2(text);
    return r.tag === 'timestamp' ? text : r.value;
  }
  if (tag !== undefined) return text; // a custom tag: yaml.v2 keeps the text
  if (s.type !== 'PLAIN') return text;
  const r = resolveGoV2(text);
  return r.tag === 'timestamp' || r.tag === 'merge' ? text : r.value;
}

function isMergeKey(n: unknown): boolean {
  if (!isScalar(n)) return false;
  return n.value === '<<' && (n.tag === YAML_TAG + 'merge' || (n.tag === undefined && n.type === 'PLAIN'));
}

/**
 * The Go value of a node of a document parsed with the failsafe schema (every scalar its text).
 * `stringKeys`: the map is a map[string]interface{} (keys are the key scalars' texts).
 */
export function decodeGoV2(node: unknown, doc: Document, stringKeys = false, depth = 0): GoValue {
  if (depth > 500) throw new Error('YAML nesting too deep');
  if (isAlias(node)) return decodeGoV2(node.resolve(doc), doc, stringKeys, depth + 1);
  if (isScalar(node)) return scalarValue(node as unknown as YamlNode);
  if (isSeq(node)) return node.items.map((it) => decodeGoV2(it, doc, false, depth + 1));
  if (isMap(node)) {
    const out = new Map<string, [GoValue, GoValue]>();
    const set = (k: GoValue, v: GoValue) => out.set(keyId(k), [k, v]);
    const mergeInto = (src: unknown) => {
      const m = decodeGoV2(src, doc, stringKeys, depth + 1);
      if (m !== null && typeof m === 'object' && !Array.isArray(m) && m.go === 'map') for (const [k, v] of m.entries) set(k, v);
    };
    for (const pair of node.items) {
      if (isMergeKey(pair.key)) {
        const v = isAlias(pair.value) ? pair.value.resolve(doc) : pair.value;
        if (isSeq(v)) for (let i = v.items.length - 1; i >= 0; i--) mergeInto(v.items[i]);
        else mergeInto(v);
        continue;
      }
      let k: GoValue;
      if (stringKeys) {
        const kn = isAlias(pair.key) ? pair.key.resolve(doc) : pair.key;
        // A key that reads as null sets the zero string (decode.go scalar()).
        k = isScalar(kn) ? (scalarValue(kn as unknown as YamlNode) === null ? '' : String(kn.value ?? '')) : '';
      } else k = decodeGoV2(pair.key, doc, false, depth + 1);
      set(k, decodeGoV2(pair.value, doc, false, depth + 1));
    }
    return goMap([...out.values()]);
  }
  return null;
}

let otherKeys = 0;

function keyId(k: GoValue): string {
  if (k === null) return 'nil';
  if (typeof k === 'string') return 's:' + k;
  if (typeof k === 'boolean') return 'b:' + k;
  if (Array.isArray(k)) return 'x:' + JSON.stringify(k);
  if (k.go === 'int' || k.go === 'uint') return k.go + ':' + k.v.toString();
  if (k.go === 'float') return 'f:' + String(k.v);
  return 'x:' + String(++otherKeys); // maps as keys: yaml.v2 refuses them; keep them apart
}

/** Parses a YAML text for decodeGoV2 (failsafe schema: scalars keep their text). */
export function parseForGoV2(text: string): Document {
  return parseDocument(text, { version: '1.1', schema: 'failsafe', uniqueKeys: false, logLevel: 'silent', merge: false });
}

// ---------------------------------------------------------------------------------------------
// sorter.go: keyList.Less

// reflect.Kind numbers.
const KIND = { bool: 1, int: 2, uint: 11, float: 14, interface: 20, map: 21, slice: 23, string: 24, struct: 25 } as const;

function kindOf(v: GoValue): number {
  if (v === null) return KIND.interface;
  if (typeof v === 'boolean') return KIND.bool;
  if (typeof v === 'string') return KIND.string;
  if (Array.isArray(v)) return KIND.slice;
  return KIND[v.go];
}

function keyFloat(v: GoValue): number | undefined {
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
    if (v.go === 'int' || v.go === 'uint') return Number(v.v);
    if (v.go === 'float') return v.v;
  }
  return undefined;
}

function numLess(a: GoValue, b: GoValue): boolean {
  if (typeof a === 'boolean') return !a && b === true;
  const x = a as GoInt | GoUint | GoFloat;
  const y = b as GoInt | GoUint | GoFloat;
  return x.v < y.v;
}

const IS_LETTER = /^\p{L}$/u;
const IS_DIGIT = /^\p{Nd}$/u;

export function goV2KeyLess(a: GoValue, b: GoValue): boolean {
  const ak = kindOf(a);
  const bk = kindOf(b);
  const af = keyFloat(a);
  const bf = keyFloat(b);
  if (af !== undefined && bf !== undefined) {
    if (af !== bf) return af < bf;
    if (ak !== bk) return ak < bk;
    return numLess(a, b);
  }
  if (ak !== KIND.string || bk !== KIND.string) return ak < bk;
  const ar = [...(a as string)];
  const br = [...(b as string)];
  const cp = (s: string) => s.codePointAt(0)!;
  for (let i = 0; i < ar.length && i < br.length; i++) {
    if (ar[i] === br[i]) continue;
    const al = IS_LETTER.test(ar[i]);
    const bl = IS_LETTER.test(br[i]);
    if (al && bl) return cp(ar[i]) < cp(br[i]);
    if (al || bl) return bl;
    let an = 0n;
    let bn = 0n;
    if (ar[i] === '0' || br[i] === '0') {
      for (let j = i - 1; j >= 0 && IS_DIGIT.test(ar[j]); j--) {
        if (ar[j] !== '0') {
          an = 1n;
          bn = 1n;
          break;
        }
      }
    }
    let ai = i;
    let bi = i;
    for (; ai < ar.length && IS_DIGIT.test(ar[ai]); ai++) an = BigInt.asIntN(64, an * 10n + BigInt(cp(ar[ai]) - 48));
    for (; bi < br.length && IS_DIGIT.test(br[bi]); bi++) bn = BigInt.asIntN(64, bn * 10n + BigInt(cp(br[bi]) - 48));
    if (an !== bn) return an < bn;
    if (ai !== bi) return ai < bi;
    return cp(ar[i]) < cp(br[i]);
  }
  return ar.length < br.length;
}

// ---------------------------------------------------------------------------------------------
// strconv.FormatFloat(f, 'g', -1, 64)

export function formatGoFloat(f: number): string {
  if (Number.isNaN(f)) return 'NaN';
  if (f === Infinity) return '+Inf';
  if (f === -Infinity) return '-Inf';
  const neg = f < 0 || Object.is(f, -0);
  if (f === 0) return neg ? '-0' : '0';
  const [mant, e] = Math.abs(f).toExponential().split('e');
  const digits = mant.replace('.', '');
  const exp = Number(e);
  let out: string;
  // %e when the exponent is < -4 or >= 6 (the shortest form decides with precision 6)
  if (exp < -4 || exp >= 6) {
    out = exponential(digits, exp);
  } else {
    // %f with the shortest digits
    const dp = exp + 1;
    if (dp <= 0) out = '0.' + '0'.repeat(-dp) + digits;
    else if (dp >= digits.length) out = digits + '0'.repeat(dp - digits.length);
    else out = digits.slice(0, dp) + '.' + digits.slice(dp);
  }
  return (neg ? '-' : '') + out;
}

function exponential(digits: string, exp: number): string {
  const m = digits.length > 1 ? digits[0] + '.' + digits.slice(1) : digits;
  const ae = Math.abs(exp);
  return `${m}e${exp < 0 ? '-' : '+'}${ae < 10 ? '0' : ''}${ae}`;
}

// ---------------------------------------------------------------------------------------------
// encode.go: values to events

type ScalarStyle = 'plain' | 'single' | 'double' | 'literal';
type Ev =
  | { t: 'scalar'; value: Uint8Array; style: ScalarStyle }
  | { t: 'seq-start' }
  | { t: 'seq-end' }
  | { t: 'map-start' }
  | { t: 'map-end' };

const utf8 = new TextEncoder();

function scalarEv(s: string, style: ScalarStyle): Ev {
  return { t: 'scalar', value: utf8.encode(s), style };
}

function stringEv(s: string): Ev {
  const r = resolveGoV2(s);
  const canUsePlain = r.tag === 'str' && !isBase60Float(s);
  return scalarEv(s, s.includes('\n') ? 'literal' : canUsePlain ? 'plain' : 'double');
}

function encodeValue(v: GoValue, out: Ev[], depth = 0): void {
  if (depth > 1000) throw new Error('value nesting too deep');
  if (v === null) return void out.push(scalarEv('null', 'plain'));
  if (typeof v === 'boolean') return void out.push(scalarEv(v ? 'true' : 'false', 'plain'));
  if (typeof v === 'string') return void out.push(stringEv(v));
  if (Array.isArray(v)) {
    out.push({ t: 'seq-start' });
    for (const x of v) encodeValue(x, out, depth + 1);
    out.push({ t: 'seq-end' });
    return;
  }
  switch (v.go) {
    case 'int':
    case 'uint':
      return void out.push(scalarEv(v.v.toString(), 'plain'));
    case 'float': {
      let s = formatGoFloat(v.v);
      if (s === '+Inf') s = '.inf';
      else if (s === '-Inf') s = '-.inf';
      else if (s === 'NaN') s = '.nan';
      return void out.push(scalarEv(s, 'plain'));
    }
    case 'map': {
      const entries = [...v.entries].sort(([a], [b]) => (goV2KeyLess(a, b) ? -1 : goV2KeyLess(b, a) ? 1 : 0));
      out.push({ t: 'map-start' });
      for (const [k, x] of entries) {
        encodeValue(k, out, depth + 1);
        encodeValue(x, out, depth + 1);
      }
      out.push({ t: 'map-end' });
      return;
    }
    case 'struct':
      out.push({ t: 'map-start' });
      for (const [k, x] of v.fields) {
        encodeValue(k, out, depth + 1);
        encodeValue(x, out, depth + 1);
      }
      out.push({ t: 'map-end' });
      return;
  }
}

// ---------------------------------------------------------------------------------------------
// emitterc.go (block styles, no anchors or tags, not canonical, unicode on, width 80, indent 2)

const BEST_INDENT = 2;
const BEST_WIDTH = 80;

type State =
  | 'doc-content'
  | 'doc-end'
  | 'flow-seq-first'
  | 'flow-seq'
  | 'flow-map-first'
  | 'flow-map-key'
  | 'flow-map-simple-value'
  | 'block-seq-first'
  | 'block-seq'
  | 'block-map-first'
  | 'block-map-key'
  | 'block-map-simple-value'
  | 'block-map-value'
  | 'flow-map-value'
  | 'end';

interface ScalarData {
  value: Uint8Array;
  multiline: boolean;
  flowPlainAllowed: boolean;
  blockPlainAllowed: boolean;
  singleQuotedAllowed: boolean;
  blockAllowed: boolean;
  style: ScalarStyle;
}

const b = (s: string) => s.charCodeAt(0);
const at = (v: Uint8Array, i: number) => (i < v.length ? v[i] : 0);

function width(c: number): number {
  if ((c & 0x80) === 0) return 1;
  if ((c & 0xe0) === 0xc0) return 2;
  if ((c & 0xf0) === 0xe0) return 3;
  if ((c & 0xf8) === 0xf0) return 4;
  return 0;
}
function isSpace(v: Uint8Array, i: number): boolean {
  return at(v, i) === 0x20;
}
function isBlank(v: Uint8Array, i: number): boolean {
  return at(v, i) === 0x20 || at(v, i) === 0x09;
}
function isBreak(v: Uint8Array, i: number): boolean {
  const c = at(v, i);
  return (
    c === 0x0d ||
    c === 0x0a ||
    (c === 0xc2 && at(v, i + 1) === 0x85) ||
    (c === 0xe2 && at(v, i + 1) === 0x80 && (at(v, i + 2) === 0xa8 || at(v, i + 2) === 0xa9))
  );
}
function isBlankz(v: Uint8Array, i: number): boolean {
  return isBlank(v, i) || isBreak(v, i) || at(v, i) === 0;
}
function isPrintable(v: Uint8Array, i: number): boolean {
  const c = at(v, i);
  const c1 = at(v, i + 1);
  const c2 = at(v, i + 2);
  return (
    c === 0x0a ||
    (c >= 0x20 && c <= 0x7e) ||
    (c === 0xc2 && c1 >= 0xa0) ||
    (c > 0xc2 && c < 0xed) ||
    (c === 0xed && c1 < 0xa0) ||
    c === 0xee ||
    (c === 0xef && !(c1 === 0xbb && c2 === 0xbf) && !(c1 === 0xbf && (c2 === 0xbe || c2 === 0xbf)))
  );
}
/** As in Go: whether the value (not the character at i) starts with a BOM. */
function isBom(v: Uint8Array): boolean {
  return at(v, 0) === 0xef && at(v, 1) === 0xbb && at(v, 2) === 0xbf;
}

/** The emitter's output bytes: one byte each (an array of numbers took 8, and a 50 MB text's grew past 1 GB). */
class ByteSink {
  private buf = Buffer.allocUnsafe(4096);
  private length = 0;

  push(c: number): void {
    if (this.length === this.buf.length) {
      const bigger = Buffer.allocUnsafe(this.buf.length * 2);
      this.buf.copy(bigger, 0, 0, this.length);
      this.buf = bigger;
    }
    this.buf[this.length++] = c;
  }

  toString(): string {
    return this.buf.toString('utf8', 0, this.length);
  }
}

class Emitter {
  private out = new ByteSink();
  private events: Ev[] = [];
  private head = 0;
  private state: State = 'doc-content';
  private states: State[] = [];
  private indent = -1;
  private indents: number[] = [];
  private flowLevel = 0;
  private column = 0;
  private whitespace = true;
  private indention = true;
  private rootContext = false;
  private sequenceContext = false;
  private mappingContext = false;
  private simpleKeyContext = false;
  private scalar!: ScalarData;

  run(evs: Ev[]): string {
    this.events = evs;
    // STREAM-START and an implicit DOCUMENT-START write nothing; then the root node.
    while (this.head < this.events.length) {
      const ev = this.events[this.head];
      if (ev.t === 'scalar') this.analyzeScalar(ev.value);
      this.stateMachine(ev);
      // Written: let the event's bytes go (the emitter only looks ahead; a large text's are its size).
      this.events[this.head] = undefined as unknown as Ev;
      this.head++;
    }
    // implicit DOCUMENT-END: a final line break.
    this.writeIndent();
    return this.out.toString();
  }

  // --- output primitives
  private put(c: number): void {
    this.out.push(c);
    this.column++;
  }
  private putBreak(): void {
    this.out.push(0x0a);
    this.column = 0;
  }
  private write(v: Uint8Array, i: number): number {
    const w = width(v[i]);
    for (let k = 0; k < w; k++) this.out.push(v[i + k]);
    this.column++;
    return i + w;
  }
  private writeAll(s: string): void {
    const v = utf8.encode(s);
    for (let i = 0; i < v.length; ) i = this.write(v, i);
  }
  private writeBreak(v: Uint8Array, i: number): number {
    if (v[i] === 0x0a) {
      this.putBreak();
      return i + 1;
    }
    const j = this.write(v, i);
    this.column = 0;
    return j;
  }
  private writeIndent(): void {
    const indent = this.indent < 0 ? 0 : this.indent;
    if (!this.indention || this.column > indent || (this.column === indent && !this.whitespace)) this.putBreak();
    while (this.column < indent) this.put(0x20);
    this.whitespace = true;
    this.indention = true;
  }
  private writeIndicator(ind: string, needWhitespace: boolean, isWhitespace: boolean, isIndention: boolean): void {
    if (needWhitespace && !this.whitespace) this.put(0x20);
    this.writeAll(ind);
    this.whitespace = isWhitespace;
    this.indention = this.indention && isIndention;
  }
  private increaseIndent(flow: boolean, indentless: boolean): void {
    this.indents.push(this.indent);
    if (this.indent < 0) this.indent = flow ? BEST_INDENT : 0;
    else if (!indentless) this.indent += BEST_INDENT;
  }
  private popIndent(): void {
    this.indent = this.indents.pop()!;
  }
  private popState(): void {
    this.state = this.states.pop()!;
  }

  // --- state machine
  private stateMachine(ev: Ev): void {
    switch (this.state) {
      case 'doc-content':
        this.states.push('doc-end');
        return this.emitNode(ev, true, false, false, false);
      case 'flow-seq-first':
        return this.flowSequenceItem(ev, true);
      case 'flow-seq':
        return this.flowSequenceItem(ev, false);
      case 'flow-map-first':
        return this.flowMappingKey(ev, true);
      case 'flow-map-key':
        return this.flowMappingKey(ev, false);
      case 'flow-map-simple-value':
        return this.flowMappingValue(ev, true);
      case 'flow-map-value':
        return this.flowMappingValue(ev, false);
      case 'block-seq-first':
        return this.blockSequenceItem(ev, true);
      case 'block-seq':
        return this.blockSequenceItem(ev, false);
      case 'block-map-first':
        return this.blockMappingKey(ev, true);
      case 'block-map-key':
        return this.blockMappingKey(ev, false);
      case 'block-map-simple-value':
        return this.blockMappingValue(ev, true);
      case 'block-map-value':
        return this.blockMappingValue(ev, false);
      default:
        throw new Error(`yaml.v2 emitter: unexpected event in state ${this.state}`);
    }
  }

  private flowSequenceItem(ev: Ev, first: boolean): void {
    if (first) {
      this.writeIndicator('[', true, true, false);
      this.increaseIndent(true, false);
      this.flowLevel++;
    }
    if (ev.t === 'seq-end') {
      this.flowLevel--;
      this.popIndent();
      this.writeIndicator(']', false, false, false);
      return this.popState();
    }
    if (!first) this.writeIndicator(',', false, false, false);
    if (this.column > BEST_WIDTH) this.writeIndent();
    this.states.push('flow-seq');
    this.emitNode(ev, false, true, false, false);
  }

  private flowMappingKey(ev: Ev, first: boolean): void {
    if (first) {
      this.writeIndicator('{', true, true, false);
      this.increaseIndent(true, false);
      this.flowLevel++;
    }
    if (ev.t === 'map-end') {
      this.flowLevel--;
      this.popIndent();
      this.writeIndicator('}', false, false, false);
      return this.popState();
    }
    if (!first) this.writeIndicator(',', false, false, false);
    if (this.column > BEST_WIDTH) this.writeIndent();
    if (this.checkSimpleKey()) {
      this.states.push('flow-map-simple-value');
      return this.emitNode(ev, false, false, true, true);
    }
    this.writeIndicator('?', true, false, false);
    this.states.push('flow-map-value');
    this.emitNode(ev, false, false, true, false);
  }

  private flowMappingValue(ev: Ev, simple: boolean): void {
    if (simple) this.writeIndicator(':', false, false, false);
    else {
      if (this.column > BEST_WIDTH) this.writeIndent();
      this.writeIndicator(':', true, false, false);
    }
    this.states.push('flow-map-key');
    this.emitNode(ev, false, false, true, false);
  }

  private blockSequenceItem(ev: Ev, first: boolean): void {
    if (first) this.increaseIndent(false, this.mappingContext && !this.indention);
    if (ev.t === 'seq-end') {
      this.popIndent();
      return this.popState();
    }
    this.writeIndent();
    this.writeIndicator('-', true, false, true);
    this.states.push('block-seq');
    this.emitNode(ev, false, true, false, false);
  }

  private blockMappingKey(ev: Ev, first: boolean): void {
    if (first) this.increaseIndent(false, false);
    if (ev.t === 'map-end') {
      this.popIndent();
      return this.popState();
    }
    this.writeIndent();
    if (this.checkSimpleKey()) {
      this.states.push('block-map-simple-value');
      return this.emitNode(ev, false, false, true, true);
    }
    this.writeIndicator('?', true, false, true);
    this.states.push('block-map-value');
    this.emitNode(ev, false, false, true, false);
  }

  private blockMappingValue(ev: Ev, simple: boolean): void {
    if (simple) this.writeIndicator(':', false, false, false);
    else {
      this.writeIndent();
      this.writeIndicator(':', true, false, true);
    }
    this.states.push('block-map-key');
    this.emitNode(ev, false, false, true, false);
  }

  private emitNode(ev: Ev, root: boolean, sequence: boolean, mapping: boolean, simpleKey: boolean): void {
    this.rootContext = root;
    this.sequenceContext = sequence;
    this.mappingContext = mapping;
    this.simpleKeyContext = simpleKey;
    switch (ev.t) {
      case 'scalar':
        return this.emitScalar();
      case 'seq-start':
        this.state = this.flowLevel > 0 || this.checkEmpty('seq-start', 'seq-end') ? 'flow-seq-first' : 'block-seq-first';
        return;
      case 'map-start':
        this.state = this.flowLevel > 0 || this.checkEmpty('map-start', 'map-end') ? 'flow-map-first' : 'block-map-first';
        return;
      default:
        throw new Error(`yaml.v2 emitter: expected a node, got ${ev.t}`);
    }
  }

  private checkEmpty(start: Ev['t'], end: Ev['t']): boolean {
    return this.events[this.head]?.t === start && this.events[this.head + 1]?.t === end;
  }

  private checkSimpleKey(): boolean {
    const ev = this.events[this.head];
    let length = 0;
    switch (ev.t) {
      case 'scalar':
        if (this.scalar.multiline) return false;
        length += this.scalar.value.length;
        break;
      case 'seq-start':
        if (!this.checkEmpty('seq-start', 'seq-end')) return false;
        break;
      case 'map-start':
        if (!this.checkEmpty('map-start', 'map-end')) return false;
        break;
      default:
        return false;
    }
    return length <= 128;
  }

  private emitScalar(): void {
    this.selectScalarStyle();
    this.increaseIndent(true, false);
    this.processScalar();
    this.popIndent();
    this.popState();
  }

  private selectScalarStyle(): void {
    const sd = this.scalar;
    let style = (this.events[this.head] as Extract<Ev, { t: 'scalar' }>).style;
    if (this.simpleKeyContext && sd.multiline) style = 'double';
    if (style === 'plain') {
      if ((this.flowLevel > 0 && !sd.flowPlainAllowed) || (this.flowLevel === 0 && !sd.blockPlainAllowed)) style = 'single';
      if (sd.value.length === 0 && (this.flowLevel > 0 || this.simpleKeyContext)) style = 'single';
    }
    if (style === 'single' && !sd.singleQuotedAllowed) style = 'double';
    if (style === 'literal' && (!sd.blockAllowed || this.flowLevel > 0 || this.simpleKeyContext)) style = 'double';
    sd.style = style;
  }

  private processScalar(): void {
    const { value, style } = this.scalar;
    const allowBreaks = !this.simpleKeyContext;
    if (style === 'plain') return this.writePlain(value, allowBreaks);
    if (style === 'single') return this.writeSingleQuoted(value, allowBreaks);
    if (style === 'double') return this.writeDoubleQuoted(value, allowBreaks);
    return this.writeLiteral(value);
  }

  private analyzeScalar(value: Uint8Array): void {
    const sd: ScalarData = {
      value,
      multiline: false,
      flowPlainAllowed: false,
      blockPlainAllowed: true,
      singleQuotedAllowed: true,
      blockAllowed: false,
      style: 'plain',
    };
    this.scalar = sd;
    if (value.length === 0) return;
    let blockIndicators = false;
    let flowIndicators = false;
    let lineBreaks = false;
    let specialCharacters = false;
    let leadingSpace = false;
    let leadingBreak = false;
    let trailingSpace = false;
    let trailingBreak = false;
    let breakSpace = false;
    let spaceBreak = false;
    let precededByWhitespace = true;
    let previousSpace = false;
    let previousBreak = false;
    if (
      value.length >= 3 &&
      ((value[0] === b('-') && value[1] === b('-') && value[2] === b('-')) || (value[0] === b('.') && value[1] === b('.') && value[2] === b('.')))
    ) {
      blockIndicators = true;
      flowIndicators = true;
    }
    for (let i = 0, w = 0; i < value.length; i += w) {
      w = width(value[i]);
      const followedByWhitespace = i + w >= value.length || isBlank(value, i + w);
      const c = String.fromCharCode(value[i]);
      if (i === 0) {
        if ('#,[]{}&*!|>\'"%@`'.includes(c)) {
          flowIndicators = true;
          blockIndicators = true;
        } else if (c === '?' || c === ':') {
          flowIndicators = true;
          if (followedByWhitespace) blockIndicators = true;
        } else if (c === '-') {
          if (followedByWhitespace) {
            flowIndicators = true;
            blockIndicators = true;
          }
        }
      } else if (',?[]{}'.includes(c)) {
        flowIndicators = true;
      } else if (c === ':') {
        flowIndicators = true;
        if (followedByWhitespace) blockIndicators = true;
      } else if (c === '#') {
        if (precededByWhitespace) {
          flowIndicators = true;
          blockIndicators = true;
        }
      }
      if (!isPrintable(value, i)) specialCharacters = true;
      if (isSpace(value, i)) {
        if (i === 0) leadingSpace = true;
        if (i + w === value.length) trailingSpace = true;
        if (previousBreak) breakSpace = true;
        previousSpace = true;
        previousBreak = false;
      } else if (isBreak(value, i)) {
        lineBreaks = true;
        if (i === 0) leadingBreak = true;
        if (i + w === value.length) trailingBreak = true;
        if (previousSpace) spaceBreak = true;
        previousSpace = false;
        previousBreak = true;
      } else {
        previousSpace = false;
        previousBreak = false;
      }
      precededByWhitespace = isBlankz(value, i);
    }
    sd.multiline = lineBreaks;
    sd.flowPlainAllowed = true;
    sd.blockPlainAllowed = true;
    sd.singleQuotedAllowed = true;
    sd.blockAllowed = true;
    if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) {
      sd.flowPlainAllowed = false;
      sd.blockPlainAllowed = false;
    }
    if (trailingSpace) sd.blockAllowed = false;
    if (breakSpace) {
      sd.flowPlainAllowed = false;
      sd.blockPlainAllowed = false;
      sd.singleQuotedAllowed = false;
    }
    if (spaceBreak || specialCharacters) {
      sd.flowPlainAllowed = false;
      sd.blockPlainAllowed = false;
      sd.singleQuotedAllowed = false;
      sd.blockAllowed = false;
    }
    if (lineBreaks) {
      sd.flowPlainAllowed = false;
      sd.blockPlainAllowed = false;
    }
    if (flowIndicators) sd.flowPlainAllowed = false;
    if (blockIndicators) sd.blockPlainAllowed = false;
  }

  private writePlain(value: Uint8Array, allowBreaks: boolean): void {
    if (!this.whitespace) this.put(0x20);
    let spaces = false;
    let breaks = false;
    for (let i = 0; i < value.length; ) {
      if (isSpace(value, i)) {
        if (allowBreaks && !spaces && this.column > BEST_WIDTH && !isSpace(value, i + 1)) {
          this.writeIndent();
          i += width(value[i]);
        } else i = this.write(value, i);
        spaces = true;
      } else if (isBreak(value, i)) {
        if (!breaks && value[i] === 0x0a) this.putBreak();
        i = this.writeBreak(value, i);
        this.indention = true;
        breaks = true;
      } else {
        if (breaks) this.writeIndent();
        i = this.write(value, i);
        this.indention = false;
        spaces = false;
        breaks = false;
      }
    }
    this.whitespace = false;
    this.indention = false;
  }

  private writeSingleQuoted(value: Uint8Array, allowBreaks: boolean): void {
    this.writeIndicator("'", true, false, false);
    let spaces = false;
    let breaks = false;
    for (let i = 0; i < value.length; ) {
      if (isSpace(value, i)) {
        if (allowBreaks && !spaces && this.column > BEST_WIDTH && i > 0 && i < value.length - 1 && !isSpace(value, i + 1)) {
          this.writeIndent();
          i += width(value[i]);
        } else i = this.write(value, i);
        spaces = true;
      } else if (isBreak(value, i)) {
        if (!breaks && value[i] === 0x0a) this.putBreak();
        i = this.writeBreak(value, i);
        this.indention = true;
        breaks = true;
      } else {
        if (breaks) this.writeIndent();
        if (value[i] === b("'")) this.put(b("'"));
        i = this.write(value, i);
        this.indention = false;
        spaces = false;
        breaks = false;
      }
    }
    this.writeIndicator("'", false, false, false);
    this.whitespace = false;
    this.indention = false;
  }

  private writeDoubleQuoted(value: Uint8Array, allowBreaks: boolean): void {
    let spaces = false;
    this.writeIndicator('"', true, false, false);
    for (let i = 0; i < value.length; ) {
      if (!isPrintable(value, i) || isBom(value) || isBreak(value, i) || value[i] === b('"') || value[i] === b('\\')) {
        let octet = value[i];
        let w = 1;
        let v = 0;
        if ((octet & 0x80) === 0) [w, v] = [1, octet & 0x7f];
        else if ((octet & 0xe0) === 0xc0) [w, v] = [2, octet & 0x1f];
        else if ((octet & 0xf0) === 0xe0) [w, v] = [3, octet & 0x0f];
        else if ((octet & 0xf8) === 0xf0) [w, v] = [4, octet & 0x07];
        for (let k = 1; k < w; k++) {
          octet = value[i + k];
          v = (v << 6) + (octet & 0x3f);
        }
        i += w;
        this.put(b('\\'));
        const short: Record<number, string> = {
          0x00: '0',
          0x07: 'a',
          0x08: 'b',
          0x09: 't',
          0x0a: 'n',
          0x0b: 'v',
          0x0c: 'f',
          0x0d: 'r',
          0x1b: 'e',
          0x22: '"',
          0x5c: '\\',
          0x85: 'N',
          0xa0: '_',
          0x2028: 'L',
          0x2029: 'P',
        };
        if (short[v] !== undefined) this.put(b(short[v]));
        else {
          const [letter, n] = v <= 0xff ? ['x', 2] : v <= 0xffff ? ['u', 4] : ['U', 8];
          this.put(b(letter));
          for (const ch of v.toString(16).toUpperCase().padStart(n, '0')) this.put(b(ch));
        }
        spaces = false;
      } else if (isSpace(value, i)) {
        if (allowBreaks && !spaces && this.column > BEST_WIDTH && i > 0 && i < value.length - 1) {
          this.writeIndent();
          if (isSpace(value, i + 1)) this.put(b('\\'));
          i += width(value[i]);
        } else i = this.write(value, i);
        spaces = true;
      } else {
        i = this.write(value, i);
        spaces = false;
      }
    }
    this.writeIndicator('"', false, false, false);
    this.whitespace = false;
    this.indention = false;
  }

  private writeLiteral(value: Uint8Array): void {
    this.writeIndicator('|', true, false, false);
    // block scalar hints
    if (isSpace(value, 0) || isBreak(value, 0)) this.writeIndicator(String(BEST_INDENT), false, false, false);
    let chomp = '';
    if (value.length === 0) chomp = '-';
    else {
      let i = value.length - 1;
      while ((value[i] & 0xc0) === 0x80) i--;
      if (!isBreak(value, i)) chomp = '-';
      else if (i === 0) chomp = '+';
      else {
        i--;
        while ((value[i] & 0xc0) === 0x80) i--;
        if (isBreak(value, i)) chomp = '+';
      }
    }
    if (chomp) this.writeIndicator(chomp, false, false, false);
    this.putBreak();
    this.indention = true;
    this.whitespace = true;
    let breaks = true;
    for (let i = 0; i < value.length; ) {
      if (isBreak(value, i)) {
        i = this.writeBreak(value, i);
        this.indention = true;
        breaks = true;
      } else {
        if (breaks) this.writeIndent();
        i = this.write(value, i);
        this.indention = false;
        breaks = false;
      }
    }
  }
}

/**
 * A value we read (JSON-like) as the Go value yaml.v2 would hold: whole numbers as ints, other
 * numbers as floats, objects as maps (keys sorted when written).
 */
export function goValueFromJs(v: unknown, depth = 0): GoValue {
  if (depth > 1000) throw new Error('value nesting too deep');
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v === 'number') return Number.isInteger(v) && Math.abs(v) <= Number.MAX_SAFE_INTEGER ? goInt(BigInt(v)) : goFloat(v);
  if (typeof v === 'bigint') return goInt(v);
  if (Array.isArray(v)) return v.map((x) => goValueFromJs(x, depth + 1));
  if (v instanceof Date) return v.toISOString();
  if (typeof v === 'object') return goMap(Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, goValueFromJs(x, depth + 1)]));
  return String(v);
}

/** yaml.Marshal(v) of gopkg.in/yaml.v2 v2.4.0. */
export function marshalGoV2(v: GoValue): string {
  const evs: Ev[] = [];
  encodeValue(v, evs);
  return new Emitter().run(evs);
}


// A port of kustomize kyaml's merge2.Merge (kyaml v0.18.1: yaml/merge2, yaml/walk,
// yaml/schema, the element/field setters of yaml/fns.go), the strategic merge the
// operator uses for platform patches, flavour deployment merges and
// spec.deployment.patch, and that `kubectl kustomize` uses for patches.
//
// It is a literal port on purpose: kyaml differs from Kubernetes' own strategic
// merge patch in many corners (lists without a schema are replaced, `$patch`
// directives in non-associative lists stay, the prepend direction moves patched
// items first and loses `$patch: replace` on list items, elements lacking a
// secondary merge key are duplicated, ...), and our output must equal the
// operator's. The walk works on mutable nodes that mirror yaml.v3 nodes,
// because kyaml's results depend on which node objects are shared.
//
// Where we differ, knowingly:
// - Inputs are plain values, so `key:` and `key: null` are both null. kyaml keeps
//   an untouched `key: null` but drops an untouched empty `key:`; we keep both.
//   The operator converts merge results to typed objects, where null and absent
//   end up the same.
// - Fields of known types that lead to no associative list are all "known, no
//   merge keys"; kyaml has no schema for fields its OpenAPI lacks and would look
//   for apiVersion/kind inside them. Only matters for made-up fields holding
//   whole Kubernetes objects.
// - Comments and scalar styles are not carried (plain values in, plain values out).

import { RESOURCE_TYPES, TYPES } from './k8s-merge-schema';

export type ListIncreaseDirection = 'append' | 'prepend';

export interface MergeOptions {
  /** Where list items that only the patch has go. kyaml's zero value (MergeOptions{}) is append. */
  listIncreaseDirection?: ListIncreaseDirection;
}

/** A merge kyaml refuses (mismatched node kinds, unknown `$patch` value); path is the field path in the merged document. */
export class MergeError extends Error {
  constructor(
    message: string,
    readonly path: string,
  ) {
    super(path ? `${path}: ${message}` : message);
    this.name = 'MergeError';
  }
}

// ---------------------------------------------------------------- nodes

interface MapNode {
  kind: 'map';
  entries: Array<{ key: string; value: YNode }>;
}
interface SeqNode {
  kind: 'seq';
  items: YNode[];
}
interface ScalarNode {
  kind: 'scalar';
  /** the text of the scalar, as yaml.v3's Node.Value */
  value: string;
  null: boolean;
  /** the plain value it came from; undefined for scalars kyaml creates from text */
  js?: unknown;
  /** kyaml's ShouldKeep: a null that survives FieldSetter */
  keep?: boolean;
}
type YNode = MapNode | SeqNode | ScalarNode;
type RNode = YNode | undefined;

function toNode(v: unknown): YNode {
  if (v === null || v === undefined) return { kind: 'scalar', value: 'null', null: true, js: null };
  if (Array.isArray(v)) return { kind: 'seq', items: v.map(toNode) };
  if (typeof v === 'object') {
    return { kind: 'map', entries: Object.entries(v as Record<string, unknown>).map(([key, value]) => ({ key, value: toNode(value) })) };
  }
  return { kind: 'scalar', value: String(v), null: false, js: v };
}

function fromNode(n: YNode): unknown {
  switch (n.kind) {
    case 'map': {
      const out: Record<string, unknown> = {};
      for (const e of n.entries) Object.defineProperty(out, e.key, { value: fromNode(e.value), enumerable: true, writable: true, configurable: true });
      return out;
    }
    case 'seq':
      return n.items.map(fromNode);
    default:
      if (n.null) return null;
      if (n.js !== undefined) return n.js;
      // an untagged scalar kyaml made from text: YAML resolves it when read back
      if (/^-?(0|[1-9][0-9]*)$/.test(n.value)) return Number(n.value);
      if (n.value === 'true' || n.value === 'false') return n.value === 'true';
      return n.value;
  }
}

const isMissingOrNull = (n: RNode): boolean => n === undefined || (n.kind === 'scalar' && n.null);
const isEmptyMap = (n: RNode): boolean => isMissingOrNull(n) || (n!.kind === 'map' && n!.entries.length === 0);
const isNilOrEmpty = (n: RNode): boolean =>
  n === undefined || (n.kind === 'scalar' && n.null) || (n.kind === 'map' && n.entries.length === 0) || (n.kind === 'seq' && n.items.length === 0);
/** yaml.v3 Node.Value: the text of a scalar, empty for collections */
const textOf = (n: YNode): string => (n.kind === 'scalar' ? n.value : '');
const getValue = (n: RNode): string => (isMissingOrNull(n) ? '' : textOf(n!));
const field = (n: RNode, key: string): RNode => (n?.kind === 'map' ? n.entries.find((e) => e.key === key)?.value : undefined);
const KIND_NAMES = { map: 'MappingNode', seq: 'SequenceNode', scalar: 'ScalarNode' } as const;

function errorIfInvalid(n: RNode, kind: YNode['kind'], path: string): void {
  if (isMissingOrNull(n)) return;
  if (n!.kind !== kind) throw new MergeError(`wrong node kind: expected ${KIND_NAMES[kind]} but got ${KIND_NAMES[n!.kind]}`, path);
}

/** FieldSetter: clears the field for a missing or (non-kept) null value, replaces it in place, or appends it. */
function setField(map: MapNode, key: string, value: RNode): void {
  const i = map.entries.findIndex((e) => e.key === key);
  if (value === undefined || (value.kind === 'scalar' && value.null && !value.keep)) {
    if (i >= 0) map.entries.splice(i, 1);
    return;
  }
  if (i >= 0) map.entries[i].value = value;
  else map.entries.push({ key, value });
}

/** FieldMatcher{Name, StringValue}: the value of field `name`, if it exists (and has text `want` when want is non-empty). */
function matchField(n: YNode, name: string, want: string | undefined, path: string): RNode {
  if (isMissingOrNull(n)) return undefined;
  if (name === '') {
    errorIfInvalid(n, 'scalar', path);
    return getValue(n) === (want ?? '') ? n : undefined;
  }
  errorIfInvalid(n, 'map', path);
  const v = field(n, name);
  if (v === undefined) return undefined;
  return want === undefined || textOf(v) === want ? v : undefined;
}

/**
 * ElementSetter: replaces every element matching keys=values with `element`
 * (removes them when element is undefined), appends element when none matched.
 * It also drops null and empty-map elements, as kyaml does.
 */
function setElement(list: SeqNode, element: RNode, keysIn: string[], values: string[], path: string): void {
  const keys = keysIn.length === 0 ? [''] : keysIn;
  const mappingSetter = keys.length > 0 && keys[0] !== '' && values.length > 0 && values[0] !== '';
  const out: YNode[] = [];
  let found = false;
  for (const elem of list.items) {
    if (isMissingOrNull(elem) || isEmptyMap(elem)) continue;
    if (elem.kind !== 'map' && mappingSetter) {
      out.push(elem);
      continue;
    }
    let val: RNode;
    let matches = true;
    for (let j = 0; j < keys.length; j++) {
      // kyaml's FieldMatcher only compares the text when it is non-empty
      if (j < values.length) val = matchField(elem, keys[j], values[j] === '' ? undefined : values[j], path);
      if (val === undefined) {
        matches = false;
        break;
      }
    }
    if (!matches) {
      if (values.length > 0) out.push(elem);
      continue;
    }
    found = true;
    if (element === undefined) continue;
    out.push(element);
  }
  list.items = out;
  if (isMissingOrNull(element)) return;
  if (!found) list.items.push(element!);
}

/** The text of a map item's key field; undefined for other items or when the field is absent. */
function keyText(n: RNode, key: string): string | undefined {
  if (n?.kind !== 'map') return undefined;
  const v = field(n, key);
  return v === undefined ? undefined : textOf(v);
}

/** elementList for one key, for every value at once: the first map item per key text. */
function firstElements(list: RNode, key: string): Map<string, YNode> | undefined {
  if (list?.kind !== 'seq') return undefined;
  const out = new Map<string, YNode>();
  for (const elem of list.items) {
    const t = keyText(elem, key);
    if (t !== undefined && !out.has(t)) out.set(t, elem);
  }
  return out;
}

/**
 * setElement(list, element, [key], [value]) for a non-empty value and a non-empty map element,
 * in constant time: the positions of the items per key text are kept, so a list of n items is
 * built or merged in O(n) instead of a scan per item (kyaml scans; a 50,000-entry env patch
 * took minutes). Same result: the null and empty-map items setElement drops are dropped once,
 * before the first set; every item whose key field has the value's text is replaced by the
 * element; none, and it is appended. Only valid while nothing else changes the list or the key
 * fields of its items (invalidate() after any other change: the next set rebuilds).
 */
class KeyedList {
  private at: Map<string, number[]> | undefined;

  constructor(
    private readonly list: SeqNode,
    private readonly key: string,
  ) {}

  canSet(element: RNode): boolean {
    return element?.kind === 'map' && element.entries.length > 0;
  }

  invalidate(): void {
    this.at = undefined;
  }

  set(element: YNode, value: string): void {
    if (this.at === undefined) this.build();
    const at = this.at!;
    const positions = at.get(value);
    const own = keyText(element, this.key);
    if (positions === undefined) {
      this.list.items.push(element);
      if (own !== undefined) this.add(own, this.list.items.length - 1);
      return;
    }
    for (const p of positions) this.list.items[p] = element;
    if (own !== value) {
      at.delete(value);
      if (own !== undefined) for (const p of positions) this.add(own, p);
    }
  }

  private build(): void {
    this.list.items = this.list.items.filter((e) => !(isMissingOrNull(e) || isEmptyMap(e)));
    this.at = new Map();
    this.list.items.forEach((e, i) => {
      const t = keyText(e, this.key);
      if (t !== undefined) this.add(t, i);
    });
  }

  private add(text: string, position: number): void {
    const list = this.at!.get(text);
    if (list === undefined) this.at!.set(text, [position]);
    else {
      list.push(position);
      list.sort((a, b) => a - b);
    }
  }
}

/**
 * setElement(list, element, keys, values) for lists merged by several keys, without a scan per
 * call: removed items are left as holes until finish(), and for each shape of `values` (per
 * checked key: an exact text, or '' = the field only has to be present) the positions of the
 * items per key texts are kept. Same result as setElement: null and empty-map items are dropped at
 * each call, non-map items are kept, every matching item is replaced by the element (removed when
 * it is undefined), the element is appended when none matched. Values setElement reads differently
 * (none, or an empty first one) go to setElement itself. Only valid while nothing else changes the
 * list or the key fields of its items (reset() after any other change).
 */
class IndexedSeq {
  private items: Array<YNode | undefined> = [];
  private byShape = new Map<string, Map<string, Set<number>>>();
  /** positions of null and empty-map items the next set drops; undefined: not scanned yet */
  private droppable: number[] | undefined;

  constructor(
    private readonly list: SeqNode,
    private keys: string[],
  ) {
    this.items = list.items.slice();
  }

  /** Writes the items back to the list (holes removed). */
  finish(): void {
    this.list.items = this.items.filter((e): e is YNode => e !== undefined);
    this.items = this.list.items.slice();
  }

  /** After a change the indexes cannot follow (the key fields of an item): written back, indexed again on use. */
  reset(keys: string[] = this.keys): void {
    this.finish();
    this.keys = keys;
    this.reload();
  }

  private reload(): void {
    this.items = this.list.items.slice();
    this.byShape.clear();
    this.droppable = undefined;
  }

  push(element: YNode): void {
    this.items.push(element);
    this.added(this.items.length - 1, element);
  }

  set(element: RNode, keys: string[], values: string[], path: string): void {
    if (keys.join('\0') !== this.keys.join('\0')) this.reset(keys);
    if (values.length === 0 || values[0] === '' || keys.length === 0 || keys[0] === '') {
      this.finish();
      setElement(this.list, element, keys, values, path);
      this.reload();
      return;
    }
    this.drop();
    const checked = values.slice(0, keys.length);
    const shape = checked.map((v) => (v === '' ? 'P' : 'E')).join('');
    const positions = this.index(shape).get(JSON.stringify(checked.filter((v) => v !== '')));
    if (positions === undefined || positions.size === 0) {
      if (!isMissingOrNull(element)) this.push(element!);
      return;
    }
    for (const p of [...positions]) {
      this.removed(p);
      this.items[p] = element;
      if (element !== undefined) this.added(p, element);
    }
  }

  /** The key texts an item is found by in one shape; undefined when it is not a map or lacks a checked key. */
  private textsOf(shape: string, e: YNode): string | undefined {
    if (e.kind !== 'map') return undefined;
    const texts: string[] = [];
    for (let j = 0; j < shape.length; j++) {
      const f = field(e, this.keys[j]);
      if (f === undefined) return undefined;
      if (shape[j] === 'E') texts.push(textOf(f));
    }
    return JSON.stringify(texts);
  }

  private index(shape: string): Map<string, Set<number>> {
    let at = this.byShape.get(shape);
    if (at !== undefined) return at;
    at = new Map();
    this.byShape.set(shape, at);
    this.items.forEach((e, p) => {
      const t = e === undefined ? undefined : this.textsOf(shape, e);
      if (t === undefined) return;
      const s = at!.get(t);
      if (s === undefined) at!.set(t, new Set([p]));
      else s.add(p);
    });
    return at;
  }

  private drop(): void {
    const positions = this.droppable ?? this.items.flatMap((e, p) => (e !== undefined && isEmptyMap(e) ? [p] : []));
    for (const p of positions) {
      if (this.items[p] === undefined || !isEmptyMap(this.items[p])) continue;
      this.removed(p);
      this.items[p] = undefined;
    }
    this.droppable = [];
  }

  private added(p: number, e: YNode): void {
    if (isEmptyMap(e)) this.droppable?.push(p);
    for (const [shape, at] of this.byShape) {
      const t = this.textsOf(shape, e);
      if (t === undefined) continue;
      const s = at.get(t);
      if (s === undefined) at.set(t, new Set([p]));
      else s.add(p);
    }
  }

  private removed(p: number): void {
    const e = this.items[p];
    if (e === undefined) return;
    for (const [shape, at] of this.byShape) {
      const t = this.textsOf(shape, e);
      if (t !== undefined) at.get(t)?.delete(p);
    }
  }
}

/** The key fields of an item (and whether it is empty), to see whether a walk changed them. */
function keysSnapshot(n: RNode, keys: string[]): string {
  if (n?.kind !== 'map') return n === undefined ? 'u' : n.kind;
  return JSON.stringify([n.entries.length === 0, keys.map((k) => { const f = field(n, k); return f === undefined ? null : textOf(f); })]);
}

type FirstIndex = Map<string, { items: YNode[]; first: Map<string, YNode> }>;

/**
 * elementValueList through an index: per source list and key set, the first map item per key
 * texts; rebuilt when the list's items array is replaced (setElement does that) or when the
 * cache is cleared (after a walk changed the key fields of an item).
 */
function elementValueListIndexed(sources: Sources, keysIn: string[], valuesIn: string[], cache: FirstIndex): Sources {
  const [keys, values] = validateKeys([valuesIn], valuesIn, keysIn);
  if (keys.length === 0 || keys[0] === '' || keys.length !== values.length) return elementValueList(sources, keysIn, valuesIn);
  const lookup = (i: 0 | 1): RNode => {
    const list = sources[i];
    if (list === undefined) return undefined;
    if (list.kind !== 'seq') return undefined;
    const id = `${i}\0${keys.join('\0')}`;
    let index = cache.get(id);
    if (index === undefined || index.items !== list.items) {
      index = { items: list.items, first: new Map() };
      for (const elem of list.items) {
        if (elem.kind !== 'map') continue;
        const texts: string[] = [];
        for (const k of keys) {
          const f = field(elem, k);
          if (f === undefined) break;
          texts.push(textOf(f));
        }
        if (texts.length !== keys.length) continue;
        const t = JSON.stringify(texts);
        if (!index.first.has(t)) index.first.set(t, elem);
      }
      cache.set(id, index);
    }
    return index.first.get(JSON.stringify(values));
  };
  return [lookup(0), lookup(1)];
}

/** ElementMatcher via RNode.ElementList: the first element whose keys all have exactly these texts. */
function elementList(list: RNode, keys: string[], values: string[]): RNode {
  if (list?.kind !== 'seq') return undefined;
  if (keys.length === 0 || keys[0] === '') {
    const want = values[0] ?? '';
    return list.items.find((i) => textOf(i) === want);
  }
  if (keys.length !== values.length) return undefined;
  for (const elem of list.items) {
    if (!isMissingOrNull(elem) && elem.kind !== 'map') continue;
    if (isMissingOrNull(elem)) continue;
    if (keys.every((k, i) => { const v = field(elem, k); return v !== undefined && textOf(v) === values[i]; })) return elem;
  }
  return undefined;
}

// ---------------------------------------------------------------- schema

type Schema = { type: string } | { opaque: true } | { list: string[]; item: Schema };
const OPAQUE: Schema = { opaque: true };

function parseSpec(spec: string): Schema {
  const at = spec.indexOf('[]');
  if (at < 0) return { type: spec };
  const item = spec.slice(0, at);
  const rest = spec.slice(at + 2);
  return { list: rest === '=' ? [] : rest.split(','), item: item ? { type: item } : OPAQUE };
}

function fieldSchema(s: Schema, key: string): Schema | undefined {
  if ('type' in s) {
    // Own properties only: a field named `constructor` or `__proto__` is just an unknown field.
    const fields = Object.hasOwn(TYPES, s.type) ? TYPES[s.type] : undefined;
    const spec = fields && Object.hasOwn(fields, key) ? fields[key] : undefined;
    return spec === undefined ? OPAQUE : parseSpec(spec);
  }
  if ('opaque' in s) return OPAQUE;
  return undefined; // an array schema has no fields
}

const elementSchema = (s: Schema): Schema | undefined => ('list' in s ? s.item : undefined);

function schemaForResource(n: YNode): Schema | undefined {
  // RNode.GetMeta: apiVersion and kind must both be non-empty
  const av = field(n, 'apiVersion');
  const kind = field(n, 'kind');
  if (isNilOrEmpty(av) || isNilOrEmpty(kind)) return undefined;
  const a = getValue(av);
  const k = getValue(kind);
  if (a === '' || k === '') return undefined;
  const t = Object.hasOwn(RESOURCE_TYPES, `${a}|${k}`) ? RESOURCE_TYPES[`${a}|${k}`] : undefined;
  if (t === undefined) return undefined;
  return t === '' ? OPAQUE : { type: t };
}

// ---------------------------------------------------------------- directives

type Directive = 'merge' | 'replace' | 'delete';
const PATCH = '$patch';

function directiveOf(patch: RNode, path: string): Directive {
  if (patch === undefined) return 'merge';
  if (patch.kind === 'seq') return sequenceDirective(patch, path);
  if (patch.kind === 'map') {
    const v = field(patch, PATCH);
    if (v === undefined) return 'merge';
    const d = textOf(v);
    if (d !== 'delete' && d !== 'replace' && d !== 'merge') throw new MergeError(`unknown patch strategy '${d}'`, path);
    patch.entries = patch.entries.filter((e) => e.key !== PATCH);
    return d;
  }
  throw new MergeError(`no implemented strategic merge patch strategy for '${patch.null ? '!!null' : '!!scalar'}' ('${patch.value}')`, path);
}

function sequenceDirective(patch: SeqNode, path: string): Directive {
  // the first map element with a $patch key, and only if that is its only key
  const el = patch.items.find((e) => e.kind === 'map' && field(e, PATCH) !== undefined) as MapNode | undefined;
  if (el === undefined || el.entries.length > 1) return 'merge';
  const d = textOf(field(el, PATCH)!);
  if (d !== 'delete' && d !== 'replace' && d !== 'merge') throw new MergeError(`unknown patch strategy '${d}'`, path);
  setElement(patch, undefined, [PATCH], [d], path);
  return d;
}

// ---------------------------------------------------------------- walk

type Sources = [RNode, RNode]; // [dest, origin]

const CLEAR = undefined;

class Walker {
  constructor(private readonly prepend: boolean) {}

  walk(sources: Sources, schemaIn: Schema | undefined, path: string): RNode {
    let schema = schemaIn;
    if (schema === undefined) {
      for (const s of sources) {
        if (isMissingOrNull(s)) continue;
        schema = schemaForResource(s!);
        if (schema) break;
      }
    }
    const first = sources.find((s) => !isMissingOrNull(s));
    switch (first?.kind) {
      case 'map':
        for (const s of sources) errorIfInvalid(s, 'map', path);
        return this.walkMap(sources, schema, path);
      case 'seq':
        for (const s of sources) errorIfInvalid(s, 'seq', path);
        if (schema !== undefined && 'list' in schema) return this.walkAssociativeSequence(sources, schema, path);
        // non-associative (or no schema): the patch's list replaces, as is
        return sources[1] !== undefined ? sources[1] : sources[0];
      case 'scalar':
        for (const s of sources) errorIfInvalid(s, 'scalar', path);
        return sources[1] !== undefined ? sources[1] : sources[0];
      default:
        return this.walkMap(sources, schema, path);
    }
  }

  private visitMap([dest, origin]: Sources, path: string): RNode {
    if (isMissingOrNull(dest)) {
      let d: Directive | undefined;
      try {
        d = directiveOf(origin, path);
      } catch {
        d = undefined; // kyaml ignores the error here
      }
      if (d === 'delete') return CLEAR;
      // a null the patch does not mention stays (yaml.MakePersistentNullNode)
      if (origin === undefined && dest !== undefined && textOf(dest) !== '') {
        return { kind: 'scalar', value: textOf(dest), null: true, js: null, keep: true };
      }
      return origin;
    }
    if (origin?.kind === 'scalar' && origin.null) return CLEAR;
    switch (directiveOf(origin, path)) {
      case 'delete':
        return CLEAR;
      case 'replace':
        return origin;
      default:
        return dest;
    }
  }

  private walkMap(sources: Sources, schema: Schema | undefined, path: string): RNode {
    const dest = this.visitMap(sources, path);
    sources[0] = dest;
    if (dest === undefined) return undefined;
    const names = new Set<string>();
    for (const s of sources) if (s?.kind === 'map') for (const e of s.entries) names.add(e.key);
    // kyaml walks the fields sorted (Go sort.Strings: by bytes)
    const sorted = [...names].sort(byCodePoint);
    for (const key of sorted) {
      const s = schema !== undefined ? fieldSchema(schema, key) : undefined;
      const fv: Sources = [field(sources[0], key), field(sources[1], key)];
      const val = this.walk(fv, s, path ? `${path}.${key}` : key);
      if (dest.kind === 'map') setField(dest, key, val);
    }
    return dest;
  }

  private visitAssociativeList([dest, origin]: Sources, path: string): RNode {
    if (isMissingOrNull(dest)) return origin;
    if (origin?.kind === 'scalar' && origin.null) return CLEAR;
    switch (directiveOf(origin, path)) {
      case 'delete':
        return CLEAR;
      case 'replace':
        return origin;
      default:
        return dest;
    }
  }

  private walkAssociativeSequence(sources: Sources, schema: { list: string[]; item: Schema }, path: string): RNode {
    const dest = this.visitAssociativeList(sources, path);
    sources[0] = dest;
    if (dest === undefined) return undefined;
    // kyaml only infers a key (name) when the schema has neither strategy nor
    // keys; with a schema saying "merge" that never happens
    const keys = schema.list;
    const values = this.elementValues(sources, keys);
    if (values.length !== 0 || keys.length > 0) return this.setAssociativeSequenceElements(sources, values, keys, dest as SeqNode, schema, path);
    return this.setAssociativeSequenceElements(sources, this.elementPrimitiveValues(sources), [''], dest as SeqNode, schema, path);
  }

  /** Sources in the order their items are enumerated: dest first when appending, patch first when prepending. */
  private ordered(sources: Sources): RNode[] {
    return this.prepend ? [sources[1], sources[0]] : [sources[0], sources[1]];
  }

  private elementValues(sources: Sources, keys: string[]): string[][] {
    const out: string[][] = [];
    const seen = new Set<string>();
    for (const src of this.ordered(sources)) {
      if (src?.kind !== 'seq') continue;
      for (const elem of src.items) {
        const vals = keys.map((k) => {
          const f = field(elem, k);
          return isNilOrEmpty(f) ? '' : textOf(f!);
        });
        const id = JSON.stringify(vals);
        if (vals.length === 0 || seen.has(id)) continue;
        out.push(vals);
        seen.add(id);
      }
    }
    return out;
  }

  private elementPrimitiveValues(sources: Sources): string[][] {
    const out: string[][] = [];
    const seen = new Set<string>();
    for (const src of this.ordered(sources)) {
      if (src?.kind !== 'seq') continue;
      for (const item of src.items) {
        const v = textOf(item);
        if (seen.has(v)) continue;
        out.push([v]);
        seen.add(v);
      }
    }
    return out;
  }

  private setAssociativeSequenceElements(
    sources: Sources,
    valuesListIn: string[][],
    keys: string[],
    destIn: SeqNode,
    schema: { list: string[]; item: Schema },
    path: string,
  ): RNode {
    let dest = destIn;
    const itemsToBeAdded: SeqNode = { kind: 'seq', items: [] };
    const itemSchema = elementSchema(schema);
    const valuesList = keys.length > 1 ? mergeValues(valuesListIn) : valuesListIn;
    const valid = validKeySet(valuesList, keys);
    // One merge key: list items found through an index instead of a scan per item (see KeyedList).
    const single = keys.length === 1 && keys[0] !== '' ? keys[0] : undefined;
    // Built on first use and again after a removal from dest the index cannot follow.
    let firstByKey: Array<Map<string, YNode> | undefined> | undefined;
    const firstElement = (i: 0 | 1, value: string): RNode => {
      firstByKey ??= [firstElements(sources[0], single!), firstElements(sources[1], single!)];
      return firstByKey[i]?.get(value);
    };
    const added = single === undefined ? undefined : new KeyedList(itemsToBeAdded, single);
    // Several merge keys: items found (elementList) and set (setElement) through indexes too.
    const multi = keys.length > 1;
    const firstByKeys: FirstIndex = new Map();
    const addedSeq = multi ? new IndexedSeq(itemsToBeAdded, keys) : undefined;
    let validKeys: string[] = [];
    let validValues: string[] = [];
    for (const values of valuesList) {
      if (values.length === 0) continue;
      [validKeys, validValues] = applyValidKeys(valid, values, keys);
      const elemPath = `${path}[${validKeys.map((k, i) => (k ? `${k}=${validValues[i]}` : validValues[i])).join(',')}]`;
      const indexed = single !== undefined && validKeys.length === 1 && validValues[0] !== '';
      const elementSources: Sources = indexed
        ? [firstElement(0, validValues[0]), firstElement(1, validValues[0])]
        : multi
          ? elementValueListIndexed(sources, validKeys, validValues, firstByKeys)
          : elementValueList(sources, validKeys, validValues);
      // the walk (and kyaml's SetField below) may change the key fields of the items it merges
      // (the walk overwrites elementSources[0]: the items are kept here)
      const [item0, item1] = elementSources;
      const before = multi ? [keysSnapshot(item0, keys), keysSnapshot(item1, keys)] : undefined;
      const val = new Walker(this.prepend).walk(elementSources, itemSchema, elemPath);
      let exit = false;
      for (let i = 0; i < validKeys.length; i++) {
        const key = validKeys[i];
        if (isMissingOrNull(val) || isEmptyMap(val)) {
          setElement(dest, undefined, validKeys, validValues, elemPath);
          // dest (a source, or both when the patch list became dest) lost the items of this
          // value: from the index too; another removal (a wildcard) rebuilds it
          if (indexed) for (const m of firstByKey ?? []) m?.delete(validValues[0]);
          else firstByKey = undefined;
          exit = true;
        } else if (field(val, key) === undefined && validValues[i] !== '') {
          // kyaml puts the merge key back on the element (SetField). For a
          // scalar item (key '') it rewrites the item with the same text.
          if (key === '') errorIfInvalid(val, 'scalar', elemPath);
          else if (val!.kind === 'map') setField(val!, key, { kind: 'scalar', value: validValues[i], null: false });
          else errorIfInvalid(val, 'map', elemPath);
        }
      }
      if (before !== undefined && (before[0] !== keysSnapshot(item0, keys) || before[1] !== keysSnapshot(item1, keys))) {
        firstByKeys.clear();
        addedSeq!.reset();
      }
      if (exit) continue;
      if (indexed && added!.canSet(val)) added!.set(val!, validValues[0]);
      else if (addedSeq !== undefined) addedSeq.set(val, validKeys, validValues, elemPath);
      else {
        setElement(itemsToBeAdded, val, validKeys, validValues, elemPath);
        added?.invalidate();
      }
    }
    addedSeq?.finish();
    if (valuesList.length > 0) {
      if (this.prepend) {
        // kyaml writes dest's items over the merged ones here: this is what
        // loses `$patch: replace` on list items (kustomize issue 6146)
        dest = appendListNode(itemsToBeAdded, dest, validKeys, path);
      } else {
        dest = appendListNode(dest, itemsToBeAdded, validKeys, path);
      }
    }
    return isMissingOrNull(dest) ? undefined : dest;
  }
}

/** Go's string order (UTF-8 bytes), which is code point order. */
function byCodePoint(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const d = x[i].codePointAt(0)! - y[i].codePointAt(0)!;
    if (d !== 0) return d;
  }
  return x.length - y.length;
}

function elementValueList(sources: Sources, keysIn: string[], valuesIn: string[]): Sources {
  const [keys, values] = validateKeys([valuesIn], valuesIn, keysIn);
  return [sources[0] === undefined ? undefined : elementList(sources[0], keys, values), sources[1] === undefined ? undefined : elementList(sources[1], keys, values)];
}

/** appendListNode: sets each element of src into dst by its key values (replacing a match, else appending). */
function appendListNode(dst: SeqNode, src: SeqNode, keys: string[], path: string): SeqNode {
  if (keys.length === 1 && keys[0] !== '' && src.items.length > 0 && src.items.every((e) => keyText(e, keys[0]) !== undefined && keyText(e, keys[0]) !== '')) {
    // Every item has the one key with a text: ElementSetter through an index (same result).
    const index = new KeyedList(dst, keys[0]);
    for (const elem of [...src.items]) index.set(elem, keyText(elem, keys[0])!);
    return dst;
  }
  // keyed items: the same setElement calls, through an index (IndexedSeq)
  const indexed = keys[0] === '' ? undefined : new IndexedSeq(dst, keys);
  for (const elem of [...src.items]) {
    if (indexed === undefined) {
      setElement(dst, elem, [''], [textOf(elem)], path);
      continue;
    }
    const v: string[] = [];
    for (const key of keys) {
      const valueNode = matchField(elem, key, undefined, path);
      if (valueNode === undefined) {
        // as kyaml: appended directly, and then set once more below
        indexed.push(elem);
        continue;
      }
      v.push(textOf(valueNode));
    }
    if (keys.length > 1) indexed.set(undefined, keys, v, path);
    indexed.set(elem, keys, v, path);
  }
  indexed?.finish();
  return dst;
}

/** validateKeys: drops the keys no element has a value for (all keys when none has any). */
function validateKeys(valuesList: string[][], values: string[], keys: string[]): [string[], string[]] {
  return applyValidKeys(validKeySet(valuesList, keys), values, keys);
}

/** The keys some element has a value for (validateKeys' first half: once per list, not per element). */
function validKeySet(valuesList: string[][], keys: string[]): Set<string> {
  const valid = new Set<string>();
  for (const vs of valuesList) vs.forEach((v, i) => v !== '' && valid.add(keys[i]));
  return valid;
}

function applyValidKeys(valid: Set<string>, values: string[], keys: string[]): [string[], string[]] {
  if (valid.size === 0) return [keys, values];
  const validKeys = keys.filter((k) => valid.has(k));
  const validValues = values.filter((v, i) => v !== '' || valid.has(keys[i]));
  return [validKeys, validValues];
}

/**
 * mergeValues: key tuples that agree where both are set (e.g. a port with and without protocol)
 * become one. kyaml compares every tuple with every other; the same comparisons in the same order
 * here, skipping only the pairs that cannot match: a tuple can only match one that has, at each of
 * its set positions, the same text or none (found through an index of each position's texts).
 */
function mergeValues(valuesList: string[][]): string[][] {
  const n = valuesList.length;
  const width = n === 0 ? 0 : valuesList[0].length;
  if (n < 2 || valuesList.some((v) => v.length !== width)) return mergeValuesScan(valuesList);
  const byText: Array<Map<string, Set<number>>> = Array.from({ length: width }, () => new Map());
  const index = (j: number, add: boolean): void => {
    valuesList[j].forEach((t, p) => {
      let set = byText[p].get(t);
      if (!set) byText[p].set(t, (set = new Set()));
      if (add) set.add(j);
      else set.delete(j);
    });
  };
  const assign = (j: number, m: string[]): void => {
    index(j, false);
    valuesList[j] = m;
    index(j, true);
  };
  for (let j = 0; j < n; j++) index(j, true);
  const size = (p: number, t: string): number => (byText[p].get(t)?.size ?? 0) + (t === '' ? 0 : (byText[p].get('')?.size ?? 0));
  for (let i = 0; i < n; i++) {
    const values1 = valuesList[i];
    let best = -1;
    for (let p = 0; p < width; p++) if (values1[p] !== '' && (best === -1 || size(p, values1[p]) < size(best, values1[best]))) best = p;
    let candidates: number[];
    if (best === -1) candidates = Array.from({ length: n }, (_, j) => j);
    else {
      candidates = [...(byText[best].get(values1[best]) ?? []), ...(byText[best].get('') ?? [])];
      candidates.sort((a, b) => a - b);
    }
    for (const j of candidates) {
      const m = match(values1, valuesList[j]);
      if (m) {
        assign(i, m);
        assign(j, m);
      }
    }
  }
  return valuesList;
}

/** mergeValues as kyaml writes it: every tuple against every other (for tuples of unequal length). */
function mergeValuesScan(valuesList: string[][]): string[][] {
  for (let i = 0; i < valuesList.length; i++) {
    const values1 = valuesList[i];
    for (let j = 0; j < valuesList.length; j++) {
      const m = match(values1, valuesList[j]);
      if (m) {
        valuesList[i] = m;
        valuesList[j] = m;
      }
    }
  }
  return valuesList;
}

function match(a: string[], b: string[]): string[] | undefined {
  if (a.length !== b.length) return undefined;
  let common = false;
  const res: string[] = [];
  for (let i = 0; i < a.length; i++) {
    if (a[i] === b[i]) {
      common = true;
      res.push(a[i]);
      continue;
    }
    if (a[i] !== '' && b[i] !== '') return undefined;
    res.push(a[i] !== '' ? a[i] : b[i]);
  }
  return common ? res : undefined;
}

// ---------------------------------------------------------------- API

/**
 * merge2.Merge(src=patch, dest=base): returns a new value, inputs untouched;
 * null when the patch deletes the whole document (`$patch: delete`).
 * Throws MergeError with a field path on merges kyaml refuses.
 */
export function strategicMerge(base: unknown, patch: unknown, opts: MergeOptions = {}): unknown {
  const walker = new Walker(opts.listIncreaseDirection === 'prepend');
  const result = walker.walk([toNode(base), toNode(patch)], undefined, '');
  return result === undefined ? null : fromNode(result);
}

/** The CR annotation that chooses where spec.deployment.patch puts new list items. */
export const LIST_MERGE_MODE_ANNOTATION = 'rhdh.redhat.com/deployment-patch-list-merge-mode';

/** The operator reads only "prepend" and "append"; anything else (or nothing) is kyaml's default, append. */
export function listMergeModeFromAnnotation(value: string | undefined): ListIncreaseDirection {
  return value === 'prepend' ? 'prepend' : 'append';
}

/**
 * spec.deployment.patch as release-1.10 pkg/model/deployment.go applies it:
 * merge2 with the chosen list direction, and in prepend mode a second merge of
 * the same patch in append mode, because kyaml's prepend drops `$patch: replace`
 * on list items (kustomize issue 6146); the second pass restores them.
 */
export function mergeDeploymentPatch(base: unknown, patch: unknown, mode: ListIncreaseDirection): unknown {
  const merged = strategicMerge(base, patch, { listIncreaseDirection: mode });
  if (mode !== 'prepend') return merged;
  return strategicMerge(merged, patch, { listIncreaseDirection: 'append' });
}

// The profile's YAML files, parsed once per profile (see docs/performance.md).
//
// Every CR of a render reads the same profile files (default-config, flavours, platform patches);
// parsing them again for each CR was most of the time of a large render. The parsed documents are
// kept per Profile object (a WeakMap, so they go with it) and per text, and every caller gets its
// own deep copy, so no caller can change what another one reads. Deterministic: the result depends
// on the text only, exactly as parseYamlDocuments; errors are not kept (the next call parses again
// and throws the same error).
//
// Only plain data is kept: documents with other values the yaml package can make (timestamps as
// Date, !!binary as Buffer, !!set, !!omap) or with an object reached twice (aliases) are parsed
// again on every call, as before, so the copies are always exactly what a fresh parse gives.
import type { Profile } from '../profile/profile';
import { parseYamlDocuments, YamlError } from '../yaml';

type Parsed = { plain: true; docs: unknown[] } | { plain: false };

const memo = new WeakMap<Profile, Map<string, Parsed>>();

/** Whether v is made of primitives, arrays and plain objects only, each object reached once. */
function isPlainTree(v: unknown, seen: Set<object>): boolean {
  if (v === null) return true;
  const t = typeof v;
  if (t === 'string' || t === 'number' || t === 'boolean' || t === 'bigint' || t === 'undefined') return true;
  if (t !== 'object') return false;
  const o = v as object;
  if (seen.has(o)) return false;
  seen.add(o);
  const proto = Object.getPrototypeOf(o);
  if (Array.isArray(o)) return proto === Array.prototype && o.every((x) => isPlainTree(x, seen));
  if (proto !== Object.prototype) return false;
  // Own enumerable string keys only, as toJS makes them (no symbols, accessors or hidden fields).
  if (Object.getOwnPropertySymbols(o).length > 0 || Object.getOwnPropertyNames(o).length !== Object.keys(o).length) return false;
  for (const k of Object.keys(o)) {
    const d = Object.getOwnPropertyDescriptor(o, k)!;
    if (!('value' in d) || !d.writable || !d.configurable) return false;
    if (!isPlainTree(d.value, seen)) return false;
  }
  return true;
}

/** A deep copy of a plain tree (see isPlainTree): same keys in the same order, same values. */
function copyPlain(v: unknown): unknown {
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) {
    const out = new Array<unknown>(v.length);
    for (let i = 0; i < v.length; i++) out[i] = copyPlain(v[i]);
    return out;
  }
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(v)) {
    const x = copyPlain((v as Record<string, unknown>)[k]);
    // `out[k] = x` with k = "__proto__" would set the prototype; toJS defines it as an own field.
    if (k === '__proto__') Object.defineProperty(out, k, { value: x, enumerable: true, writable: true, configurable: true });
    else out[k] = x;
  }
  return out;
}

function parsedOf(profile: Profile, text: string): Parsed {
  let byText = memo.get(profile);
  if (!byText) {
    byText = new Map();
    // Documents parsed when the bundle was built (embedded profiles): the same values, no parsing.
    for (const [path, docs] of Object.entries(profile.preparsed ?? {})) {
      const t = profile.files[path];
      if (t !== undefined && Array.isArray(docs)) byText.set(t, { plain: true, docs });
    }
    memo.set(profile, byText);
  }
  let p = byText.get(text);
  if (p === undefined) {
    const docs = parseYamlDocuments(text); // throws: nothing is kept
    p = isPlainTree(docs, new Set()) ? { plain: true, docs } : { plain: false };
    byText.set(text, p);
  }
  return p;
}

/**
 * parseYamlDocuments for a text of the profile (a file, or a flavour's file): parsed once per
 * profile, a fresh copy for every call.
 */
export function parseProfileDocuments(profile: Profile, text: string): unknown[] {
  const p = parsedOf(profile, text);
  return p.plain ? (copyPlain(p.docs) as unknown[]) : parseYamlDocuments(text);
}

/** parseYaml for a text of the profile: one document or none (undefined), as parseYaml says. */
export function parseProfileYaml(profile: Profile, text: string): unknown {
  const p = parsedOf(profile, text);
  const docs = p.plain ? p.docs : parseYamlDocuments(text);
  if (docs.length > 1) throw new YamlError(`expected one YAML document, found ${docs.length}`);
  return p.plain ? copyPlain(docs[0]) : docs[0];
}

// Plugin-deps files are templates: `{{backstage-name}}` and `{{backstage-ns}}` stand for the CR's
// name and namespace. They are filled in as values, not as text: the template is parsed once with
// a sentinel word in place of each placeholder (a word of lowercase letters changes no token and
// makes every scalar holding it a string), then each CR gets a copy with the sentinels replaced
// in its strings (values and keys). So a name or namespace is written as a string whatever it
// looks like: namespace `0x1f`, `012`, `on`, `null` or `2001-01-01` stays that text (replaced in
// the text and read as YAML 1.1, it became 31, 10, true, null or a date).

const NAME_PLACEHOLDER = '{{backstage-name}}';
const NS_PLACEHOLDER = '{{backstage-ns}}';

type Template = { ok: false; error: unknown } | { ok: true; name: string; ns: string; docs: unknown[] };

const templates = new WeakMap<Profile, Map<string, Template>>();

function fillPlaceholders(text: string, name: string, ns: string): string {
  return text.split(NAME_PLACEHOLDER).join(name).split(NS_PLACEHOLDER).join(ns);
}

function analyseTemplate(text: string): Template {
  let i = 0;
  while (text.includes(`zbrn${i}q`) || text.includes(`zbrs${i}q`)) i++;
  const name = `zbrn${i}q`;
  const ns = `zbrs${i}q`;
  try {
    return { ok: true, name, ns, docs: parseYamlDocuments(fillPlaceholders(text, name, ns)) };
  } catch (error) {
    // Not YAML whatever the values: the same error for every CR.
    return { ok: false, error };
  }
}

/** A copy of the parsed template with the sentinels of its strings (and keys) replaced by the CR's values. */
function copyFilled(v: unknown, t: { name: string; ns: string }, name: string, ns: string): unknown {
  // One pass: a name holding the other sentinel's word stays as it is.
  const sentinels = new RegExp(`${t.name}|${t.ns}`, 'g');
  const fill = (x: string) => (x.includes(t.name) || x.includes(t.ns) ? x.replace(sentinels, (m) => (m === t.name ? name : ns)) : x);
  const walk = (x: unknown): unknown => {
    if (typeof x === 'string') return fill(x);
    if (x === null || typeof x !== 'object') return x;
    if (Array.isArray(x)) {
      const out = new Array<unknown>(x.length);
      for (let i = 0; i < x.length; i++) out[i] = walk(x[i]);
      return out;
    }
    const proto = Object.getPrototypeOf(x);
    if (proto !== Object.prototype && proto !== null) return x; // a Date or bytes: no placeholder in it
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(x)) {
      const key = fill(k);
      // A key made by filling in a placeholder may meet another key (`k-{{backstage-ns}}` and `k-ns1`).
      if (Object.hasOwn(out, key)) throw new YamlError('Map keys must be unique (a key made with {{backstage-name}} or {{backstage-ns}} is another key of the same map)');
      const y = walk((x as Record<string, unknown>)[k]);
      if (key === '__proto__') Object.defineProperty(out, key, { value: y, enumerable: true, writable: true, configurable: true });
      else out[key] = y;
    }
    return out;
  };
  return walk(v);
}

/** The documents of a plugin-deps template for one Backstage CR, the placeholders filled in as strings (above). */
export function fillTemplate(text: string, bs: { name: string; namespace: string }, template: Template = analyseTemplate(text)): unknown[] {
  if (!template.ok) throw template.error;
  return copyFilled(template.docs, template, bs.name, bs.namespace) as unknown[];
}

/** fillTemplate for a template of the profile: parsed once per profile. */
export function parseProfileTemplate(profile: Profile, text: string, bs: { name: string; namespace: string }): unknown[] {
  let byText = templates.get(profile);
  if (!byText) {
    byText = new Map();
    templates.set(profile, byText);
  }
  let t = byText.get(text);
  if (t === undefined) {
    t = analyseTemplate(text);
    byText.set(text, t);
  }
  return fillTemplate(text, bs, t);
}

const derived = new WeakMap<Profile, Map<string, Map<string, Map<string, string>>>>();

/**
 * A text computed by a pure function `compute` from two texts of the profile (what `kind` names,
 * e.g. merging two dynamic-plugins.yaml texts), computed once per profile. Errors are not kept.
 */
export function derivedProfileText(profile: Profile, kind: string, a: string, b: string, compute: () => string): string {
  let byKind = derived.get(profile);
  if (!byKind) {
    byKind = new Map();
    derived.set(profile, byKind);
  }
  let byA = byKind.get(kind);
  if (!byA) {
    byA = new Map();
    byKind.set(kind, byA);
  }
  let byB = byA.get(a);
  if (!byB) {
    byB = new Map();
    byA.set(a, byB);
  }
  let out = byB.get(b);
  if (out === undefined) {
    out = compute();
    byB.set(b, out);
  }
  return out;
}

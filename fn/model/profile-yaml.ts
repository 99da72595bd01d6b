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
import { CST, Lexer, parseAllDocuments, visit } from 'yaml';
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

// Plugin-deps files are templates: `{{backstage-name}}` and `{{backstage-ns}}` are replaced in the
// text before it is parsed (fn/plugins/deps.ts), so each CR has its own text. A template is parsed
// once with a sentinel word in place of each placeholder, and each CR gets a copy with the
// sentinels replaced by its values in the parsed strings, when that is provably what parsing its
// text gives (below); otherwise its text is parsed, as before.
//
// Template (once): the sentinel text parses; its documents are plain data (isPlainTree); no tag,
// anchor or alias in it; every token holding a sentinel is a comment or a scalar (plain, quoted or
// block), and the parsed strings hold exactly the sentinels of the scalar tokens (no escapes made
// or hid one); no map key holds one.
// Each CR: both values are words of lowercase letters, digits, '.' and '-' starting with a letter
// or digit, so they change no token (a plain scalar goes on through them; no indicator, comment,
// quote or line break); the CR's text is exactly the sentinel text with the sentinels replaced; and
// every string with a sentinel that is a plain scalar's (quoted and block scalars without a tag are
// strings whatever they hold) becomes one that YAML 1.1 reads as a string: a letter first, then
// letters, digits, '.' or '-', and not y/n/yes/no/on/off/true/false/null.

const NAME_PLACEHOLDER = '{{backstage-name}}';
const NS_PLACEHOLDER = '{{backstage-ns}}';
const SAFE_VALUE = /^[a-z0-9][a-z0-9.-]*$/;
const SURELY_STRING = /^[a-z][a-z0-9.-]*$/;
const YAML11_WORDS = new Set(['y', 'n', 'yes', 'no', 'on', 'off', 'true', 'false', 'null']);
// parseYamlDocuments checks the token structure of texts from 64 KiB (fn/yaml.ts); such texts are parsed.
const SMALL_TEXT = 64 * 1024;

type Template = { fast: false } | { fast: true; sentinelText: string; name: string; ns: string; docs: unknown[]; plain: Set<string> };

const templates = new WeakMap<Profile, Map<string, Template>>();

function occurrences(s: string, word: string): number {
  let n = 0;
  for (let i = s.indexOf(word); i !== -1; i = s.indexOf(word, i + 1)) n++;
  return n;
}

function fillPlaceholders(text: string, name: string, ns: string): string {
  return text.split(NAME_PLACEHOLDER).join(name).split(NS_PLACEHOLDER).join(ns);
}

/** Sentinel occurrences in the strings of a plain tree; -1 when a map key holds one. */
function sentinelsInValues(v: unknown, word: string): number {
  if (typeof v === 'string') return occurrences(v, word);
  if (v === null || typeof v !== 'object') return 0;
  let n = 0;
  if (Array.isArray(v)) {
    for (const x of v) {
      const k = sentinelsInValues(x, word);
      if (k < 0) return -1;
      n += k;
    }
    return n;
  }
  for (const key of Object.keys(v)) {
    if (key.includes(word)) return -1;
    const k = sentinelsInValues((v as Record<string, unknown>)[key], word);
    if (k < 0) return -1;
    n += k;
  }
  return n;
}

function analyseTemplate(text: string): Template {
  let i = 0;
  while (text.includes(`zbrn${i}q`) || text.includes(`zbrs${i}q`)) i++;
  const name = `zbrn${i}q`;
  const ns = `zbrs${i}q`;
  const sentinelText = fillPlaceholders(text, name, ns);
  if (sentinelText.length >= SMALL_TEXT) return { fast: false };
  let docs: unknown[];
  try {
    docs = parseYamlDocuments(sentinelText);
  } catch {
    return { fast: false };
  }
  if (!isPlainTree(docs, new Set())) return { fast: false };
  const inTokens = { [name]: 0, [ns]: 0 };
  for (const tok of new Lexer().lex(sentinelText)) {
    const type = CST.tokenType(tok);
    if (type === 'tag' || type === 'anchor' || type === 'alias') return { fast: false };
    if (!tok.includes(name) && !tok.includes(ns)) continue;
    if (type === 'comment') continue;
    // null: a plain scalar's text; 'space': a block scalar's body (it starts with its indentation).
    if (type !== null && type !== 'space' && type !== 'single-quoted-scalar' && type !== 'double-quoted-scalar') return { fast: false };
    inTokens[name] += occurrences(tok, name);
    inTokens[ns] += occurrences(tok, ns);
  }
  for (const word of [name, ns]) {
    if (sentinelsInValues(docs, word) !== inTokens[word]) return { fast: false };
  }
  // The values of plain scalars with a sentinel: checked for each CR (how YAML reads them depends on the text).
  const plain = new Set<string>();
  const parsed = parseAllDocuments(sentinelText, { version: '1.1' });
  for (const doc of Array.isArray(parsed) ? parsed : [parsed]) {
    visit(doc, {
      Scalar(_key, node) {
        if (node.type !== 'QUOTE_DOUBLE' && node.type !== 'QUOTE_SINGLE' && node.type !== 'BLOCK_LITERAL' && node.type !== 'BLOCK_FOLDED') plain.add(String(node.value));
      },
    });
  }
  return { fast: true, sentinelText, name, ns, docs, plain };
}

/** copyPlain, with the sentinels of each string replaced; not ok when a plain scalar might not stay a string. */
function copyFilled(v: unknown, t: { name: string; ns: string; plain: Set<string> }, name: string, ns: string): { ok: boolean; value: unknown } {
  let ok = true;
  const walk = (x: unknown): unknown => {
    if (typeof x === 'string') {
      if (!x.includes(t.name) && !x.includes(t.ns)) return x;
      const s = x.split(t.name).join(name).split(t.ns).join(ns);
      if (t.plain.has(x) && (!SURELY_STRING.test(s) || YAML11_WORDS.has(s))) ok = false;
      return s;
    }
    if (x === null || typeof x !== 'object') return x;
    if (Array.isArray(x)) {
      const out = new Array<unknown>(x.length);
      for (let i = 0; i < x.length; i++) out[i] = walk(x[i]);
      return out;
    }
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(x)) {
      const y = walk((x as Record<string, unknown>)[k]);
      if (k === '__proto__') Object.defineProperty(out, k, { value: y, enumerable: true, writable: true, configurable: true });
      else out[k] = y;
    }
    return out;
  };
  const value = walk(v);
  return { ok, value };
}

/**
 * The documents of a plugin-deps template of the profile for one Backstage CR: exactly what
 * parseYamlDocuments gives for the text with `{{backstage-name}}` / `{{backstage-ns}}` replaced
 * (name first, then namespace), parsed once per profile when that is provably the same (above).
 */
export function parseProfileTemplate(profile: Profile, text: string, bs: { name: string; namespace: string }): unknown[] {
  const filled = fillPlaceholders(text, bs.name, bs.namespace);
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
  if (
    t.fast &&
    filled.length < SMALL_TEXT &&
    SAFE_VALUE.test(bs.name) &&
    SAFE_VALUE.test(bs.namespace) &&
    t.sentinelText.split(t.name).join(bs.name).split(t.ns).join(bs.namespace) === filled
  ) {
    const copy = copyFilled(t.docs, t, bs.name, bs.namespace);
    if (copy.ok) return copy.value as unknown[];
  }
  return parseYamlDocuments(filled);
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

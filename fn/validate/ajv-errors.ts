// Readable problems from ajv errors: kpt-style field paths from JSON pointers, and messages that
// say what is allowed. Apart from ajv-support.ts (which makes the ajv instance), so that the bundle,
// whose CR validators are compiled at build time, does not load ajv itself.
//
// Pure: no fs, no clock.

import type { ErrorObject } from 'ajv';

function unescapePointer(token: string): string {
  return token.replace(/~1/g, '/').replace(/~0/g, '~');
}

const PLAIN_KEY = /^[A-Za-z_$][A-Za-z0-9_$-]*$/;

/**
 * Turns a JSON pointer into kpt's dotted field path: `/spec/containers/0/name` ->
 * `spec.containers[0].name`. Array indexes are told apart from numeric map keys by looking at
 * the data; a key that is not a plain name (dots, slashes) is written `["a.b/c"]`.
 */
export function pointerToPath(pointer: string, root: unknown): string {
  if (pointer === '') return '';
  const tokens = pointer.split('/').slice(1).map(unescapePointer);
  let out = '';
  let node: unknown = root;
  for (const t of tokens) {
    if (Array.isArray(node) && /^\d+$/.test(t)) {
      out += `[${t}]`;
      node = node[Number(t)];
      continue;
    }
    out += PLAIN_KEY.test(t) ? (out === '' ? t : `.${t}`) : `[${JSON.stringify(t)}]`;
    node = node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[t] : undefined;
  }
  return out;
}

/** Appends a child field name to a kpt path. */
export function childPath(parent: string, key: string): string {
  if (!PLAIN_KEY.test(key)) return `${parent}[${JSON.stringify(key)}]`;
  return parent === '' ? key : `${parent}.${key}`;
}

/** The JSON type name a schema author thinks in: null, array, integer/number, object, string, boolean. */
export function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

/** A short rendering of a found value for messages (long strings cut). */
export function shown(v: unknown): string {
  let s: string;
  try {
    s = JSON.stringify(v) ?? String(v);
  } catch {
    s = String(v);
  }
  return s.length > 80 ? `${s.slice(0, 77)}...` : s;
}

function article(t: string): string {
  if (t === 'null') return 'null';
  return /^[aeiou]/.test(t) ? `an ${t}` : `a ${t}`;
}

function typeList(types: string | string[]): string {
  let names = (Array.isArray(types) ? types : String(types).split(',')).map((t) => t.trim());
  // A nullable field: null is allowed too, but naming it only makes the message harder to read.
  if (names.length > 1) names = names.filter((t) => t !== 'null');
  const list = names.map((t) => article(t));
  return list.length <= 1 ? list.join('') : `${list.slice(0, -1).join(', ')} or ${list[list.length - 1]}`;
}

const FORMAT_NAMES: Record<string, string> = {
  byte: 'base64-encoded data',
  'date-time': 'an RFC 3339 date-time',
  int32: 'a 32-bit integer',
};

export interface Problem {
  /** `unknown` problems are fields the schema does not know (additionalProperties: false). */
  kind: 'unknown' | 'invalid';
  path: string;
  message: string;
  /** For `unknown`: the fields the schema knows at that place, in schema order. */
  known?: string[];
}

/**
 * One readable problem per ajv error: the path points at the offending field (for a missing
 * required field and an unknown field: at that field), the message says what is allowed.
 */
export function describeError(e: ErrorObject, root: unknown): Problem {
  const at = pointerToPath(e.instancePath, root);
  const p = e.params as Record<string, unknown>;
  const found = e.data;
  switch (e.keyword) {
    case 'required':
      return { kind: 'invalid', path: childPath(at, String(p.missingProperty)), message: `missing required field "${String(p.missingProperty)}"` };
    case 'additionalProperties': {
      const known = Object.keys(((e.parentSchema as Record<string, unknown>)?.properties as object) ?? {});
      return { kind: 'unknown', path: childPath(at, String(p.additionalProperty)), message: `unknown field "${String(p.additionalProperty)}"`, known };
    }
    case 'type':
      return { kind: 'invalid', path: at, message: `must be ${typeList(p.type as string | string[])}, not ${article(typeName(found))}${found !== null && typeof found !== 'object' ? ` (${shown(found)})` : ''}` };
    case 'enum':
      return {
        kind: 'invalid',
        path: at,
        message: `must be one of ${(p.allowedValues as unknown[]).map((v) => shown(v)).join(', ')}, not ${shown(found)}`,
      };
    case 'const':
      return { kind: 'invalid', path: at, message: `must be ${shown(p.allowedValue)}, not ${shown(found)}` };
    case 'pattern': {
      const named = (e.parentSchema as Record<string, unknown>)?.['x-pattern-message'];
      return { kind: 'invalid', path: at, message: `must be ${typeof named === 'string' ? named : `a string matching ${String(p.pattern)}`}, not ${shown(found)}` };
    }
    case 'format':
      return { kind: 'invalid', path: at, message: `must be ${FORMAT_NAMES[String(p.format)] ?? `a valid ${String(p.format)} value`}, not ${shown(found)}` };
    case 'maxLength':
      return { kind: 'invalid', path: at, message: `must be at most ${String(p.limit)} characters long (found ${String((found as string).length)})` };
    case 'minLength':
      return {
        kind: 'invalid',
        path: at,
        message: p.limit === 1 ? 'must not be empty' : `must be at least ${String(p.limit)} characters long (found ${String((found as string).length)})`,
      };
    case 'minItems':
      return { kind: 'invalid', path: at, message: `must have at least ${String(p.limit)} item${p.limit === 1 ? '' : 's'} (found ${String((found as unknown[]).length)})` };
    case 'maxItems':
      return { kind: 'invalid', path: at, message: `must have at most ${String(p.limit)} item${p.limit === 1 ? '' : 's'} (found ${String((found as unknown[]).length)})` };
    case 'minimum':
    case 'exclusiveMinimum':
    case 'maximum':
    case 'exclusiveMaximum':
      return { kind: 'invalid', path: at, message: `must be ${String(p.comparison)} ${String(p.limit)}, not ${shown(found)}` };
    case 'not': {
      const rules = (e.parentSchema as Record<string, unknown>)?.['x-kubernetes-validations'] as Array<{ message?: string }> | undefined;
      const msg = rules?.[0]?.message;
      return { kind: 'invalid', path: at, message: msg ? `${msg} (found ${shown(found)})` : `must not match ${shown(e.schema)} (found ${shown(found)})` };
    }
    default:
      return { kind: 'invalid', path: at, message: `${e.message ?? 'is not valid'}` };
  }
}

/** The problems of one validation run: deduplicated, in a stable order (path, then message). */
export function describeErrors(errors: ErrorObject[] | null | undefined, root: unknown): Problem[] {
  const seen = new Set<string>();
  const out: Problem[] = [];
  for (const e of errors ?? []) {
    // `if`/`anyOf`/`oneOf` wrappers only repeat what their branches already said.
    if (e.keyword === 'if' || e.keyword === 'anyOf' || e.keyword === 'oneOf' || e.keyword === 'allOf') continue;
    // The `{type: 'null'}` alternative of a nullable field (anyOf [$ref, null]) says nothing useful.
    if (e.keyword === 'type' && e.schema === 'null') continue;
    const pr = describeError(e, root);
    const key = `${pr.kind}\u0000${pr.path}\u0000${pr.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(pr);
  }
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.message < b.message ? -1 : a.message > b.message ? 1 : 0));
}

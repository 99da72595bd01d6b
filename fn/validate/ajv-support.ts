// Shared pieces of the two validators (Backstage CR, Kubernetes output): one ajv setup, and (from
// ajv-errors.ts) kpt-style field paths from JSON pointers and readable messages from ajv errors.
//
// Pure: no fs, no clock. Schemas are compiled lazily by the callers, once per process (the bundle's
// CR validators are compiled at build time: scripts/cr-validators.js).

import Ajv from 'ajv';
import type { Options } from 'ajv';
import { AJV_FORMATS } from './formats';

/** Keywords our schemas carry for documentation (Kubernetes OpenAPI extensions). */
export const KUBERNETES_KEYWORDS = [
  'x-kubernetes-preserve-unknown-fields',
  'x-kubernetes-validations',
  'x-kubernetes-int-or-string',
  'x-kubernetes-embedded-resource',
  'x-kubernetes-list-type',
  'x-kubernetes-list-map-keys',
  'x-kubernetes-map-type',
  'x-kubernetes-patch-strategy',
  'x-kubernetes-patch-merge-key',
  // Ours: a readable name for a `pattern`, used in messages instead of the regular expression.
  'x-pattern-message',
];

/** A draft-07 ajv instance with every error reported and the formats Kubernetes schemas use. */
export function newAjv(extra: Options = {}): Ajv {
  const ajv = new Ajv({
    allErrors: true,
    verbose: true,
    strict: true,
    strictTuples: false,
    strictRequired: false,
    allowUnionTypes: true,
    validateFormats: true,
    useDefaults: false,
    coerceTypes: false,
    ...extra,
  });
  for (const k of KUBERNETES_KEYWORDS) ajv.addKeyword(k);
  for (const [name, format] of Object.entries(AJV_FORMATS)) ajv.addFormat(name, format);
  return ajv;
}

export { childPath, describeError, describeErrors, pointerToPath, shown, typeName } from './ajv-errors';
export type { Problem } from './ajv-errors';

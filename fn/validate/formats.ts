// The formats of our JSON Schemas (Kubernetes OpenAPI formats), for ajv: newAjv adds them, and the
// validators precompiled at build time (scripts/cr-validators.js) require this module by name, so
// both check with the same functions.
import type { Format } from 'ajv';

const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;
// RFC 3339 date-time, as Kubernetes writes metav1.Time.
const DATE_TIME = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;
// Standard base64 (Secret data), padding required as Go's encoding/json expects.
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Integer-ness is the `type: integer` keyword's business; the formats only check the range. */
export const AJV_FORMATS: Record<string, Format> = {
  int32: { type: 'number', validate: (n: number) => n >= INT32_MIN && n <= INT32_MAX },
  int64: { type: 'number', validate: () => true },
  double: { type: 'number', validate: () => true },
  'date-time': { type: 'string', validate: (s: string) => DATE_TIME.test(s) },
  byte: { type: 'string', validate: (s: string) => BASE64.test(s) },
  'int-or-string': true,
};

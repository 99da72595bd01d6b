// The validators of cr-schema.ts, by key. Here, in the sources (tests, type checks), ajv compiles
// each schema lazily, once per process. The bundle replaces this module with build/cr-validators.js
// (scripts/build.js), which scripts/cr-validators.js generates as ajv standalone code from the same
// schemas (validator-schemas.ts) and the same ajv setup (ajv-support.ts, formats.ts), so the bundle
// compiles no schema at run time and does not load ajv itself
// (test/validate/precompiled-validators.test.ts checks both give the same results).
import type { ValidateFunction } from 'ajv';
import { newAjv } from './ajv-support';
import { VALIDATOR_SCHEMAS } from './validator-schemas';
import type { ValidatorKey } from './validator-schemas';

let ajv: ReturnType<typeof newAjv> | undefined;
const compiled = new Map<ValidatorKey, ValidateFunction>();

/** The validator of a schema of validator-schemas.ts. */
export function validatorFor(key: ValidatorKey): ValidateFunction {
  let fn = compiled.get(key);
  if (!fn) {
    ajv ??= newAjv();
    fn = ajv.compile(VALIDATOR_SCHEMAS[key]);
    compiled.set(key, fn);
  }
  return fn;
}

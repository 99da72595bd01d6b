// Validates a Backstage CR (rhdh.redhat.com v1alpha3..v1alpha5) and the RenderBackstage function
// config against our JSON Schemas in schemas/, reporting each problem as a KRM result.
//
// Severity: a field the schema does not know is a WARNING, because the API server would prune it
// silently (the operator never sees it); every other violation (wrong type, enum, pattern,
// missing required field, the `containers` rule) is an ERROR, because the API server would reject
// the CR. Inside `spec.deployment.patch` (x-kubernetes-preserve-unknown-fields) nothing is checked,
// and neither is `status` (the API server ignores it outside the status subresource).

import type { KObject } from '../kio/types';
import { isObject } from '../kio/types';
import type { Diagnostics } from '../diagnostics';
import { FUNCTION_CONFIG_API_VERSION, FUNCTION_CONFIG_KIND, OPTION_NAMES } from '../options';
import { describeErrors } from './ajv-errors';
import { validatorFor } from './validators';
import { VALIDATOR_SCHEMAS } from './validator-schemas';

export const BACKSTAGE_GROUP = 'rhdh.redhat.com';
export const BACKSTAGE_KIND = 'Backstage';
export const SUPPORTED_BACKSTAGE_VERSIONS = ['v1alpha3', 'v1alpha4', 'v1alpha5'] as const;
export type BackstageVersion = (typeof SUPPORTED_BACKSTAGE_VERSIONS)[number];
export const SUPPORTED_BACKSTAGE_API_VERSIONS = SUPPORTED_BACKSTAGE_VERSIONS.map((v) => `${BACKSTAGE_GROUP}/${v}`);

/** Versions the operator's CRD (release-1.10 and main) keeps but no longer serves. */
export const UNSERVED_BACKSTAGE_VERSIONS: readonly BackstageVersion[] = ['v1alpha3'];

/** The JSON Schema of one Backstage CR version (as shipped in schemas/). */
export function backstageSchema(version: BackstageVersion): object {
  return VALIDATOR_SCHEMAS[`backstage-${version}`];
}

/** `rhdh.redhat.com/v1alpha5` -> `v1alpha5`; undefined for anything that is not a supported version. */
export function backstageVersionOf(apiVersion: unknown): BackstageVersion | undefined {
  if (typeof apiVersion !== 'string') return undefined;
  const i = SUPPORTED_BACKSTAGE_API_VERSIONS.indexOf(apiVersion);
  return i < 0 ? undefined : SUPPORTED_BACKSTAGE_VERSIONS[i];
}

/**
 * Validates a Backstage CR against the schema of its apiVersion. Every problem becomes one result
 * (ref = the CR, field.path = the offending field in kpt's dotted form), deduplicated and sorted
 * by path. Returns false if any error was reported (warnings alone return true).
 */
export function validateBackstageCR(cr: KObject, diag: Diagnostics): boolean {
  if (!isObject(cr)) {
    diag.error('a Backstage CR must be a map');
    return false;
  }
  const apiVersion = cr.apiVersion as unknown;
  const kind = cr.kind as unknown;
  const supported = SUPPORTED_BACKSTAGE_API_VERSIONS.join(', ');
  if (kind !== BACKSTAGE_KIND) {
    diag.error(`kind must be "${BACKSTAGE_KIND}", not ${JSON.stringify(kind ?? null)}`, { ref: cr, path: 'kind' });
    return false;
  }
  const version = backstageVersionOf(apiVersion);
  if (!version) {
    const group = typeof apiVersion === 'string' && apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '';
    const what = group === BACKSTAGE_GROUP ? `${String(apiVersion)} is not a supported version of ${BACKSTAGE_GROUP}` : `apiVersion ${JSON.stringify(apiVersion ?? null)} is not a Backstage API version`;
    diag.error(`${what}; supported: ${supported}`, { ref: cr, path: 'apiVersion' });
    return false;
  }
  // An unserved version (v1alpha3) is said once, by readBackstageCR (fn/model/cr.ts).
  let ok = true;
  const validate = validatorFor(`backstage-${version}`);
  // status is not input: with the status subresource the API server ignores it on create/update.
  const data = withoutNullFields(cr, []) as Record<string, unknown>;
  delete data.status;
  if (!validate(data)) {
    for (const p of describeErrors(validate.errors, data)) {
      if (p.kind === 'unknown') {
        const known = p.known?.length ? `; known fields here: ${p.known.join(', ')}` : '';
        diag.warning(`${p.message} has no effect: the API server drops fields the CRD does not define${known}`, { ref: cr, path: p.path });
      } else {
        diag.error(p.message, { ref: cr, path: p.path });
        ok = false;
      }
    }
  }
  return ok;
}

/**
 * A copy without null-valued fields: the API server prunes a null field whose schema is not
 * nullable (none in the Backstage CRD) before it validates, so `application:` left empty in YAML
 * means "unset", not a type error. Array items stay (a null item is an error there too), and so
 * does everything under spec.deployment.patch (x-kubernetes-preserve-unknown-fields).
 */
function withoutNullFields(v: unknown, path: string[]): unknown {
  if (Array.isArray(v)) return v.map((x) => withoutNullFields(x, path));
  if (!isObject(v)) return v;
  if (path.length === 3 && path[0] === 'spec' && path[1] === 'deployment' && path[2] === 'patch') return v;
  // Object.fromEntries defines each key (`out[k] = x` with k = "__proto__" would set the prototype).
  return Object.fromEntries(Object.entries(v).flatMap(([k, x]) => (x === null ? [] : [[k, withoutNullFields(x, [...path, k])]])));
}

/**
 * Validates a RenderBackstage (fn.kpt.dev/v1alpha1) function config against
 * schemas/render-backstage.schema.json. Unknown spec fields are errors here (there is no API
 * server to drop them, and options.ts rejects them too). Null spec values count as unset, and
 * booleans may be written as "true"/"false", as options.ts reads them. Other kinds (a ConfigMap
 * functionConfig) are not checked here and return true.
 */
export function validateFunctionConfigSpec(fc: KObject, diag: Diagnostics): boolean {
  if (!isObject(fc) || fc.kind !== FUNCTION_CONFIG_KIND || fc.apiVersion !== FUNCTION_CONFIG_API_VERSION) return true;
  const data: Record<string, unknown> = { ...fc };
  if (isObject(fc.spec)) {
    data.spec = Object.fromEntries(Object.entries(fc.spec).filter(([, v]) => v !== null && v !== undefined));
  } else if (fc.spec === null) {
    delete data.spec;
  }
  const validate = validatorFor('render-backstage');
  if (validate(data)) return true;
  for (const p of describeErrors(validate.errors, data)) {
    let message = p.message;
    if (p.kind === 'unknown') {
      const name = p.path.slice(p.path.lastIndexOf('.') + 1);
      message = p.path === `spec.${name}` ? `unknown option "${name}"; accepted options: ${OPTION_NAMES.join(', ')}` : `${p.message}; known fields here: ${(p.known ?? []).join(', ')}`;
    }
    diag.error(message, { ref: fc, path: p.path });
  }
  return false;
}

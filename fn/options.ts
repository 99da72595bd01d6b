import type { KObject, Result } from './kio/types';
import { isObject } from './kio/types';

/** Options are the same in both doors: CLI flags and the KRM functionConfig. */
export interface RenderOptions {
  /** `openshift` renders the Route and applies no `.k8s` patches; `kubernetes` the opposite. */
  platform: 'openshift' | 'kubernetes';
  /** An embedded profile name (`rhdh`, `backstage.io`) or a profile directory (resolved by the door). */
  profile: string;
  /** The cluster's ingress domain (OpenShift apps domain), used for Route hosts and base URLs. */
  ingressDomain?: string;
  /** Key for deriving the local database password; never printed. */
  secretSeed?: string;
  /** Image overrides the operator takes from RELATED_IMAGE_* variables. */
  backstageImage?: string;
  postgresqlImage?: string;
  catalogIndexImage?: string;
  /** Leave the generated DB Secret out of the output (create it out of band). */
  omitDbSecret?: boolean;
  /** Emit the profile's cluster-scoped plugin-infra objects as well. */
  pluginInfra?: boolean;
  /** The operator's OPERATOR_DP_PROCESSING mode: resolve dynamic plugins operator-side. */
  dynamicPluginsProcessing?: boolean;
  /** Namespace for CRs that have none. */
  namespace?: string;
}

export const DEFAULT_OPTIONS: RenderOptions = { platform: 'openshift', profile: 'rhdh' };

export const FUNCTION_CONFIG_KIND = 'RenderBackstage';
export const FUNCTION_CONFIG_API_VERSION = 'fn.kpt.dev/v1alpha1';

type OptionKind = 'string' | 'boolean' | 'platform';
const OPTION_FIELDS: Record<string, { key: keyof RenderOptions; type: OptionKind }> = {
  platform: { key: 'platform', type: 'platform' },
  profile: { key: 'profile', type: 'string' },
  ingressDomain: { key: 'ingressDomain', type: 'string' },
  secretSeed: { key: 'secretSeed', type: 'string' },
  backstageImage: { key: 'backstageImage', type: 'string' },
  postgresqlImage: { key: 'postgresqlImage', type: 'string' },
  catalogIndexImage: { key: 'catalogIndexImage', type: 'string' },
  omitDbSecret: { key: 'omitDbSecret', type: 'boolean' },
  pluginInfra: { key: 'pluginInfra', type: 'boolean' },
  dynamicPluginsProcessing: { key: 'dynamicPluginsProcessing', type: 'boolean' },
  namespace: { key: 'namespace', type: 'string' },
};

export const OPTION_NAMES = Object.keys(OPTION_FIELDS);

export interface ParsedOptions {
  options: Partial<RenderOptions>;
  results: Result[];
}

function fcRef(fc: KObject) {
  return { apiVersion: String(fc.apiVersion ?? ''), kind: String(fc.kind ?? ''), name: String(fc.metadata?.name ?? '') };
}

/**
 * Reads options from a map of raw values (ConfigMap data, RenderBackstage spec, or CLI flags).
 * Booleans accept true/false (ConfigMap data is always strings). `fieldPrefix` makes result paths.
 */
export function readOptionValues(values: Record<string, unknown>, fieldPrefix: string, ref?: KObject): ParsedOptions {
  const options: Partial<RenderOptions> = {};
  const results: Result[] = [];
  const where = (name: string) => ({
    ...(ref ? { resourceRef: fcRef(ref) } : {}),
    field: { path: `${fieldPrefix}${name}` },
  });
  for (const [name, raw] of Object.entries(values)) {
    const spec = OPTION_FIELDS[name];
    if (!spec) {
      results.push({
        severity: 'error',
        message: `unknown option "${name}"; accepted options: ${OPTION_NAMES.join(', ')}`,
        ...where(name),
      });
      continue;
    }
    if (raw === undefined || raw === null) continue;
    if (spec.type === 'boolean') {
      if (raw === true || raw === 'true') (options as Record<string, unknown>)[spec.key] = true;
      else if (raw === false || raw === 'false') (options as Record<string, unknown>)[spec.key] = false;
      else results.push({ severity: 'error', message: `option "${name}" must be true or false`, ...where(name) });
      continue;
    }
    if (typeof raw !== 'string' || raw === '') {
      results.push({ severity: 'error', message: `option "${name}" must be a non-empty string`, ...where(name) });
      continue;
    }
    if (spec.type === 'platform' && raw !== 'openshift' && raw !== 'kubernetes') {
      results.push({
        severity: 'error',
        message: `option "platform" must be "openshift" or "kubernetes", not "${raw}"`,
        ...where(name),
      });
      continue;
    }
    (options as Record<string, unknown>)[spec.key] = raw;
  }
  return { options, results };
}

/**
 * Reads the functionConfig: a ConfigMap whose data holds the options (what `kpt fn eval -- k=v`
 * sends, `function-input` with empty data meaning defaults) or a RenderBackstage object with the
 * same fields under spec. No functionConfig means defaults.
 */
export function parseFunctionConfig(fc: KObject | undefined): ParsedOptions {
  if (fc === undefined || fc === null || (isObject(fc) && Object.keys(fc).length === 0)) return { options: {}, results: [] };
  if (!isObject(fc)) {
    return { options: {}, results: [{ severity: 'error', message: 'functionConfig must be an object' }] };
  }
  const accepted = `accepted: a ConfigMap (v1) with options under data, or ${FUNCTION_CONFIG_API_VERSION} ${FUNCTION_CONFIG_KIND} with options under spec`;
  if (fc.kind === 'ConfigMap' && fc.apiVersion === 'v1') {
    const data = fc.data === undefined || fc.data === null ? {} : fc.data;
    if (!isObject(data)) {
      return { options: {}, results: [{ severity: 'error', message: 'functionConfig data must be a map', resourceRef: fcRef(fc), field: { path: 'data' } }] };
    }
    return readOptionValues(data, 'data.', fc);
  }
  if (fc.kind === FUNCTION_CONFIG_KIND && fc.apiVersion === FUNCTION_CONFIG_API_VERSION) {
    const spec = fc.spec === undefined || fc.spec === null ? {} : fc.spec;
    if (!isObject(spec)) {
      return { options: {}, results: [{ severity: 'error', message: 'spec must be a map', resourceRef: fcRef(fc), field: { path: 'spec' } }] };
    }
    return readOptionValues(spec, 'spec.', fc);
  }
  return {
    options: {},
    results: [
      {
        severity: 'error',
        message: `functionConfig ${String(fc.apiVersion)} ${String(fc.kind)} is not supported; ${accepted}`,
        resourceRef: fcRef(fc),
      },
    ],
  };
}

export function withDefaults(...layers: Array<Partial<RenderOptions>>): RenderOptions {
  const out: RenderOptions = { ...DEFAULT_OPTIONS };
  for (const l of layers) for (const [k, v] of Object.entries(l)) if (v !== undefined) (out as unknown as Record<string, unknown>)[k] = v;
  return out;
}

import type { KObject, Result } from './kio/types';
import { appendAll, isObject } from './kio/types';
import { DEFAULT_OPERATOR_VERSION, OPERATOR_VERSIONS, isOperatorVersion, type OperatorVersion } from './versions';

/** Options are the same in both doors: CLI flags and the KRM functionConfig. */
export interface RenderOptions {
  /** `openshift` renders the Route and applies no `.k8s` patches; `kubernetes` the opposite. */
  platform: 'openshift' | 'kubernetes';
  /** An embedded profile name (`rhdh`, `backstage.io`) or a profile directory (resolved by the door). */
  profile: string;
  /**
   * The operator release line to render as (fn/versions.ts): its embedded profiles and its model
   * behaviour. Unset: the profile's recorded version (profile-from-manifest), else 1.10.
   */
  operatorVersion?: OperatorVersion;
  /** The cluster's ingress domain (OpenShift apps domain), used for Route hosts and base URLs. */
  ingressDomain?: string;
  /** Key for deriving the local database password; never printed. */
  secretSeed?: string;
  /** Image overrides the operator takes from RELATED_IMAGE_* variables. */
  backstageImage?: string;
  postgresqlImage?: string;
  catalogIndexImage?: string;
  /** Leave the generated DB Secret out of the output (create it out of band): `dbSecret: omit`, kept as an alias. */
  omitDbSecret?: boolean;
  /** What stands for the local database Secret in the output; see DB_SECRET_MODES (fn/db-secret-modes.ts says why). */
  dbSecret?: DbSecretMode;
  /**
   * dbSecret sealed-secrets: the controller's public certificate (PEM, what `kubeseal --fetch-cert`
   * prints), a path the door reads; without it, a ConfigMap `sealed-secrets-cert` (key `cert.pem`) in the input.
   */
  sealedSecretsCert?: string;
  /** Emit the profile's cluster-scoped plugin-infra objects as well. */
  pluginInfra?: boolean;
  /** The operator's OPERATOR_DP_PROCESSING mode: resolve dynamic plugins operator-side. */
  dynamicPluginsProcessing?: boolean;
  /**
   * The install-dynamic-plugins init container's image in dynamicPluginsProcessing mode (the
   * operator's INSTALL_DP_IMAGE); DEFAULT_INSTALL_DYNAMIC_PLUGINS_IMAGE when unset.
   */
  installDynamicPluginsImage?: string;
  /** Namespace for CRs that have none. */
  namespace?: string;
  // ---- delivery (fn/delivery.ts, README "Use it with kustomize / kpt / Argo CD / Flux") ----
  /**
   * Files or directories (relative to the directory the function runs in) the door reads and adds
   * to the items: how a kustomize generator, which sees only its own config, gets the CR.
   */
  inputs?: string[];
  /** How Jobs (the orchestrator's create-sonataflow-database-<cr>) are emitted; see JOB_MODES. */
  jobMode?: JobMode;
  /** Add argocd.argoproj.io/sync-wave annotations: dependencies before the workload. */
  syncWaves?: boolean;
  /** image -> pinned reference (a digest `sha256:…`, a tag, or a whole reference). */
  pinImages?: Record<string, string>;
  /** A `key=value` label added to the metadata (never selectors or templates) of every rendered object. */
  pruneLabel?: string;
  /** Flux: create the generated DB Secret once, never overwrite it (kustomize.toolkit.fluxcd.io/ssa: IfNotPresent). */
  fluxSsaIfNotPresent?: boolean;
  /** Warnings are errors (for CI): nothing is rendered while any is left. */
  strict?: boolean;
}

/**
 * Jobs under GitOps: `operator` (default) emits them as the operator does; `hash-name` appends a
 * hash of the Job's spec to its name and drops ttlSecondsAfterFinished; `argocd-hook` makes it an
 * Argo CD PostSync hook; `flux-force` marks it for Flux to recreate and drops
 * ttlSecondsAfterFinished. fn/delivery.ts says why.
 */
/**
 * The local database Secret: `plain` (the operator's Secret, password in plaintext), `omit` (none;
 * create it out of band), `sealed-secrets` (a bitnami.com SealedSecret sealed offline for the
 * controller's certificate), `external-secrets` (an External Secrets Operator Password generator and
 * an ExternalSecret that creates the Secret in the cluster once).
 */
export const DB_SECRET_MODES = ['plain', 'omit', 'sealed-secrets', 'external-secrets'] as const;
export type DbSecretMode = (typeof DB_SECRET_MODES)[number];

export const JOB_MODES = ['operator', 'hash-name', 'argocd-hook', 'flux-force'] as const;
export type JobMode = (typeof JOB_MODES)[number];
/** The label pruneLabel: true adds. */
export const DEFAULT_PRUNE_LABEL = 'app.kubernetes.io/managed-by=backstage-render';

/**
 * The INSTALL_DP_IMAGE the operator's install manifest sets on the manager (rhdh-operator main at
 * c0cb1c9, dist/rhdh/install.yaml and config/profile/rhdh/patches/deployment-patch.yaml): the image
 * the install-dynamic-plugins init container runs in dynamicPluginsProcessing mode, unless
 * installDynamicPluginsImage says otherwise. (The operator's Makefile builds
 * quay.io/gazarenk/rhdh-plugin-installer:next for local runs; the manifest's value is what a
 * cluster install gets.)
 */
export const DEFAULT_INSTALL_DYNAMIC_PLUGINS_IMAGE = 'quay.io/gazarenk/install-plugins:skopeo';

export const DEFAULT_OPTIONS: RenderOptions = { platform: 'openshift', profile: 'rhdh' };

export const FUNCTION_CONFIG_KIND = 'RenderBackstage';
export const FUNCTION_CONFIG_API_VERSION = 'fn.kpt.dev/v1alpha1';

/** A namespace is an RFC 1123 label. */
const NAMESPACE_NAME = /^(?=.{1,63}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

type OptionKind = 'string' | 'boolean' | 'platform' | 'operatorVersion' | 'namespace' | 'list' | 'jobMode' | 'pins' | 'label' | 'dbSecret';

/**
 * One row per option: the functionConfig key (the record key), its RenderOptions field and type,
 * and what the CLI flag, `--help`, the README's options table and the function config's schema
 * say about it (cli/option-flags.ts, scripts/options-table.js). `flag` defaults to the key in
 * kebab-case; `cli: false` options have no flag; `value` is the flag's value placeholder
 * (`[x]`: optional); `default` is what an unset option means.
 */
export interface OptionSpec {
  key: keyof RenderOptions;
  type: OptionKind;
  help?: string;
  default?: string;
  flag?: string;
  value?: string;
  cli?: false;
  choices?: readonly string[];
}
const OPTION_FIELDS: Record<string, OptionSpec> = {
  platform: { key: 'platform', type: 'platform', choices: ['openshift', 'kubernetes'], default: 'openshift', help: 'openshift: a Route, no .k8s patches; kubernetes: .k8s patches, no Route' },
  profile: { key: 'profile', type: 'string', value: '<name-or-dir>', default: 'rhdh', help: 'an embedded profile (rhdh, backstage.io) or an operator profile directory' },
  operatorVersion: { key: 'operatorVersion', type: 'operatorVersion', choices: OPERATOR_VERSIONS, value: '<version>', default: `the profile's, else ${DEFAULT_OPERATOR_VERSION}`, help: 'the operator release line to render as: its embedded profiles and its behaviour (docs/operator-versions.md)' },
  ingressDomain: { key: 'ingressDomain', type: 'string', value: '<domain>', default: 'none', help: "the cluster's ingress domain, for Route hosts and base URLs (the operator reads it from the cluster)" },
  secretSeed: { key: 'secretSeed', type: 'string', value: '<seed>', default: 'none', help: 'key for the local database password, 16+ characters (openssl rand -base64 32); the flag and BACKSTAGE_RENDER_SECRET_SEED win, and in a function config (in git) it is a warning' },
  backstageImage: { key: 'backstageImage', type: 'string', value: '<image>', default: "the profile's", help: "the Backstage image (the operator's RELATED_IMAGE_backstage)" },
  postgresqlImage: { key: 'postgresqlImage', type: 'string', value: '<image>', default: "the profile's", help: 'the PostgreSQL image (RELATED_IMAGE_postgresql)' },
  catalogIndexImage: { key: 'catalogIndexImage', type: 'string', value: '<image>', default: "the profile's", help: 'the catalog index image (RELATED_IMAGE_catalog_index)' },
  omitDbSecret: { key: 'omitDbSecret', type: 'boolean', default: 'false', help: 'leave the generated DB Secret out (create it out of band)' },
  dbSecret: { key: 'dbSecret', type: 'dbSecret', choices: DB_SECRET_MODES, value: '<mode>', default: 'plain', help: 'the local DB Secret: plain (password in plaintext), omit, sealed-secrets (a SealedSecret), external-secrets (made by ESO in the cluster)' },
  sealedSecretsCert: { key: 'sealedSecretsCert', type: 'string', value: '<pem-file>', default: 'none', help: "dbSecret sealed-secrets: the controller's public certificate (kubeseal --fetch-cert)" },
  pluginInfra: { key: 'pluginInfra', type: 'boolean', default: 'false', help: "also emit the profile's cluster-scoped plugin-infra objects" },
  dynamicPluginsProcessing: { key: 'dynamicPluginsProcessing', type: 'boolean', default: 'false', help: "resolve dynamic plugins operator-side (the operator's OPERATOR_DP_PROCESSING)" },
  installDynamicPluginsImage: { key: 'installDynamicPluginsImage', type: 'string', value: '<image>', default: 'the operator\'s INSTALL_DP_IMAGE', help: 'the install-dynamic-plugins image with dynamicPluginsProcessing' },
  namespace: { key: 'namespace', type: 'namespace', value: '<ns>', default: 'default', help: 'the namespace for CRs that have none' },
  inputs: { key: 'inputs', type: 'list', cli: false, default: 'none', help: 'files and directories to read, relative to where the function runs (a kustomize generator sees only its config); the CLI takes paths as arguments' },
  jobMode: { key: 'jobMode', type: 'jobMode', choices: JOB_MODES, default: 'operator', help: "how the orchestrator's Job is emitted for GitOps tools (docs/function-reference.md)" },
  syncWaves: { key: 'syncWaves', type: 'boolean', default: 'false', help: 'Argo CD sync-wave annotations: dependencies before the workload' },
  pinImages: { key: 'pinImages', type: 'pins', flag: 'pin-image', value: '<image=pin>', default: 'none', help: 'pin an image: image[:tag]=[repo]@sha256:<64 hex> or image[:tag]=:tag; repeatable (functionConfig: a map, a list, or image=pin,image=pin)' },
  pruneLabel: { key: 'pruneLabel', type: 'label', value: '[key=value]', default: 'none', help: 'label every rendered object (metadata only) for kubectl apply --prune; true means app.kubernetes.io/managed-by=backstage-render' },
  fluxSsaIfNotPresent: { key: 'fluxSsaIfNotPresent', type: 'boolean', default: 'false', help: 'Flux creates the generated DB Secret once and never overwrites it (kustomize.toolkit.fluxcd.io/ssa: IfNotPresent)' },
  strict: { key: 'strict', type: 'boolean', default: 'false', help: 'treat warnings as errors (for CI): nothing is rendered while any is left' },
};

/** The options' rows, in table order. */
export function optionSpecs(): Array<[string, OptionSpec]> {
  return Object.entries(OPTION_FIELDS);
}

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
    // Own properties only: `constructor`, `toString` or `__proto__` are not options.
    const spec = Object.hasOwn(OPTION_FIELDS, name) ? OPTION_FIELDS[name] : undefined;
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
    if (spec.type === 'list' || spec.type === 'pins' || spec.type === 'jobMode' || spec.type === 'label' || spec.type === 'dbSecret') {
      const r = readDeliveryValue(name, spec.type, raw);
      if (typeof r === 'string') results.push({ severity: 'error', message: r, ...where(name) });
      else if (r.value !== undefined) (options as Record<string, unknown>)[spec.key] = r.value;
      continue;
    }
    if (spec.type === 'operatorVersion' && typeof raw === 'number') {
      // YAML reads 1.10 as the number 1.1: say how to write it rather than guess.
      results.push({ severity: 'error', message: `option "operatorVersion" must be a string: quote it ("1.9", "1.10"); YAML read ${raw} as a number`, ...where(name) });
      continue;
    }
    if (typeof raw !== 'string' || raw === '') {
      results.push({ severity: 'error', message: `option "${name}" must be a non-empty string`, ...where(name) });
      continue;
    }
    if (spec.type === 'namespace' && !NAMESPACE_NAME.test(raw)) {
      // It becomes object namespaces and file paths: it must be a namespace name and nothing else.
      results.push({
        severity: 'error',
        message: `option "namespace" must be a Kubernetes namespace name (lowercase letters, digits and "-", starting and ending with a letter or digit, at most 63 characters), not ${JSON.stringify(raw)}`,
        ...where(name),
      });
      continue;
    }
    if (spec.type === 'operatorVersion' && !isOperatorVersion(raw)) {
      results.push({ severity: 'error', message: `option "operatorVersion" must be one of ${OPERATOR_VERSIONS.join(', ')}, not ${JSON.stringify(raw)}`, ...where(name) });
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

/** An image name without tag or digest: [registry[:port]/]path, the path in lowercase components. */
const IMAGE_NAME = '(?:[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?(?::[0-9]+)?/)?[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*';
const IMAGE_TAG = '[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}';
const PIN_KEY = new RegExp(`^${IMAGE_NAME}(?::${IMAGE_TAG})?$`);
const PIN_VALUE = new RegExp(`^(?:(?:${IMAGE_NAME})?@sha256:[0-9a-f]{64}|sha256:[0-9a-f]{64}|:${IMAGE_TAG})$`);
const PIN_FORMS = 'a pin is image[:tag]=[repo]@sha256:<64 hex digits> or image[:tag]=:tag';

/** What is wrong with one pinImages entry, or undefined. */
function pinProblem(image: string, pin: unknown): string | undefined {
  const entry = pin === undefined ? image : `${image}=${typeof pin === 'string' ? pin : JSON.stringify(pin)}`;
  if (!PIN_KEY.test(image)) return `${JSON.stringify(entry)}: ${JSON.stringify(image)} is not an image name (with an optional tag, no digest); ${PIN_FORMS}`;
  if (typeof pin !== 'string' || !PIN_VALUE.test(pin)) {
    const hint = typeof pin === 'string' && /^sha256:/.test(pin) ? ' (a sha256 digest has 64 lowercase hex digits)' : typeof pin === 'string' && /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/.test(pin) ? ` (a tag is written with its colon: ${image}=:${pin})` : '';
    return `${JSON.stringify(entry)} is not a pin${hint}; ${PIN_FORMS}`;
  }
  return undefined;
}

/** A comma list (ConfigMap data is always strings) or a YAML list of strings. */
function stringList(raw: unknown): string[] | undefined {
  if (typeof raw === 'string') return raw.split(',').map((s) => s.trim()).filter((s) => s !== '');
  if (Array.isArray(raw) && raw.every((s) => typeof s === 'string' && s.trim() !== '')) return raw.map((s) => (s as string).trim());
  return undefined;
}

/** Reads the delivery options' values; a string is the error message. */
function readDeliveryValue(name: string, type: OptionKind, raw: unknown): string | { value: unknown } {
  switch (type) {
    case 'list': {
      const l = stringList(raw);
      if (!l || l.length === 0) return `option "${name}" must be a list of paths or a comma-separated string of paths`;
      return { value: l };
    }
    case 'jobMode':
      if (typeof raw === 'string' && (JOB_MODES as readonly string[]).includes(raw)) return { value: raw };
      return `option "${name}" must be one of ${JOB_MODES.join(', ')}, not ${JSON.stringify(raw)}`;
    case 'dbSecret':
      if (typeof raw === 'string' && (DB_SECRET_MODES as readonly string[]).includes(raw)) return { value: raw };
      return `option "${name}" must be one of ${DB_SECRET_MODES.join(', ')}, not ${JSON.stringify(raw)}`;
    case 'label': {
      if (raw === false || raw === 'false') return { value: undefined };
      if (raw === true || raw === 'true') return { value: DEFAULT_PRUNE_LABEL };
      const m = typeof raw === 'string' ? /^([A-Za-z0-9]([A-Za-z0-9.\/_-]*[A-Za-z0-9])?)=([A-Za-z0-9]([A-Za-z0-9._-]{0,61}[A-Za-z0-9])?)?$/.exec(raw) : null;
      if (!m) return `option "${name}" must be true, false or key=value (a valid label)`;
      return { value: raw };
    }
    case 'pins': {
      // A map {image: pin}, a list of "image=pin", or (ConfigMap data) "image=pin,image=pin".
      const out: Record<string, string> = {};
      const entries: Array<[string, unknown]> = [];
      if (isObject(raw)) appendAll(entries, Object.entries(raw));
      else {
        const l = stringList(raw);
        if (!l || l.length === 0) return `option "${name}" must map images to pins: {image: pin}, a list of image=pin, or image=pin,image=pin; ${PIN_FORMS}`;
        for (const e of l) {
          const i = e.indexOf('=');
          entries.push(i < 0 ? [e, undefined] : [e.slice(0, i), e.slice(i + 1)]);
        }
      }
      for (const [image, pin] of entries) {
        const problem = pinProblem(image, pin);
        if (problem) return `option "${name}": ${problem}`;
        out[image] = pin as string;
      }
      return { value: out };
    }
    default:
      return `option "${name}" has an unknown type`;
  }
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

/** The dbSecret mode in force: dbSecret when set, else omitDbSecret (its old name) says `omit`, else `plain`. */
export function dbSecretMode(options: RenderOptions): DbSecretMode {
  return options.dbSecret ?? (options.omitDbSecret ? 'omit' : 'plain');
}

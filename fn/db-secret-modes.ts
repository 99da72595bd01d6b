// The dbSecret option: what stands for the local database Secret (backstage-psql-secret-<cr>) in
// the output. A stage after the model: the model always builds the operator's Secret (the
// Deployment, the StatefulSet, the orchestrator's plugin dependencies and its DB Job refer to it by
// name, and the name stays); this stage replaces that object, never the references.
//
//   plain             the Secret as the operator makes it, password in plaintext (stringData). When
//                     the door writes files (-o DIR, kpt, kustomize) a warning says so: files get committed.
//   omit              no Secret (fn/model/db-password.ts makes none; create it out of band).
//   sealed-secrets    a bitnami.com/v1alpha1 SealedSecret of the same name, namespace and keys, each
//                     value sealed offline (fn/sealing.ts) for the controller's public certificate
//                     with strict scope, which the controller unseals into the Secret. Sealing is
//                     deterministic (derived from the seed), so a re-render gives the same bytes. A
//                     SealedSecret of that name in the input or an earlier render is kept when it still
//                     matches (strict scope, the same keys): it may have been sealed by kubeseal, with
//                     the password the database was created with, which we cannot read.
//   external-secrets  an External Secrets Operator Password generator and an ExternalSecret that
//                     creates the Secret (same name and keys) once: refreshPolicy CreatedOnce (ESO
//                     docs, external-secrets.io/v1 ExternalSecret: create the Secret only if it does
//                     not exist, never update it), creationPolicy Orphan (pruning or replacing the
//                     ExternalSecret does not garbage-collect the Secret the database depends on),
//                     an immutable Secret (a re-created ExternalSecret cannot overwrite the password a
//                     running database holds). No password in the output at all.
import type { Diagnostics } from './diagnostics';
import type { InputObjects } from './inputs';
import type { KObject } from './kio/types';
import { isObject } from './kio/types';
import { dbSecretMode, type RenderOptions } from './options';
import { DB_PASSWORD_KEYS, dbSecretName } from './model/db-password';
import type { BackstageCR } from './model/types';
import { readSealingKey, sealValue, strictScopeLabel, type SealingKey } from './sealing';

export const SEALED_SECRET_API_VERSION = 'bitnami.com/v1alpha1';
export const EXTERNAL_SECRET_API_VERSION = 'external-secrets.io/v1';
export const ESO_GENERATOR_API_VERSION = 'generators.external-secrets.io/v1alpha1';
/** The input ConfigMap that may carry the controller's certificate, and its key. */
export const SEALED_SECRETS_CERT_CONFIGMAP = 'sealed-secrets-cert';
export const SEALED_SECRETS_CERT_KEY = 'cert.pem';
/** The Password generator's settings: 32 characters of [A-Za-z0-9] (the operator's are 32 of base64's alphabet). */
export const GENERATED_PASSWORD_LENGTH = 32;
const SCOPE_ANNOTATIONS = ['sealedsecrets.bitnami.com/cluster-wide', 'sealedsecrets.bitnami.com/namespace-wide'];

/** The controller's certificate as the door read it (from the sealedSecretsCert path). */
export interface SealingCertificate {
  pem: string;
  /** Where it came from, for messages (the path as given). */
  source: string;
}

export interface DbSecretModeContext {
  cr: BackstageCR;
  options: RenderOptions;
  inputs: InputObjects;
  previous: InputObjects;
  /** The certificate the door read; else the sealed-secrets-cert ConfigMap of the input. */
  sealingCertificate?: SealingCertificate;
  /** The door writes the output to files (-o DIR, kpt, kustomize), where it may be committed. */
  writesFiles: boolean;
  diag: Diagnostics;
}

/** A copy with the keys sorted, as normalizeKeyOrder writes metadata labels. */
function sorted(r: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.keys(r).sort().map((k) => [k, r[k]]));
}

function describe(o: KObject): string {
  return `${o.kind} ${o.metadata.namespace}/${o.metadata.name}`;
}

/** The Secret's values as bytes: data (base64) first, stringData over it (the API server's order). */
function secretValues(secret: KObject): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  if (isObject(secret.data)) for (const [k, v] of Object.entries(secret.data)) if (typeof v === 'string') out.set(k, Buffer.from(v, 'base64'));
  if (isObject(secret.stringData)) for (const [k, v] of Object.entries(secret.stringData)) if (typeof v === 'string') out.set(k, Buffer.from(v, 'utf8'));
  return new Map([...out.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** Replaces the DB Secret among the CR's rendered objects as the dbSecret mode says. */
export function applyDbSecretMode(objects: KObject[], ctx: DbSecretModeContext): KObject[] {
  const name = dbSecretName(ctx.cr.name);
  const i = objects.findIndex((o) => o.apiVersion === 'v1' && o.kind === 'Secret' && o.metadata?.name === name);
  if (i < 0) return objects; // an external database, omit, or no password could be made (reported)
  const secret = objects[i];
  const mode = dbSecretMode(ctx.options);
  let replacement: KObject[];
  switch (mode) {
    case 'plain':
    case 'omit':
      if (ctx.writesFiles) {
        ctx.diag.warning(
          `dbSecret plain: ${describe(secret)} is written with the database password in plaintext; do not commit it. ` +
            'dbSecret sealed-secrets (a SealedSecret only the cluster can open) or external-secrets (the cluster makes the password) keep it out of git; omit leaves the Secret out',
          { ref: secret },
        );
      }
      return objects;
    case 'sealed-secrets': {
      const sealed = sealedSecretFor(secret, ctx);
      if (!sealed) return objects; // reported
      replacement = [sealed];
      break;
    }
    case 'external-secrets':
      replacement = externalSecretFor(secret, ctx);
      break;
  }
  return [...objects.slice(0, i), ...replacement, ...objects.slice(i + 1)];
}

// ---- sealed-secrets -----------------------------------------------------------------------------

function sealingKeyOf(ctx: DbSecretModeContext, secret: KObject): SealingKey | undefined {
  let pem: string | undefined;
  let source: string;
  if (ctx.sealingCertificate) {
    pem = ctx.sealingCertificate.pem;
    source = `sealedSecretsCert ${ctx.sealingCertificate.source}`;
  } else {
    const cm = ctx.inputs.get('ConfigMap', ctx.cr.namespace, SEALED_SECRETS_CERT_CONFIGMAP);
    source = `ConfigMap ${SEALED_SECRETS_CERT_CONFIGMAP} key ${SEALED_SECRETS_CERT_KEY}`;
    const value = isObject(cm?.data) ? cm.data[SEALED_SECRETS_CERT_KEY] : undefined;
    if (cm && typeof value !== 'string') {
      ctx.diag.error(`dbSecret sealed-secrets: ConfigMap ${SEALED_SECRETS_CERT_CONFIGMAP} has no key ${SEALED_SECRETS_CERT_KEY} with the controller's certificate`, { ref: cm, path: `data.${SEALED_SECRETS_CERT_KEY}` });
      return undefined;
    }
    pem = typeof value === 'string' ? value : undefined;
  }
  if (pem === undefined) {
    ctx.diag.error(
      `dbSecret sealed-secrets: ${describe(secret)} is to be sealed for the sealed-secrets controller, whose public certificate is not given: ` +
        `set the sealedSecretsCert option to its PEM file (kubeseal --fetch-cert > cert.pem), or put it in the input as ConfigMap ${SEALED_SECRETS_CERT_CONFIGMAP} with key ${SEALED_SECRETS_CERT_KEY}`,
      { ref: ctx.cr.object },
    );
    return undefined;
  }
  const key = readSealingKey(pem);
  if (typeof key === 'string') {
    ctx.diag.error(`dbSecret sealed-secrets: ${source}: ${key}`, { ref: ctx.cr.object });
    return undefined;
  }
  return key;
}

/** Why an existing SealedSecret would not unseal into the Secret we render; undefined when it would. */
function mismatch(existing: KObject, keys: string[]): string | undefined {
  const annotations = { ...(existing.metadata?.annotations ?? {}), ...((existing.spec as { template?: KObject } | undefined)?.template?.metadata?.annotations ?? {}) };
  const scope = SCOPE_ANNOTATIONS.find((a) => annotations[a] === 'true');
  if (scope) return `it is sealed with ${scope.split('/')[1]} scope, not strict`;
  const data = isObject(existing.spec) && isObject(existing.spec.encryptedData) ? existing.spec.encryptedData : undefined;
  if (!data || !Object.values(data).every((v) => typeof v === 'string')) return 'it has no spec.encryptedData';
  const theirs = Object.keys(data).sort();
  if (theirs.join('\n') !== keys.join('\n')) return `its keys (${theirs.join(', ')}) are not the Secret's (${keys.join(', ')})`;
  return undefined;
}

function sealedSecretFor(secret: KObject, ctx: DbSecretModeContext): KObject | undefined {
  const { namespace, name } = secret.metadata as { namespace: string; name: string };
  const values = secretValues(secret);
  const keys = [...values.keys()];
  const template: Record<string, unknown> = {
    metadata: {
      name,
      namespace,
      ...(secret.metadata.labels ? { labels: sorted(secret.metadata.labels) } : {}),
      ...(secret.metadata.annotations ? { annotations: sorted(secret.metadata.annotations) } : {}),
    },
    type: typeof secret.type === 'string' ? secret.type : 'Opaque',
  };
  const object = (encryptedData: Record<string, string>): KObject => ({
    apiVersion: SEALED_SECRET_API_VERSION,
    kind: 'SealedSecret',
    metadata: {
      name,
      namespace,
      ...(secret.metadata.labels ? { labels: { ...secret.metadata.labels } } : {}),
      ...(secret.metadata.annotations ? { annotations: { ...secret.metadata.annotations } } : {}),
    },
    spec: { encryptedData, template },
  });

  const existing = ctx.inputs.get('SealedSecret', namespace, name) ?? ctx.previous.get('SealedSecret', namespace, name);
  if (existing) {
    const why = mismatch(existing, keys);
    if (why === undefined) {
      const data = (existing.spec as { encryptedData: Record<string, string> }).encryptedData;
      ctx.diag.info(`dbSecret sealed-secrets: SealedSecret ${namespace}/${name} from the input is kept (its values cannot be read here; they are what the database was created with)`, { ref: existing });
      return object(Object.fromEntries(keys.map((k) => [k, data[k]])));
    }
    ctx.diag.warning(`dbSecret sealed-secrets: SealedSecret ${namespace}/${name} in the input is replaced: ${why}. A database created with its password will refuse the new one`, { ref: existing });
  }

  const sealing = sealingKeyOf(ctx, secret);
  if (!sealing) return undefined;
  if (!ctx.options.secretSeed) {
    ctx.diag.error(
      `dbSecret sealed-secrets: sealing ${describe(secret)} offline and the same way every run needs the secret seed (the secretSeed option or the BACKSTAGE_RENDER_SECRET_SEED environment variable)`,
      { ref: ctx.cr.object },
    );
    return undefined;
  }
  const label = strictScopeLabel(namespace, name);
  const encryptedData: Record<string, string> = {};
  for (const [keyName, plaintext] of values) encryptedData[keyName] = sealValue(sealing, { seed: ctx.options.secretSeed, label, keyName, plaintext });
  return object(encryptedData);
}

// ---- external-secrets ---------------------------------------------------------------------------

function externalSecretFor(secret: KObject, ctx: DbSecretModeContext): KObject[] {
  const { namespace, name } = secret.metadata as { namespace: string; name: string };
  const existing = ctx.inputs.get('Secret', namespace, name) ?? ctx.previous.get('Secret', namespace, name);
  if (existing) {
    ctx.diag.warning(
      `dbSecret external-secrets: Secret ${namespace}/${name} is in the input (from the cluster or an earlier render). On its first sync the ExternalSecret may give it a new password, ` +
        'which a database created with the old one refuses; to keep that password, use dbSecret sealed-secrets (it seals the Secret of the input)',
      { ref: existing },
    );
  }
  const meta = {
    name,
    namespace,
    ...(secret.metadata.labels ? { labels: { ...secret.metadata.labels } } : {}),
    ...(secret.metadata.annotations ? { annotations: { ...secret.metadata.annotations } } : {}),
  };
  const data: Record<string, string> = {};
  for (const [k, v] of secretValues(secret)) data[k] = v.toString('utf8');
  for (const k of DB_PASSWORD_KEYS) data[k] = '{{ .password }}';
  const generator: KObject = {
    apiVersion: ESO_GENERATOR_API_VERSION,
    kind: 'Password',
    metadata: { ...meta },
    spec: { length: GENERATED_PASSWORD_LENGTH, symbols: 0, noUpper: false, allowRepeat: true },
  };
  const externalSecret: KObject = {
    apiVersion: EXTERNAL_SECRET_API_VERSION,
    kind: 'ExternalSecret',
    metadata: { ...meta },
    spec: {
      refreshPolicy: 'CreatedOnce',
      target: {
        name,
        creationPolicy: 'Orphan',
        deletionPolicy: 'Retain',
        immutable: true,
        template: {
          engineVersion: 'v2',
          type: typeof secret.type === 'string' ? secret.type : 'Opaque',
          ...(secret.metadata.labels ? { metadata: { labels: sorted(secret.metadata.labels) } } : {}),
          data: Object.fromEntries(Object.keys(data).sort().map((k) => [k, data[k]])),
        },
      },
      dataFrom: [{ sourceRef: { generatorRef: { apiVersion: ESO_GENERATOR_API_VERSION, kind: 'Password', name } } }],
    },
  };
  return [generator, externalSecret];
}

// The local database Secret's content, without randomness.
//
// What the operator does (pkg/model/db-secret.go, internal/controller/backstage_controller.go):
// - No Secret when spec.database.authSecretName is set or the local database is disabled.
// - Otherwise it takes the profile's db-secret.yaml, names it backstage-psql-secret-<cr>, and
//   replaces its whole `stringData` with five keys: POSTGRES_PASSWORD and POSTGRESQL_ADMIN_PASSWORD
//   (the same password: base64.StdEncoding of 24 random bytes, i.e. 32 characters of
//   [A-Za-z0-9+/] without padding), POSTGRES_USER `postgres`, POSTGRES_HOST the DB Service's name
//   and POSTGRES_PORT its first port. The profile's `data`, if any, is kept (for equal keys the API
//   server lets stringData win).
// - It generates a new password on every reconcile but only ever Creates the Secret (an existing
//   one is left alone), so the first password wins.
//
// Here:
// - A Secret of that name in the input, else in the previous render, is kept as it is (its data
//   and stringData returned unchanged), as the operator leaves an existing Secret alone.
// - Otherwise the password is derived: base64 (standard alphabet) of the first 24 bytes of
//   HMAC-SHA256 with key = the UTF-8 bytes of options.secretSeed and message = the UTF-8 bytes of
//   `<namespace>/<secret name>` (e.g. `ns1/backstage-psql-secret-bs1`). Same length and alphabet as
//   the operator's, stable across renders, different per namespace and CR, and not guessable without
//   the seed.
// - Without a seed: an error result naming the ways out; no value is ever printed.
// - dbSecret omit (omitDbSecret): the Secret is created out of band; nothing is generated, no seed needed.
// - dbSecret external-secrets: only the fixed keys (user, host, port); the cluster makes the
//   password (fn/db-secret-modes.ts turns the Secret into an ESO Password and ExternalSecret).
// - dbSecret sealed-secrets: as plain here; fn/db-secret-modes.ts seals the values.

import { createHmac } from 'node:crypto';
import type { Diagnostics } from '../diagnostics';
import type { InputObjects } from '../inputs';
import type { KObject } from '../kio/types';
import { isObject } from '../kio/types';
import { dbSecretMode, type RenderOptions } from '../options';
import { isAuthSecretSpecified, isLocalDbEnabled } from './cr';
import type { BackstageCR } from './types';
import { setOwn } from './utils';

export const DB_PASSWORD_BYTES = 24;
export const DEFAULT_DB_PORT = 5432;
export const SECRET_SEED_ENV = 'BACKSTAGE_RENDER_SECRET_SEED';

export function dbSecretName(crName: string): string {
  return `backstage-psql-secret-${crName}`;
}

export function dbServiceName(crName: string): string {
  return `backstage-psql-${crName}`;
}

/** The derived password: base64(HMAC-SHA256(seed, `<namespace>/<name>`)[0:24]), 32 characters. */
export function derivePassword(seed: string, namespace: string, secretName: string): string {
  const mac = createHmac('sha256', Buffer.from(seed, 'utf8')).update(Buffer.from(`${namespace}/${secretName}`, 'utf8')).digest();
  return mac.subarray(0, DB_PASSWORD_BYTES).toString('base64');
}

function stringRecord(v: unknown): Record<string, string> | undefined {
  if (!isObject(v)) return undefined;
  const out: Record<string, string> = {};
  for (const [k, x] of Object.entries(v)) if (typeof x === 'string') setOwn(out, k, x);
  return Object.keys(out).length > 0 ? out : undefined;
}

/**
 * The fed-back Secret's data and stringData. A value that is not a string (`POSTGRES_PASSWORD:
 * 20240101` unquoted reads as a number) is an error on its key, as for extraEnvs Secrets: leaving
 * it out would render a Secret without the password. The value is never printed.
 */
function keep(secret: KObject, diag: Diagnostics): { stringData?: Record<string, string>; data?: Record<string, string> } {
  const out: { stringData?: Record<string, string>; data?: Record<string, string> } = {};
  for (const field of ['data', 'stringData']) {
    const m = secret[field];
    if (m === undefined || m === null) continue;
    if (!isObject(m)) {
      diag.error(`${field} must be a map`, { ref: secret, path: field });
      continue;
    }
    for (const [k, v] of Object.entries(m)) {
      if (typeof v !== 'string' && v !== null) diag.error(`${field}.${k} must be a string (quote it in YAML)`, { ref: secret, path: `${field}.${k}` });
    }
  }
  const data = stringRecord(secret.data);
  const stringData = stringRecord(secret.stringData);
  if (stringData) out.stringData = stringData;
  if (data) out.data = data;
  return out;
}

/** The keys whose values hold the password (both the same password, as the operator makes them). */
export const DB_PASSWORD_KEYS = ['POSTGRESQL_ADMIN_PASSWORD', 'POSTGRES_PASSWORD'] as const;

/** The keys that are no secret: user, the DB Service's name and first port. */
function fixedKeys(args: { cr: BackstageCR; dbServiceName?: string; dbServicePort?: number }): Record<string, string> {
  return {
    POSTGRES_HOST: args.dbServiceName ?? dbServiceName(args.cr.name),
    POSTGRES_PORT: String(args.dbServicePort ?? DEFAULT_DB_PORT),
    POSTGRES_USER: 'postgres',
  };
}

export function dbSecretData(args: {
  cr: BackstageCR;
  options: RenderOptions;
  previous: InputObjects;
  inputs: InputObjects;
  secretName: string;
  /** The profile's db-secret.yaml object (after any rawRuntimeConfig replacement). */
  defaultSecret?: KObject;
  diag: Diagnostics;
  /** The local DB Service's name (default backstage-psql-<cr>) and first port (default 5432). */
  dbServiceName?: string;
  dbServicePort?: number;
}): { stringData?: Record<string, string>; data?: Record<string, string> } | undefined {
  const { cr, options, previous, inputs, secretName, defaultSecret, diag } = args;
  if (isAuthSecretSpecified(cr) || !isLocalDbEnabled(cr)) return undefined;
  const mode = dbSecretMode(options);
  if (mode === 'omit') return undefined;
  if (mode === 'external-secrets') {
    // The password is made in the cluster (fn/db-secret-modes.ts): only the fixed keys here, no seed needed.
    return { stringData: fixedKeys(args) };
  }

  const existing = inputs.get('Secret', cr.namespace, secretName) ?? previous.get('Secret', cr.namespace, secretName);
  if (existing) return keep(existing, diag);

  if (!options.secretSeed) {
    diag.error(
      `the local database Secret ${secretName} needs a password, which the operator makes up at random once; a render must not. ` +
        `Either give the runner's seed in the ${SECRET_SEED_ENV} environment variable (or --secret-seed; make one with \`openssl rand -base64 32\`) to derive a stable password, ` +
        `or feed back the existing Secret ${secretName} (from the cluster or an earlier render) in the input, ` +
        `or point spec.database.authSecretName at a Secret you manage (or set omitDbSecret and create ${secretName} out of band)`,
      { ref: cr.object, path: 'spec.database.authSecretName' },
    );
    return undefined;
  }

  const password = derivePassword(options.secretSeed, cr.namespace, secretName);
  const fixed = fixedKeys(args);
  const stringData: Record<string, string> = {
    POSTGRESQL_ADMIN_PASSWORD: password,
    POSTGRES_HOST: fixed.POSTGRES_HOST,
    POSTGRES_PASSWORD: password,
    POSTGRES_PORT: fixed.POSTGRES_PORT,
    POSTGRES_USER: fixed.POSTGRES_USER,
  };
  const out: { stringData?: Record<string, string>; data?: Record<string, string> } = { stringData };
  // The profile's stringData is replaced wholesale; its data stays (minus keys stringData overrides).
  const profileData = stringRecord(defaultSecret?.data);
  if (profileData) {
    const data: Record<string, string> = {};
    for (const [k, v] of Object.entries(profileData)) if (!Object.hasOwn(stringData, k)) setOwn(data, k, v);
    if (Object.keys(data).length > 0) out.data = data;
  }
  return out;
}

// The sealedSecretsCert option: the sealed-secrets controller's public certificate (PEM), read by
// the door and handed to the core as text. A path from the runner (the CLI flag) is theirs to
// choose, relative to the working directory. A path from the input (a function config in the
// package, an Argo CD app's config) must stay inside the directory the function runs in, after
// symbolic links (cli/input-paths.ts, as for a profile the input names); one message for every
// refusal, so that a refusal tells nothing about what exists outside.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { SealingCertificate } from '../../fn/db-secret-modes';
import type { KObject, Result } from '../../fn/kio/types';
import { outsideInputMessage, staysInside } from '../input-paths';

/** A certificate is a few KiB; anything much larger is not one. */
const MAX_CERT_BYTES = 64 * 1024;

export function readSealingCertificate(
  p: string,
  cwd: string,
  from: { runner: true } | { runner: false; functionConfig?: KObject },
): { certificate?: SealingCertificate; results: Result[] } {
  const root = path.resolve(cwd);
  const abs = path.resolve(root, p);
  const fail = (message: string): { results: Result[] } => {
    if (from.runner) return { results: [{ severity: 'error', message: `--sealed-secrets-cert ${p}: ${message}` }] };
    const fc = from.functionConfig;
    return {
      results: [
        {
          severity: 'error',
          message: `sealedSecretsCert ${p}: ${message}`,
          ...(fc ? { resourceRef: { apiVersion: String(fc.apiVersion), kind: String(fc.kind), name: String(fc.metadata?.name ?? '') } } : {}),
          field: { path: fc?.kind === 'ConfigMap' ? 'data.sealedSecretsCert' : 'spec.sealedSecretsCert' },
        },
      ],
    };
  };
  if (!from.runner && !staysInside(p, root)) {
    // The rule and the words of every path from the input (cli/input-paths.ts), whether or not it exists.
    const r = fail('');
    r.results[0].message = outsideInputMessage('sealedSecretsCert', p, root, 'the runner names another file with --sealed-secrets-cert');
    return r;
  }
  try {
    if (fs.statSync(abs).size > MAX_CERT_BYTES) return fail(`larger than ${MAX_CERT_BYTES} bytes: not a certificate`);
    return { certificate: { pem: fs.readFileSync(abs, 'utf8'), source: p }, results: [] };
  } catch (e) {
    return fail(((e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message.replace(/^\w+: /, '')));
  }
}

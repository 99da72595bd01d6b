// The sealedSecretsCert option: the sealed-secrets controller's public certificate (PEM), read by
// the door and handed to the core as text. A path from the runner (the CLI flag) is theirs to
// choose, relative to the working directory. A path from the input (a function config in the
// package, an Argo CD app's config) must stay inside the directory the function runs in, after
// symbolic links, like the `inputs` option; one message for every refusal, so that a refusal tells
// nothing about what exists outside.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { SealingCertificate } from '../../fn/db-secret-modes';
import type { KObject, Result } from '../../fn/kio/types';

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
  if (!from.runner) {
    const refused = `not a readable file inside the directory the function runs in (${root}); a path from the input must stay inside it (give another path with the --sealed-secrets-cert flag)`;
    const rel = path.relative(root, abs);
    if (path.isAbsolute(p) || rel.startsWith('..') || path.isAbsolute(rel)) return fail(refused);
    let real: string;
    try {
      real = path.relative(fs.realpathSync(root), fs.realpathSync(abs));
    } catch {
      return fail(refused);
    }
    if (real.startsWith('..') || path.isAbsolute(real) || !fs.statSync(abs).isFile()) return fail(refused);
  }
  try {
    if (fs.statSync(abs).size > MAX_CERT_BYTES) return fail(`larger than ${MAX_CERT_BYTES} bytes: not a certificate`);
    return { certificate: { pem: fs.readFileSync(abs, 'utf8'), source: p }, results: [] };
  } catch (e) {
    return fail(((e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message.replace(/^\w+: /, '')));
  }
}

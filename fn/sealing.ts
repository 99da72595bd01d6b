// Sealing a value for the sealed-secrets controller, offline and without randomness.
//
// The controller (bitnami-labs/sealed-secrets, pkg/crypto/crypto.go HybridDecrypt) reads each
// value of spec.encryptedData as base64 of
//   uint16 big-endian length of the RSA ciphertext || RSA ciphertext || AES ciphertext
// where the RSA part is RSA-OAEP (SHA-256, MGF1-SHA-256) of a 32-byte session key with the scope as
// the OAEP label (strict scope: `<namespace>/<name>`), and the AES part is AES-256-GCM of the value
// with that session key, an all-zero 12-byte nonce and no additional data (tag appended).
//
// kubeseal draws the session key and the OAEP seed at random. Here both are derived, so the same
// input, seed and certificate give the same bytes run after run:
//   sessionKey = HMAC-SHA256(seed, "backstage-render sealed-secrets session key v1" ‖ fields)
//   oaepSeed   = HMAC-SHA256(seed, "backstage-render sealed-secrets oaep seed v1" ‖ fields)
// with fields = length-prefixed (uint32 BE) public key (SPKI DER), label, data key name, plaintext.
// The zero nonce stays safe: a session key depends on the plaintext it seals, so one key never
// seals two different plaintexts. Without the secret seed nobody can recompute a session key to
// test a guessed value. OAEP is encoded here (RFC 8017, 7.1.1) and the raw RSA operation is
// Node's publicEncrypt with RSA_NO_PADDING; the controller's rsa.DecryptOAEP cannot tell it from
// Go's rsa.EncryptOAEP.
import { X509Certificate, constants, createCipheriv, createHash, createHmac, createPublicKey, publicEncrypt, type KeyObject } from 'node:crypto';

const HASH_BYTES = 32; // SHA-256
const SESSION_KEY_BYTES = 32; // AES-256
const GCM_NONCE_BYTES = 12;

export interface SealingKey {
  key: KeyObject;
  /** The modulus size in bytes (k in RFC 8017). */
  modulusBytes: number;
  /** SPKI DER of the public key: part of what the session key and OAEP seed are derived from. */
  spki: Buffer;
}

/**
 * Reads the controller's public certificate (`kubeseal --fetch-cert`: a PEM CERTIFICATE) or an RSA
 * public key (PEM PUBLIC KEY). A string result is the problem, for the caller to report. The
 * certificate's validity dates are not checked (the controller does not either, and a render reads no clock).
 */
export function readSealingKey(pem: string): SealingKey | string {
  let key: KeyObject;
  try {
    key = /-----BEGIN CERTIFICATE-----/.test(pem) ? new X509Certificate(pem).publicKey : createPublicKey({ key: pem, format: 'pem' });
  } catch (e) {
    return `not a PEM certificate or public key (${(e as Error).message.replace(/^error:[0-9A-F]+:/, '')})`;
  }
  if (key.asymmetricKeyType !== 'rsa') return `the key is ${key.asymmetricKeyType ?? 'of an unknown type'}, not RSA (the sealed-secrets controller's keys are RSA)`;
  const bits = key.asymmetricKeyDetails?.modulusLength ?? 0;
  if (bits < 2048) return `the RSA key has ${bits} bits; the sealed-secrets controller's keys have at least 2048`;
  return { key, modulusBytes: Math.ceil(bits / 8), spki: key.export({ type: 'spki', format: 'der' }) };
}

/** The OAEP label of each scope (sealedsecret_expansion.go EncryptionLabel); only strict is used here. */
export function strictScopeLabel(namespace: string, name: string): string {
  return `${namespace}/${name}`;
}

function lengthPrefixed(parts: Buffer[]): Buffer {
  return Buffer.concat(
    parts.flatMap((p) => {
      const n = Buffer.alloc(4);
      n.writeUInt32BE(p.length);
      return [n, p];
    }),
  );
}

function derive(seed: string, purpose: string, fields: Buffer): Buffer {
  return createHmac('sha256', Buffer.from(seed, 'utf8')).update(Buffer.from(purpose, 'utf8')).update(fields).digest();
}

/** MGF1 with SHA-256 (RFC 8017, B.2.1). */
export function mgf1(seed: Buffer, length: number): Buffer {
  const out: Buffer[] = [];
  for (let counter = 0; out.length * HASH_BYTES < length; counter++) {
    const c = Buffer.alloc(4);
    c.writeUInt32BE(counter);
    out.push(createHash('sha256').update(seed).update(c).digest());
  }
  return Buffer.concat(out).subarray(0, length);
}

function xor(a: Buffer, b: Buffer): Buffer {
  const out = Buffer.alloc(a.length);
  for (let i = 0; i < a.length; i++) out[i] = a[i] ^ b[i];
  return out;
}

/** EME-OAEP encoding (RFC 8017, 7.1.1 step 2) with SHA-256 and MGF1-SHA-256, for a k-byte modulus. */
export function oaepEncode(message: Buffer, label: Buffer, seed: Buffer, k: number): Buffer {
  if (seed.length !== HASH_BYTES) throw new Error(`OAEP seed must be ${HASH_BYTES} bytes`);
  if (message.length > k - 2 * HASH_BYTES - 2) throw new Error('message too long for OAEP');
  const lHash = createHash('sha256').update(label).digest();
  const ps = Buffer.alloc(k - message.length - 2 * HASH_BYTES - 2);
  const db = Buffer.concat([lHash, ps, Buffer.from([0x01]), message]);
  const maskedDb = xor(db, mgf1(seed, k - HASH_BYTES - 1));
  const maskedSeed = xor(seed, mgf1(maskedDb, HASH_BYTES));
  return Buffer.concat([Buffer.from([0x00]), maskedSeed, maskedDb]);
}

/**
 * One value of spec.encryptedData (base64), sealed for `label` (strict scope:
 * `<namespace>/<name>`) under the data key `keyName`. Same arguments, same result.
 */
export function sealValue(sealing: SealingKey, args: { seed: string; label: string; keyName: string; plaintext: Buffer }): string {
  const label = Buffer.from(args.label, 'utf8');
  const fields = lengthPrefixed([sealing.spki, label, Buffer.from(args.keyName, 'utf8'), args.plaintext]);
  const sessionKey = derive(args.seed, 'backstage-render sealed-secrets session key v1', fields).subarray(0, SESSION_KEY_BYTES);
  const oaepSeed = derive(args.seed, 'backstage-render sealed-secrets oaep seed v1', fields).subarray(0, HASH_BYTES);

  const em = oaepEncode(sessionKey, label, oaepSeed, sealing.modulusBytes);
  const rsaCiphertext = publicEncrypt({ key: sealing.key, padding: constants.RSA_NO_PADDING }, em);

  const cipher = createCipheriv('aes-256-gcm', sessionKey, Buffer.alloc(GCM_NONCE_BYTES));
  const aesCiphertext = Buffer.concat([cipher.update(args.plaintext), cipher.final(), cipher.getAuthTag()]);

  const length = Buffer.alloc(2);
  length.writeUInt16BE(rsaCiphertext.length);
  return Buffer.concat([length, rsaCiphertext, aesCiphertext]).toString('base64');
}

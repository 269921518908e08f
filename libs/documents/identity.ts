import { createHash } from 'node:crypto';

/**
 * What makes a generated document the same as another: the SHA-256 of its inputs, and the
 * short verification code printed on it, derived from them (never random), so the same data
 * print the same code and the same bytes.
 */

/** JSON with object keys sorted, so equal data always serialise alike. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

/**
 * SHA-256 of a document's inputs: every plain field (functions and the verification,
 * which derives from this hash, left out), then each row of `rows()` when the input has
 * rows, one canonical line each, read as a stream.
 */
export async function inputsSha256(input: object): Promise<string> {
  const hash = createHash('sha256');
  const fields = Object.fromEntries(
    Object.entries(input).filter(
      ([key, value]) => key !== 'verification' && typeof value !== 'function',
    ),
  );
  hash.update(canonicalJson(fields));
  const rows = (input as { rows?: () => AsyncIterable<unknown> }).rows;
  if (typeof rows === 'function') {
    for await (const row of rows()) hash.update('\n').update(canonicalJson(row));
  }
  return hash.digest('hex');
}

// Crockford's base32: no I, L, O or U, so a code read aloud or typed is not misread.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const CODE_CHARS = 10;

/** `XXXXX-XXXXX` (50 bits) from the SHA-256 of the parts that identify one document version. */
export function verificationCode(parts: readonly string[]): string {
  const digest = createHash('sha256').update(parts.join('\u0000')).digest();
  let bits = 0n;
  for (const byte of digest.subarray(0, 7)) bits = (bits << 8n) | BigInt(byte);
  let code = '';
  for (let i = 0; i < CODE_CHARS; i++) {
    code += ALPHABET[Number((bits >> BigInt(56 - 5 * (i + 1))) & 31n)];
  }
  return `${code.slice(0, 5)}-${code.slice(5)}`;
}

/**
 * A code as a person typed it, in its printed form: case, spaces and dashes ignored, and
 * the letters Crockford reads as digits (I, L → 1; O → 0) taken as those. Undefined when
 * it cannot be a code.
 */
export function normaliseVerificationCode(text: string): string | undefined {
  const plain = text.toUpperCase().replace(/[\s-]/g, '').replace(/[IL]/g, '1').replace(/O/g, '0');
  if (plain.length !== CODE_CHARS || [...plain].some((c) => !ALPHABET.includes(c))) {
    return undefined;
  }
  return `${plain.slice(0, 5)}-${plain.slice(5)}`;
}

import { scryptSync } from 'node:crypto';
import { hashPassword, verifyPassword } from './password';

// Small scrypt parameters keep the spec fast; the stored parameters are the ones used.
const FAST = { N: 1024, r: 8, p: 1 };

describe('password hashing', () => {
  it('verifies the right password and refuses a wrong one', async () => {
    const stored = await hashPassword('rahasia-123', FAST);
    expect(stored).toMatch(/^scrypt\$1024\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    await expect(verifyPassword('rahasia-123', stored)).resolves.toBe(true);
    await expect(verifyPassword('rahasia-124', stored)).resolves.toBe(false);
  });

  it('salts every hash, so equal passwords give different hashes', async () => {
    const [a, b] = await Promise.all([hashPassword('same', FAST), hashPassword('same', FAST)]);
    expect(a).not.toBe(b);
  });

  it('uses the default (slow) parameters when none are given', async () => {
    expect(await hashPassword('x')).toMatch(/^scrypt\$16384\$8\$1\$/);
  });

  it('refuses a stored value that is not one of its hashes', async () => {
    await expect(verifyPassword('x', 'plain-text')).resolves.toBe(false);
    await expect(verifyPassword('x', 'scrypt$0$8$1$c2FsdA==$aGFzaA==')).resolves.toBe(false);
  });

  /** A stored value as an earlier setting (other parameters) or another tool wrote it. */
  const storedBy = (
    password: string,
    salt: Buffer,
    params: { N: number; r: number; p: number },
    scheme = 'scrypt',
  ) => {
    const key = scryptSync(password, salt, 32, params);
    return [
      scheme,
      params.N,
      params.r,
      params.p,
      salt.toString('base64'),
      key.toString('base64'),
    ].join('$');
  };

  it('derives with the parameters it stores, so raising them keeps old passwords working', async () => {
    const stored = await hashPassword('rahasia-123', FAST);
    const [, , , , salt, hash] = stored.split('$');
    expect(
      scryptSync('rahasia-123', Buffer.from(salt, 'base64'), 32, FAST).toString('base64'),
    ).toBe(hash);
    const older = storedBy('rahasia-123', Buffer.from('0123456789abcdef'), { N: 2048, r: 4, p: 2 });
    await expect(verifyPassword('rahasia-123', older)).resolves.toBe(true);
  });

  it('refuses a damaged or foreign stored value instead of failing, even one whose key matches', async () => {
    const salt = Buffer.from('0123456789abcdef');
    const good = storedBy('rahasia-123', salt, FAST);
    const [, n, r, p, salt64, hash] = good.split('$');
    for (const stored of [
      storedBy('rahasia-123', salt, FAST, 'bcrypt'),
      // No salt: an unsalted hash is never one of ours.
      storedBy('rahasia-123', Buffer.alloc(0), FAST),
      ['scrypt', n, r, p, salt64, hash.slice(0, 20)].join('$'),
      ['scrypt', '1024.5', r, p, salt64, hash].join('$'),
      ['scrypt', n, r, '0', salt64, hash].join('$'),
    ]) {
      await expect(verifyPassword('rahasia-123', stored)).resolves.toBe(false);
    }
  });
});

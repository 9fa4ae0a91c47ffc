import { SecretBox } from '../src/auth/secret-box';
import { AppConfig } from '../src/config/app-config';

const box = (key: string) => new SecretBox({ totpEncryptionKey: key } as AppConfig);

describe('SecretBox (AES-256-GCM)', () => {
  const a = box('a'.repeat(40));

  it('round-trips and uses a fresh nonce every time', () => {
    const one = a.seal('JBSWY3DPEHPK3PXP', 'totp');
    const two = a.seal('JBSWY3DPEHPK3PXP', 'totp');
    expect(one).not.toBe(two);
    expect(one).not.toContain('JBSWY3DPEHPK3PXP');
    expect(a.open(one, 'totp')).toBe('JBSWY3DPEHPK3PXP');
  });

  it('refuses a tampered value, another key and another purpose', () => {
    const sealed = a.seal('JBSWY3DPEHPK3PXP', 'totp');
    const raw = Buffer.from(sealed.slice(3), 'base64url');
    raw[14] ^= 1;
    expect(() => a.open(`v1.${raw.toString('base64url')}`, 'totp')).toThrow();
    expect(() => box('b'.repeat(40)).open(sealed, 'totp')).toThrow();
    expect(() => a.open(sealed, 'other')).toThrow();
    expect(() => a.open('v2.abc', 'totp')).toThrow(/format/);
  });
});

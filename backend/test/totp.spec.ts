import { matchTotp, newTotpSecret, totpCode, totpStep, totpUri } from '../src/auth/totp';

describe('TOTP (RFC 6238, SHA-1, 6 digits, 30 s)', () => {
  // RFC 6238 appendix B: the ASCII key "12345678901234567890" is base32 GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ.
  const RFC_SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';

  it('matches the RFC test vectors (last 6 of the 8-digit values)', () => {
    expect(totpCode(RFC_SECRET, new Date(59_000))).toBe('287082');
    expect(totpCode(RFC_SECRET, new Date(1111111109_000))).toBe('081804');
    expect(totpCode(RFC_SECRET, new Date(1234567890_000))).toBe('005924');
    expect(totpCode(RFC_SECRET, new Date(2000000000_000))).toBe('279037');
  });

  it('makes 160-bit secrets that differ every time', () => {
    const a = newTotpSecret();
    expect(a).toMatch(/^[A-Z2-7]{32}$/);
    expect(newTotpSecret()).not.toBe(a);
  });

  it('accepts the current step and one either side, returning the matched step', () => {
    const now = new Date('2026-03-10T09:00:15Z');
    const step = totpStep(now);
    for (const offset of [-1, 0, 1]) {
      const code = totpCode(RFC_SECRET, new Date(now.getTime() + offset * 30_000));
      expect(matchTotp(RFC_SECRET, code, now, null)).toBe(step + offset);
    }
    for (const offset of [-2, 2]) {
      const code = totpCode(RFC_SECRET, new Date(now.getTime() + offset * 30_000));
      expect(matchTotp(RFC_SECRET, code, now, null)).toBeNull();
    }
  });

  it('refuses steps at or before the last used one', () => {
    const now = new Date('2026-03-10T09:00:15Z');
    const code = totpCode(RFC_SECRET, now);
    expect(matchTotp(RFC_SECRET, code, now, totpStep(now))).toBeNull();
    expect(matchTotp(RFC_SECRET, code, now, totpStep(now) - 1)).toBe(totpStep(now));
  });

  it('refuses anything but six digits', () => {
    const now = new Date();
    expect(matchTotp(RFC_SECRET, '12345', now, null)).toBeNull();
    expect(matchTotp(RFC_SECRET, ' 123456', now, null)).toBeNull();
  });

  it('builds an otpauth URI with the STracker issuer', () => {
    expect(totpUri(RFC_SECRET, 'anna')).toBe(`otpauth://totp/STracker:anna?secret=${RFC_SECRET}&issuer=STracker`);
  });
});

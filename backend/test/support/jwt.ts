import { createHmac } from 'node:crypto';

const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** Builds a JWT by hand, so tests can forge exactly the token an attacker would. */
export function forgeJwt(header: object, payload: object, key: string | null): string {
  const body = `${b64(header)}.${b64(payload)}`;
  const signature = key === null ? '' : createHmac('sha256', key).update(body).digest('base64url');
  return `${body}.${signature}`;
}

export function decodeJwt(token: string): { header: Record<string, unknown>; payload: Record<string, unknown> } {
  const [header, payload] = token.split('.');
  return {
    header: JSON.parse(Buffer.from(header, 'base64url').toString()),
    payload: JSON.parse(Buffer.from(payload, 'base64url').toString()),
  };
}

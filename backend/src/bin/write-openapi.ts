/**
 * Writes backend/openapi.json from the running code: keys sorted, so the file only changes
 * when the API does (`npm run openapi:check` at the top level fails on a stale copy).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { buildOpenApiDocument, createApp } from '../bootstrap';
import { loadConfig } from '../config/app-config';

export function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]),
    );
  }
  return value;
}

async function main(): Promise<void> {
  const target = resolve(__dirname, '../../openapi.json');
  const dir = mkdtempSync(join(tmpdir(), 'stracker-openapi-'));
  try {
    const config = loadConfig(
      { NODE_ENV: 'test', DB_URL: join(dir, 'openapi.db'), JWT_SECRET: 'x'.repeat(32), TOTP_ENCRYPTION_KEY: 'y'.repeat(32), STATIC_DIR: 'none' },
      { cwd: dir },
    );
    const app = await createApp({ config, logger: false });
    await app.init();
    const json = `${JSON.stringify(sortKeys(buildOpenApiDocument(app)), null, 2)}\n`;
    await app.close();
    writeFileSync(target, json);
    console.log(`Wrote ${target}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();

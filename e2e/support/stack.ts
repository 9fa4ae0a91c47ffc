import { join, resolve } from 'node:path';

const root = resolve(__dirname, '../..');
const httpPort = Number(process.env.E2E_HTTP_PORT ?? 18080);
const httpsPort = Number(process.env.E2E_HTTPS_PORT ?? 18443);
const backendPort = Number(process.env.E2E_BACKEND_PORT ?? 13901);

/** Where the test stack lives and listens. */
export const STACK = {
  root,
  dir: join(root, 'e2e/.stack'),
  httpPort,
  httpsPort,
  backendPort,
  httpUrl: `http://localhost:${httpPort}`,
  httpsUrl: `https://localhost:${httpsPort}`,
  pwaDir: join(root, 'frontend/dist/frontend/browser'),
};

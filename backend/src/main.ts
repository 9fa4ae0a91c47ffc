import { Logger } from '@nestjs/common';
import { createApp } from './bootstrap';
import { ConfigError, loadConfig } from './config/app-config';

async function main(): Promise<void> {
  const logger = new Logger('STracker');
  let config;
  try {
    config = loadConfig(process.env, { warn: (message) => logger.warn(message) });
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  const app = await createApp({ config });
  await app.listen({ port: config.port, host: config.host });
  logger.log(`Listening on http://${config.host}:${config.port} (API docs at /api/docs)`);
}

void main();

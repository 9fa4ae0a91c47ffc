import { resolve } from 'node:path';
import { Logger } from '@nestjs/common';
import { createApp, startBackgroundJobs } from './bootstrap';
import { ConfigError, loadConfig } from './config/app-config';
import { DatabaseInUseError } from './database/database-lock';
import { checkPostgres, DatabaseUnavailableError } from './database/preflight';

async function main(): Promise<void> {
  const logger = new Logger('STracker');
  let config;
  try {
    config = loadConfig(process.env, {
      warn: (message) => logger.warn(message),
      defaultStaticDir: resolve(__dirname, '../../frontend/dist/frontend/browser'),
    });
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  let app;
  try {
    if (config.database.type === 'postgres') await checkPostgres(config.database);
    app = await createApp({ config });
  } catch (error) {
    if (error instanceof DatabaseInUseError || error instanceof DatabaseUnavailableError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  await app.listen({ port: config.port, host: config.host });
  startBackgroundJobs(app);
  logger.log(`Listening on http://${config.host}:${config.port} (API docs at /api/docs)`);
  if (config.staticDir) logger.log(`Serving the PWA from ${config.staticDir}`);
  else if (process.env.STATIC_DIR?.trim() === 'none') logger.log('Serving the API only (STATIC_DIR=none)');
  else logger.warn('No built PWA found: serving the API only (run npm run build, or set STATIC_DIR)');
}

void main();

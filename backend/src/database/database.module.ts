import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { ChangeFeed } from './change-feed';
import { ChangeRelay } from './change-relay';
import { Database } from './database.service';
import { dataSourceOptions } from './data-source-options';

@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [APP_CONFIG],
      // No retries of a failed first connection (Nest's default is 9, 3 s apart): a wrong password
      // or an unreachable host is said at once, in one line (see main.ts).
      useFactory: (config: AppConfig) => ({ ...dataSourceOptions(config.database), autoLoadEntities: true, retryAttempts: 0 }),
    }),
  ],
  providers: [ChangeFeed, ChangeRelay, Database],
  exports: [ChangeFeed, Database],
})
export class DatabaseModule {}

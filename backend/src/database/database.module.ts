import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { ChangeFeed } from './change-feed';
import { Database } from './database.service';
import { dataSourceOptions } from './data-source-options';

@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({ ...dataSourceOptions(config.database.path), autoLoadEntities: true }),
    }),
  ],
  providers: [ChangeFeed, Database],
  exports: [ChangeFeed, Database],
})
export class DatabaseModule {}

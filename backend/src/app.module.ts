import { DynamicModule, Global, Module } from '@nestjs/common';
import { AuthModule } from './auth/auth.module';
import { BudgetModule } from './budget/budget.module';
import { Clock, SystemClock } from './common/clock';
import { APP_CONFIG, AppConfig } from './config/app-config';
import { DatabaseModule } from './database/database.module';
import { HealthController } from './health/health.controller';
import { FunnelsModule } from './funnels/funnels.module';
import { HouseholdsModule } from './households/households.module';
import { SpendingsModule } from './spendings/spendings.module';
import { UsersModule } from './users/users.module';

/** Configuration and the clock, available everywhere. */
@Global()
@Module({})
class CoreModule {
  static register(config: AppConfig, clock: Clock): DynamicModule {
    return {
      module: CoreModule,
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: Clock, useValue: clock },
      ],
      exports: [APP_CONFIG, Clock],
    };
  }
}

@Module({})
export class AppModule {
  static register(config: AppConfig, clock: Clock = new SystemClock()): DynamicModule {
    return {
      module: AppModule,
      imports: [CoreModule.register(config, clock), DatabaseModule, AuthModule, UsersModule, HouseholdsModule, FunnelsModule, SpendingsModule, BudgetModule],
      controllers: [HealthController],
    };
  }
}

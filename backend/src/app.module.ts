import { DynamicModule, Global, Module } from '@nestjs/common';
import { AuthModule } from './auth/auth.module';
import { BudgetModule } from './budget/budget.module';
import { Clock, SystemClock } from './common/clock';
import { APP_CONFIG, AppConfig } from './config/app-config';
import { DatabaseFileLock } from './database/database-lock';
import { DatabaseModule } from './database/database.module';
import { EventsModule } from './events/events.module';
import { HealthController } from './health/health.controller';
import { FixedCostsModule } from './fixed-costs/fixed-costs.module';
import { FunnelsModule } from './funnels/funnels.module';
import { HouseholdsModule } from './households/households.module';
import { PushModule } from './push/push.module';
import { RegistrationModule } from './registration/registration.module';
import { SpendingsModule } from './spendings/spendings.module';
import { UsersModule } from './users/users.module';

/** Configuration and the clock, available everywhere. */
@Global()
@Module({})
class CoreModule {
  static register(config: AppConfig, clock: Clock, lock: DatabaseFileLock | null): DynamicModule {
    return {
      module: CoreModule,
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: Clock, useValue: clock },
        // Held by the process from before start-up; released when the application shuts down.
        ...(lock ? [{ provide: DatabaseFileLock, useValue: lock }] : []),
      ],
      exports: [APP_CONFIG, Clock],
    };
  }
}

@Module({})
export class AppModule {
  static register(config: AppConfig, clock: Clock = new SystemClock(), lock: DatabaseFileLock | null = null): DynamicModule {
    return {
      module: AppModule,
      imports: [CoreModule.register(config, clock, lock), DatabaseModule, UsersModule, AuthModule, FunnelsModule, HouseholdsModule, RegistrationModule, SpendingsModule, FixedCostsModule, BudgetModule, EventsModule, PushModule],
      controllers: [HealthController],
    };
  }
}

import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { BudgetModule } from '../budget/budget.module';
import { FixedCostsModule } from '../fixed-costs/fixed-costs.module';
import { SpendingsModule } from '../spendings/spendings.module';
import { LiveSubscriptions } from './live-subscriptions';
import { PushNotifier } from './push-notifier.service';
import { PushScheduler } from './push-scheduler';
import { PushSender } from './push-sender';
import { PushSent } from './push-sent.entity';
import { PushSubscription } from './push-subscription.entity';
import { PushController } from './push.controller';
import { PushRepository } from './push.repository';
import { PushService } from './push.service';

/** Web Push: subscriptions per session, the four kinds of notification, and the timed ones' scheduler (started by main.ts). */
@Module({
  imports: [TypeOrmModule.forFeature([PushSubscription, PushSent]), SpendingsModule, BudgetModule, FixedCostsModule],
  controllers: [PushController],
  providers: [PushRepository, LiveSubscriptions, PushService, PushSender, PushNotifier, PushScheduler],
  exports: [PushScheduler],
})
export class PushModule {}

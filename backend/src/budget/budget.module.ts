import { Module } from '@nestjs/common';
import { FunnelsModule } from '../funnels/funnels.module';
import { SpendingsModule } from '../spendings/spendings.module';
import { BudgetController } from './budget.controller';
import { BudgetService } from './budget.service';

@Module({
  imports: [FunnelsModule, SpendingsModule],
  controllers: [BudgetController],
  providers: [BudgetService],
})
export class BudgetModule {}

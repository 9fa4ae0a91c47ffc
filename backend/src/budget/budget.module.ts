import { Module } from '@nestjs/common';
import { FixedCostsModule } from '../fixed-costs/fixed-costs.module';
import { FunnelsModule } from '../funnels/funnels.module';
import { BudgetController } from './budget.controller';
import { BudgetRepository } from './budget.repository';
import { BudgetService } from './budget.service';

@Module({
  imports: [FunnelsModule, FixedCostsModule],
  controllers: [BudgetController],
  providers: [BudgetRepository, BudgetService],
  exports: [BudgetService],
})
export class BudgetModule {}

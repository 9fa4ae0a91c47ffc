import { Module } from '@nestjs/common';
import { FunnelsModule } from '../funnels/funnels.module';
import { BudgetController } from './budget.controller';
import { BudgetRepository } from './budget.repository';
import { BudgetService } from './budget.service';

@Module({
  imports: [FunnelsModule],
  controllers: [BudgetController],
  providers: [BudgetRepository, BudgetService],
})
export class BudgetModule {}

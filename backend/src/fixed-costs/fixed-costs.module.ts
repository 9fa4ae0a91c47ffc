import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { FunnelsModule } from '../funnels/funnels.module';
import { SpendingsModule } from '../spendings/spendings.module';
import { FixedCost, FixedCostOccurrence } from './fixed-cost.entity';
import { FixedCostScheduler } from './fixed-cost-scheduler';
import { FixedCostsController } from './fixed-costs.controller';
import { FixedCostsRepository } from './fixed-costs.repository';
import { FixedCostsService } from './fixed-costs.service';

@Module({
  imports: [TypeOrmModule.forFeature([FixedCost, FixedCostOccurrence]), FunnelsModule, SpendingsModule],
  controllers: [FixedCostsController],
  providers: [FixedCostsRepository, FixedCostsService, FixedCostScheduler],
  exports: [FixedCostsService, FixedCostScheduler],
})
export class FixedCostsModule {}

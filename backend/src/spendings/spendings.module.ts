import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { FunnelsModule } from '../funnels/funnels.module';
import { Spending } from './spending.entity';
import { SpendingsController } from './spendings.controller';
import { SpendingsRepository } from './spendings.repository';
import { SpendingsService } from './spendings.service';
import { ImportGate } from './import/import-gate';
import { ImportService } from './import/import.service';

@Module({
  imports: [TypeOrmModule.forFeature([Spending]), FunnelsModule],
  controllers: [SpendingsController],
  providers: [SpendingsRepository, SpendingsService, ImportService, ImportGate],
  exports: [SpendingsService],
})
export class SpendingsModule {}

import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { FunnelsController } from './funnels.controller';
import { FunnelsService } from './funnels.service';
import { Funnel } from './funnel.entity';
import { FunnelLimit } from './funnel-limit.entity';

@Module({
  imports: [TypeOrmModule.forFeature([Funnel, FunnelLimit])],
  controllers: [FunnelsController],
  providers: [FunnelsService],
  exports: [FunnelsService],
})
export class FunnelsModule {}

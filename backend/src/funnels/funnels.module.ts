import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { FunnelsController } from './funnels.controller';
import { FunnelsRepository } from './funnels.repository';
import { FunnelsService } from './funnels.service';
import { Funnel } from './funnel.entity';
import { FunnelLimit } from './funnel-limit.entity';
import { UsersModule } from '../users/users.module';

@Module({
  imports: [TypeOrmModule.forFeature([Funnel, FunnelLimit]), UsersModule],
  controllers: [FunnelsController],
  providers: [FunnelsRepository, FunnelsService],
  exports: [FunnelsService],
})
export class FunnelsModule {}

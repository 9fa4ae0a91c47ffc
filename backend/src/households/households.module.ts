import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { FunnelsModule } from '../funnels/funnels.module';
import { UsersModule } from '../users/users.module';
import { Household } from './household.entity';
import { HouseholdInvite } from './household-invite.entity';
import { OperatorInvite } from './operator-invite.entity';
import { HouseholdsController } from './households.controller';
import { HouseholdsRepository } from './households.repository';
import { HouseholdsService } from './households.service';

@Module({
  imports: [TypeOrmModule.forFeature([Household, HouseholdInvite, OperatorInvite]), UsersModule, FunnelsModule],
  controllers: [HouseholdsController],
  providers: [HouseholdsRepository, HouseholdsService],
  exports: [HouseholdsService],
})
export class HouseholdsModule {}

import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Household } from './household.entity';
import { HouseholdInvite } from './household-invite.entity';
import { HouseholdsService } from './households.service';

@Module({
  imports: [TypeOrmModule.forFeature([Household, HouseholdInvite])],
  providers: [HouseholdsService],
  exports: [HouseholdsService],
})
export class HouseholdsModule {}

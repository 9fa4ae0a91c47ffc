import { Module } from '@nestjs/common';
import { FunnelsModule } from '../funnels/funnels.module';
import { HouseholdsModule } from '../households/households.module';
import { UsersModule } from '../users/users.module';
import { RegistrationController } from './registration.controller';
import { RegistrationService } from './registration.service';

/** Making an account (sign-in's services come from the global AuthModule). */
@Module({
  imports: [UsersModule, HouseholdsModule, FunnelsModule],
  controllers: [RegistrationController],
  providers: [RegistrationService],
})
export class RegistrationModule {}

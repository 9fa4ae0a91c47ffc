import { createSecretKey } from 'node:crypto';
import { Global, Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { FunnelsModule } from '../funnels/funnels.module';
import { HouseholdsModule } from '../households/households.module';
import { UsersModule } from '../users/users.module';
import { AuthFailure } from './auth-failure.entity';
import { AuthenticatorReset } from './authenticator-reset.entity';
import { AuthenticatorResetsService } from './authenticator-resets.service';
import { AuthController } from './auth.controller';
import { AuthContextService } from './auth-context.service';
import { AccessTokenGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { Enrolment } from './enrolment.entity';
import { EnrolmentsService } from './enrolments.service';
import { LoginThrottle } from './login-throttle.entity';
import { RecoveryCode } from './recovery-code.entity';
import { RecoveryCodesService } from './recovery-codes.service';
import { RegistrationAttempt } from './registration-attempt.entity';
import { SecretBox } from './secret-box';
import { Session } from './session.entity';
import { SessionsService } from './sessions.service';
import { ThrottleService } from './throttle.service';
import { TokensService } from './tokens.service';

/** Global so that every feature module can use @Authenticated() without importing it. */
@Global()
@Module({
  imports: [
    TypeOrmModule.forFeature([Session, RecoveryCode, Enrolment, AuthFailure, LoginThrottle, RegistrationAttempt, AuthenticatorReset]),
    JwtModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => {
        // One KeyObject for the process: handing jsonwebtoken a string makes it try (and fail)
        // to parse it as a public key on every verify, which was the top cost of a request.
        const key = createSecretKey(Buffer.from(config.jwtSecret, 'utf8'));
        return {
          secretOrKeyProvider: () => key,
          signOptions: { algorithm: 'HS256' },
          verifyOptions: { algorithms: ['HS256'] },
        };
      },
    }),
    UsersModule,
    HouseholdsModule,
    FunnelsModule,
  ],
  controllers: [AuthController],
  providers: [AuthService, AuthenticatorResetsService, TokensService, SessionsService, ThrottleService, EnrolmentsService, RecoveryCodesService, SecretBox, AuthContextService, AccessTokenGuard],
  // Everything the guard needs, so any module can use @Authenticated().
  exports: [AccessTokenGuard, AuthContextService, TokensService, SessionsService, UsersModule],
})
export class AuthModule {}

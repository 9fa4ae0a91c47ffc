import { createSecretKey } from 'node:crypto';
import { Global, Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { UsersModule } from '../users/users.module';
import { AuthFailure } from './auth-failure.entity';
import { AuthenticatorReset } from './authenticator-reset.entity';
import { AuthenticatorResetsRepository } from './authenticator-resets.repository';
import { AuthenticatorResetsService } from './authenticator-resets.service';
import { AuthController } from './auth.controller';
import { AuthContextService } from './auth-context.service';
import { AccessTokenGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { Enrolment } from './enrolment.entity';
import { EnrolmentsRepository } from './enrolments.repository';
import { EnrolmentsService } from './enrolments.service';
import { JwtStrategy } from './jwt.strategy';
import { LoginThrottle } from './login-throttle.entity';
import { RecoveryCode } from './recovery-code.entity';
import { MeController } from './me.controller';
import { RecoveryCodesRepository } from './recovery-codes.repository';
import { RecoveryCodesService } from './recovery-codes.service';
import { RegistrationAttempt } from './registration-attempt.entity';
import { SecretBox } from './secret-box';
import { Session } from './session.entity';
import { SessionsRepository } from './sessions.repository';
import { SessionsService } from './sessions.service';
import { ThrottleRepository } from './throttle.repository';
import { ThrottleService } from './throttle.service';
import { TokensService } from './tokens.service';

/**
 * Sign-in: sessions, tokens, authenticators and their throttles. Built on accounts (UsersModule)
 * and on nothing else of the app. Global so that every feature module can use @Authenticated()
 * without importing it.
 */
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
  ],
  controllers: [AuthController, MeController],
  providers: [
    SessionsRepository,
    ThrottleRepository,
    EnrolmentsRepository,
    RecoveryCodesRepository,
    AuthenticatorResetsRepository,
    AuthService, AuthenticatorResetsService, TokensService, SessionsService, ThrottleService, EnrolmentsService, RecoveryCodesService, SecretBox, AuthContextService, JwtStrategy, AccessTokenGuard],
  // Everything the guard needs, so any module can use @Authenticated(); and what registration builds on.
  exports: [AccessTokenGuard, JwtStrategy, AuthContextService, TokensService, SessionsService, EnrolmentsService, RecoveryCodesService, ThrottleService, UsersModule],
})
export class AuthModule {}

import { Body, Controller, Get, HttpCode, HttpStatus, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { ApiErrorDto } from '../common/api-error.dto';
import { AuthUser } from './auth-user';
import { AuthService } from './auth.service';
import { Authenticated, CurrentUser } from './authenticated.decorator';
import { Client, ClientInfo } from './client-info.decorator';
import {
  EnrolmentDto,
  EnrolmentProofDto,
  LoginDto,
  RecoveryCodesDto,
  RefreshDto,
  RegisteredDto,
  ResetStartDto,
  SessionInfoDto,
  TokenPairDto,
  TotpFinishDto,
} from './dto/auth.dto';
import { SessionsService } from './sessions.service';

@ApiTags('auth')
@ApiBadRequestResponse({ type: ApiErrorDto, description: 'A field is missing or wrong; the message names it' })
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly sessions: SessionsService,
  ) {}

  /**
   * Use a reset link from the server's operator (`stracker-admin reset-authenticator`): a fresh
   * secret for a new authenticator. The link works until it is finished, for 24 hours.
   */
  @Post('reset/start')
  @ApiTooManyRequestsResponse({ type: ApiErrorDto, description: 'Too many wrong codes or links from this client; see Retry-After' })
  startReset(@Body() dto: ResetStartDto, @Client() client: ClientInfo): Promise<EnrolmentDto> {
    return this.auth.startReset(dto, client);
  }

  /** Prove the new authenticator with one code: this device is signed in, with ten new recovery codes; the link is used up. */
  @Post('reset/finish')
  @ApiTooManyRequestsResponse({ type: ApiErrorDto, description: 'Too many wrong codes from this client; see Retry-After' })
  finishReset(@Body() dto: EnrolmentProofDto, @Client() client: ClientInfo): Promise<RegisteredDto> {
    return this.auth.finishReset(dto, client);
  }

  /** Sign in with the current authenticator code (or a recovery code). Ends the session on any other device. */
  @Post('login')
  @HttpCode(HttpStatus.OK)
  @ApiUnauthorizedResponse({ type: ApiErrorDto, description: 'Unknown username or wrong code (the same answer for both)' })
  @ApiTooManyRequestsResponse({ type: ApiErrorDto, description: 'Too many wrong codes; see Retry-After' })
  login(@Body() dto: LoginDto, @Client() client: ClientInfo): Promise<TokenPairDto> {
    return this.auth.login(dto, client);
  }

  /** Exchange the refresh token for a new pair; the old refresh token stops working. */
  @Post('refresh')
  @HttpCode(HttpStatus.OK)
  @ApiUnauthorizedResponse({ type: ApiErrorDto, description: 'Expired, reused or revoked refresh token' })
  refresh(@Body() dto: RefreshDto): Promise<TokenPairDto> {
    return this.auth.refresh(dto.refreshToken);
  }

  /** End this device's session. */
  @Post('logout')
  @Authenticated()
  @HttpCode(HttpStatus.NO_CONTENT)
  logout(@CurrentUser() user: AuthUser): Promise<void> {
    return this.auth.logout(user);
  }

  /** Start replacing the authenticator: a new secret that takes effect once proven. */
  @Post('totp/start')
  @Authenticated()
  startReenrolment(@CurrentUser() user: AuthUser): Promise<EnrolmentDto> {
    return this.auth.startReenrolment(user);
  }

  /** Prove the new authenticator with one code; from now on only its codes work. */
  @Post('totp/finish')
  @Authenticated()
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiTooManyRequestsResponse({ type: ApiErrorDto, description: 'Too many wrong codes from this client; see Retry-After' })
  finishReenrolment(@CurrentUser() user: AuthUser, @Body() dto: TotpFinishDto, @Client() client: ClientInfo): Promise<void> {
    return this.auth.finishReenrolment(user, dto, client);
  }

  /** Ten new recovery codes; the previous batch stops working. */
  @Post('recovery-codes')
  @Authenticated()
  async regenerateRecoveryCodes(@CurrentUser() user: AuthUser): Promise<RecoveryCodesDto> {
    return { recoveryCodes: await this.auth.regenerateRecoveryCodes(user) };
  }

  /** The session of this device. */
  @Get('session')
  @Authenticated()
  async session(@CurrentUser() user: AuthUser): Promise<SessionInfoDto> {
    const { startedAt, lastSeenAt, userAgent } = await this.sessions.requireActive(user.sessionId, user.id);
    return { startedAt, lastSeenAt, userAgent };
  }
}

import { BadRequestException, Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiForbiddenResponse, ApiNotFoundResponse, ApiOperation, ApiTags, ApiTooManyRequestsResponse } from '@nestjs/swagger';
import { Client, ClientInfo } from '../auth/client-info.decorator';
import { EnrolmentDto, RegisteredDto, RegisterFinishDto, RegisterStartDto, RegistrationInfoDto } from '../auth/dto/auth.dto';
import { ApiErrorDto } from '../common/api-error.dto';
import { InvitePreviewDto } from '../households/dto/household.dto';
import { HouseholdsService } from '../households/households.service';
import { RegistrationService } from './registration.service';
import { text } from '../i18n/server-text';

/**
 * The sign-up routes under /api/auth. Their operation ids are the ones they had in
 * AuthController (`Auth_…`): generated clients call them by those names.
 */
@ApiTags('auth')
@ApiBadRequestResponse({ type: ApiErrorDto, description: 'A field is missing or wrong; the message names it' })
@Controller('auth')
export class RegistrationController {
  constructor(
    private readonly registrations: RegistrationService,
    private readonly households: HouseholdsService,
  ) {}

  /** What an invite code leads to: the household it joins (name, members, shared funnels) or a new one. */
  @Get('invites/:code')
  @ApiOperation({ operationId: 'Auth_invite' })
  @ApiNotFoundResponse({ type: ApiErrorDto, description: 'The invite code is unknown, used or expired' })
  invite(@Param('code') code: string): Promise<InvitePreviewDto> {
    if (code.length > 64) throw new BadRequestException([text('validation.inviteCode', { field: 'code' })]);
    return this.households.previewInvite(code);
  }

  /** Whether this server takes new accounts, and whether they need an invite code (for the sign-up screen). */
  @Get('registration')
  @ApiOperation({ operationId: 'Auth_registration' })
  registration(): Promise<RegistrationInfoDto> {
    return this.registrations.info();
  }

  /** Step 1 of registration: reserve nothing yet, hand out a fresh TOTP secret to add to an authenticator app. */
  @Post('register/start')
  @ApiOperation({ operationId: 'Auth_startRegistration' })
  @ApiForbiddenResponse({ type: ApiErrorDto, description: 'Registration is closed, or needs an invite code (REGISTRATION setting)' })
  @ApiConflictResponse({ type: ApiErrorDto, description: 'The username is taken' })
  @ApiNotFoundResponse({ type: ApiErrorDto, description: 'The invite code is unknown, used or expired' })
  @ApiTooManyRequestsResponse({ type: ApiErrorDto, description: 'Too many registrations from this client; see Retry-After' })
  startRegistration(@Body() dto: RegisterStartDto, @Client() client: ClientInfo): Promise<EnrolmentDto> {
    return this.registrations.start(dto, client);
  }

  /** Step 2: prove the authenticator with one current code; creates the account and signs this device in. */
  @Post('register/finish')
  @ApiOperation({ operationId: 'Auth_finishRegistration' })
  @ApiForbiddenResponse({ type: ApiErrorDto, description: 'Registration closed meanwhile, or someone else took the free first account' })
  @ApiConflictResponse({ type: ApiErrorDto, description: 'The username was taken meanwhile' })
  @ApiTooManyRequestsResponse({ type: ApiErrorDto, description: 'Too many wrong codes from this client; see Retry-After' })
  finishRegistration(@Body() dto: RegisterFinishDto, @Client() client: ClientInfo): Promise<RegisteredDto> {
    return this.registrations.finish(dto, client);
  }
}

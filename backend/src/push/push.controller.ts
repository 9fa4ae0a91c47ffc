import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Post, Put } from '@nestjs/common';
import { ApiBadGatewayResponse, ApiBadRequestResponse, ApiNoContentResponse, ApiNotFoundResponse, ApiTags } from '@nestjs/swagger';
import { AuthUser } from '../auth/auth-user';
import { Authenticated, CurrentUser } from '../auth/authenticated.decorator';
import { ApiErrorDto } from '../common/api-error.dto';
import { PushSubscriptionDto, PutPushSubscriptionDto, VapidKeyDto } from './dto/push.dto';
import { PushService } from './push.service';

@ApiTags('push')
@Authenticated()
@Controller('push')
export class PushController {
  constructor(private readonly push: PushService) {}

  /** The server's VAPID public key, for `PushManager.subscribe({ applicationServerKey })`. */
  @Get('key')
  key(): VapidKeyDto {
    return this.push.key();
  }

  /** This device's subscription and its notification preferences. */
  @Get('subscription')
  @ApiNotFoundResponse({ type: ApiErrorDto, description: 'This device (session) has no push subscription' })
  get(@CurrentUser() user: AuthUser): Promise<PushSubscriptionDto> {
    return this.push.get(user);
  }

  /**
   * Stores this device's subscription (`PushSubscription.toJSON()` with `prefs`), replacing the
   * one it had: one per session, ended with the session. The endpoint must be an `https:` URL
   * on a public address.
   */
  @Put('subscription')
  @ApiBadRequestResponse({ type: ApiErrorDto, description: 'A field is wrong, or the endpoint is not https: on a public address; the message says which' })
  put(@CurrentUser() user: AuthUser, @Body() dto: PutPushSubscriptionDto): Promise<PushSubscriptionDto> {
    return this.push.put(user, dto);
  }

  /** Stops notifications to this device (also fine when there was no subscription). */
  @Delete('subscription')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse({ description: 'No subscription is stored for this device now' })
  remove(@CurrentUser() user: AuthUser): Promise<void> {
    return this.push.remove(user);
  }

  /** Sends a test notification to this device; 204 once its push service took it. */
  @Post('test')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse({ description: 'The push service took the notification' })
  @ApiNotFoundResponse({ type: ApiErrorDto, description: 'This device has no push subscription (or its push service no longer knows it: it was removed)' })
  @ApiBadGatewayResponse({ type: ApiErrorDto, description: 'The push service did not take it, or its address is no longer allowed' })
  test(@CurrentUser() user: AuthUser): Promise<void> {
    return this.push.test(user);
  }
}

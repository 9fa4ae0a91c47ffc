import { Body, Controller, Get, NotFoundException, Patch } from '@nestjs/common';
import { ApiBadRequestResponse, ApiTags } from '@nestjs/swagger';
import { ApiErrorDto } from '../common/api-error.dto';
import { UsersService } from '../users/users.service';
import { AuthUser } from './auth-user';
import { Authenticated, CurrentUser } from './authenticated.decorator';
import { MeDto, UpdateMeDto } from './dto/me.dto';
import { text } from '../i18n/server-text';

@ApiTags('me')
@Controller('me')
export class MeController {
  constructor(private readonly users: UsersService) {}

  /** The signed-in user and their household settings. */
  @Get()
  @Authenticated()
  async me(@CurrentUser() user: AuthUser): Promise<MeDto> {
    const found = await this.users.withHousehold(user.id);
    if (!found) throw new NotFoundException(text('auth.userNotFound'));
    const { id, name, periodStartDay, timezone, currency } = found.household;
    return { id: found.user.id, username: found.user.username, household: { id, name, periodStartDay, timezone, currency }, locale: found.user.locale };
  }

  /** Change the signed-in user's own settings: the language (the app switches at once; notifications follow). */
  @Patch()
  @Authenticated()
  @ApiBadRequestResponse({ type: ApiErrorDto, description: 'A field is missing or wrong; the message names it' })
  async update(@CurrentUser() user: AuthUser, @Body() dto: UpdateMeDto): Promise<MeDto> {
    await this.users.setLocale(user.id, dto.locale);
    return this.me(user);
  }
}

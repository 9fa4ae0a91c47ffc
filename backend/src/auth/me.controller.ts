import { Controller, Get, NotFoundException } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { UsersService } from '../users/users.service';
import { AuthUser } from './auth-user';
import { Authenticated, CurrentUser } from './authenticated.decorator';
import { MeDto } from './dto/me.dto';

@ApiTags('me')
@Controller('me')
export class MeController {
  constructor(private readonly users: UsersService) {}

  /** The signed-in user and their household settings. */
  @Get()
  @Authenticated()
  async me(@CurrentUser() user: AuthUser): Promise<MeDto> {
    const found = await this.users.withHousehold(user.id);
    if (!found) throw new NotFoundException('User not found');
    const { id, name, periodStartDay, timezone, currency } = found.household;
    return { id: found.user.id, username: found.user.username, household: { id, name, periodStartDay, timezone, currency } };
  }
}

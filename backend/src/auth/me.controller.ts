import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { AuthUser } from '../auth/auth-user';
import { Authenticated, CurrentUser } from '../auth/authenticated.decorator';
import { MeDto } from './dto/me.dto';
import { UsersService } from './users.service';

@ApiTags('me')
@Controller('me')
export class MeController {
  constructor(private readonly users: UsersService) {}

  /** The signed-in user and their household settings. */
  @Get()
  @Authenticated()
  me(@CurrentUser() user: AuthUser): Promise<MeDto> {
    return this.users.profile(user.id);
  }
}

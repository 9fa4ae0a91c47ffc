import { Body, Controller, Get, HttpCode, HttpStatus, Patch, Post } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiNotFoundResponse, ApiTags } from '@nestjs/swagger';
import { AuthUser } from '../auth/auth-user';
import { Authenticated, CurrentUser } from '../auth/authenticated.decorator';
import { ApiErrorDto } from '../common/api-error.dto';
import { HouseholdDto, InviteDto, JoinHouseholdDto, UpdateHouseholdDto } from './dto/household.dto';
import { HouseholdsService } from './households.service';

@ApiTags('household')
@Authenticated()
@ApiBadRequestResponse({ type: ApiErrorDto, description: 'A field is wrong; the message names it' })
@Controller('household')
export class HouseholdsController {
  constructor(private readonly households: HouseholdsService) {}

  /** The caller's household, its settings and members. */
  @Get()
  get(@CurrentUser() user: AuthUser): Promise<HouseholdDto> {
    return this.households.get(user);
  }

  /** Change the name, pay day (period start day), time zone or currency; omitted fields stay. */
  @Patch()
  update(@CurrentUser() user: AuthUser, @Body() dto: UpdateHouseholdDto): Promise<HouseholdDto> {
    return this.households.update(user, dto);
  }

  /** A single-use invite code, valid 48 hours. */
  @Post('invites')
  createInvite(@CurrentUser() user: AuthUser): Promise<InviteDto> {
    return this.households.createInvite(user);
  }

  /** Join another household with an invite code; personal funnels and all spendings come along. */
  @Post('join')
  @HttpCode(HttpStatus.OK)
  @ApiNotFoundResponse({ type: ApiErrorDto, description: 'Unknown, used or expired invite code' })
  @ApiConflictResponse({ type: ApiErrorDto, description: 'Already a member of that household' })
  join(@CurrentUser() user: AuthUser, @Body() dto: JoinHouseholdDto): Promise<HouseholdDto> {
    return this.households.join(user, dto.code);
  }

  /** Leave for a new household of one; personal funnels and all spendings come along, shared funnels stay. */
  @Post('leave')
  @HttpCode(HttpStatus.OK)
  leave(@CurrentUser() user: AuthUser): Promise<HouseholdDto> {
    return this.households.leave(user);
  }
}

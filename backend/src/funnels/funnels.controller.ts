import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Post, Put } from '@nestjs/common';
import { ApiBadRequestResponse, ApiForbiddenResponse, ApiNotFoundResponse, ApiParam, ApiTags } from '@nestjs/swagger';
import { AuthUser } from '../auth/auth-user';
import { Authenticated, CurrentUser } from '../auth/authenticated.decorator';
import { ApiErrorDto } from '../common/api-error.dto';
import { UuidParam } from '../common/uuid-param';
import { FunnelDto, FunnelInputDto } from './dto/funnel.dto';
import { FunnelsService } from './funnels.service';

@ApiTags('funnels')
@Authenticated()
@ApiBadRequestResponse({ type: ApiErrorDto, description: 'A field is missing or wrong; the message names it' })
@Controller('funnels')
export class FunnelsController {
  constructor(private readonly funnels: FunnelsService) {}

  /** The funnels the caller sees (shared ones of the household and their own personal ones), in display order. */
  @Get()
  list(@CurrentUser() user: AuthUser): Promise<FunnelDto[]> {
    return this.funnels.list(user);
  }

  /** One funnel. */
  @Get(':id')
  @ApiParam({ name: 'id', format: 'uuid', description: 'Funnel id' })
  @ApiNotFoundResponse({ type: ApiErrorDto, description: 'No such funnel, or not visible to the caller' })
  get(@CurrentUser() user: AuthUser, @UuidParam() id: string): Promise<FunnelDto> {
    return this.funnels.get(user, id);
  }

  /** Create a funnel; it goes last in the display order. */
  @Post()
  create(@CurrentUser() user: AuthUser, @Body() dto: FunnelInputDto): Promise<FunnelDto> {
    return this.funnels.create(user, dto);
  }

  /**
   * Replace a funnel's settings. A new limit applies from the current period on. Any member may
   * edit a shared funnel, but only its owner may make it personal.
   */
  @Put(':id')
  @ApiParam({ name: 'id', format: 'uuid', description: 'Funnel id' })
  @ApiForbiddenResponse({ type: ApiErrorDto, description: 'A shared funnel made personal by someone other than its owner (the message names the owner)' })
  @ApiNotFoundResponse({ type: ApiErrorDto, description: 'No such funnel, or not visible to the caller' })
  update(@CurrentUser() user: AuthUser, @UuidParam() id: string, @Body() dto: FunnelInputDto): Promise<FunnelDto> {
    return this.funnels.update(user, id, dto);
  }

  /** Delete a funnel **and all its spendings** (`spendingCount` says how many). A shared funnel only by its owner. */
  @Delete(':id')
  @ApiParam({ name: 'id', format: 'uuid', description: 'Funnel id' })
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiForbiddenResponse({ type: ApiErrorDto, description: 'A shared funnel deleted by someone other than its owner (the message names the owner)' })
  @ApiNotFoundResponse({ type: ApiErrorDto, description: 'No such funnel, or not visible to the caller' })
  remove(@CurrentUser() user: AuthUser, @UuidParam() id: string): Promise<void> {
    return this.funnels.remove(user, id);
  }
}

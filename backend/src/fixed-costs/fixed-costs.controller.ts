import { BadRequestException, Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiNotFoundResponse, ApiParam, ApiTags } from '@nestjs/swagger';
import { AuthUser } from '../auth/auth-user';
import { Authenticated, CurrentUser } from '../auth/authenticated.decorator';
import { ApiErrorDto } from '../common/api-error.dto';
import { UuidParam } from '../common/uuid-param';
import { isLocalDate } from '../common/validators';
import { FixedCostDto, FixedCostInputDto, FixedCostListQueryDto, SkipOccurrenceDto } from './dto/fixed-cost.dto';
import { FixedCostsService } from './fixed-costs.service';
import { text } from '../i18n/server-text';

@ApiTags('fixed-costs')
@Authenticated()
@ApiBadRequestResponse({ type: ApiErrorDto, description: 'A field is missing or wrong; the message names it' })
@Controller('fixed-costs')
export class FixedCostsController {
  constructor(private readonly fixedCosts: FixedCostsService) {}

  /** The fixed costs of the funnels the caller sees (or of one of them), oldest first. */
  @Get()
  @ApiNotFoundResponse({ type: ApiErrorDto, description: 'funnelId names no funnel the caller sees' })
  list(@CurrentUser() user: AuthUser, @Query() query: FixedCostListQueryDto): Promise<FixedCostDto[]> {
    return this.fixedCosts.list(user, query.funnelId);
  }

  /** One fixed cost. */
  @Get(':id')
  @ApiParam({ name: 'id', format: 'uuid', description: 'Fixed cost id' })
  @ApiNotFoundResponse({ type: ApiErrorDto, description: 'No such fixed cost, or its funnel is not visible to the caller' })
  get(@CurrentUser() user: AuthUser, @UuidParam() id: string): Promise<FixedCostDto> {
    return this.fixedCosts.get(user, id);
  }

  /**
   * Add a fixed cost to a funnel the caller sees. Each due date from today on (household time
   * zone) becomes a spending of the caller's on that date; until then it is set aside in the
   * budget (`upcoming`).
   */
  @Post()
  @ApiNotFoundResponse({ type: ApiErrorDto, description: 'No such funnel, or not visible to the caller' })
  @ApiConflictResponse({ type: ApiErrorDto, description: 'The funnel has 50 fixed costs already' })
  create(@CurrentUser() user: AuthUser, @Body() dto: FixedCostInputDto): Promise<FixedCostDto> {
    return this.fixedCosts.create(user, dto);
  }

  /** Change a fixed cost from today on; spendings it posted before stay as they are. */
  @Put(':id')
  @ApiParam({ name: 'id', format: 'uuid', description: 'Fixed cost id' })
  @ApiNotFoundResponse({ type: ApiErrorDto, description: 'No such fixed cost or funnel, or not visible to the caller' })
  update(@CurrentUser() user: AuthUser, @UuidParam() id: string, @Body() dto: FixedCostInputDto): Promise<FixedCostDto> {
    return this.fixedCosts.update(user, id, dto);
  }

  /** Delete a fixed cost. The spendings it posted stay (delete them as spendings if wanted). */
  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiParam({ name: 'id', format: 'uuid', description: 'Fixed cost id' })
  @ApiNotFoundResponse({ type: ApiErrorDto, description: 'No such fixed cost, or its funnel is not visible to the caller' })
  remove(@CurrentUser() user: AuthUser, @UuidParam() id: string): Promise<void> {
    return this.fixedCosts.remove(user, id);
  }

  /** Skip one due date: it is not posted and not set aside. */
  @Post(':id/skips')
  @HttpCode(HttpStatus.OK)
  @ApiParam({ name: 'id', format: 'uuid', description: 'Fixed cost id' })
  @ApiNotFoundResponse({ type: ApiErrorDto, description: 'No such fixed cost, or its funnel is not visible to the caller' })
  @ApiConflictResponse({ type: ApiErrorDto, description: 'That date was posted or skipped already' })
  skip(@CurrentUser() user: AuthUser, @UuidParam() id: string, @Body() dto: SkipOccurrenceDto): Promise<FixedCostDto> {
    return this.fixedCosts.skip(user, id, dto.dueOn);
  }

  /** Undo a skip of a date that has not passed. */
  @Delete(':id/skips/:dueOn')
  @ApiParam({ name: 'id', format: 'uuid', description: 'Fixed cost id' })
  @ApiParam({ name: 'dueOn', description: 'The skipped date, YYYY-MM-DD', example: '2026-04-01' })
  @ApiNotFoundResponse({ type: ApiErrorDto, description: 'No such fixed cost, or that date is not skipped' })
  unskip(@CurrentUser() user: AuthUser, @UuidParam() id: string, @Param('dueOn') dueOn: string): Promise<FixedCostDto> {
    if (!isLocalDate(dueOn)) throw new BadRequestException([text('validation.localDate', { field: 'dueOn' })]);
    return this.fixedCosts.unskip(user, id, dueOn);
  }
}

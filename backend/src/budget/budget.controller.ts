import { Controller, Get, Header, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AuthUser } from '../auth/auth-user';
import { Authenticated, CurrentUser } from '../auth/authenticated.decorator';
import { ApiErrorDto } from '../common/api-error.dto';
import { BudgetService } from './budget.service';
import { BudgetDto, BudgetQueryDto, HistoryPeriodDto, HistoryQueryDto } from './dto/budget.dto';

@ApiTags('budget')
@Authenticated()
@ApiBadRequestResponse({ type: ApiErrorDto, description: 'A query parameter is wrong; the message names it' })
@Controller('budget')
export class BudgetController {
  constructor(private readonly budget: BudgetService) {}

  /** The figures of the period containing `at` (default now): remaining and today's allowance per funnel. */
  @Get()
  @ApiOkResponse({ type: BudgetDto })
  @Header('content-type', 'application/json; charset=utf-8')
  async get(@CurrentUser() user: AuthUser, @Query() query: BudgetQueryDto): Promise<string | Buffer> {
    // Serialised here (the current one usually comes ready from the cache) rather than by the framework.
    return query.at ? JSON.stringify(await this.budget.budget(user, new Date(query.at))) : this.budget.currentBudgetJson(user);
  }

  /** Spent vs the limit in force then, per funnel, for the last periods, newest first. */
  @Get('history')
  history(@CurrentUser() user: AuthUser, @Query() query: HistoryQueryDto): Promise<HistoryPeriodDto[]> {
    return this.budget.history(user, query.periods);
  }
}

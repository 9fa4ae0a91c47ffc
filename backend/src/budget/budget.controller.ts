import { Controller, Get, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiTags } from '@nestjs/swagger';
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
  get(@CurrentUser() user: AuthUser, @Query() query: BudgetQueryDto): Promise<BudgetDto> {
    return this.budget.budget(user, query.at ? new Date(query.at) : undefined);
  }

  /** Spent vs the limit in force then, per funnel, for the last periods, newest first. */
  @Get('history')
  history(@CurrentUser() user: AuthUser, @Query() query: HistoryQueryDto): Promise<HistoryPeriodDto[]> {
    return this.budget.history(user, query.periods);
  }
}

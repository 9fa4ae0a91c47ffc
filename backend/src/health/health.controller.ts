import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { ApiErrorDto } from '../common/api-error.dto';
import { Database } from '../database/database.service';

export class HealthDto {
  /** @example "ok" */
  status: 'ok';
}

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(private readonly db: Database) {}

  /** 200 while the database answers; for load balancers and container health checks. */
  @Get()
  @ApiServiceUnavailableResponse({ type: ApiErrorDto, description: 'The database does not answer' })
  async health(): Promise<HealthDto> {
    try {
      await this.db.dataSource.query('SELECT 1');
    } catch {
      throw new ServiceUnavailableException('The database does not answer');
    }
    return { status: 'ok' };
  }
}

import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { ApiErrorDto } from '../common/api-error.dto';
import { Database } from '../database/database.service';
import { text } from '../i18n/server-text';

export class HealthDto {
  /** @example "ok" */
  status: 'ok';
}

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(private readonly db: Database) {}

  /**
   * 200 while the database takes writes; for load balancers and container health checks. A
   * database that can only be read (a restored file the API may not write, a full disk) is a
   * 503: every spending would fail.
   */
  @Get()
  @ApiServiceUnavailableResponse({ type: ApiErrorDto, description: 'The database does not answer or cannot be written' })
  async health(): Promise<HealthDto> {
    try {
      await this.db.probeWrite();
    } catch {
      throw new ServiceUnavailableException(text('request.databaseReadOnly'));
    }
    return { status: 'ok' };
  }
}

import { Readable } from 'node:stream';
import { Body, Controller, Delete, Get, Header, HttpCode, HttpStatus, Post, Put, Query, Req, Res, StreamableFile } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiConflictResponse,
  ApiConsumes,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiParam,
  ApiPayloadTooLargeResponse,
  ApiProduces,
  ApiServiceUnavailableResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnsupportedMediaTypeResponse,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AuthUser } from '../auth/auth-user';
import { Authenticated, CurrentUser } from '../auth/authenticated.decorator';
import { ApiErrorDto } from '../common/api-error.dto';
import { mediaType } from '../common/request-body';
import { RequestLocale } from '../common/request-locale';
import type { Locale } from '../rules/locale';
import { UuidParam } from '../common/uuid-param';
import { CreateSpendingDto, ListSpendingsQueryDto, SpendingDto, SpendingPageDto, SpendingRangeQueryDto, UpdateSpendingDto } from './dto/spending.dto';
import { SpendingsService } from './spendings.service';
import { IMPORT_ROUTE, ImportService } from './import/import.service';
import { ImportQueryDto, ImportResultDto } from './dto/import.dto';

@ApiTags('spendings')
@Authenticated()
@ApiBadRequestResponse({ type: ApiErrorDto, description: 'A field is missing or wrong; the message names it' })
@Controller('spendings')
export class SpendingsController {
  constructor(
    private readonly spendings: SpendingsService,
    private readonly importer: ImportService,
  ) {}

  /** Spendings in the caller's visible funnels, newest `spentAt` first, a page at a time. */
  @Get()
  @ApiNotFoundResponse({ type: ApiErrorDto, description: 'funnelId names a funnel the caller cannot see' })
  list(@CurrentUser() user: AuthUser, @Query() query: ListSpendingsQueryDto): Promise<SpendingPageDto> {
    return this.spendings.list(user, query);
  }

  /** Every visible spending in the range, oldest first, as CSV (RFC 4180; formula-like cells neutralised). */
  @Get('export')
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'Columns: date (household time zone), amount, funnel, note, author, spentAt, id', schema: { type: 'string' } })
  @Header('Content-Type', 'text/csv; charset=utf-8')
  async export(@CurrentUser() user: AuthUser, @Query() query: SpendingRangeQueryDto, @Res({ passthrough: true }) reply: FastifyReply): Promise<StreamableFile> {
    const csv = await this.spendings.exportCsv(user, query);
    void reply.header('Content-Disposition', 'attachment; filename="stracker-spendings.csv"');
    return new StreamableFile(Readable.from(csv));
  }

  /**
   * Import spendings from a file (UTF-8, up to 4 MiB; OFX and QIF may be Windows-1252): STracker's
   * export or `date,amount,funnel,note`, a YNAB register, an Actual Budget, Cashew or Firefly III
   * export (CSV, recognised by the header row), or an OFX or QIF bank statement (recognised by
   * its first lines or its Content-Type). Only money going out becomes spendings; income,
   * transfers, split totals and rows in another currency are skipped and listed with the rest.
   * The rest is stored in one transaction. `dryRun=true` only reports (200), naming the format.
   * One import at a time per user (429) and a few at a time on the server (503), both with Retry-After.
   */
  @Post('import')
  @ApiConsumes(...IMPORT_ROUTE.mediaTypes)
  @ApiBody({
    description: 'The file. An OFX or QIF file is recognised by its first lines whatever its type, a QIF file without its !Type line when sent as QIF; a CSV by its header row.',
    schema: { type: 'string', example: 'date,amount,funnel,note\r\n2026-03-10,12.50,Food,Bakery\r\n' },
  })
  @ApiOkResponse({ type: ImportResultDto, description: 'Dry run: what an import would do' })
  @ApiPayloadTooLargeResponse({ type: ApiErrorDto, description: 'The file is larger than 4 MiB' })
  @ApiUnsupportedMediaTypeResponse({ type: ApiErrorDto, description: 'The body is not sent as a file (text/csv, an OFX or a QIF type)' })
  @ApiConflictResponse({ type: ApiErrorDto, description: 'Another import stored some of the same rows at the same moment; nothing was stored' })
  @ApiTooManyRequestsResponse({ type: ApiErrorDto, description: 'An import of this user is still running; see Retry-After' })
  @ApiServiceUnavailableResponse({ type: ApiErrorDto, description: 'The server is busy with other imports; see Retry-After' })
  async import(
    @CurrentUser() user: AuthUser,
    @Req() request: FastifyRequest,
    @Query() query: ImportQueryDto,
    @RequestLocale() locale: Locale,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ImportResultDto> {
    const result = await this.importer.importUpload(user, request.body, {
      dryRun: query.dryRun === 'true',
      mapping: query.mapping,
      dateOrder: query.dateOrder,
      mediaType: mediaType(request.headers['content-type']),
      locale,
    });
    if (result.dryRun) void reply.status(HttpStatus.OK);
    return result;
  }

  /** Record a spending. Repeating a client-chosen `id` returns the stored spending with 200. */
  @Post()
  @ApiOkResponse({ type: SpendingDto, description: 'The same `id` was sent before by this user: the stored spending' })
  @ApiNotFoundResponse({ type: ApiErrorDto, description: 'The funnel does not exist or is not visible to the caller' })
  @ApiConflictResponse({ type: ApiErrorDto, description: 'The `id` belongs to a spending of someone else' })
  async create(@CurrentUser() user: AuthUser, @Body() dto: CreateSpendingDto, @Res({ passthrough: true }) reply: FastifyReply): Promise<SpendingDto> {
    const { spending, created } = await this.spendings.create(user, dto);
    if (!created) void reply.status(HttpStatus.OK);
    return spending;
  }

  /** Change a spending (amount, funnel, time, note). */
  @Put(':id')
  @ApiParam({ name: 'id', format: 'uuid', description: 'Spending id' })
  @ApiNotFoundResponse({ type: ApiErrorDto, description: 'No such spending or funnel visible to the caller' })
  update(@CurrentUser() user: AuthUser, @UuidParam() id: string, @Body() dto: UpdateSpendingDto): Promise<SpendingDto> {
    return this.spendings.update(user, id, dto);
  }

  /** Delete a spending. */
  @Delete(':id')
  @ApiParam({ name: 'id', format: 'uuid', description: 'Spending id' })
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNotFoundResponse({ type: ApiErrorDto, description: 'No such spending visible to the caller' })
  remove(@CurrentUser() user: AuthUser, @UuidParam() id: string): Promise<void> {
    return this.spendings.remove(user, id);
  }
}

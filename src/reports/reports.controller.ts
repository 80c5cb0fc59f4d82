import { Controller, Get, Query, StreamableFile, type Type } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiExtraModels,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  type ApiResponseOptions,
  ApiTags,
  ApiUnauthorizedResponse,
  getSchemaPath,
} from '@nestjs/swagger';
import { ApiRoute } from '../common/api-route';
import { OptionalHeader } from '../common/optional-header';
import { Access } from '../common/access/access';
import { Audited } from '../audit/audited.decorator';
import {
  BREACHES_DEFAULT_LIMIT,
  BreachesQueryDto,
  ReportMonthQueryDto,
  type ReportFormat,
  ServiceLevelQueryDto,
} from './dto/report-query.dto';
import { OpenBreachPageDto, PublicServiceLevelDto, ServiceLevelReportDto } from './dto/report.dto';
import { breachesCsv, serviceLevelCsv, type PublicServiceLevel } from './report-formats';
import type { OpenBreachPage, ServiceLevelReport } from './report.types';
import { ReportsService } from './reports.service';

/** A 200 answered as JSON (the schema) or as a UTF-8 CSV file. */
function jsonOrCsv(model: Type, description: string): ApiResponseOptions {
  return {
    description,
    content: {
      'application/json': { schema: { $ref: getSchemaPath(model) } },
      'text/csv': { schema: { type: 'string' } },
    },
  };
}

/** CSV when asked for by `format=csv`, or by `Accept: text/csv` unless `format=json` says otherwise. */
function wantsCsv(format: ReportFormat | undefined, accept: string | undefined): boolean {
  if (format) return format === 'csv';
  return /(^|,)\s*text\/csv\b/i.test(accept ?? '');
}

function csvFile(text: string, fileName: string): StreamableFile {
  return new StreamableFile(Buffer.from(text, 'utf8'), {
    type: 'text/csv; charset=utf-8',
    disposition: `attachment; filename="${fileName}"`,
  });
}

const pad = (n: number) => String(n).padStart(2, '0');

@ApiTags('reports')
@ApiBearerAuth()
@ApiExtraModels(ServiceLevelReportDto, OpenBreachPageDto)
@Controller('reports')
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  @Get('service-level')
  @Access.roles(['OPERATOR', 'ADMINISTRATOR'])
  @Audited({ action: 'report.service-level.read', resource: 'report' })
  @ApiOperation({
    summary:
      'Service levels of a Jalali month per stage and request type — گزارش سطح خدمت ماهانه به تفکیک مرحله و نوع درخواست',
    description:
      'Per measure (document review, the agency’s corrections, scheduling, the whole case) and ' +
      'request type: how many finished in the month, the share on time against the case’s ' +
      'policy, and the median and 90th percentile in working days, on the directorate’s clock ' +
      '(paused while the agency owes corrections) and end to end. `format=csv` (or `Accept: ' +
      'text/csv`) answers a UTF-8 CSV with a byte-order mark. See docs/service-level-reports.md.',
  })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse(jsonOrCsv(ServiceLevelReportDto, 'The report (JSON), or the same rows as CSV'))
  @ApiBadRequestResponse({ description: 'year, month, requestType or format is invalid' })
  @ApiUnauthorizedResponse({ description: 'AUTH.UNAUTHENTICATED' })
  @ApiForbiddenResponse({ description: 'ACCESS.FORBIDDEN: operators and administrators only' })
  async serviceLevel(
    @Query() query: ServiceLevelQueryDto,
    @OptionalHeader('Accept', 'text/csv answers CSV unless format=json says otherwise')
    accept?: string,
  ): Promise<ServiceLevelReport | StreamableFile> {
    const report = await this.reports.serviceLevel(query.year, query.month, query.requestType);
    if (!wantsCsv(query.format, accept)) return report;
    const suffix = query.requestType ? `-${query.requestType.toLowerCase()}` : '';
    return csvFile(
      serviceLevelCsv(report),
      `service-level-${query.year}-${pad(query.month)}${suffix}.csv`,
    );
  }

  @Get('breaches')
  @Access.roles(['OPERATOR', 'ADMINISTRATOR'])
  @Audited({ action: 'report.breaches.read', resource: 'report' })
  @ApiOperation({
    summary: 'Open service-level breaches, oldest deadline first — موارد باز عبور از مهلت خدمت',
    description:
      'Cases not yet ended whose current stage’s deadline, or the whole case’s, has passed. ' +
      '`format=csv` (or `Accept: text/csv`) answers the page as CSV.',
  })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse(jsonOrCsv(OpenBreachPageDto, 'A page of open breaches, or the same page as CSV'))
  @ApiBadRequestResponse({ description: 'requestType, limit, offset or format is invalid' })
  @ApiUnauthorizedResponse({ description: 'AUTH.UNAUTHENTICATED' })
  @ApiForbiddenResponse({ description: 'ACCESS.FORBIDDEN: operators and administrators only' })
  async breaches(
    @Query() query: BreachesQueryDto,
    @OptionalHeader('Accept', 'text/csv answers CSV unless format=json says otherwise')
    accept?: string,
  ): Promise<OpenBreachPage | StreamableFile> {
    const page = await this.reports.openBreaches({
      requestType: query.requestType,
      limit: query.limit ?? BREACHES_DEFAULT_LIMIT,
      offset: query.offset ?? 0,
    });
    return wantsCsv(query.format, accept) ? csvFile(breachesCsv(page), 'open-breaches.csv') : page;
  }
}

/** The service's performance for publication: aggregated figures only, no sign-in. */
@ApiTags('reports')
@Controller('public')
export class PublicReportsController {
  constructor(private readonly reports: ReportsService) {}

  @Get('service-level')
  @Access.public()
  @ApiRoute(
    {
      summary: 'Published service levels of a Jalali month — عملکرد منتشرشده سطح خدمت در یک ماه',
      description:
        'The month’s figures per measure and request type, without any case, agency or tracking ' +
        'code. A cell with fewer than `minimumCellSize` finished cases is withheld (`suppressed`), ' +
        'as is an ALL row from which a withheld cell could be worked out. Cached for a minute.',
    },
    {
      ok: { type: PublicServiceLevelDto, description: 'The public summary' },
      badRequest: 'year or month is invalid',
      conflict: 'REPORT.MONTH_NOT_ENDED: only months that have ended',
    },
  )
  serviceLevel(@Query() query: ReportMonthQueryDto): Promise<PublicServiceLevel> {
    return this.reports.publicServiceLevel(query.year, query.month);
  }
}

import { Body, Controller, Get, Headers, Param, Post } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { ApiConflictResponse, ApiCreatedResponse, ApiHeader, ApiProperty } from '@nestjs/swagger';
import { IsInt, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
import { Access } from '../common/access/access';
import { RateLimit } from '../auth/rate-limit.guard';
import { OptionalHeader } from '../common/optional-header';
import { buildOpenApiDocument } from './openapi';

class WidgetRequestDto {
  @ApiProperty()
  @IsString()
  @MaxLength(10)
  @Matches(/^[a-z]+$/)
  name!: string;

  @ApiProperty()
  @IsInt()
  @Min(1)
  @Max(5)
  count!: number;

  @ApiProperty()
  @IsString()
  @Matches(/^[a-z]+$/i)
  caseless!: string;

  @ApiProperty()
  @IsUUID()
  ownerId!: string;
}

class WidgetIdParams {
  @ApiProperty()
  @IsUUID()
  id!: string;
}

@Controller('widgets')
class WidgetsController {
  @Get(':id')
  @Access.public()
  read(@Param() _params: WidgetIdParams): void {}

  @Post()
  @Access.roles(['ADMINISTRATOR'])
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiCreatedResponse({ description: 'Made' })
  @ApiConflictResponse({ description: 'WIDGET.TAKEN' })
  create(@Body() _body: WidgetRequestDto, @Headers('idempotency-key') _key?: string): void {}

  @Get()
  @Access.signedIn()
  @RateLimit('tracking')
  list(@OptionalHeader('Accept', 'text/csv for CSV') _accept?: string): void {}
}

describe('the OpenAPI document', () => {
  async function document() {
    const module = await Test.createTestingModule({
      controllers: [WidgetsController],
    }).compile();
    const app = module.createNestApplication();
    try {
      return buildOpenApiDocument(app);
    } finally {
      await app.close();
    }
  }

  it('gives every operation its error answers, each with the one problem+json schema', async () => {
    const doc = await document();
    const statuses = (path: string, method: 'get' | 'post') =>
      Object.keys(doc.paths[path][method]!.responses).sort();
    // public, a path id: 400 (the id), 404, 503 — no 401/403
    expect(statuses('/widgets/{id}', 'get')).toEqual(['200', '400', '404', '503']);
    // signed-in, body, Idempotency-Key, declared 409
    expect(statuses('/widgets', 'post')).toEqual(
      ['201', '400', '401', '403', '409', '413', '415', '422', '503'].sort(),
    );
    // rate-limited; the optional Accept header is an input (400)
    expect(statuses('/widgets', 'get')).toEqual(['200', '400', '401', '403', '429', '503']);
    for (const item of Object.values(doc.paths)) {
      for (const operation of [item.get, item.post].filter((o) => o !== undefined)) {
        for (const [status, response] of Object.entries(operation.responses)) {
          if (Number(status) < 400) continue;
          expect(response).toMatchObject({
            content: {
              'application/problem+json': {
                schema: { $ref: '#/components/schemas/ProblemDetails' },
              },
            },
          });
        }
      }
    }
    expect(doc.paths['/widgets'].post!.responses['409']).toMatchObject({
      description: 'WIDGET.TAKEN',
    });
    expect(doc.components?.schemas?.ProblemDetails).toMatchObject({
      required: expect.arrayContaining(['code', 'message', 'details', 'status']),
    });
  });

  it('states the DTOs’ validation rules in their schemas', async () => {
    const doc = await document();
    const widget = doc.components?.schemas?.WidgetRequestDto as {
      properties: Record<string, Record<string, unknown>>;
    };
    expect(widget.properties.name).toMatchObject({
      type: 'string',
      maxLength: 10,
      pattern: '^[a-z]+$',
    });
    expect(widget.properties.count).toMatchObject({ type: 'integer', minimum: 1, maximum: 5 });
    expect(widget.properties.ownerId).toMatchObject({ format: 'uuid' });
    // A pattern with flags cannot be said exactly in OpenAPI: left out rather than stated wrong.
    expect(widget.properties.caseless.pattern).toBeUndefined();
    const id = doc.paths['/widgets/{id}'].get!.parameters?.find(
      (p) => 'name' in p && p.name === 'id',
    );
    expect(id).toMatchObject({ in: 'path', schema: { format: 'uuid' } });
  });

  it('documents a header read with OptionalHeader as optional', async () => {
    const doc = await document();
    const accept = doc.paths['/widgets'].get!.parameters?.filter(
      (p) => 'name' in p && p.name.toLowerCase() === 'accept',
    );
    expect(accept).toEqual([expect.objectContaining({ in: 'header', required: false })]);
  });
});

import { ArgumentMetadata } from '@nestjs/common';
import { ACCESS_RULE } from '../common/access/access';
import { AppError } from '../common/errors/app-error';
import { createValidationPipe } from '../common/validation/validation.pipe';
import { GENESIS_HASH, type AuditChainRow } from './audit-chain';
import { AuditController } from './audit.controller';
import type { AuditService } from './audit.service';
import { AUDITED } from './audited.decorator';
import { AuditQueryDto, AuditVerifyQueryDto } from './dto/audit-query.dto';

const pipe = createValidationPipe();
const asQuery = (metatype: ArgumentMetadata['metatype']): ArgumentMetadata => ({
  type: 'query',
  metatype,
});

async function problems(value: object, metatype: ArgumentMetadata['metatype']) {
  try {
    await pipe.transform(value, asQuery(metatype));
  } catch (error) {
    return (error as AppError).details.map((d) => [d.field, d.code]);
  }
  return [];
}

const row: AuditChainRow = {
  seq: 7,
  occurredAt: '2025-12-01T08:00:00.123Z',
  actorUserId: null,
  actorRoles: [],
  action: 'case.read',
  resourceType: 'case',
  resourceId: 'c-1',
  outcome: 'success',
  status: 200,
  ip: '10.0.0.1',
  requestId: 'r-1',
  details: {},
  prevHash: GENESIS_HASH,
  hash: 'a'.repeat(64),
};

describe('AuditController', () => {
  const service = {
    query: jest.fn().mockResolvedValue({ items: [row], nextBeforeSeq: null }),
    verify: jest.fn().mockResolvedValue({ valid: true, checkedRows: 1, lastSeq: 7 }),
  };
  const controller = new AuditController(service as unknown as AuditService);

  it('lets operators and administrators only, and audits both reads', () => {
    for (const [handler, action] of [
      [AuditController.prototype.list, 'audit.read'],
      [AuditController.prototype.verify, 'audit.verify'],
    ] as const) {
      expect(Reflect.getMetadata(ACCESS_RULE, handler)).toEqual({
        kind: 'roles',
        roles: ['OPERATOR', 'ADMINISTRATOR'],
      });
      expect(Reflect.getMetadata(AUDITED, handler)).toEqual({ action, resource: 'audit' });
    }
  });

  it('accepts good filters and turns numbers from the query string into numbers', async () => {
    const query = {
      actorUserId: '6f1c1f9e-5b0a-4d3e-9a51-0c7f2b8d4e11',
      resourceType: 'case',
      resourceId: 'c-1',
      action: 'user.reset-password',
      outcome: 'denied',
      from: '2025-12-01T00:00:00Z',
      to: '2025-12-02T00:00:00.000+03:30',
      beforeSeq: '100',
      limit: '200',
    };
    const dto = await pipe.transform(query, asQuery(AuditQueryDto));
    expect(dto).toMatchObject({ beforeSeq: 100, limit: 200 });
    expect(
      await pipe.transform({ fromSeq: '3', toSeq: '9' }, asQuery(AuditVerifyQueryDto)),
    ).toEqual({ fromSeq: 3, toSeq: 9 });
  });

  it('names every bad filter', async () => {
    expect(
      await problems(
        {
          actorUserId: 'nobody',
          resourceType: 'Case; DROP',
          outcome: 'maybe',
          from: 'yesterday',
          beforeSeq: '0',
          limit: '201',
          extra: '1',
        },
        AuditQueryDto,
      ),
    ).toEqual(
      expect.arrayContaining([
        ['actorUserId', 'isUuid'],
        ['resourceType', 'matches'],
        ['outcome', 'isIn'],
        ['from', 'isIsoInstant'],
        ['beforeSeq', 'min'],
        ['limit', 'max'],
        ['extra', 'whitelistValidation'],
      ]),
    );
    expect(await problems({ fromSeq: '1.5', toSeq: 'x' }, AuditVerifyQueryDto)).toEqual([
      ['fromSeq', 'isInt'],
      ['toSeq', 'isInt'],
    ]);
  });

  it('refuses an empty or reversed range', async () => {
    const same = '2025-12-01T00:00:00.000Z';
    await expect(controller.list({ from: same, to: same })).rejects.toMatchObject({
      code: 'REQUEST.VALIDATION_FAILED',
      details: [expect.objectContaining({ field: 'to', code: 'range' })],
    });
    await expect(controller.verify({ fromSeq: 5, toSeq: 4 })).rejects.toMatchObject({
      details: [expect.objectContaining({ field: 'toSeq', code: 'range' })],
    });
  });

  it('answers rows with the Tehran Jalali time beside the ISO one', async () => {
    expect(await controller.list({})).toEqual({
      items: [{ ...row, occurredAtJalali: '1404/09/10 11:30' }],
      nextBeforeSeq: null,
    });
    expect(await controller.verify({ fromSeq: 7 })).toEqual({
      valid: true,
      checkedRows: 1,
      lastSeq: 7,
    });
    expect(service.verify).toHaveBeenCalledWith({ fromSeq: 7 });
  });
});

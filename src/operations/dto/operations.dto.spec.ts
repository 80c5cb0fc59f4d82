import 'reflect-metadata';
import { createValidationPipe } from '../../common/validation/validation.pipe';
import { BulkDryRunRequestDto, CountWorkflowsQueryDto } from './operations.dto';

/** Through the global pipe, as a request body or query reaches the handler. */
function parse(metatype: new () => object, type: 'body' | 'query', value: unknown) {
  return createValidationPipe().transform(value, { type, metatype });
}

describe('the case workflow filter', () => {
  it.each(['stage', 'requestType', 'agencyId', 'breached'])(
    'refuses %s: null in a bulk action’s filter (400; it reached the visibility query as a 500)',
    async (field) => {
      await expect(
        parse(BulkDryRunRequestDto, 'body', { action: 'CANCEL', filter: { [field]: null } }),
      ).rejects.toMatchObject({ status: 400 });
    },
  );

  it('still takes each field left out, or given', async () => {
    await expect(
      parse(BulkDryRunRequestDto, 'body', { action: 'CANCEL', filter: { breached: true } }),
    ).resolves.toMatchObject({ filter: { breached: true } });
    await expect(parse(CountWorkflowsQueryDto, 'query', { breached: 'false' })).resolves.toEqual(
      expect.objectContaining({ breached: false }),
    );
    await expect(parse(CountWorkflowsQueryDto, 'query', {})).resolves.toBeDefined();
  });
});

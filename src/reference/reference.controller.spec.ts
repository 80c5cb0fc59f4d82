import { ReferenceController } from './reference.controller';
import { RequestTypesService } from './request-types.service';

describe('GET /reference/request-types', () => {
  it('answers the three request types, each with its checklist of slots (code, fa/en, required)', () => {
    const answer = new ReferenceController(new RequestTypesService()).requestTypesList();
    expect(answer.map((t) => t.code)).toEqual(['SCRAP', 'PURCHASE', 'SALE']);
    const sale = answer.find((t) => t.code === 'SALE')!;
    expect(sale.title).toEqual({ fa: 'فروش', en: 'Sale' });
    expect(sale.checklist).toEqual([
      expect.objectContaining({ code: 'REQUEST_LETTER', required: true }),
      expect.objectContaining({ code: 'EXPERT_OPINION', required: true }),
      expect.objectContaining({ code: 'VEHICLE_CARD', required: true }),
    ]);
    expect(Object.keys(sale.checklist[0]).sort()).toEqual(['code', 'required', 'title']);
    // Copies: a caller changing the answer cannot change the reference data.
    sale.checklist[0].title.en = 'changed';
    expect(new RequestTypesService().checklist('SALE')[0].title.en).not.toBe('changed');
  });
});

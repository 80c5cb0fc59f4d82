import { RequestTypesService } from '../reference/request-types.service';
import { checklistStatus, isChecklistComplete } from './checklist';

describe('document checklist per request type (design.md §5)', () => {
  const types = new RequestTypesService();
  const codes = (type: 'SCRAP' | 'PURCHASE' | 'SALE') => types.checklist(type).map((s) => s.code);

  it('asks every type for the request letter, and each for its own documents', () => {
    expect(codes('SCRAP')).toEqual(['REQUEST_LETTER', 'TECHNICAL_OPINION', 'VEHICLE_CARD']);
    expect(codes('PURCHASE')).toEqual([
      'REQUEST_LETTER',
      'ORGANISATION_CHART',
      'BUDGET_CONFIRMATION',
      'PLANNING_AGREEMENT',
    ]);
    expect(codes('SALE')).toEqual(['REQUEST_LETTER', 'EXPERT_OPINION', 'VEHICLE_CARD']);
    for (const type of types.list()) {
      for (const slot of type.checklist) {
        expect(slot.code).toMatch(/^[A-Z][A-Z0-9_]*$/);
        expect(slot.title.fa).toMatch(/[\u0600-\u06FF]/);
        expect(slot.title.en).toMatch(/[A-Za-z]/);
        expect(slot.required).toBe(true);
      }
    }
  });

  it('knows a slot only on the checklist of its own type', () => {
    expect(types.slot('SCRAP', 'TECHNICAL_OPINION')).toBeDefined();
    expect(types.slot('SALE', 'TECHNICAL_OPINION')).toBeUndefined();
    expect(types.slot('PURCHASE', 'VEHICLE_CARD')).toBeUndefined();
    expect(types.slot('SALE', 'EXPERT_OPINION')).toBeDefined();
    expect(types.slot('SCRAP', 'request_letter')).toBeUndefined();
  });

  it('marks a slot satisfied by its current document, not by a superseded one', () => {
    const status = checklistStatus(types.checklist('SCRAP'), [
      { id: 'new', slot: 'REQUEST_LETTER', supersededBy: null },
      { id: 'old', slot: 'REQUEST_LETTER', supersededBy: 'new' },
      { id: 'gone', slot: 'VEHICLE_CARD', supersededBy: 'elsewhere' },
    ]);
    expect(status.map((s) => [s.code, s.satisfied, s.documentId])).toEqual([
      ['REQUEST_LETTER', true, 'new'],
      ['TECHNICAL_OPINION', false, null],
      ['VEHICLE_CARD', false, null],
    ]);
    expect(isChecklistComplete(status)).toBe(false);
    const full = checklistStatus(
      types.checklist('SALE'),
      codes('SALE').map((slot) => ({ id: slot, slot, supersededBy: null })),
    );
    expect(isChecklistComplete(full)).toBe(true);
  });
});

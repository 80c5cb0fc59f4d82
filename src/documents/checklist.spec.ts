import type { ChecklistSlot } from '../reference/request-types/request-types.data';
import { checklistStatus, isChecklistComplete } from './checklist';

const slot = (code: string, required = true): ChecklistSlot => ({
  code,
  title: { fa: `مدرک ${code}`, en: `document ${code}` },
  required,
});

describe('a case’s checklist against its documents', () => {
  const scrap = [slot('REQUEST_LETTER'), slot('TECHNICAL_OPINION'), slot('VEHICLE_CARD')];

  it('marks a slot satisfied by its current document, not by a superseded one', () => {
    const status = checklistStatus(scrap, [
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
      scrap,
      scrap.map(({ code }) => ({ id: code, slot: code, supersededBy: null })),
    );
    expect(isChecklistComplete(full)).toBe(true);
  });

  it('is complete without the optional slots, never without a required one', () => {
    const list = [slot('REQUEST_LETTER'), slot('PHOTOS', false)];
    const letterOnly = [{ id: 'l', slot: 'REQUEST_LETTER', supersededBy: null }];
    expect(isChecklistComplete(checklistStatus(list, letterOnly))).toBe(true);
    const photosOnly = [{ id: 'p', slot: 'PHOTOS', supersededBy: null }];
    expect(isChecklistComplete(checklistStatus(list, photosOnly))).toBe(false);
  });
});

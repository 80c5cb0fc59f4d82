import type { ChecklistSlotEntity } from './entities/checklist-slot.entity';
import { checklistAt } from './request-types.service';

const at = (iso: string) => new Date(iso);

function slot(
  code: string,
  position: number,
  addedAt: string,
  retiredAt: string | null = null,
  requestType = 'SALE',
): ChecklistSlotEntity {
  return {
    requestType,
    code,
    titleFa: `عنوان ${code}`,
    titleEn: `title ${code}`,
    required: true,
    position,
    addedAt: at(addedAt),
    retiredAt: retiredAt === null ? null : at(retiredAt),
    updatedBy: null,
    updatedAt: at(addedAt),
  };
}

describe('checklistAt: the checklist a case keeps is the one in force when it was filed', () => {
  const rows = [
    slot('REQUEST_LETTER', 10, '2000-01-01T00:00:00Z'),
    slot('VEHICLE_CARD', 30, '2000-01-01T00:00:00Z', '2026-06-01T00:00:00Z'),
    slot('EXPERT_OPINION', 20, '2000-01-01T00:00:00Z'),
    slot('FINES_CLEARANCE', 25, '2026-03-01T00:00:00Z'),
    slot('TECHNICAL_OPINION', 5, '2000-01-01T00:00:00Z', null, 'SCRAP'),
  ];
  const codes = (iso: string) => checklistAt(rows, 'SALE', at(iso).getTime()).map((s) => s.code);

  it('orders by position and keeps to the request type', () => {
    expect(codes('2026-01-01T00:00:00Z')).toEqual([
      'REQUEST_LETTER',
      'EXPERT_OPINION',
      'VEHICLE_CARD',
    ]);
  });

  it('takes a slot added later only for cases filed from then on', () => {
    expect(codes('2026-02-28T23:59:59Z')).not.toContain('FINES_CLEARANCE');
    expect(codes('2026-03-01T00:00:00Z')).toContain('FINES_CLEARANCE');
  });

  it('drops a retired slot only for cases filed after its retirement', () => {
    expect(codes('2026-05-31T23:59:59Z')).toContain('VEHICLE_CARD');
    expect(codes('2026-06-01T00:00:00Z')).toEqual([
      'REQUEST_LETTER',
      'EXPERT_OPINION',
      'FINES_CLEARANCE',
    ]);
  });

  it('answers bilingual titles and whether each is required', () => {
    expect(checklistAt(rows, 'SCRAP', Date.now())).toEqual([
      {
        code: 'TECHNICAL_OPINION',
        title: { fa: 'عنوان TECHNICAL_OPINION', en: 'title TECHNICAL_OPINION' },
        required: true,
      },
    ]);
  });
});

import { REQUEST_TYPES, type RequestType } from '../../../workflows/case/case.types';
import type { BilingualMessage } from '../../common/errors/error-catalogue';

/** One document a request type asks for (a slot of its checklist). */
export interface ChecklistSlot {
  /** Stable code uploads name (`slot`); never renamed, as stored documents keep it. */
  code: string;
  title: BilingualMessage;
  /** Whether the request is incomplete without it. */
  required: boolean;
}

export interface RequestTypeDefinition {
  code: RequestType;
  title: BilingualMessage;
  /** The documents this request type needs, in the order forms show them. */
  checklist: readonly ChecklistSlot[];
}

/**
 * The request types (docs/domain.md §2.1). Their document checklists are data administrators edit
 * (table `checklist_slots`, read through RequestTypesService); the first migration entered the
 * checklists of docs/domain.md §5.5.
 */
export const REQUEST_TYPE_TITLES: readonly { code: RequestType; title: BilingualMessage }[] = [
  { code: 'SCRAP', title: { fa: 'اسقاط', en: 'Scrap' } },
  { code: 'PURCHASE', title: { fa: 'خرید', en: 'Purchase' } },
  { code: 'SALE', title: { fa: 'فروش', en: 'Sale' } },
];

// Every request type has exactly one definition (checked once, when the module loads).
for (const type of REQUEST_TYPES) {
  if (REQUEST_TYPE_TITLES.filter((d) => d.code === type).length !== 1) {
    throw new Error(`request type ${type} must be defined exactly once`);
  }
}

import { REQUEST_TYPES, type RequestType } from '../../workflows/case.types';
import type { BilingualMessage } from '../common/errors/error-catalogue';

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

const REQUEST_LETTER: ChecklistSlot = {
  code: 'REQUEST_LETTER',
  title: {
    fa: 'نامه درخواست با امضای بالاترین مقام دستگاه',
    en: 'Request letter signed by the agency’s highest authority',
  },
  required: true,
};

const VEHICLE_CARD: ChecklistSlot = {
  code: 'VEHICLE_CARD',
  title: { fa: 'کارت خودرو', en: 'Vehicle card' },
  required: true,
};

/**
 * The request types and their document checklists (design.md §5, "documents per request type").
 *
 * Kept as data in this one module for now. The checklist is meant to be configurable: an
 * administrator-editable table (with versions, so a case keeps the checklist it was filed
 * under) is later work; until then a change is a code change here. Everything else reads the
 * checklist through RequestTypesService, so that move touches only this module and the service.
 */
export const REQUEST_TYPE_DEFINITIONS: readonly RequestTypeDefinition[] = [
  {
    code: 'SCRAP',
    title: { fa: 'اسقاط', en: 'Scrap' },
    checklist: [
      REQUEST_LETTER,
      {
        code: 'TECHNICAL_OPINION',
        title: {
          fa: 'نظر کارشناس فنی درباره وضعیت خودرو',
          en: 'Technical opinion on the vehicle’s condition',
        },
        required: true,
      },
      VEHICLE_CARD,
    ],
  },
  {
    code: 'PURCHASE',
    title: { fa: 'خرید', en: 'Purchase' },
    checklist: [
      REQUEST_LETTER,
      {
        code: 'ORGANISATION_CHART',
        title: { fa: 'تشکیلات مصوب', en: 'Approved organisation chart' },
        required: true,
      },
      {
        code: 'BUDGET_CONFIRMATION',
        title: { fa: 'تأیید اعتبار و بودجه', en: 'Budget/credit confirmation' },
        required: true,
      },
      {
        code: 'PLANNING_AGREEMENT',
        title: {
          fa: 'موافقت‌نامه سازمان برنامه و بودجه (یا صورتجلسه مجمع عمومی برای شرکت‌ها)',
          en: 'Agreement with the planning organisation (or a company’s general-assembly minutes)',
        },
        required: true,
      },
    ],
  },
  {
    code: 'SALE',
    title: { fa: 'فروش', en: 'Sale' },
    checklist: [
      REQUEST_LETTER,
      {
        code: 'EXPERT_OPINION',
        title: {
          fa: 'نظر کارشناس رسمی دادگستری (استهلاک، قابلیت شماره‌گذاری مجدد یا اوراقی)',
          en: 'Official expert’s opinion (depreciation; re-plateable or salvage)',
        },
        required: true,
      },
      VEHICLE_CARD,
    ],
  },
];

// Every request type has exactly one definition (checked once, when the module loads).
for (const type of REQUEST_TYPES) {
  if (REQUEST_TYPE_DEFINITIONS.filter((d) => d.code === type).length !== 1) {
    throw new Error(`request type ${type} must be defined exactly once`);
  }
}

import type { ChecklistSlot } from '../reference/request-types/request-types.data';

/** A checklist slot and whether a current document fills it. */
export interface ChecklistSlotStatus extends ChecklistSlot {
  satisfied: boolean;
  /** The current document in the slot, if any. */
  documentId: string | null;
}

/** Case stages in which the agency may upload documents: before and during review. */
export const STAGES_OPEN_FOR_DOCUMENTS = [
  'REGISTERED',
  'UNDER_REVIEW',
  'AWAITING_CORRECTIONS',
] as const;

/**
 * Each slot of a checklist with the current document filling it. A document is current until a
 * later upload to the same slot supersedes it; one current document satisfies its slot.
 */
export function checklistStatus(
  checklist: readonly ChecklistSlot[],
  documents: readonly { id: string; slot: string; supersededBy: string | null }[],
): ChecklistSlotStatus[] {
  return checklist.map((slot) => {
    const current = documents.find((d) => d.slot === slot.code && d.supersededBy === null);
    return {
      code: slot.code,
      title: { ...slot.title },
      required: slot.required,
      satisfied: current !== undefined,
      documentId: current?.id ?? null,
    };
  });
}

/** Whether every required slot is satisfied. */
export function isChecklistComplete(status: readonly ChecklistSlotStatus[]): boolean {
  return status.every((slot) => !slot.required || slot.satisfied);
}

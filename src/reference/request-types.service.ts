import { Injectable } from '@nestjs/common';
import type { RequestType } from '../../workflows/case.types';
import {
  type ChecklistSlot,
  REQUEST_TYPE_DEFINITIONS,
  type RequestTypeDefinition,
} from './request-types.data';

/**
 * The request types and their document checklists. Reads the static data now; the
 * administrator-editable checklist (later work) replaces the data behind the same methods.
 */
@Injectable()
export class RequestTypesService {
  list(): readonly RequestTypeDefinition[] {
    return REQUEST_TYPE_DEFINITIONS;
  }

  /** The checklist of a request type, in display order. */
  checklist(type: RequestType): readonly ChecklistSlot[] {
    return REQUEST_TYPE_DEFINITIONS.find((d) => d.code === type)?.checklist ?? [];
  }

  /** The slot `code` of the type's checklist, or undefined when the type has no such slot. */
  slot(type: RequestType, code: string): ChecklistSlot | undefined {
    return this.checklist(type).find((s) => s.code === code);
  }
}

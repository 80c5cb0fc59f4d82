import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { LRUCache } from 'lru-cache';
import { IsNull, Repository } from 'typeorm';
import type { RequestType } from '../../../workflows/case/case.types';
import { AppError } from '../../common/errors/app-error';
import type { BilingualMessage } from '../../common/errors/error-catalogue';
import { isUniqueViolation } from '../../common/errors/postgres-errors';
import { ChecklistSlotEntity } from './entities/checklist-slot.entity';
import {
  type ChecklistSlot,
  REQUEST_TYPE_TITLES,
  type RequestTypeDefinition,
} from './request-types.data';

/** How long a process may use its copy of the checklists (a change here clears it at once). */
const CHECKLISTS_TTL_MS = 10_000;

/** The slots of `type` in force at `atMs` (added by then, not retired by then), in order. */
export function checklistAt(
  rows: readonly ChecklistSlotEntity[],
  type: RequestType,
  atMs: number,
): ChecklistSlot[] {
  return rows
    .filter(
      (row) =>
        row.requestType === type &&
        row.addedAt.getTime() <= atMs &&
        (row.retiredAt === null || row.retiredAt.getTime() > atMs),
    )
    .sort((a, b) => a.position - b.position || a.code.localeCompare(b.code))
    .map((row) => ({
      code: row.code,
      title: { fa: row.titleFa, en: row.titleEn },
      required: row.required,
    }));
}

/**
 * The request types and their document checklists (docs/domain.md §5.5),
 * which administrators edit. A case's checklist is the one in force when it was registered:
 * slots are added and retired with a time, never deleted, so neither a case already filed nor
 * its stored documents lose or gain a slot.
 */
@Injectable()
export class RequestTypesService {
  constructor(
    @InjectRepository(ChecklistSlotEntity)
    private readonly slots: Repository<ChecklistSlotEntity>,
  ) {}

  /** Every request type with the checklist in force at `at` (now by default). */
  async list(at: Date = new Date()): Promise<RequestTypeDefinition[]> {
    const rows = await this.rows();
    return REQUEST_TYPE_TITLES.map((type) => ({
      code: type.code,
      title: type.title,
      checklist: checklistAt(rows, type.code, at.getTime()),
    }));
  }

  /** One request type with the checklist in force at `at`. */
  async definition(type: RequestType, at: Date = new Date()): Promise<RequestTypeDefinition> {
    const title = REQUEST_TYPE_TITLES.find((t) => t.code === type)!.title;
    return { code: type, title, checklist: checklistAt(await this.rows(), type, at.getTime()) };
  }

  /** The checklist of a case of `type` registered at `registeredAt`, in display order. */
  async checklist(type: RequestType, registeredAt: Date): Promise<ChecklistSlot[]> {
    return checklistAt(await this.rows(), type, registeredAt.getTime());
  }

  /** Adds a slot; it counts for cases registered from now on. */
  async addSlot(
    type: RequestType,
    input: { code: string; title: BilingualMessage; required: boolean; position?: number },
    by: string,
  ): Promise<RequestTypeDefinition> {
    const rows = await this.rows(true);
    const last = Math.max(0, ...rows.filter((r) => r.requestType === type).map((r) => r.position));
    try {
      await this.slots.insert({
        requestType: type,
        code: input.code,
        titleFa: input.title.fa,
        titleEn: input.title.en,
        required: input.required,
        position: input.position ?? last + 10,
        addedAt: new Date(),
        retiredAt: null,
        updatedBy: by,
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw new AppError('REFERENCE.SLOT_EXISTS');
      throw error;
    }
    this.cache.clear();
    return this.definition(type);
  }

  /**
   * Changes a slot's titles or place in the list (everywhere: wording, not substance). Whether
   * it is required is not changed in place: retire it and add a slot with a new code, so cases
   * already filed keep what they were asked for.
   */
  async updateSlot(
    type: RequestType,
    code: string,
    input: { title?: Partial<BilingualMessage>; position?: number },
    by: string,
  ): Promise<RequestTypeDefinition> {
    const slot = await this.slots.findOneBy({ requestType: type, code });
    if (!slot) throw new AppError('REFERENCE.SLOT_NOT_FOUND');
    if (slot.retiredAt !== null) throw new AppError('REFERENCE.SLOT_RETIRED');
    await this.slots.update(
      { requestType: type, code, retiredAt: IsNull() },
      {
        titleFa: input.title?.fa ?? slot.titleFa,
        titleEn: input.title?.en ?? slot.titleEn,
        position: input.position ?? slot.position,
        updatedBy: by,
      },
    );
    this.cache.clear();
    return this.definition(type);
  }

  /**
   * Takes a slot off the checklist for cases registered from now on; cases filed earlier keep
   * it. The last required slot of a type cannot go.
   */
  async retireSlot(type: RequestType, code: string, by: string): Promise<RequestTypeDefinition> {
    await this.slots.manager.transaction(async (manager) => {
      // One retirement per type at a time, so two cannot each leave the other the last one.
      const current = await manager
        .getRepository(ChecklistSlotEntity)
        .createQueryBuilder('s')
        .setLock('pessimistic_write')
        .where('s.request_type = :type', { type })
        .getMany();
      const slot = current.find((s) => s.code === code);
      if (!slot) throw new AppError('REFERENCE.SLOT_NOT_FOUND');
      if (slot.retiredAt !== null) throw new AppError('REFERENCE.SLOT_RETIRED');
      const requiredLeft = current.filter(
        (s) => s.retiredAt === null && s.required && s.code !== code,
      );
      if (requiredLeft.length === 0) throw new AppError('REFERENCE.CHECKLIST_WOULD_BE_EMPTY');
      await manager
        .getRepository(ChecklistSlotEntity)
        .update({ requestType: type, code }, { retiredAt: new Date(), updatedBy: by });
    });
    this.cache.clear();
    return this.definition(type);
  }

  /** Every slot ever (a small table), cached for a few seconds. */
  private async rows(fresh = false): Promise<ChecklistSlotEntity[]> {
    const cached = fresh ? undefined : this.cache.get('rows');
    if (cached) return cached;
    const rows = await this.slots.find();
    this.cache.set('rows', rows);
    return rows;
  }

  private readonly cache = new LRUCache<'rows', ChecklistSlotEntity[]>({
    max: 1,
    ttl: CHECKLISTS_TTL_MS,
  });
}

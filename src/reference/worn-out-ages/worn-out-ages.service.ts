import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { USAGE_CLASSES } from '../../common/validation/vehicle';
import { formatJalali } from '../../common/jalali';
import type { UsageClass, WornOutAgeDto } from './dto/worn-out-age.dto';
import { WornOutAgeEntity } from './entities/worn-out-age.entity';

function toDto(row: WornOutAgeEntity): WornOutAgeDto {
  return {
    usageClass: row.usageClass,
    years: row.years,
    source: row.source,
    updatedAt: row.updatedAt.toISOString(),
    updatedAtJalali: formatJalali(row.updatedAt),
    updatedBy: row.updatedBy,
  };
}

/** The worn-out age of each usage class (docs/domain.md §5.3), as administrators keep it. */
@Injectable()
export class WornOutAgesService {
  constructor(
    @InjectRepository(WornOutAgeEntity) private readonly ages: Repository<WornOutAgeEntity>,
  ) {}

  /** Every class, in the order of USAGE_CLASSES (the order forms show them). */
  async list(): Promise<WornOutAgeDto[]> {
    const rows = await this.ages.find();
    const order = (usageClass: string) => {
      const i = (USAGE_CLASSES as readonly string[]).indexOf(usageClass);
      return i < 0 ? USAGE_CLASSES.length : i;
    };
    return rows.sort((a, b) => order(a.usageClass) - order(b.usageClass)).map((row) => toDto(row));
  }

  /** usageClass → years, for wornOutFlags(). */
  async thresholds(): Promise<Record<string, number>> {
    const rows = await this.ages.find();
    return Object.fromEntries(rows.map((row) => [row.usageClass, row.years]));
  }

  /**
   * Sets a class's worn-out age (and its source, when given; otherwise the source stays).
   * An upsert, so a class added to USAGE_CLASSES after the seed can be given its age here.
   */
  async update(
    usageClass: UsageClass,
    change: { years: number; source?: string },
    by: string,
  ): Promise<WornOutAgeDto> {
    const current = await this.ages.findOneBy({ usageClass });
    await this.ages.save({
      usageClass,
      years: change.years,
      source: change.source ?? current?.source ?? 'set by an administrator',
      updatedAt: new Date(),
      updatedBy: by,
    });
    const saved = await this.ages.findOneByOrFail({ usageClass });
    return toDto(saved);
  }
}

import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { isUniqueViolation } from '../common/errors/postgres-errors';
import { AppError } from '../common/errors/app-error';
import { AgencyDto, CreateAgencyRequestDto, UpdateAgencyRequestDto } from './dto/agency.dto';
import { AgencyEntity } from './entities/agency.entity';

export function toAgencyDto(agency: AgencyEntity): AgencyDto {
  return {
    id: agency.id,
    name: agency.name,
    nationalId: agency.nationalId,
    province: agency.province,
    contactPhone: agency.contactPhone,
    contactEmail: agency.contactEmail,
    active: agency.active,
  };
}

@Injectable()
export class AgenciesService {
  constructor(
    @InjectRepository(AgencyEntity) private readonly agencies: Repository<AgencyEntity>,
  ) {}

  async create(request: CreateAgencyRequestDto): Promise<AgencyDto> {
    try {
      const inserted = await this.agencies.insert({
        name: request.name,
        nationalId: request.nationalId,
        province: request.province,
        contactPhone: request.contactPhone ?? null,
        contactEmail: request.contactEmail ?? null,
      });
      return this.get((inserted.identifiers[0] as { id: string }).id);
    } catch (error) {
      throw this.translate(error);
    }
  }

  async list(): Promise<AgencyDto[]> {
    return (await this.agencies.find({ order: { name: 'ASC' } })).map(toAgencyDto);
  }

  async get(id: string): Promise<AgencyDto> {
    const agency = await this.agencies.findOneBy({ id });
    if (!agency) throw new AppError('AGENCY.NOT_FOUND');
    return toAgencyDto(agency);
  }

  async update(id: string, request: UpdateAgencyRequestDto): Promise<AgencyDto> {
    await this.get(id);
    // Only the fields sent (class-transformer leaves the others as undefined own properties).
    const changes = Object.fromEntries(
      Object.entries(request).filter(([, value]) => value !== undefined),
    );
    if (Object.keys(changes).length === 0) return this.get(id);
    try {
      await this.agencies.update({ id }, changes);
    } catch (error) {
      throw this.translate(error);
    }
    return this.get(id);
  }

  private translate(error: unknown): unknown {
    if (isUniqueViolation(error)) return new AppError('AGENCY.NATIONAL_ID_TAKEN');
    return error;
  }
}

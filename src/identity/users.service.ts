import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
import { isUniqueViolation } from '../common/errors/postgres-errors';
import { AuditService } from '../audit/audit.service';
import type { Principal } from '../common/access/principal';
import { AppError } from '../common/errors/app-error';
import type { Role } from '../../workflows/common/actors';
import {
  CreateUserRequestDto,
  ListUsersQueryDto,
  TemporaryPasswordDto,
  UpdateUserRequestDto,
  UserDto,
  UserListDto,
} from './dto/user.dto';
import { AgencyEntity } from './entities/agency.entity';
import { UserEntity } from './entities/user.entity';
import { generateTemporaryPassword, hashPassword } from './passwords';
import { SessionRevoker } from './session-revoker';

export function toUserDto(user: UserEntity): UserDto {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    email: user.email,
    mobile: user.mobile,
    nationalCode: user.nationalCode,
    roles: user.roles,
    agencyId: user.agencyId,
    mustChangePassword: user.mustChangePassword,
    disabled: user.disabled,
    lockedUntil: user.lockedUntil ? user.lockedUntil.toISOString() : null,
    failedSignIns: user.failedSignIns,
    createdAt: user.createdAt.toISOString(),
  };
}

/** What an administrator does to accounts (the SLA makes password resets their duty). */
@Injectable()
export class UsersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    @InjectRepository(AgencyEntity) private readonly agencies: Repository<AgencyEntity>,
    private readonly sessions: SessionRevoker,
    private readonly audit: AuditService,
  ) {}

  /** Creates an account with a one-time password the user must change at first sign-in. */
  async create(request: CreateUserRequestDto): Promise<TemporaryPasswordDto> {
    const agencyId = await this.checkAgency(request.roles, request.agencyId ?? null);
    const temporaryPassword = generateTemporaryPassword();
    let id: string;
    try {
      const inserted = await this.users.insert({
        username: request.username,
        displayName: request.displayName,
        email: request.email ?? null,
        mobile: request.mobile ?? null,
        nationalCode: request.nationalCode ?? null,
        roles: request.roles,
        agencyId,
        passwordHash: await hashPassword(temporaryPassword),
        mustChangePassword: true,
      });
      id = (inserted.identifiers[0] as { id: string }).id;
    } catch (error) {
      if (isUniqueViolation(error)) throw new AppError('USER.USERNAME_TAKEN');
      throw error;
    }
    return { user: await this.get(id), temporaryPassword };
  }

  async list(query: ListUsersQueryDto): Promise<UserListDto> {
    const qb = this.users.createQueryBuilder('u').orderBy('u.username', 'ASC');
    if (query.role) qb.andWhere(':role = ANY(u.roles)', { role: query.role });
    if (query.agencyId) qb.andWhere('u.agency_id = :agencyId', { agencyId: query.agencyId });
    const [rows, total] = await qb
      .take(query.limit ?? 50)
      .skip(query.offset ?? 0)
      .getManyAndCount();
    return { items: rows.map(toUserDto), total };
  }

  async get(id: string): Promise<UserDto> {
    return toUserDto(await this.find(id));
  }

  /**
   * Changes profile, roles, agency or the disabled flag, field by field as sent, on a locked row.
   * A change to roles, agency or access ends the user's sessions, so no token carries powers
   * the user no longer has, and is audited with its before and after in the same transaction.
   * Administrators cannot change their own access (no self-granted case or codec rights).
   */
  async update(actor: Principal, id: string, request: UpdateUserRequestDto): Promise<UserDto> {
    const accessChanged = await this.dataSource.transaction(async (tx) => {
      const user = await tx.findOne(UserEntity, {
        where: { id },
        lock: { mode: 'pessimistic_write' },
      });
      if (!user) throw new AppError('USER.NOT_FOUND');
      const roles = request.roles ?? user.roles;
      // Leaving the clerk role leaves the agency too, unless the request says otherwise.
      const agencyId =
        request.agencyId !== undefined
          ? request.agencyId
          : roles.includes('CLERK')
            ? user.agencyId
            : null;
      const checkedAgency =
        agencyId === user.agencyId && roles.includes('CLERK') === user.roles.includes('CLERK')
          ? agencyId
          : await this.checkAgency(roles, agencyId);
      const disabled = request.disabled ?? user.disabled;
      const changed =
        disabled !== user.disabled ||
        checkedAgency !== user.agencyId ||
        roles.length !== user.roles.length ||
        roles.some((r) => !user.roles.includes(r));
      if (changed && actor.userId === id) throw new AppError('USER.OWN_ACCESS');
      const losesAdmin =
        user.roles.includes('ADMINISTRATOR') &&
        !user.disabled &&
        (!roles.includes('ADMINISTRATOR') || disabled);
      if (losesAdmin) {
        // Serialise administrator changes so two cannot remove each other at once.
        await tx.query('SELECT pg_advisory_xact_lock(7405001)');
        const [{ n }] = await tx.query<{ n: number }[]>(
          `SELECT count(*)::int AS n FROM users
           WHERE 'ADMINISTRATOR' = ANY(roles) AND NOT disabled AND id <> $1`,
          [id],
        );
        if (n === 0) throw new AppError('USER.LAST_ADMINISTRATOR');
      }
      const changes: Partial<Record<keyof UserEntity, unknown>> = {};
      if (request.displayName !== undefined) changes.displayName = request.displayName;
      if (request.email !== undefined) changes.email = request.email;
      if (request.mobile !== undefined) changes.mobile = request.mobile;
      if (request.nationalCode !== undefined) changes.nationalCode = request.nationalCode;
      if (changed) {
        Object.assign(changes, { roles, agencyId: checkedAgency, disabled });
        changes.tokenVersion = () => 'token_version + 1';
        await this.audit.record(
          {
            action: 'user.access-changed',
            resourceType: 'user',
            resourceId: id,
            outcome: 'success',
            actorUserId: actor.userId,
            actorRoles: actor.roles,
            details: {
              rolesBefore: user.roles,
              rolesAfter: roles,
              agencyBefore: user.agencyId,
              agencyAfter: checkedAgency,
              disabledBefore: user.disabled,
              disabledAfter: disabled,
            },
          },
          { manager: tx },
        );
      }
      if (Object.keys(changes).length > 0) await tx.update(UserEntity, { id }, changes as never);
      return changed;
    });
    if (accessChanged) await this.sessions.revokeAll(id);
    return this.get(id);
  }

  /** A new one-time password; the user must change it at the next sign-in. Unlocks the account. */
  async resetPassword(id: string): Promise<TemporaryPasswordDto> {
    await this.find(id);
    const temporaryPassword = generateTemporaryPassword();
    await this.users.update(
      { id },
      {
        passwordHash: await hashPassword(temporaryPassword),
        mustChangePassword: true,
        failedSignIns: 0,
        lockedUntil: null,
        lastFailedSignInAt: null,
        tokenVersion: () => 'token_version + 1',
      },
    );
    await this.sessions.revokeAll(id);
    return { user: await this.get(id), temporaryPassword };
  }

  /** Lifts a lock from failed sign-ins before it runs out. */
  async unlock(id: string): Promise<UserDto> {
    await this.find(id);
    await this.users.update(
      { id },
      { failedSignIns: 0, lockedUntil: null, lastFailedSignInAt: null },
    );
    return this.get(id);
  }

  private async find(id: string): Promise<UserEntity> {
    const user = await this.users.findOneBy({ id });
    if (!user) throw new AppError('USER.NOT_FOUND');
    return user;
  }

  /** A clerk belongs to exactly one existing agency; other roles to none. */
  private async checkAgency(roles: Role[], agencyId: string | null): Promise<string | null> {
    if (!roles.includes('CLERK')) {
      if (agencyId !== null) {
        throw new AppError('REQUEST.VALIDATION_FAILED', [
          {
            field: 'agencyId',
            code: 'agencyOnlyForClerks',
            message: {
              fa: 'فقط کارمند دستگاه به دستگاه اجرایی وابسته است.',
              en: 'agencyId is only for agency clerks',
            },
          },
        ]);
      }
      return null;
    }
    if (agencyId === null) throw new AppError('USER.CLERK_NEEDS_AGENCY');
    const agency = await this.agencies.findOneBy({ id: agencyId });
    if (!agency) throw new AppError('AGENCY.NOT_FOUND');
    if (!agency.active) throw new AppError('AGENCY.INACTIVE');
    return agency.id;
  }
}

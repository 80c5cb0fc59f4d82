import { Body, Controller, Get, Header, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { type AuditedOptions, AuditedRoute } from '../audit/audited.decorator';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ApiRoute } from '../common/api-route';
import { Access } from '../common/access/access';
import { CurrentPrincipal } from '../common/access/current-principal.decorator';
import type { Principal } from '../common/access/principal';
import {
  CreateUserRequestDto,
  ListUsersQueryDto,
  TemporaryPasswordDto,
  UpdateUserRequestDto,
  UserDto,
  UserIdParams,
  UserListDto,
} from './dto/user.dto';
import { UsersService } from './users.service';

/** Every route here: administrators only, one audit row on `user`, then the operation. */
const UserRoute = (audit: Omit<AuditedOptions, 'resource'>, ...doc: Parameters<typeof ApiRoute>) =>
  AuditedRoute(Access.roles(['ADMINISTRATOR']), { ...audit, resource: 'user' }, ...doc);

@ApiTags('administration')
@ApiBearerAuth()
@Controller('admin/users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Post()
  @HttpCode(201)
  @Header('Cache-Control', 'no-store')
  @UserRoute(
    { action: 'user.create', idFromResponse: 'user.id' },
    'Create a user with a one-time password — تعریف کاربر',
    {
      created: { type: TemporaryPasswordDto },
      notFound: 'AGENCY.NOT_FOUND: agencyId names no agency',
      conflict: 'USER.USERNAME_TAKEN, or AGENCY.INACTIVE',
    },
  )
  create(@Body() body: CreateUserRequestDto): Promise<TemporaryPasswordDto> {
    return this.users.create(body);
  }

  @Get()
  @UserRoute({ action: 'user.list' }, 'List users', { ok: { type: UserListDto } })
  list(@Query() query: ListUsersQueryDto): Promise<UserListDto> {
    return this.users.list(query);
  }

  @Get(':id')
  @UserRoute({ action: 'user.read', idParam: 'id' }, 'One user', {
    ok: { type: UserDto },
    notFound: 'USER.NOT_FOUND',
  })
  get(@Param() params: UserIdParams): Promise<UserDto> {
    return this.users.get(params.id);
  }

  @Patch(':id')
  @UserRoute(
    { action: 'user.update', idParam: 'id' },
    'Change a user’s profile, roles, agency or disable the account (sessions end)',
    {
      ok: { type: UserDto },
      notFound: 'USER.NOT_FOUND, or AGENCY.NOT_FOUND for agencyId',
      conflict: 'USER.LAST_ADMINISTRATOR, or AGENCY.INACTIVE',
    },
  )
  update(
    @CurrentPrincipal() principal: Principal,
    @Param() params: UserIdParams,
    @Body() body: UpdateUserRequestDto,
  ): Promise<UserDto> {
    return this.users.update(principal, params.id, body);
  }

  @Post(':id/reset-password')
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  @UserRoute(
    { action: 'user.reset-password', idParam: 'id' },

    'Reset a forgotten password: a one-time password, changed at next sign-in — بازنشانی گذرواژه',
    { ok: { type: TemporaryPasswordDto } },
  )
  resetPassword(@Param() params: UserIdParams): Promise<TemporaryPasswordDto> {
    return this.users.resetPassword(params.id);
  }

  @Post(':id/unlock')
  @HttpCode(200)
  @UserRoute({ action: 'user.unlock', idParam: 'id' }, 'Lift a lock left by failed sign-ins', {
    ok: { type: UserDto },
  })
  unlock(@Param() params: UserIdParams): Promise<UserDto> {
    return this.users.unlock(params.id);
  }
}

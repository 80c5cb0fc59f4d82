import {
  Body,
  Controller,
  Get,
  Header,
  HttpCode,
  Logger,
  Post,
  Req,
  UseGuards,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiNoContentResponse,
  ApiOperation,
  ApiResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { ApiRoute } from '../common/api-route';
import { InjectRepository } from '@nestjs/typeorm';
import type { Request } from 'express';
import { Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Audited } from '../audit/audited.decorator';
import { requestIdOf } from '../common/request-id';
import { AppError } from '../common/errors/app-error';
import { UserEntity } from '../identity/entities/user.entity';
import { Access } from '../common/access/access';
import { RateLimit, RateLimitGuard } from './rate-limit.guard';
import { AuthService } from './auth.service';
import { CurrentPrincipal } from '../common/access/current-principal.decorator';
import {
  ChangePasswordRequestDto,
  MeDto,
  RefreshRequestDto,
  SignInRequestDto,
  TokenPairDto,
} from './dto/auth.dto';
import type { Principal } from '../common/access/principal';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  private readonly logger = new Logger(AuthController.name);

  constructor(
    private readonly auth: AuthService,
    private readonly audit: AuditService,
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
  ) {}

  @Post('sign-in')
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  @Access.public()
  @UseGuards(RateLimitGuard)
  @RateLimit('password')
  @ApiRoute('Sign in with username and password — ورود به سامانه', { ok: { type: TokenPairDto } })
  @ApiUnauthorizedResponse({ description: 'AUTH.INVALID_CREDENTIALS' })
  @ApiResponse({ status: 423, description: 'AUTH.ACCOUNT_LOCKED: wait for Retry-After seconds' })
  @ApiTooManyRequestsResponse({
    description:
      'AUTH.TOO_MANY_ATTEMPTS (failures of the account) or RATE.LIMITED (attempts per address: RATE_LIMIT_SIGN_IN_PER_MINUTE, per account: RATE_LIMIT_ACCOUNT_PER_MINUTE)',
  })
  async signIn(@Body() body: SignInRequestDto, @Req() req: Request): Promise<TokenPairDto> {
    const outcome = await this.auth.signIn(body.username, body.password);
    // Every attempt is audited before answering; the username is not (it may be a mistyped password).
    await this.recordSessionEvent(
      req,
      outcome.ok ? 'auth.sign-in' : 'auth.sign-in-failed',
      outcome,
    );
    if (!outcome.ok) throw outcome.error;
    return outcome.tokens;
  }

  @Post('refresh')
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  @Access.public()
  @ApiRoute('A new token pair for a refresh token (the old one stops working)', {
    ok: { type: TokenPairDto },
  })
  @ApiUnauthorizedResponse({ description: 'AUTH.TOKEN_INVALID' })
  async refresh(@Body() body: RefreshRequestDto, @Req() req: Request): Promise<TokenPairDto> {
    const outcome = await this.auth.refresh(body.refreshToken);
    const action = outcome.ok
      ? 'auth.refresh'
      : outcome.reuse
        ? 'auth.refresh-token-reused'
        : 'auth.refresh-refused';
    // Unknown tokens are noise anyone can make; refusals of real tokens are recorded.
    if (outcome.ok || outcome.userId) await this.recordSessionEvent(req, action, outcome);
    if (!outcome.ok) throw outcome.error;
    return outcome.tokens;
  }

  @Post('sign-out')
  @HttpCode(204)
  @Access.public()
  @ApiOperation({ summary: 'Sign out: the refresh token and its successors are revoked — خروج' })
  @ApiNoContentResponse()
  async signOut(@Body() body: RefreshRequestDto, @Req() req: Request): Promise<void> {
    const userId = await this.auth.signOut(body.refreshToken);
    if (userId) await this.recordSessionEvent(req, 'auth.sign-out', { ok: true, userId });
  }

  /** One audit row for a session event; a failed write answers 503 (never unrecorded). */
  private async recordSessionEvent(
    req: Request,
    action: string,
    outcome: { ok: boolean; userId?: string; error?: AppError },
  ): Promise<void> {
    try {
      await this.audit.record({
        action,
        resourceType: 'user',
        resourceId: outcome.userId ?? null,
        outcome: outcome.ok ? 'success' : 'denied',
        status: outcome.ok ? 200 : (outcome.error?.status ?? null),
        actorUserId: outcome.ok ? (outcome.userId ?? null) : null,
        ip: req.ip ?? null,
        requestId: requestIdOf(req),
        details: outcome.error ? { code: outcome.error.code } : {},
      });
    } catch (error) {
      this.logger.error({ err: error, action }, 'audit row could not be written');
      throw new AppError('SERVICE.DATABASE_UNAVAILABLE');
    }
  }

  @Post('change-password')
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  @UseGuards(RateLimitGuard)
  @RateLimit('password')
  @Access.signedIn({ allowPendingPasswordChange: true })
  @Audited({ action: 'auth.change-password', resource: 'user' })
  @ApiBearerAuth()
  @ApiRoute('Change your own password (required after a reset) — تغییر گذرواژه', {
    ok: { type: TokenPairDto, description: 'New tokens; every other session ends' },
  })
  @ApiResponse({
    status: 423,
    description:
      'AUTH.ACCOUNT_LOCKED: too many wrong current passwords; wait for Retry-After seconds',
  })
  changePassword(
    @CurrentPrincipal() principal: Principal,
    @Body() body: ChangePasswordRequestDto,
  ): Promise<TokenPairDto> {
    return this.auth.changePassword(principal, body.currentPassword, body.newPassword);
  }

  @Get('me')
  @Access.signedIn({ allowPendingPasswordChange: true })
  @ApiBearerAuth()
  @ApiRoute('Who am I: the signed-in user and roles', { ok: { type: MeDto } })
  async me(@CurrentPrincipal() principal: Principal): Promise<MeDto> {
    const user = await this.users.findOneBy({ id: principal.userId });
    if (!user) throw new AppError('AUTH.TOKEN_INVALID');
    return {
      id: user.id,
      username: user.username,
      displayName: user.displayName,
      roles: user.roles,
      agencyId: user.agencyId,
      mustChangePassword: user.mustChangePassword,
    };
  }
}

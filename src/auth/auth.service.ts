import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, IsNull, Repository } from 'typeorm';
import { AppError } from '../common/errors/app-error';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/configuration';
import { RefreshTokenEntity } from '../identity/entities/refresh-token.entity';
import { UserEntity } from '../identity/entities/user.entity';
import {
  hashPassword,
  passwordPolicyProblems,
  verifyDecoy,
  verifyPassword,
} from '../identity/passwords';
import type { Principal } from './principal';

/** What a successful sign-in, refresh or password change answers. */
export interface TokenPair {
  accessToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
  refreshToken: string;
  refreshExpiresIn: number;
  mustChangePassword: boolean;
}

interface AccessClaims {
  sub: string;
  ver: number;
  typ: 'access';
}

export type SignInOutcome =
  { ok: true; userId: string; tokens: TokenPair } | { ok: false; userId?: string; error: AppError };

const ISSUER = 'vehicle-permit';

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

/**
 * Sign-in, tokens and passwords. Access tokens are short-lived JWTs naming the user and the
 * user's token version; every request re-reads the user, so a reset, a role change or a disabled
 * account takes effect at once. Refresh tokens are random, stored hashed, and rotate on use.
 */
@Injectable()
export class AuthService {
  private readonly logger = new Logger(AuthService.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly jwt: JwtService,
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    @InjectRepository(RefreshTokenEntity)
    private readonly refreshTokens: Repository<RefreshTokenEntity>,
  ) {}

  /**
   * Checks a username and password. Failures count per account: from the second one on, the
   * next attempt must wait (doubling each time); at the limit the account locks for a while.
   */
  async signIn(username: string, password: string, now = new Date()): Promise<SignInOutcome> {
    const user = await this.users
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('lower(u.username) = lower(:username)', { username })
      .getOne();
    if (!user) {
      await verifyDecoy(password);
      return { ok: false, error: new AppError('AUTH.INVALID_CREDENTIALS') };
    }
    const { auth } = this.config;
    if (user.lockedUntil && user.lockedUntil > now) {
      return { ok: false, userId: user.id, error: this.locked(user.lockedUntil, now) };
    }
    const wait = this.backoffRemainingMs(user, now);
    if (wait > 0) {
      return {
        ok: false,
        userId: user.id,
        error: new AppError('AUTH.TOO_MANY_ATTEMPTS', [], undefined, wait / 1000),
      };
    }
    if (!(await verifyPassword(user.passwordHash, password))) {
      // Counted atomically: parallel guesses cannot slip past the limit. An expired lock starts over.
      const rows: { failed_sign_ins: number; locked_until: Date | null }[] = await this.dataSource
        .query(
          `UPDATE users SET
             failed_sign_ins = CASE WHEN locked_until IS NOT NULL AND locked_until <= $2 THEN 1
                                    ELSE failed_sign_ins + 1 END,
             locked_until = CASE
               WHEN (CASE WHEN locked_until IS NOT NULL AND locked_until <= $2 THEN 1
                          ELSE failed_sign_ins + 1 END) >= $3
                 THEN $2::timestamptz + make_interval(secs => $4)
               WHEN locked_until IS NOT NULL AND locked_until <= $2 THEN NULL
               ELSE locked_until END,
             last_failed_sign_in_at = $2
           WHERE id = $1
           RETURNING failed_sign_ins, locked_until`,
          [user.id, now, auth.maxFailedSignIns, auth.lockoutSeconds],
        )
        .then((result: [unknown[], number] | unknown[]) =>
          Array.isArray(result[0]) ? (result[0] as never) : (result as never),
        );
      const after = rows[0];
      if (after?.locked_until && new Date(after.locked_until) > now) {
        return {
          ok: false,
          userId: user.id,
          error: this.locked(new Date(after.locked_until), now),
        };
      }
      return { ok: false, userId: user.id, error: new AppError('AUTH.INVALID_CREDENTIALS') };
    }
    if (user.disabled) {
      return { ok: false, userId: user.id, error: new AppError('AUTH.ACCOUNT_DISABLED') };
    }
    await this.users.update(
      { id: user.id },
      { failedSignIns: 0, lockedUntil: null, lastFailedSignInAt: null },
    );
    return { ok: true, userId: user.id, tokens: await this.issue(user, randomUUID(), now) };
  }

  /** Exchanges a refresh token for a new pair. A replaced token used again revokes its family. */
  async refresh(
    refreshToken: string,
    now = new Date(),
  ): Promise<{ userId: string; tokens: TokenPair }> {
    const stored = await this.refreshTokens.findOneBy({ tokenHash: sha256(refreshToken) });
    if (!stored) throw new AppError('AUTH.TOKEN_INVALID');
    if (stored.revokedAt) {
      if (stored.replacedBy) {
        await this.revokeFamily(stored.familyId, now);
        this.logger.warn(
          { userId: stored.userId, familyId: stored.familyId },
          'a replaced refresh token was presented again; its family is revoked',
        );
      }
      throw new AppError('AUTH.TOKEN_INVALID');
    }
    if (stored.expiresAt <= now) throw new AppError('AUTH.TOKEN_INVALID');
    const user = await this.users.findOneBy({ id: stored.userId });
    if (!user || user.disabled) throw new AppError('AUTH.TOKEN_INVALID');
    const tokens = await this.issue(user, stored.familyId, now);
    const next = await this.refreshTokens.findOneByOrFail({
      tokenHash: sha256(tokens.refreshToken),
    });
    const claimed = await this.refreshTokens.update(
      { id: stored.id, revokedAt: IsNull() },
      { revokedAt: now, replacedBy: next.id },
    );
    if (claimed.affected !== 1) {
      // Another request used the same token a moment ago: treat as reuse.
      await this.revokeFamily(stored.familyId, now);
      throw new AppError('AUTH.TOKEN_INVALID');
    }
    return { userId: user.id, tokens };
  }

  /** Revokes the refresh token (and so ends the session on this device). Unknown tokens are ignored. */
  async signOut(refreshToken: string, now = new Date()): Promise<string | undefined> {
    const stored = await this.refreshTokens.findOneBy({ tokenHash: sha256(refreshToken) });
    if (!stored) return undefined;
    await this.revokeFamily(stored.familyId, now);
    return stored.userId;
  }

  /** Changes the signed-in user's own password; other sessions end, this one gets new tokens. */
  async changePassword(
    principal: Principal,
    currentPassword: string,
    newPassword: string,
    now = new Date(),
  ): Promise<TokenPair> {
    const user = await this.users
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('u.id = :id', { id: principal.userId })
      .getOne();
    if (!user) throw new AppError('AUTH.TOKEN_INVALID');
    if (!(await verifyPassword(user.passwordHash, currentPassword))) {
      throw new AppError('AUTH.INVALID_CREDENTIALS', [
        {
          field: 'currentPassword',
          code: 'currentPassword',
          message: {
            fa: 'گذرواژه کنونی نادرست است.',
            en: 'currentPassword is not your current password',
          },
        },
      ]);
    }
    const problems = passwordPolicyProblems(newPassword, user.username);
    if (newPassword === currentPassword) {
      problems.push({
        fa: 'گذرواژه جدید باید با گذرواژه کنونی فرق داشته باشد.',
        en: 'The new password must differ from the current one.',
      });
    }
    if (problems.length > 0) {
      throw new AppError(
        'AUTH.PASSWORD_TOO_WEAK',
        problems.map((message) => ({ field: 'newPassword', code: 'passwordPolicy', message })),
      );
    }
    const passwordHash = await hashPassword(newPassword);
    await this.dataSource.transaction(async (tx) => {
      await tx.update(
        UserEntity,
        { id: user.id },
        {
          passwordHash,
          mustChangePassword: false,
          passwordChangedAt: now,
          tokenVersion: () => 'token_version + 1',
        },
      );
      await tx.update(
        RefreshTokenEntity,
        { userId: user.id, revokedAt: IsNull() },
        { revokedAt: now },
      );
    });
    const updated = await this.users.findOneByOrFail({ id: user.id });
    return this.issue(updated, randomUUID(), now);
  }

  /**
   * The user behind an access token, read afresh from the database; undefined when the token
   * is invalid, expired, from before a reset or role change, or the account is disabled.
   */
  async authenticate(accessToken: string): Promise<Principal | undefined> {
    let claims: AccessClaims;
    try {
      claims = await this.jwt.verifyAsync<AccessClaims>(accessToken, {
        issuer: ISSUER,
        algorithms: ['HS256'],
      });
    } catch {
      return undefined;
    }
    if (claims.typ !== 'access' || typeof claims.sub !== 'string') return undefined;
    const user = await this.users.findOneBy({ id: claims.sub });
    if (!user || user.disabled || user.tokenVersion !== claims.ver) return undefined;
    return {
      userId: user.id,
      username: user.username,
      roles: user.roles,
      agencyId: user.agencyId ?? undefined,
      mustChangePassword: user.mustChangePassword,
    };
  }

  /** Ends every session of a user (reset, disable, role change): tokens issued so far stop working. */
  async revokeAll(userId: string, now = new Date()): Promise<void> {
    await this.refreshTokens.update({ userId, revokedAt: IsNull() }, { revokedAt: now });
  }

  private async issue(user: UserEntity, familyId: string, now: Date): Promise<TokenPair> {
    const { accessTokenTtlSeconds, refreshTokenTtlSeconds } = this.config.auth;
    const claims: AccessClaims = { sub: user.id, ver: user.tokenVersion, typ: 'access' };
    const accessToken = await this.jwt.signAsync(claims, {
      issuer: ISSUER,
      expiresIn: accessTokenTtlSeconds,
      jwtid: randomUUID(),
    });
    const refreshToken = randomBytes(32).toString('base64url');
    await this.refreshTokens.insert({
      userId: user.id,
      familyId,
      tokenHash: sha256(refreshToken),
      issuedAt: now,
      expiresAt: new Date(now.getTime() + refreshTokenTtlSeconds * 1000),
    });
    return {
      accessToken,
      tokenType: 'Bearer',
      expiresIn: accessTokenTtlSeconds,
      refreshToken,
      refreshExpiresIn: refreshTokenTtlSeconds,
      mustChangePassword: user.mustChangePassword,
    };
  }

  private async revokeFamily(familyId: string, now: Date): Promise<void> {
    await this.refreshTokens.update({ familyId, revokedAt: IsNull() }, { revokedAt: now });
  }

  private backoffRemainingMs(user: UserEntity, now: Date): number {
    const { backoffBaseMs } = this.config.auth;
    if (user.failedSignIns < 2 || !user.lastFailedSignInAt || backoffBaseMs === 0) return 0;
    const delay = backoffBaseMs * 2 ** (user.failedSignIns - 2);
    return Math.max(0, user.lastFailedSignInAt.getTime() + delay - now.getTime());
  }

  private locked(until: Date, now: Date): AppError {
    return new AppError(
      'AUTH.ACCOUNT_LOCKED',
      [],
      undefined,
      (until.getTime() - now.getTime()) / 1000,
    );
  }
}

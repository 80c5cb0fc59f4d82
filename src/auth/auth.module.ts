import { Global, Module, OnApplicationBootstrap } from '@nestjs/common';
import { APP_GUARD, ModulesContainer } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG } from '../config/config.module';
import { type AppConfig, requireAuthSecret } from '../config/configuration';
import { RefreshTokenEntity } from '../identity/entities/refresh-token.entity';
import { UserEntity } from '../identity/entities/user.entity';
import { SessionRevoker } from '../identity/session-revoker';
import { AccessChangeChannel } from './access-change-channel';
import { AccessGuard } from './access.guard';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { RateLimitModule } from './rate-limit.module';
import { routeInventory } from './route-inventory';

/**
 * Sign-in, sessions and the global access guard. The guard is registered here, so every route
 * of the application passes through it. Global: identity's account changes end sessions through
 * the SessionRevoker this module provides.
 */
@Global()
@Module({
  imports: [
    TypeOrmModule.forFeature([UserEntity, RefreshTokenEntity]),
    JwtModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        secret: requireAuthSecret(config),
        signOptions: { algorithm: 'HS256' },
      }),
    }),
    RateLimitModule,
  ],
  controllers: [AuthController],
  providers: [
    AccessChangeChannel,
    AuthService,
    { provide: SessionRevoker, useExisting: AuthService },
    { provide: APP_GUARD, useClass: AccessGuard },
  ],
  exports: [AuthService, SessionRevoker],
})
export class AuthModule implements OnApplicationBootstrap {
  constructor(private readonly modules: ModulesContainer) {}

  /** A handler without an access rule would be closed at run time; refuse to start instead. */
  onApplicationBootstrap(): void {
    const missing = routeInventory(this.modules).filter((route) => !route.rule);
    if (missing.length > 0) {
      throw new Error(
        `handlers without an access rule (declare @Access… beside each): ${missing
          .map((r) => `${r.method} ${r.path} (${r.handler})`)
          .join(', ')}`,
      );
    }
  }
}

import { Module, OnApplicationBootstrap } from '@nestjs/common';
import { APP_GUARD, ModulesContainer } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccessChangeChannel } from '../auth/access-change-channel';
import { AccessGuard } from '../auth/access.guard';
import { AuthController } from '../auth/auth.controller';
import { AuthService } from '../auth/auth.service';
import { routeInventory } from '../auth/route-inventory';
import { RateLimitModule } from '../auth/rate-limit.module';
import { APP_CONFIG } from '../config/config.module';
import { type AppConfig, requireAuthSecret } from '../config/configuration';
import { AgenciesController } from './agencies.controller';
import { AgenciesService } from './agencies.service';
import { AgencyEntity } from './entities/agency.entity';
import { RefreshTokenEntity } from './entities/refresh-token.entity';
import { UserEntity } from './entities/user.entity';
import { UsersController } from './users.controller';
import { UsersService } from './users.service';

/**
 * Users, agencies, sign-in and the global access guard. The guard is registered here, so every
 * route of the application passes through it.
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([UserEntity, AgencyEntity, RefreshTokenEntity]),
    JwtModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        secret: requireAuthSecret(config),
        signOptions: { algorithm: 'HS256' },
      }),
    }),
    RateLimitModule,
  ],
  controllers: [AuthController, UsersController, AgenciesController],
  providers: [
    AccessChangeChannel,
    AuthService,
    UsersService,
    AgenciesService,
    { provide: APP_GUARD, useClass: AccessGuard },
  ],
  exports: [AuthService, UsersService, AgenciesService],
})
export class IdentityModule implements OnApplicationBootstrap {
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

import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AgenciesController } from './agencies.controller';
import { AgenciesService } from './agencies.service';
import { AgencyEntity } from './entities/agency.entity';
import { UserEntity } from './entities/user.entity';
import { UsersController } from './users.controller';
import { UsersService } from './users.service';

/**
 * Users and agencies, as administrators keep them. Signing in, sessions and the access guard
 * are AuthModule's (src/auth); ending a changed user's sessions goes through its SessionRevoker.
 */
@Module({
  imports: [TypeOrmModule.forFeature([UserEntity, AgencyEntity])],
  controllers: [UsersController, AgenciesController],
  providers: [UsersService, AgenciesService],
  exports: [UsersService, AgenciesService],
})
export class IdentityModule {}

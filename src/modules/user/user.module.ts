import { Module } from '@nestjs/common';
import { UserController } from './controllers/user.controller';
import { UserRepository } from './repositories/user.repository';
import { PasswordHasher } from './services/password-hasher';
import { RecentUsers } from './services/recent-users';
import { UserQueries } from './services/user-queries';
import { UserService } from './services/user.service';

@Module({
  controllers: [UserController],
  providers: [UserRepository, UserService, UserQueries, PasswordHasher, RecentUsers],
  exports: [UserService, UserQueries, PasswordHasher],
})
export class UserModule {}

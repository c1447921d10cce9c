import { Module } from '@nestjs/common';
import { UserController } from './controllers/user.controller';
import { UserRepository } from './repositories/user.repository';
import { PasswordHasher } from './services/password-hasher';
import { UserService } from './services/user.service';

@Module({
  controllers: [UserController],
  providers: [UserRepository, UserService, PasswordHasher],
  exports: [UserService, UserRepository, PasswordHasher],
})
export class UserModule {}

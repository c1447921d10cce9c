import { createSecretKey } from 'node:crypto';
import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { APP_CONFIG, type AppConfig } from '../../common/config/app-config';
import { UserModule } from '../user';
import { AuthController } from './controllers/auth.controller';
import { LoginThrottleRepository } from './repositories/login-throttle.repository';
import { WebSessionRepository } from './repositories/web-session.repository';
import { AuthGuard } from './services/auth.guard';
import { AuthService } from './services/auth.service';
import { LoginThrottle } from './services/login-throttle';
import { WebSessionService } from './services/web-session.service';

@Module({
  imports: [
    UserModule,
    JwtModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        // A KeyObject, not the string: given a string, jsonwebtoken first tries to parse it as a
        // public key on every verify (a throw, then createSecretKey), ~10 % of a GET's CPU.
        secret: createSecretKey(Buffer.from(config.jwt.secret)),
        signOptions: { algorithm: 'HS256' },
        verifyOptions: { algorithms: ['HS256'] },
      }),
    }),
  ],
  controllers: [AuthController],
  providers: [
    AuthService,
    LoginThrottle,
    LoginThrottleRepository,
    WebSessionRepository,
    WebSessionService,
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
})
export class AuthModule {}

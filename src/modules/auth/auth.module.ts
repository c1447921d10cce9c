import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { APP_CONFIG, type AppConfig } from '../../common/config/app-config';
import { UserModule } from '../user/user.module';
import { AuthController } from './controllers/auth.controller';
import { LoginThrottleRepository } from './repositories/login-throttle.repository';
import { AuthGuard } from './services/auth.guard';
import { AuthService } from './services/auth.service';
import { LoginThrottle } from './services/login-throttle';

@Module({
  imports: [
    UserModule,
    JwtModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        secret: config.jwt.secret,
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
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
})
export class AuthModule {}

import { Body, Controller, Get, HttpCode, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { ZodResponse } from 'nestjs-zod';
import { CurrentUser, Public } from '../../../common/auth/auth.decorators';
import type { Caller } from '../../../common/auth/caller';
import { ApiOperationDoc } from '../../../common/http/api-operation';
import { UserDto } from '../../user/dto/user.dto';
import { ChangePasswordDto, LoginDto, LoginResponseDto } from '../dto/auth.dto';
import { AuthService } from '../services/auth.service';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('login')
  @ApiOperationDoc({
    summary: 'Sign in',
    description:
      'Checks an email and password and answers a bearer token (`accessToken`, valid for `expiresIn` seconds) with the user. Repeated failures for an email or an address are refused for a while (429) before any password is checked. Changes nothing but the failed-attempt count.',
    errors: ['UNAUTHENTICATED', 'RATE_LIMITED'],
  })
  @Public()
  @HttpCode(200)
  @ZodResponse({ status: 200, type: LoginResponseDto })
  login(@Body() body: LoginDto, @Req() request: FastifyRequest) {
    return this.auth.login(body, request.ip, request.id);
  }

  @Get('me')
  @ApiOperationDoc({
    summary: 'Get the signed-in user',
    description: 'The user the bearer token belongs to, with their current role. Changes nothing.',
  })
  @ApiBearerAuth()
  @ZodResponse({ status: 200, type: UserDto })
  me(@CurrentUser() caller: Caller) {
    return this.auth.me(caller);
  }

  @Post('change-password')
  @ApiOperationDoc({
    summary: 'Change your password',
    description:
      "Replaces the signed-in user's password after checking the current one (401 if wrong) and answers a fresh token: tokens issued before the change stop working.",
  })
  @ApiBearerAuth()
  @HttpCode(200)
  @ZodResponse({ status: 200, type: LoginResponseDto })
  changePassword(@CurrentUser() caller: Caller, @Body() body: ChangePasswordDto) {
    return this.auth.changePassword(caller, body);
  }
}

import { Body, Controller, Get, HttpCode, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { ZodResponse } from 'nestjs-zod';
import { CurrentUser, Public } from '../../../common/auth/auth.decorators';
import type { Caller } from '../../../common/auth/caller';
import { UserDto } from '../../user/dto/user.dto';
import { ChangePasswordDto, LoginDto, LoginResponseDto } from '../dto/auth.dto';
import { AuthService } from '../services/auth.service';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('login')
  @Public()
  @HttpCode(200)
  @ZodResponse({ status: 200, type: LoginResponseDto })
  login(@Body() body: LoginDto, @Req() request: FastifyRequest) {
    return this.auth.login(body, request.ip, request.id);
  }

  @Get('me')
  @ApiBearerAuth()
  @ZodResponse({ status: 200, type: UserDto })
  me(@CurrentUser() caller: Caller) {
    return this.auth.me(caller);
  }

  @Post('change-password')
  @ApiBearerAuth()
  @HttpCode(200)
  @ZodResponse({ status: 200, type: LoginResponseDto })
  changePassword(@CurrentUser() caller: Caller, @Body() body: ChangePasswordDto) {
    return this.auth.changePassword(caller, body);
  }
}

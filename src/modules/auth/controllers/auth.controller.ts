import { Body, Controller, Delete, Get, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ZodResponse } from 'nestjs-zod';
import {
  CurrentUser,
  Public,
  type AuthenticatedRequest,
} from '../../../common/auth/auth.decorators';
import type { Caller } from '../../../common/auth/caller';
import { ApiOperationDoc } from '../../../common/http/api-operation';
import { UserDto } from '../../user';
import { ChangePasswordDto, LoginDto, LoginResponseDto, SessionResponseDto } from '../dto/auth.dto';
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
    description:
      'The user the bearer token (or the web session) belongs to, with their current role. Changes nothing.',
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
      "Replaces the signed-in user's password after checking the current one (401 if wrong) and answers a fresh token: tokens and web sessions signed in before the change stop working. A web session (cookie) is refused with 401: it uses `POST /auth/session/change-password`, which answers no token.",
  })
  @ApiBearerAuth()
  @HttpCode(200)
  @ZodResponse({ status: 200, type: LoginResponseDto })
  changePassword(
    @CurrentUser() caller: Caller,
    @Req() request: AuthenticatedRequest,
    @Body() body: ChangePasswordDto,
  ) {
    return this.auth.changePassword(caller, request.webSessionId, body);
  }

  @Post('session')
  @ApiOperationDoc({
    summary: 'Sign in to a web session',
    description:
      "The web app's sign-in: the same checks and rate limit as `POST /auth/login`, but the answer carries no token. It sets an httpOnly, SameSite=Strict session cookie (`contour_session`, Secure over HTTPS) and a `contour_csrf` cookie whose value every write of the session sends back in the `X-CSRF-Token` header. The session ends at sign-out, after `idleTimeoutSeconds` without a request, at the token lifetime, or when the password changes or is reset. Changes nothing but the failed-attempt count and the sessions.",
    errors: ['UNAUTHENTICATED', 'RATE_LIMITED'],
  })
  @Public()
  @HttpCode(200)
  @ZodResponse({ status: 200, type: SessionResponseDto })
  startSession(
    @Body() body: LoginDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.auth.startSession(body, request, reply);
  }

  @Get('session')
  @ApiOperationDoc({
    summary: 'Get the web session',
    description:
      "The signed-in user and the idle timeout of web sessions. With a session cookie it also restarts the session's idle clock, as every request of the session does: the web app calls it when the user is active on a page that makes no other call.",
  })
  @ApiBearerAuth()
  @ZodResponse({ status: 200, type: SessionResponseDto })
  session(@CurrentUser() caller: Caller) {
    return this.auth.session(caller);
  }

  @Delete('session')
  @ApiOperationDoc({
    summary: 'Sign out of the web session',
    description:
      'Ends the web session on the server, so its cookie stops working in every tab, and clears its cookies. With a bearer token there is no session to end: nothing changes (a token runs out by itself).',
  })
  @ApiBearerAuth()
  @HttpCode(204)
  async endSession(
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<void> {
    await this.auth.endSession(request.webSessionId, request, reply);
  }

  @Post('session/change-password')
  @ApiOperationDoc({
    summary: 'Change your password in a web session',
    description:
      'As `POST /auth/change-password` (401 if the current password is wrong; every other session and token of the user stops working), for the web app: this session goes on and no token is answered. A bearer caller is refused with 401: it uses `POST /auth/change-password`.',
  })
  @ApiBearerAuth()
  @HttpCode(200)
  @ZodResponse({ status: 200, type: SessionResponseDto })
  changeSessionPassword(
    @CurrentUser() caller: Caller,
    @Req() request: AuthenticatedRequest,
    @Body() body: ChangePasswordDto,
  ) {
    return this.auth.changeSessionPassword(caller, request.webSessionId, body);
  }
}

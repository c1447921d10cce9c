import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ZodResponse } from 'nestjs-zod';
import { CurrentUser, Roles } from '../../../common/auth/auth.decorators';
import type { Caller } from '../../../common/auth/caller';
import { IdParams } from '../../../common/http/id-params.dto';
import { IfMatch } from '../../../common/http/versioning';
import {
  CreateUserDto,
  ListUsersQueryDto,
  UpdateUserDto,
  UserDto,
  UserPageDto,
} from '../dto/user.dto';
import { UserService } from '../services/user.service';

@ApiTags('users')
@ApiBearerAuth()
@Controller('users')
export class UserController {
  constructor(private readonly users: UserService) {}

  @Post()
  @Roles('ADMIN')
  @ZodResponse({ status: 201, type: UserDto })
  create(@CurrentUser() caller: Caller, @Body() body: CreateUserDto) {
    return this.users.createUser(caller, body);
  }

  /** The staff directory: every role may read it, e.g. to pick a consultation's surgeon. */
  @Get()
  @ZodResponse({ status: 200, type: UserPageDto })
  list(@CurrentUser() caller: Caller, @Query() query: ListUsersQueryDto) {
    return this.users.listUsers(caller, query);
  }

  @Get(':id')
  @ZodResponse({ status: 200, type: UserDto })
  get(@CurrentUser() caller: Caller, @Param() params: IdParams) {
    return this.users.getUser(caller, params.id);
  }

  @Patch(':id')
  @Roles('ADMIN')
  @ZodResponse({ status: 200, type: UserDto })
  update(
    @CurrentUser() caller: Caller,
    @Param() params: IdParams,
    @Body() body: UpdateUserDto,
    @IfMatch() ifMatch: number | undefined,
  ) {
    return this.users.updateUser(caller, params.id, body, ifMatch);
  }
}

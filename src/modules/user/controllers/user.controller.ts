import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ZodResponse } from 'nestjs-zod';
import { CurrentUser, Roles } from '../../../common/auth/auth.decorators';
import type { Caller } from '../../../common/auth/caller';
import { ApiOperationDoc } from '../../../common/http/api-operation';
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
  @ApiOperationDoc({
    summary: 'Create a staff account',
    description:
      "Adds a user to the caller's clinic with a role and an initial password (hashed with argon2id). The email is unique across the clinic. Audited.",
    errors: ['DUPLICATE'],
  })
  @Roles('ADMIN')
  @ZodResponse({ status: 201, type: UserDto })
  create(@CurrentUser() caller: Caller, @Body() body: CreateUserDto) {
    return this.users.createUser(caller, body);
  }

  /** The staff directory: every role may read it, e.g. to pick a consultation's surgeon. */
  @Get()
  @ApiOperationDoc({
    summary: 'List staff',
    description:
      "The clinic's users, a page at a time, e.g. to pick a consultation's surgeon. Changes nothing.",
  })
  @ZodResponse({ status: 200, type: UserPageDto })
  list(@CurrentUser() caller: Caller, @Query() query: ListUsersQueryDto) {
    return this.users.listUsers(caller, query);
  }

  @Get(':id')
  @ApiOperationDoc({
    summary: 'Get a staff account',
    description: "One user of the caller's clinic. Changes nothing.",
  })
  @ZodResponse({ status: 200, type: UserDto })
  get(@CurrentUser() caller: Caller, @Param() params: IdParams) {
    return this.users.getUser(caller, params.id);
  }

  @Patch(':id')
  @ApiOperationDoc({
    summary: 'Update a staff account',
    description:
      "Changes a user's name, email, role, password or active flag. The clinic always keeps one active ADMIN (409 LAST_ACTIVE_ADMIN). Audited.",
    errors: ['DUPLICATE', 'LAST_ACTIVE_ADMIN'],
  })
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

import { applyDecorators, Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiOperation,
  ApiParam,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { AuthUser } from '@salur/libs/domain/auth';
import type { ScopedListQuery } from '@salur/libs/domain/read-scope';
import { USER_LIST, type UserFilters } from '@salur/libs/domain/user-admin';
import { Roles } from '../auth/access.decorators';
import { CurrentUser } from '../auth/current-user.decorator';
import { ApiErrors, ApiExample } from '../http/api-docs.decorators';
import { ListEndpoint, ListQuery } from '../lists/list-endpoint.decorator';
import {
  NEW_USER_EXAMPLES,
  SELF_DEACTIVATION_EXAMPLE,
  USER_DETAIL_EXAMPLE,
  USER_DOCS,
  USER_EXAMPLE,
  USER_VALIDATION_EXAMPLE,
  USERNAME_TAKEN_EXAMPLE,
} from './user-examples';
import { UsersService } from './users.service';

/** An answer of this controller with its own example (the shared ones are about the SOP). */
const ApiAnswer = (status: number, description: string, example: unknown) =>
  ApiResponse({ status, description, content: { 'application/json': { example } } });

/** A change to one user (POST /users/:id/...): 200 with the user, no hash. */
const UserChange = (path: string, summary: string) =>
  applyDecorators(
    Post(`:id/${path}`),
    HttpCode(200),
    ApiOperation({ summary }),
    ApiParam({ name: 'id', example: USER_EXAMPLE.id }),
    ApiExample('The user after the change', USER_EXAMPLE),
    ApiErrors(401, 403, 404),
  );

/**
 * User management: only the system_admin changes users; the auditor reads them, as it reads
 * everything. No answer ever carries a password or its hash (docs/auth.md).
 */
@ApiTags('users')
@ApiBearerAuth()
@Controller('users')
@Roles('system_admin')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @ListEndpoint(USER_LIST, USER_DOCS)
  list(@ListQuery() query: ScopedListQuery<UserFilters>) {
    return this.users.list(query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One user with every change made to it: what, who, when' })
  @ApiParam({ name: 'id', example: USER_EXAMPLE.id })
  @ApiExample('The user and its changes, oldest first', USER_DETAIL_EXAMPLE)
  @ApiErrors(401, 403, 404)
  detail(@Param('id') id: string) {
    return this.users.detail(id);
  }

  @Post()
  @ApiOperation({
    summary: 'Create a user who may log in',
    description:
      'Area roles need their area (kecamatanCode; a kelurahan_operator also kelurahanCode in ' +
      'that kecamatan), a rekanan its vendorId; no other role takes them. Passwords: 12-200 ' +
      'characters, not the username.',
  })
  @ApiBody({ schema: { type: 'object' }, examples: NEW_USER_EXAMPLES })
  @ApiAnswer(201, 'The new user (never the password or its hash)', USER_EXAMPLE)
  @ApiAnswer(400, 'VALIDATION_FAILED: each bad field and why', USER_VALIDATION_EXAMPLE)
  @ApiAnswer(409, 'ALREADY_EXISTS: the username is taken', USERNAME_TAKEN_EXAMPLE)
  @ApiErrors(401, 403)
  create(@Body() body: unknown, @CurrentUser() admin: AuthUser) {
    return this.users.create(body, admin);
  }

  /** Also ends the user's sessions: its tokens are refused from the next request on. */
  @UserChange('deactivate', 'Stop the user from logging in; its tokens stop working at once')
  @ApiAnswer(409, 'A system_admin may not deactivate itself', SELF_DEACTIVATION_EXAMPLE)
  deactivate(@Param('id') id: string, @CurrentUser() admin: AuthUser) {
    return this.users.setActive(id, false, admin);
  }

  @UserChange('activate', 'Let the user log in again (old tokens stay refused)')
  activate(@Param('id') id: string, @CurrentUser() admin: AuthUser) {
    return this.users.setActive(id, true, admin);
  }

  @UserChange('password', "Reset the user's password; its tokens stop working at once")
  @ApiBody({ schema: { example: { password: 'a-new-long-password' } } })
  @ApiAnswer(400, 'VALIDATION_FAILED: the password and why', {
    code: 'VALIDATION_FAILED',
    message: 'password: must not be the username',
    fields: [{ field: 'password', reason: 'must not be the username' }],
  })
  resetPassword(@Param('id') id: string, @Body() body: unknown, @CurrentUser() admin: AuthUser) {
    return this.users.resetPassword(id, body, admin);
  }
}

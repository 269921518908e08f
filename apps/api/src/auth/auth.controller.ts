import { Body, Controller, HttpCode, Inject, Post, UnauthorizedException } from '@nestjs/common';
import { ApiBody, ApiTags } from '@nestjs/swagger';
import { ApiErrors, ApiExample } from '../http/api-docs.decorators';
import { ValidationFailed, type FieldProblem } from '@salur/libs/domain/errors';
import { IDENTITY_PROVIDER, type Credentials, type IdentityProvider } from './identity-provider';
import { Public } from './public.decorator';
import { TokenService } from './token.service';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    @Inject(IDENTITY_PROVIDER) private readonly identity: IdentityProvider,
    private readonly tokens: TokenService,
  ) {}

  /** Unknown user and wrong password get the same 401, so usernames cannot be probed. */
  @Public()
  @ApiBody({
    schema: { example: { username: 'tim_data', password: 'salur-demo-2021' } },
  })
  @ApiExample('A bearer token and who it is for', {
    accessToken: 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9…',
    tokenType: 'Bearer',
    expiresIn: 28800,
    user: { id: 'a3f1c7e2-…', role: 'kecamatan_operator', kecamatanCode: '33.74.01' },
  })
  @ApiErrors(400, 401)
  @Post('login')
  @HttpCode(200)
  async login(@Body() body: unknown) {
    const user = await this.identity.authenticate(parseCredentials(body));
    if (!user) throw new UnauthorizedException('Username or password is wrong');
    return {
      accessToken: await this.tokens.issue(user),
      tokenType: 'Bearer' as const,
      expiresIn: this.tokens.ttlSeconds,
      user: {
        id: user.id,
        role: user.role,
        ...(user.kecamatanCode ? { kecamatanCode: user.kecamatanCode } : {}),
        ...(user.kelurahanCode ? { kelurahanCode: user.kelurahanCode } : {}),
      },
    };
  }
}

function parseCredentials(body: unknown): Credentials {
  const input = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const problems: FieldProblem[] = [];
  for (const field of ['username', 'password'] as const) {
    const value = input[field];
    if (typeof value !== 'string' || value.length === 0 || value.length > 200) {
      problems.push({ field, reason: 'must be text of 1-200 characters' });
    }
  }
  if (problems.length > 0) throw new ValidationFailed(problems);
  return { username: input.username as string, password: input.password as string };
}

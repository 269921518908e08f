import { Body, Controller, HttpCode, Inject, Post, UnauthorizedException } from '@nestjs/common';
import { ValidationFailed, type FieldProblem } from '../../../../libs/domain/errors';
import { IDENTITY_PROVIDER, type Credentials, type IdentityProvider } from './identity-provider';
import { Public } from './public.decorator';
import { TokenService } from './token.service';

@Controller('auth')
export class AuthController {
  constructor(
    @Inject(IDENTITY_PROVIDER) private readonly identity: IdentityProvider,
    private readonly tokens: TokenService,
  ) {}

  /** Unknown user and wrong password get the same 401, so usernames cannot be probed. */
  @Public()
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

import { DEVELOPMENT_IDENTITIES, Public, signToken } from '@app/auth';
import { APP_CONFIG, AppConfig } from '@app/config';
import { Operation, ProblemException } from '@app/http';
import { Controller, Get, Header, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CONSOLE_PATH } from './console-files';
import { ConsoleConfigView, DevelopmentIdentityListView } from './console.view';

const TOKEN_TTL_SECONDS = 12 * 3600;

/** What the console reads before anyone signs in (CONSOLE.md "Signing in"). The page files: console-files.ts. */
@ApiTags('console')
@Public()
@Controller(CONSOLE_PATH.slice(1))
export class ConsoleController {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  @Get('config.json')
  @Header('Cache-Control', 'no-cache')
  @Operation({ id: 'getConsoleConfig', summary: 'The console\'s settings: the evidence service\'s address and how people sign in' })
  @ApiOkResponse({ type: ConsoleConfigView })
  settings(): ConsoleConfigView {
    const { evidencePublicUrl, developmentIdentities, oidc, publicUrl } = this.config.console;
    return {
      evidenceUrl: evidencePublicUrl,
      developmentIdentities,
      oidc: oidc ? { ...oidc, redirectUri: `${publicUrl}${CONSOLE_PATH}/sign-in/callback` } : null,
    };
  }

  /**
   * Outside production, while tokens are signed with a secret of this repository (ConsoleConfig), the people
   * of a development machine with a fresh token each: anybody who reads the repository could mint these.
   */
  @Get('development-identities')
  @Header('Cache-Control', 'no-store')
  @Operation({ id: 'listDevelopmentIdentities', summary: 'Development identities to sign in as (development machines only)', problems: ['not_found'] })
  @ApiOkResponse({ type: DevelopmentIdentityListView })
  async identities(): Promise<DevelopmentIdentityListView> {
    const { console: settings, auth } = this.config;
    if (!settings.developmentIdentities || !auth.jwtSecret) {
      throw new ProblemException('not_found', 'Development identities are listed on development machines only');
    }
    const options = { issuer: auth.issuer, audience: auth.audience, ttlSeconds: Math.min(TOKEN_TTL_SECONDS, auth.maxTokenAgeSeconds) };
    const data = await Promise.all(
      DEVELOPMENT_IDENTITIES.map(async (identity) => ({ ...identity, token: await signToken(auth.jwtSecret!, identity.role, identity.userId, options) })),
    );
    return { data };
  }
}

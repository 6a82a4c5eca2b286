import { ArrayProp, BoolProp, EnumProp, ObjectProp, StringProp, UuidProp } from '@app/http';
import { ROLES } from '@app/auth';
import { ApiSchema } from '@nestjs/swagger';

@ApiSchema({ name: 'ConsoleOidc' })
export class ConsoleOidcView {
  @StringProp({ description: 'the identity provider (AUTH_ISSUER): OpenID Connect discovery starts there' }) authority: string;
  @StringProp() clientId: string;
  @StringProp({ example: 'openid profile' }) scope: string;
  @StringProp({ description: 'where the identity provider sends the browser back', example: 'https://disputes.example.com/console/sign-in/callback' })
  redirectUri: string;
}

/** `GET /console/config.json`: what the console needs to know before anyone signs in. */
@ApiSchema({ name: 'ConsoleConfig' })
export class ConsoleConfigView {
  @StringProp({ description: 'where browsers reach the evidence service (EVIDENCE_PUBLIC_URL)', example: 'http://localhost:3001' })
  evidenceUrl: string;

  @BoolProp({ description: 'the sign-in page may list development identities (never in production)' }) developmentIdentities: boolean;

  @ObjectProp(() => ConsoleOidcView, { nullable: true, description: 'sign-in through the identity provider; null: pasted tokens only' })
  oidc: ConsoleOidcView | null;
}

@ApiSchema({ name: 'DevelopmentIdentity' })
export class DevelopmentIdentityView {
  @EnumProp(ROLES) role: string;
  @UuidProp() userId: string;
  @StringProp({ example: 'Buyer (importer)' }) label: string;
  @StringProp({ description: 'a bearer token for this identity, valid 12 hours' }) token: string;
}

@ApiSchema({ name: 'DevelopmentIdentityList' })
export class DevelopmentIdentityListView {
  @ArrayProp(() => DevelopmentIdentityView) data: DevelopmentIdentityView[];
}

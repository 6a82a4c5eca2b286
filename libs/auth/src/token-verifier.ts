import { APP_CONFIG, AppConfig } from '@app/config';
import { Inject, Injectable } from '@nestjs/common';
import { createRemoteJWKSet, JWTPayload, jwtVerify } from 'jose';
import { Principal, ROLES, UserRole } from './principal';

export class InvalidTokenError extends Error {}

/** HS256 with AUTH_JWT_SECRET, or RS256 from an identity provider's JWKS. `alg: none` never verifies. */
@Injectable()
export class TokenVerifier {
  private readonly verifyToken: (token: string) => Promise<JWTPayload>;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    if (config.auth.jwksUrl) {
      const jwks = createRemoteJWKSet(new URL(config.auth.jwksUrl));
      this.verifyToken = async (token) => (await jwtVerify(token, jwks, { algorithms: ['RS256'], requiredClaims: ['exp'] })).payload;
    } else {
      const secret = new TextEncoder().encode(config.auth.jwtSecret);
      this.verifyToken = async (token) => (await jwtVerify(token, secret, { algorithms: ['HS256'], requiredClaims: ['exp'] })).payload;
    }
  }

  async verify(token: string): Promise<Principal> {
    let payload: JWTPayload;
    try {
      payload = await this.verifyToken(token);
    } catch (error) {
      throw new InvalidTokenError((error as Error).message);
    }
    const role = payload.role;
    if (typeof payload.sub !== 'string' || !UUID.test(payload.sub)) throw new InvalidTokenError('sub must be a UUID');
    if (typeof role !== 'string' || !(ROLES as readonly string[]).includes(role)) throw new InvalidTokenError('unknown role');
    return { id: payload.sub.toLowerCase(), role: role as UserRole };
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

import { APP_CONFIG, AppConfig } from '@app/config';
import { Inject, Injectable } from '@nestjs/common';
import { createRemoteJWKSet, JWTPayload, jwtVerify, JWTVerifyOptions } from 'jose';
import { Principal, ROLES, UserRole } from './principal';

export class InvalidTokenError extends Error {}

/** A smaller clock difference between the issuer and us is tolerated for `iat` (API.md, AUTH_MAX_TOKEN_AGE). */
export const MAX_CLOCK_SKEW_SECONDS = 60;

interface BearerRequest {
  header(name: string): string | undefined;
}

/**
 * HS256 with AUTH_JWT_SECRET, or RS256 from an identity provider's JWKS. `alg: none` never verifies.
 * Beyond the signature and `exp`: `iss` and `aud` when configured, a lifetime of at most AUTH_MAX_TOKEN_AGE,
 * and no `iat` in the future.
 */
@Injectable()
export class TokenVerifier {
  private readonly verifyToken: (token: string) => Promise<JWTPayload>;
  private readonly maxAgeSeconds: number;
  // The rate limit and the auth guard both ask who is calling; a request's token is verified once.
  private readonly callers = new WeakMap<object, Promise<Principal>>();

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    const { jwksUrl, jwtSecret, issuer, audience, maxTokenAgeSeconds } = config.auth;
    this.maxAgeSeconds = maxTokenAgeSeconds;
    const claims: JWTVerifyOptions = { requiredClaims: ['exp'], ...(issuer && { issuer }), ...(audience && { audience }) };
    if (jwksUrl) {
      const jwks = createRemoteJWKSet(new URL(jwksUrl));
      this.verifyToken = async (token) => (await jwtVerify(token, jwks, { ...claims, algorithms: ['RS256'] })).payload;
    } else {
      const secret = new TextEncoder().encode(jwtSecret);
      this.verifyToken = async (token) => (await jwtVerify(token, secret, { ...claims, algorithms: ['HS256'] })).payload;
    }
  }

  async verify(token: string): Promise<Principal> {
    let payload: JWTPayload;
    try {
      payload = await this.verifyToken(token);
    } catch (error) {
      throw new InvalidTokenError((error as Error).message);
    }
    this.checkLifetime(payload);
    const role = payload.role;
    if (typeof payload.sub !== 'string' || !UUID.test(payload.sub)) throw new InvalidTokenError('sub must be a UUID');
    if (typeof role !== 'string' || !(ROLES as readonly string[]).includes(role)) throw new InvalidTokenError('unknown role');
    return { id: payload.sub.toLowerCase(), role: role as UserRole, expiresAt: new Date(payload.exp! * 1000) };
  }

  /** The caller behind a request's `Authorization: Bearer` header: null without one, InvalidTokenError for a bad one. */
  async verifyRequest(request: BearerRequest): Promise<Principal | null> {
    const token = bearerToken(request);
    if (!token) return null;
    let caller = this.callers.get(request);
    if (!caller) {
      caller = this.verify(token);
      this.callers.set(request, caller);
    }
    return caller;
  }

  private checkLifetime(payload: JWTPayload): void {
    const now = Math.floor(Date.now() / 1000);
    const exp = payload.exp!;
    if (payload.iat !== undefined && payload.iat > now + MAX_CLOCK_SKEW_SECONDS) {
      throw new InvalidTokenError('iat is in the future');
    }
    const lifetime = exp - (payload.iat ?? now);
    if (lifetime > this.maxAgeSeconds) throw new InvalidTokenError(`lives ${lifetime} s, longer than the ${this.maxAgeSeconds} s accepted`);
  }
}

/** The token of an `Authorization: Bearer <token>` header, if there is one. */
export function bearerToken(request: BearerRequest): string | undefined {
  const [scheme, token, ...rest] = (request.header('authorization') ?? '').split(' ');
  return scheme?.toLowerCase() === 'bearer' && token && !rest.length ? token : undefined;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

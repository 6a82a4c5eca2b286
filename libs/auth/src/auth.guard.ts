import { CanActivate, ExecutionContext, ForbiddenException, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { ALLOWED_ROLES, IS_PUBLIC } from './decorators';
import type { Principal, UserRole } from './principal';
import { TokenVerifier } from './token-verifier';

// Throws Nest's own 401/403 exceptions; the HTTP lib's problem filter turns them into problem documents.
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly verifier: TokenVerifier,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const request = context.switchToHttp().getRequest<Request & { user?: Principal }>();
    let user: Principal | null;
    try {
      user = await this.verifier.verifyRequest(request);
    } catch {
      throw new UnauthorizedException('The bearer token is expired, not validly signed, or not accepted here');
    }
    if (!user) throw new UnauthorizedException('A bearer token is required');
    request.user = user;
    const roles = this.reflector.getAllAndOverride<UserRole[] | undefined>(ALLOWED_ROLES, targets);
    if (roles && !roles.includes(user.role)) {
      throw new ForbiddenException(`A ${user.role} may not do this`);
    }
    return true;
  }
}

import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Principal, UserRole } from './principal';

export const IS_PUBLIC = 'auth:public';
export const ALLOWED_ROLES = 'auth:roles';

/** No token needed (health, docs). */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** Only these roles may call the route; others get 403 (visibility of the object itself is checked later, as 404). */
export const Roles = (...roles: UserRole[]) => SetMetadata(ALLOWED_ROLES, roles);

export const CurrentUser = createParamDecorator(
  (_: unknown, context: ExecutionContext): Principal => context.switchToHttp().getRequest<{ user: Principal }>().user,
);

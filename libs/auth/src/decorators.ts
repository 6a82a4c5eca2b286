import { applyDecorators, createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';
import type { Principal, UserRole } from './principal';

export const IS_PUBLIC = 'auth:public';
export const ALLOWED_ROLES = 'auth:roles';
/** The same facts for the OpenAPI document (security, 401 and 403 answers, who may call). */
export const PUBLIC_EXTENSION = 'x-public';
export const ROLES_EXTENSION = 'x-roles';

/** No token needed (health, docs). */
export const Public = () => applyDecorators(SetMetadata(IS_PUBLIC, true), ApiExtension(PUBLIC_EXTENSION, true));

/** Only these roles may call the route; others get 403 (visibility of the object itself is checked later, as 404). */
export const Roles = (...roles: UserRole[]) => applyDecorators(SetMetadata(ALLOWED_ROLES, roles), ApiExtension(ROLES_EXTENSION, roles));

export const CurrentUser = createParamDecorator(
  (_: unknown, context: ExecutionContext): Principal => context.switchToHttp().getRequest<{ user: Principal }>().user,
);

import { Global, Module } from '@nestjs/common';
import { AuthGuard } from './auth.guard';
import { TokenVerifier } from './token-verifier';

/** Token verification and the guard; an app makes the guard global (APP_GUARD) where it orders its guards. */
@Global()
@Module({
  providers: [TokenVerifier, AuthGuard],
  exports: [TokenVerifier, AuthGuard],
})
export class AuthModule {}

export * from './auth.guard';
export * from './auth.module';
export * from './decorators';
export * from './dev-token';
export * from './development-identities';
export * from './principal';
export * from './token-verifier';
export * from './visibility';

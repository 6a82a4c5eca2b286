export * from './app-config';
export * from './config.module';
export * from './clock';
export * from './dev-secret';
export * from './development-secrets';

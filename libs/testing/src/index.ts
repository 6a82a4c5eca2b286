export * from './s3-server';
export * from './test-app';
export * from './test-clock';
export * from './test-config';
export * from './test-env';
export * from './fixtures/http-scenario';

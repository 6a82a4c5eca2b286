export * from './keys';
export * from './storage.health';
export * from './storage.module';
export * from './storage.service';

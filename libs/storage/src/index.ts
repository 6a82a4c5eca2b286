export * from './keys';
export * from './storage.health';
export * from './storage.module';
export * from './storage.service';
export * from './evidence-media';
export * from './evidence-objects';
export * from './object-digest';
export * from './storage-errors';

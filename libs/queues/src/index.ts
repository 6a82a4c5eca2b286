export * from './names';
export * from './queue.health';
export * from './queue-backend.service';
export * from './queues.module';
export * from './case-jobs';
export * from './job-options';

export * from './app-config';
export * from './config.module';
export { durationToMs } from './duration';
export * from './clock';

import { Foundation1763800000000 } from './1763800000000-foundation';
import { Cases1763800000001 } from './1763800000001-cases';

/** Every migration, oldest first. Listed explicitly so the built and the TS code find the same set. */
export const MIGRATIONS = [Foundation1763800000000, Cases1763800000001];

export * from './columns';
export * from './data-source';
export * from './database.module';
export * from './entities';
export * from './ledger.repository';
export { MIGRATIONS } from './migrations';
export * from './order.repository';
export * from './cases/case-snapshot';
export * from './cases/case-store';

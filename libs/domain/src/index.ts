// @app/domain: the business rules, pure (no Nest, no TypeORM, no I/O, no process.env).
export * from './errors';
export * from './money';
export * from './duration';
export * from './policy';
export * from './ledger';
export * from './coverage';
export * from './case-events';
export * from './case-types';
export { transition, openCase, assertMayPostMessage } from './case-machine';
export type { OpenCaseInput, OpenedCase } from './case-machine';
export { evidenceWindowOpen } from './evidence-window';
export * from './order-lifecycle';
export * from './refund-status';
export * from './webhook-targets';
export * from './supplier-standing';
export * from './webhook-retries';

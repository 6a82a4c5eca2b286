import { ApiProperty } from '@nestjs/swagger';
import { MoneyDto } from './fields';

// Answer properties. Every property of an answer is always present (required); `nullable` ones may be null.
// Types are given to the schema explicitly: TypeScript's reflection says `Object` for `string | null`.

interface PropOptions {
  nullable?: boolean;
  description?: string;
  example?: unknown;
}

type Class = new (...args: never[]) => object;

const prop = (schema: Record<string, unknown>, { nullable, description, example }: PropOptions) =>
  ApiProperty({ ...schema, required: true, ...(nullable && { nullable: true }), ...(description && { description }), ...(example !== undefined && { example }) });

export const StringProp = (options: PropOptions = {}) => prop({ type: String }, options);
export const UuidProp = (options: PropOptions = {}) => prop({ type: String, format: 'uuid' }, options);
export const DateTimeProp = (options: PropOptions = {}) => prop({ type: String, format: 'date-time' }, options);
export const IntProp = (options: PropOptions & { minimum?: number } = {}) =>
  prop({ type: 'integer', ...(options.minimum !== undefined && { minimum: options.minimum }) }, options);
export const NumberProp = (options: PropOptions & { minimum?: number; maximum?: number } = {}) =>
  prop({ type: Number, minimum: options.minimum, maximum: options.maximum }, options);
export const BoolProp = (options: PropOptions = {}) => prop({ type: Boolean }, options);
export const EnumProp = (values: readonly string[], options: PropOptions = {}) => prop({ type: String, enum: values }, options);
export const ObjectProp = (type: () => Class, options: PropOptions = {}) => prop({ type: type() }, options);
export const MoneyProp = (options: PropOptions = {}) => prop({ type: MoneyDto }, options);
export const ArrayProp = (type: () => Class, options: PropOptions = {}) => prop({ type: [type()] }, options);
export const StringArrayProp = (options: PropOptions & { format?: string; enum?: readonly string[] } = {}) =>
  prop({ type: [String], ...(options.format && { format: options.format }), ...(options.enum && { enum: options.enum }) }, options);
/** An object whose keys are data (a policy's durations, an event's details). */
export const MapProp = (values: Record<string, unknown>, options: PropOptions = {}) =>
  prop({ type: 'object', additionalProperties: values }, options);

/** The page of a list (API.md "Lists"): `class CasePageView extends PageOf(() => CaseView) {}`. */
export function PageOf(item: () => Class) {
  class Page {
    @ArrayProp(item) data: unknown[];
    @StringProp({ nullable: true, description: 'pass as `cursor` for the next page; null on the last one' }) nextCursor: string | null;
  }
  return Page;
}

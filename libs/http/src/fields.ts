import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsDate,
  IsIn,
  IsInt,
  IsISO4217CurrencyCode,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';

// Request fields. One decorator per field: validation and the OpenAPI schema are declared together, so they
// cannot drift. Types are given to the schema explicitly (never inferred from TypeScript's reflection).

interface FieldOptions {
  optional?: boolean;
  description?: string;
  example?: unknown;
}

type Schema = Record<string, unknown>;
type Class = new () => object;

const apiProperty = (options: FieldOptions, schema: Schema) => {
  const documented = { description: options.description, example: options.example, ...schema };
  return options.optional ? applyDecorators(IsOptional(), ApiPropertyOptional(documented)) : ApiProperty(documented);
};

export const TextField = (min: number, max: number, options: FieldOptions = {}) =>
  applyDecorators(apiProperty(options, { type: String, minLength: min, maxLength: max }), IsString(), Length(min, max));

export const UuidField = (options: FieldOptions = {}) =>
  applyDecorators(apiProperty(options, { type: String, format: 'uuid' }), IsString(), IsUUID('all'));

export const BooleanField = (options: FieldOptions = {}) => applyDecorators(apiProperty(options, { type: Boolean }), IsBoolean());

export const IntField = (min: number, max: number, options: FieldOptions = {}) =>
  applyDecorators(apiProperty(options, { type: 'integer', minimum: min, maximum: max }), IsInt(), Min(min), Max(max));

export const EnumField = (values: readonly string[], options: FieldOptions = {}) =>
  applyDecorators(apiProperty(options, { type: String, enum: values }), IsIn(values as string[]));

/** A full ISO 8601 timestamp with its zone (`2030-01-31T00:00:00Z`); anything else, `true` included, is refused. */
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** An ISO 8601 timestamp, turned into a Date once it is known to be one. */
export const DateField = (options: FieldOptions = {}) =>
  applyDecorators(
    apiProperty(options, { type: String, format: 'date-time' }),
    Transform(({ value }) => (typeof value === 'string' && TIMESTAMP.test(value) ? new Date(value) : value), { toClassOnly: true }),
    IsDate({ message: '$property must be an ISO 8601 timestamp with a time zone, such as 2030-01-31T00:00:00Z' }),
  );

/** A nested object; arrays, strings and nulls in its place are refused, not looked into. */
export const NestedField = (type: () => Class, options: FieldOptions = {}) =>
  applyDecorators(apiProperty(options, { type: type() }), IsObject({ message: '$property must be an object' }), ValidateNested(), Type(type));

export const NestedArrayField = (type: () => Class, maxItems: number, options: FieldOptions = {}) =>
  applyDecorators(
    apiProperty(options, { type: [type()], maxItems }),
    IsArray(),
    ArrayMaxSize(maxItems),
    IsObject({ each: true, message: 'each value in $property must be an object' }),
    ValidateNested({ each: true }),
    Type(type),
  );

/** Money: integer minor units and an upper-case ISO 4217 code (API.md "Conventions"). */
@ApiSchema({ name: 'Money' })
export class MoneyDto {
  @ApiProperty({ type: 'integer', minimum: 0, maximum: Number.MAX_SAFE_INTEGER, description: 'integer minor units', example: 12500 })
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  amount: number;

  @ApiProperty({ type: String, pattern: '^[A-Z]{3}$', example: 'USD', description: 'ISO 4217 code, upper case' })
  @IsString()
  @Matches(/^[A-Z]{3}$/, { message: '$property must be an upper-case ISO 4217 code such as USD' })
  @IsISO4217CurrencyCode()
  currency: string;
}

export const MoneyField = (options: FieldOptions = {}) => NestedField(() => MoneyDto, options);

/** The body of an action that takes nothing: no body or `{}`; any field is refused (API.md "Conventions"). */
@ApiSchema({ name: 'EmptyBody', description: 'nothing: no body, or `{}`' })
export class EmptyBodyDto {}

import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsDate,
  IsIn,
  IsInt,
  IsISO4217CurrencyCode,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';

// One decorator per field: validation and the OpenAPI schema are declared together, so they cannot drift.

interface FieldOptions {
  optional?: boolean;
  description?: string;
  example?: unknown;
}

const apiProperty = (options: FieldOptions, schema: Record<string, unknown>) =>
  options.optional
    ? applyDecorators(IsOptional(), ApiPropertyOptional({ description: options.description, example: options.example, ...schema }))
    : ApiProperty({ description: options.description, example: options.example, ...schema });

export const TextField = (min: number, max: number, options: FieldOptions = {}) =>
  applyDecorators(apiProperty(options, { type: String, minLength: min, maxLength: max }), IsString(), Length(min, max));

export const UuidField = (options: FieldOptions = {}) =>
  applyDecorators(apiProperty(options, { type: String, format: 'uuid' }), IsUUID('all'));

export const BooleanField = (options: FieldOptions = {}) => applyDecorators(apiProperty(options, { type: Boolean }), IsBoolean());

export const IntField = (min: number, max: number, options: FieldOptions = {}) =>
  applyDecorators(apiProperty(options, { type: 'integer', minimum: min, maximum: max }), IsInt(), Min(min), Max(max));

export const EnumField = (values: readonly string[], options: FieldOptions = {}) =>
  applyDecorators(apiProperty(options, { type: String, enum: values }), IsIn(values as string[]));

/** An ISO 8601 timestamp, turned into a Date. */
export const DateField = (options: FieldOptions = {}) =>
  applyDecorators(
    apiProperty(options, { type: String, format: 'date-time' }),
    Type(() => Date),
    IsDate({ message: '$property must be an ISO 8601 timestamp' }),
  );

export const NestedField = (type: () => new () => object, options: FieldOptions = {}) =>
  applyDecorators(apiProperty(options, { type }), ValidateNested(), Type(type));

export const NestedArrayField = (type: () => new () => object, maxItems: number, options: FieldOptions = {}) =>
  applyDecorators(
    apiProperty(options, { type, isArray: true, maxItems }),
    IsArray(),
    ArrayMaxSize(maxItems),
    ValidateNested({ each: true }),
    Type(type),
  );

/** Money: integer minor units and an ISO 4217 code (API.md "Conventions"). */
export class MoneyDto {
  @ApiProperty({ type: 'integer', description: 'integer minor units', example: 12500 })
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  amount: number;

  @ApiProperty({ example: 'USD', description: 'ISO 4217 code' })
  @IsISO4217CurrencyCode()
  currency: string;
}

export const MoneyField = (options: FieldOptions = {}) => NestedField(() => MoneyDto, options);

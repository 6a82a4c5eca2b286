import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { ProblemException } from './problem';

export class PageQueryDto {
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 100, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit: number = 20;

  @ApiPropertyOptional({ type: String, maxLength: 512, description: 'nextCursor of the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(512)
  cursor?: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface Page<T> {
  data: T[];
  nextCursor: string | null;
}

/** Keyset position: rows are ordered by (createdAt, id), both ascending or both descending. */
export interface CursorPosition {
  createdAt: Date;
  id: string;
}

export function encodeCursor(position: CursorPosition): string {
  return Buffer.from(JSON.stringify([position.createdAt.toISOString(), position.id])).toString('base64url');
}

export function decodeCursor(cursor: string | undefined): CursorPosition | undefined {
  if (cursor === undefined) return undefined;
  try {
    const [createdAt, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [unknown, unknown];
    const date = new Date(typeof createdAt === 'string' ? createdAt : NaN);
    // A tampered cursor must not reach the database: a real time and a UUID, or a 400.
    if (Number.isNaN(date.getTime()) || typeof id !== 'string' || !UUID.test(id)) throw new Error('bad cursor');
    return { createdAt: date, id };
  } catch {
    throw new ProblemException('validation_failed', 'cursor is not a cursor this API returned', [
      { field: 'cursor', message: 'is not valid' },
    ]);
  }
}

/** Given `limit + 1` rows fetched in order, returns the page and the cursor of the next one. */
export function toPage<Row extends CursorPosition, T>(rows: Row[], limit: number, map: (row: Row) => T): Page<T> {
  const pageRows = rows.slice(0, limit);
  const last = pageRows[pageRows.length - 1];
  return { data: pageRows.map(map), nextCursor: rows.length > limit && last ? encodeCursor(last) : null };
}

/** For lists ordered by something other than (createdAt, id), such as a priority queue: the cursor is an offset. */
export function decodeOffsetCursor(cursor: string | undefined): number {
  if (cursor === undefined) return 0;
  // Node's base64url decoder skips what is not base64url, so the digits are checked, not just their value.
  const digits = Buffer.from(cursor, 'base64url').toString('utf8');
  const offset = /^\d{1,15}$/.test(digits) ? Number(digits) : NaN;
  if (!Number.isSafeInteger(offset)) {
    throw new ProblemException('validation_failed', 'cursor is not a cursor this API returned', [{ field: 'cursor', message: 'is not valid' }]);
  }
  return offset;
}

export function toOffsetPage<Row, T>(rows: Row[], limit: number, offset: number, map: (row: Row) => T): Page<T> {
  const next = rows.length > limit ? Buffer.from(String(offset + limit)).toString('base64url') : null;
  return { data: rows.slice(0, limit).map(map), nextCursor: next };
}

import { Param, ParseUUIDPipe } from '@nestjs/common';
import { ProblemException } from './problem';

/** A path id that must be a UUID; anything else is a 400 naming the parameter. */
export const IdParam = (name = 'id') =>
  Param(
    name,
    new ParseUUIDPipe({
      exceptionFactory: () => new ProblemException('validation_failed', `${name} must be a UUID`, [{ field: name, message: 'must be a UUID' }]),
    }),
  );

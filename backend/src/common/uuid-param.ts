import { BadRequestException, Param, ParseUUIDPipe } from '@nestjs/common';
import { text } from '../i18n/server-text';

/** A path parameter that must be a UUID; anything else is a 400 that names it. */
export const UuidParam = (name = 'id') =>
  Param(name, new ParseUUIDPipe({ exceptionFactory: () => new BadRequestException([text('validation.uuid', { field: name })]) }));

import { BadRequestException, ValidationError, ValidationPipe } from '@nestjs/common';

/**
 * The one validation pipe of the API: unknown fields are refused, values are converted to
 * the DTO types, and every message names the field (with its path for nested objects).
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => new BadRequestException(flattenValidationErrors(errors)),
  });
}

export function flattenValidationErrors(errors: ValidationError[], parent = ''): string[] {
  return errors.flatMap((error) => {
    const path = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.entries(error.constraints ?? {}).map(([constraint, message]) => {
      if (constraint === 'whitelistValidation') return `${path} is not a known field`;
      // class-validator starts messages with the bare property name; use the full path instead.
      return message.startsWith(`${error.property} `) ? `${path}${message.slice(error.property.length)}` : `${path}: ${message}`;
    });
    return [...own, ...flattenValidationErrors(error.children ?? [], path)];
  });
}

import { ArgumentMetadata, BadRequestException, ValidationError, ValidationPipe, ValidationPipeOptions } from '@nestjs/common';

/**
 * A query string with no parameters at all (the dashboard's `GET /api/budget`) validates the
 * same way every time for a given DTO, so its outcome is worked out once per DTO: a refusal
 * is not remembered (it is thrown again by the full check), a pass gives a copy of the first
 * result. Everything else goes through the full check.
 */
class ApiValidationPipe extends ValidationPipe {
  private readonly emptyQueries = new Map<abstract new () => object, object>();

  constructor(options: ValidationPipeOptions) {
    super(options);
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const metatype = metadata.metatype as (abstract new () => object) | undefined;
    if ((metadata.type === 'body' || metadata.type === 'query') && metatype && this.toValidate(metadata)) assertPlainInput(value, metadata.type);
    const empty = metadata.type === 'query' && metatype !== undefined && isEmptyObject(value);
    if (empty) {
      const known = this.emptyQueries.get(metatype);
      if (known) return Object.assign(Object.create(metatype.prototype as object) as object, known);
    }
    const result = await super.transform(value, metadata);
    if (empty && result !== null && typeof result === 'object') this.emptyQueries.set(metatype, { ...result });
    return result;
  }
}

/**
 * Names that every object inherits (`constructor`, `toString`, `__proto__` …). As keys of user
 * input they are never a field of ours, and the class-transformer step would drop or misread
 * them before the unknown-field check sees them, so they are refused here, at any depth.
 */
const INHERITED_KEYS = new Set([...Object.getOwnPropertyNames(Object.prototype), 'prototype']);

/** No request of ours nests deeper; deeper input only serves to exhaust the stack. */
const MAX_DEPTH = 8;

function assertPlainInput(value: unknown, type: 'body' | 'query'): void {
  if (type === 'body' && (value === null || typeof value !== 'object' || Array.isArray(value))) {
    throw new BadRequestException(['The request body must be a JSON object']);
  }
  // Breadth-first without recursion, so no input can overflow the stack here either.
  const found: string[] = [];
  let level: Array<[string, unknown]> = [['', value]];
  for (let depth = 0; level.length > 0; depth++) {
    if (depth > MAX_DEPTH) throw new BadRequestException([`${level[0][0]} is nested too deeply`]);
    const next: Array<[string, unknown]> = [];
    for (const [parent, node] of level) {
      if (node === null || typeof node !== 'object') continue;
      for (const key of Object.keys(node)) {
        const path = parent ? `${parent}.${key}` : key;
        if (INHERITED_KEYS.has(key)) found.push(path);
        else next.push([path, (node as Record<string, unknown>)[key]]);
      }
    }
    level = next;
  }
  if (found.length > 0) throw new BadRequestException(found.map((path) => `${path} is not a known field`));
}

function isEmptyObject(value: unknown): boolean {
  if (value === null || typeof value !== 'object') return false;
  for (const key in value) if (Object.prototype.hasOwnProperty.call(value, key)) return false;
  return true;
}

/**
 * The one validation pipe of the API: unknown fields are refused, values are converted to
 * the DTO types, and every message names the field (with its path for nested objects).
 */
export function createValidationPipe(): ValidationPipe {
  return new ApiValidationPipe({
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

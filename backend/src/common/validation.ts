import { ArgumentMetadata, BadRequestException, ValidationError, ValidationPipe, ValidationPipeOptions } from '@nestjs/common';
import { fieldText } from '../i18n/field-text';
import { Message, render, text, TextKey } from '../i18n/server-text';
import { DEFAULT_LOCALE } from '../rules/locale';

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
    throw new BadRequestException([text('request.bodyNotObject')]);
  }
  // Breadth-first without recursion, so no input can overflow the stack here either.
  const found: string[] = [];
  let level: Array<[string, unknown]> = [['', value]];
  for (let depth = 0; level.length > 0; depth++) {
    if (depth > MAX_DEPTH) throw new BadRequestException([text('validation.nestedTooDeeply', { field: level[0][0] })]);
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
  if (found.length > 0) throw new BadRequestException(found.map((path) => text('validation.unknownField', { field: path })));
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
    exceptionFactory: (errors) => new BadRequestException(validationTexts(errors)),
  });
}

/** class-validator's own rules that our DTOs use without a message of their own, in our words. */
const BUILT_IN_RULES: Readonly<Record<string, TextKey>> = {
  isString: 'validation.string',
  isObject: 'validation.object',
  nestedValidation: 'validation.object',
  isBoolean: 'validation.trueOrFalse',
};

/**
 * What is wrong with each field, as texts that name the field by its path (`keys.p256dh` for a
 * nested one), written in the reader's language when they are sent.
 */
export function validationTexts(errors: ValidationError[], parent = ''): Message[] {
  return errors.flatMap((error) => {
    const path = parent ? `${parent}.${error.property}` : error.property;
    const constraints = Object.entries(error.constraints ?? {});
    // "Must be an object" once: a field's own rule (IsObject) says it better than ValidateNested's.
    const rules = constraints.length > 1 ? constraints.filter(([constraint]) => constraint !== 'nestedValidation') : constraints;
    const own = rules.map(([constraint, message]): Message => {
      if (constraint === 'whitelistValidation') return text('validation.unknownField', { field: path });
      const ours = fieldText(message, path);
      if (ours) return ours;
      const builtIn = BUILT_IN_RULES[constraint];
      if (builtIn) return text(builtIn, { field: path });
      // class-validator starts messages with the bare property name; use the full path instead.
      return message.startsWith(`${error.property} `) ? `${path}${message.slice(error.property.length)}` : `${path}: ${message}`;
    });
    // Two rules of a field with the same message (IsString and Matches of a pattern) say it once.
    const distinct = own.filter((message, i) => own.findIndex((other) => sameMessage(other, message)) === i);
    return [...distinct, ...validationTexts(error.children ?? [], path)];
  });
}

function sameMessage(a: Message, b: Message): boolean {
  if (typeof a === 'string' || typeof b === 'string') return a === b;
  return a.key === b.key && JSON.stringify(a.params) === JSON.stringify(b.params);
}

/** `validationTexts` in English. */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): string[] {
  return render(validationTexts(errors, parent), DEFAULT_LOCALE);
}

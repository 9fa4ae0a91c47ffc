import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { localeFromAcceptLanguage } from '../i18n/accept-language';

/**
 * The language a request asks for (Accept-Language; English without one), for a handler whose
 * answer carries texts for people: `@RequestLocale() locale: Locale`, then `serverText(locale, …)`.
 * (Error messages need none of this: the exception filter writes them in this language.)
 */
export const RequestLocale = createParamDecorator((_data: unknown, context: ExecutionContext) =>
  localeFromAcceptLanguage(context.switchToHttp().getRequest<FastifyRequest>().headers['accept-language']),
);

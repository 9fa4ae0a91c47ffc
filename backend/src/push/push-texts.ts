/**
 * Every text a notification shows, by kind, in one place: languages (#17) add a table per
 * locale here and nothing else changes. Amounts are formatted with `Intl` in the household's
 * currency and the user's locale.
 */
export type NotificationKind = 'nearLimit' | 'memberSpent' | 'fixedCostDue' | 'dailyReminder' | 'test';

export interface NotificationParams {
  nearLimit: { funnel: string; percent: 80 | 100; spent: number; available: number; currency: string };
  memberSpent: { member: string; funnel: string; amount: number; currency: string };
  fixedCostDue: { funnel: string; amount: number; currency: string; note: string | null; dueOn: string };
  dailyReminder: Record<string, never>;
  test: Record<string, never>;
}

export interface NotificationText {
  readonly title: string;
  readonly body: string;
}

/** The locales with texts; anything else falls back to English. */
export type NotificationLocale = 'en';
export const DEFAULT_NOTIFICATION_LOCALE: NotificationLocale = 'en';

type Texts = { [K in NotificationKind]: (params: NotificationParams[K], money: (amount: number) => string, date: (isoDate: string) => string) => NotificationText };

const TEXTS: Record<NotificationLocale, Texts> = {
  en: {
    nearLimit: (p, money) =>
      p.percent >= 100
        ? { title: `${p.funnel} is over its budget`, body: `${money(p.spent)} spent of ${money(p.available)} this period.` }
        : { title: `${p.funnel} is at ${p.percent} %`, body: `${money(p.spent)} spent of ${money(p.available)} this period; ${money(p.available - p.spent)} left.` },
    memberSpent: (p, money) => ({ title: `${p.member} spent ${money(p.amount)}`, body: `From ${p.funnel}.` }),
    fixedCostDue: (p, money, date) => ({
      title: `${p.note ?? p.funnel} tomorrow`,
      body: `${money(p.amount)} from ${p.funnel} will be recorded on ${date(p.dueOn)}.`,
    }),
    dailyReminder: () => ({ title: 'Anything spent today?', body: 'Nothing is recorded for today yet. Two taps and it is in.' }),
    test: () => ({ title: 'STracker notifications work', body: 'This device will show the notifications you chose.' }),
  },
};

/** The title and body of a notification of `kind` in `locale` (English when there is no such language yet). */
export function notificationText<K extends NotificationKind>(kind: K, params: NotificationParams[K], locale: string = DEFAULT_NOTIFICATION_LOCALE): NotificationText {
  const language = (locale.split('-')[0].toLowerCase() in TEXTS ? locale.split('-')[0].toLowerCase() : DEFAULT_NOTIFICATION_LOCALE) as NotificationLocale;
  const currency = 'currency' in params ? (params as { currency: string }).currency : 'EUR';
  const money = (amount: number) => new Intl.NumberFormat(locale, { style: 'currency', currency }).format(amount);
  const date = (isoDate: string) => new Intl.DateTimeFormat(locale, { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC' }).format(new Date(`${isoDate}T00:00:00Z`));
  return TEXTS[language][kind](params, money, date);
}

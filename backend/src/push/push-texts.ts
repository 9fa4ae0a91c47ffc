import { Locale, supportedLocale } from '../rules/locale';

/**
 * Every text a notification shows, by kind and language, in one place. Amounts and dates are
 * formatted with `Intl` in the user's language and the household's currency.
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

type Texts = { [K in NotificationKind]: (params: NotificationParams[K], money: (amount: number) => string, date: (isoDate: string) => string) => NotificationText };

/** Every language of the app (rules/locale.ts) has its texts here; a user who chose none reads English. */
const TEXTS: Record<Locale, Texts> = {
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
  de: {
    nearLimit: (p, money) =>
      p.percent >= 100
        ? { title: `${p.funnel} ist über dem Budget`, body: `${money(p.spent)} von ${money(p.available)} in diesem Zeitraum ausgegeben.` }
        : { title: `${p.funnel} bei ${p.percent} %`, body: `${money(p.spent)} von ${money(p.available)} in diesem Zeitraum ausgegeben; ${money(p.available - p.spent)} übrig.` },
    memberSpent: (p, money) => ({ title: `${p.member} hat ${money(p.amount)} ausgegeben`, body: `Aus ${p.funnel}.` }),
    fixedCostDue: (p, money, date) => ({
      title: `${p.note ?? p.funnel} morgen`,
      body: `${money(p.amount)} aus ${p.funnel} werden am ${date(p.dueOn)} eingetragen.`,
    }),
    dailyReminder: () => ({ title: 'Heute schon etwas ausgegeben?', body: 'Für heute ist noch nichts eingetragen. Zwei Tipps, und es ist drin.' }),
    test: () => ({ title: 'STracker-Benachrichtigungen funktionieren', body: 'Dieses Gerät zeigt die Benachrichtigungen, die du gewählt hast.' }),
  },
  ru: {
    nearLimit: (p, money) =>
      p.percent >= 100
        ? { title: `${p.funnel}: бюджет превышен`, body: `Потрачено ${money(p.spent)} из ${money(p.available)} за этот период.` }
        : { title: `${p.funnel}: ${p.percent} %`, body: `Потрачено ${money(p.spent)} из ${money(p.available)} за этот период; осталось ${money(p.available - p.spent)}.` },
    memberSpent: (p, money) => ({ title: `${p.member}: расход ${money(p.amount)}`, body: `Из «${p.funnel}».` }),
    fixedCostDue: (p, money, date) => ({
      title: `${p.note ?? p.funnel} — завтра`,
      body: `${money(p.amount)} из «${p.funnel}» будет записано ${date(p.dueOn)}.`,
    }),
    dailyReminder: () => ({ title: 'Были сегодня траты?', body: 'За сегодня ещё ничего не записано. Два касания — и готово.' }),
    test: () => ({ title: 'Уведомления STracker работают', body: 'Это устройство будет показывать выбранные вами уведомления.' }),
  },
  he: {
    nearLimit: (p, money) =>
      p.percent >= 100
        ? { title: `${p.funnel} חרג מהתקציב`, body: `הוצאו ${money(p.spent)} מתוך ${money(p.available)} בתקופה הזו.` }
        : { title: `${p.funnel} הגיע ל־${p.percent}%`, body: `הוצאו ${money(p.spent)} מתוך ${money(p.available)} בתקופה הזו; נשארו ${money(p.available - p.spent)}.` },
    memberSpent: (p, money) => ({ title: `הוצאה של ${p.member}: ${money(p.amount)}`, body: `מתוך ${p.funnel}.` }),
    fixedCostDue: (p, money, date) => ({
      title: `${p.note ?? p.funnel} מחר`,
      body: `${money(p.amount)} מתוך ${p.funnel} יירשמו ב${date(p.dueOn)}.`,
    }),
    dailyReminder: () => ({ title: 'הוצאתם משהו היום?', body: 'עדיין לא נרשם דבר להיום. שתי הקשות וזה בפנים.' }),
    test: () => ({ title: 'ההתראות של STracker פועלות', body: 'המכשיר הזה יציג את ההתראות שבחרתם.' }),
  },
};

/** The title and body of a notification of `kind` in the user's language (English when they chose none). */
export function notificationText<K extends NotificationKind>(kind: K, params: NotificationParams[K], locale?: string | null): NotificationText {
  const language = supportedLocale(locale);
  const currency = 'currency' in params ? (params as { currency: string }).currency : 'EUR';
  const money = (amount: number) => new Intl.NumberFormat(language, { style: 'currency', currency }).format(amount);
  const date = (isoDate: string) => new Intl.DateTimeFormat(language, { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC' }).format(new Date(`${isoDate}T00:00:00Z`));
  return TEXTS[language][kind](params, money, date);
}

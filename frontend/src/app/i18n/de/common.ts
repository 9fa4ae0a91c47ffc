import type { common as en } from '../en/common';
import type { Translation } from '../types';

export const common: Translation<typeof en> = {
  'common.skipToContent': 'Zum Inhalt springen',
  'common.home': 'STracker-Startseite',
  'common.offline': 'Offline',
  'common.waiting': '{count} wartend',
  'common.waitingToBeSent': '{count, plural, one {# Ausgabe wartet aufs Senden} other {# Ausgaben warten aufs Senden}}',
  'common.mainNavigation': 'Hauptmenü',
  'common.today': 'Heute',
  'common.history': 'Verlauf',
  'common.settings': 'Einstellungen',
  'common.updateReady': 'Eine neue Version von STracker ist bereit.',
  'common.reload': 'Neu laden',
  'common.signedInWithRecoveryCode': 'Du hast dich mit einem Wiederherstellungscode angemeldet.',
  'common.setUpAuthenticatorAgain': 'Richte deine Authenticator-App neu ein.',
  'common.title.today': 'STracker',
  'common.title.settings': 'Einstellungen · STracker',
  'common.title.setup': 'Einrichten · STracker',
  'common.title.history': 'Verlauf · STracker',
  'common.title.import': 'Import · STracker',
  'common.title.newAuthenticator': 'Neue Authenticator-App · STracker',
  'common.title.signIn': 'Anmelden · STracker',
  'common.title.register': 'Registrieren · STracker',
};

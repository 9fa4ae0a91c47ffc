import type { common as en } from '../en/common';
import type { Translation } from '../types';

export const common: Translation<typeof en> = {
  'common.skipToContent': 'דילוג לתוכן',
  'common.home': 'STracker, דף הבית',
  'common.offline': 'אין חיבור',
  'common.waiting': '{count} ממתינות',
  'common.waitingToBeSent': '{count, plural, one {הוצאה אחת ממתינה לשליחה} other {# הוצאות ממתינות לשליחה}}',
  'common.mainNavigation': 'ניווט ראשי',
  'common.today': 'היום',
  'common.history': 'היסטוריה',
  'common.settings': 'הגדרות',
  'common.updateReady': 'גרסה חדשה של STracker מוכנה.',
  'common.reload': 'טעינה מחדש',
  'common.signedInWithRecoveryCode': 'נכנסת עם קוד שחזור.',
  'common.setUpAuthenticatorAgain': 'הגדירו מחדש את אפליקציית האימות.',
  'common.title.today': 'STracker',
  'common.title.settings': 'הגדרות · STracker',
  'common.title.setup': 'הגדרה ראשונית · STracker',
  'common.title.history': 'היסטוריה · STracker',
  'common.title.import': 'ייבוא · STracker',
  'common.title.newAuthenticator': 'אפליקציית אימות חדשה · STracker',
  'common.title.signIn': 'כניסה · STracker',
  'common.title.register': 'הרשמה · STracker',
};

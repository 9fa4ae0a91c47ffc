import type { common as en } from '../en/common';
import type { Translation } from '../types';

export const common: Translation<typeof en> = {
  'common.skipToContent': 'Перейти к содержимому',
  'common.home': 'STracker, главная',
  'common.offline': 'Нет сети',
  'common.waiting': 'ждут: {count}',
  'common.waitingToBeSent': '{count, plural, one {# трата ждёт отправки} few {# траты ждут отправки} many {# трат ждут отправки} other {# траты ждут отправки}}',
  'common.mainNavigation': 'Главное меню',
  'common.today': 'Сегодня',
  'common.history': 'История',
  'common.settings': 'Настройки',
  'common.updateReady': 'Готова новая версия STracker.',
  'common.reload': 'Обновить',
  'common.signedInWithRecoveryCode': 'Вы вошли с кодом восстановления.',
  'common.setUpAuthenticatorAgain': 'Настройте приложение-аутентификатор заново.',
  'common.title.today': 'STracker',
  'common.title.settings': 'Настройки · STracker',
  'common.title.setup': 'Настройка · STracker',
  'common.title.history': 'История · STracker',
  'common.title.import': 'Импорт · STracker',
  'common.title.newAuthenticator': 'Новый аутентификатор · STracker',
  'common.title.signIn': 'Вход · STracker',
  'common.title.register': 'Регистрация · STracker',
};

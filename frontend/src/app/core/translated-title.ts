import { effect, inject, Injectable } from '@angular/core';
import { Title } from '@angular/platform-browser';
import { RouterStateSnapshot, TitleStrategy } from '@angular/router';
import type { MessageKey } from '../i18n/en';
import { currentLocale, translate } from './i18n';

/** Route titles are keys of the common texts: the tab's title in the app's language, again after a switch. */
@Injectable({ providedIn: 'root' })
export class TranslatedTitleStrategy extends TitleStrategy {
  private readonly title = inject(Title);
  private shown: RouterStateSnapshot | null = null;

  constructor() {
    super();
    effect(() => {
      currentLocale();
      if (this.shown) this.updateTitle(this.shown);
    });
  }

  override updateTitle(snapshot: RouterStateSnapshot): void {
    this.shown = snapshot;
    const key = this.buildTitle(snapshot);
    this.title.setTitle(key ? translate(key as MessageKey) : 'STracker');
  }
}

import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { EnrolmentDto } from '../api/models';
import { I18n, loadAreas } from '../core/i18n';
import { EnrolmentComponent, groupsOfFour } from './enrolment.component';
import { QrCodeComponent } from './qr-code.component';

/** jsdom draws no canvas: a QR code that only says where it is. */
@Component({ selector: 'app-qr-code', template: '<div role="img" [attr.aria-label]="label()" data-testid="qr"></div>', changeDetection: ChangeDetectionStrategy.OnPush })
class FakeQrCode {
  readonly value = input.required<string>();
  readonly label = input<string | null>(null);
}

const OFFER: EnrolmentDto = {
  enrolmentToken: 'enrol-token',
  secret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
  otpauthUrl: 'otpauth://totp/STracker:anna?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=STracker',
};

describe('EnrolmentComponent', () => {
  beforeEach(async () => {
    await loadAreas('onboarding');
    TestBed.configureTestingModule({ imports: [EnrolmentComponent] });
    TestBed.overrideComponent(EnrolmentComponent, { remove: { imports: [QrCodeComponent] }, add: { imports: [FakeQrCode] } });
  });

  function render(options: { linkFirst?: boolean; busy?: boolean } = {}) {
    const fixture = TestBed.createComponent(EnrolmentComponent);
    fixture.componentRef.setInput('enrolment', OFFER);
    fixture.componentRef.setInput('linkFirst', options.linkFirst ?? false);
    fixture.componentRef.setInput('busy', options.busy ?? false);
    const sent: string[] = [];
    fixture.componentInstance.confirmed.subscribe((code) => sent.push(code));
    fixture.detectChanges();
    const el: HTMLElement = fixture.nativeElement;
    const code = el.querySelector<HTMLInputElement>('#enrol-code')!;
    const type = (value: string) => {
      code.value = value;
      code.dispatchEvent(new Event('input'));
      fixture.detectChanges();
    };
    return { fixture, el, code, type, sent };
  }

  it('shows the key in groups of four, and copying or reading it off the page still gives the key itself', () => {
    expect(groupsOfFour('JBSWY3DPEHPK3PXPAB')).toEqual(['JBSW', 'Y3DP', 'EHPK', '3PXP', 'AB']);
    const { el } = render();
    const key = el.querySelector('[data-testid="totp-secret"]')!;
    expect([...key.querySelectorAll('.group')].map((g) => g.textContent)).toEqual(['JBSW', 'Y3DP', 'EHPK', '3PXP', 'JBSW', 'Y3DP', 'EHPK', '3PXP']);
    expect(key.textContent!.trim()).toBe(OFFER.secret);
  });

  it('on a phone leads with "Add to authenticator" and keeps the QR code folded away for another device', () => {
    const { el } = render({ linkFirst: true });
    const link = el.querySelector<HTMLAnchorElement>('[data-testid="enrol-add-link"]')!;
    expect(link.getAttribute('href')).toBe(OFFER.otpauthUrl);
    expect(link.classList).toContain('btn-primary');
    expect(el.querySelector('[data-testid="qr"]')).toBeNull();
    const details = el.querySelector('details')!;
    expect(details.querySelector('summary')!.textContent).toContain('Show a QR code');
    // The link comes before the key and the QR code.
    const order = [...el.querySelectorAll('[data-testid="enrol-add-link"], [data-testid="totp-secret"], details')].map((e) => e.tagName);
    expect(order).toEqual(['A', 'CODE', 'DETAILS']);
  });

  it('on a larger screen leads with the QR code', () => {
    const { el } = render({ linkFirst: false });
    const order = [...el.querySelectorAll('[data-testid="qr"], [data-testid="enrol-add-link"], [data-testid="totp-secret"]')].map((e) => e.getAttribute('data-testid'));
    expect(order).toEqual(['qr', 'enrol-add-link', 'totp-secret']);
    expect(el.querySelector('details')).toBeNull();
  });

  it('follows the device when not told: a coarse pointer means link first', () => {
    const original = window.matchMedia;
    window.matchMedia = ((query: string) => ({ matches: query === '(pointer: coarse)', media: query }) as MediaQueryList) as typeof window.matchMedia;
    try {
      const fixture = TestBed.createComponent(EnrolmentComponent);
      fixture.componentRef.setInput('enrolment', OFFER);
      fixture.detectChanges();
      expect(fixture.nativeElement.querySelector('[data-testid="enrolment"]').getAttribute('data-layout')).toBe('link-first');
    } finally {
      window.matchMedia = original;
    }
  });

  it('sends the code by itself at the sixth digit, once, with the numeric keypad', () => {
    const { code, type, sent } = render();
    expect(code.getAttribute('inputmode')).toBe('numeric');
    expect(code.getAttribute('autocomplete')).toBe('one-time-code');
    expect(code.getAttribute('pattern')).toBe('[0-9]{6}');
    type('12345');
    expect(sent).toEqual([]);
    type('123456');
    expect(sent).toEqual(['123456']);
    type('123456'); // no second send for the same complete code
    expect(sent).toEqual(['123456']);
  });

  it('after a refused code sends the next complete code, also one pasted over it', () => {
    const { fixture, type, sent, code } = render();
    type('111111');
    fixture.componentRef.setInput('error', 'Code is wrong or expired');
    fixture.detectChanges();
    expect(code.getAttribute('aria-invalid')).toBe('true');
    type('222222');
    expect(sent).toEqual(['111111', '222222']);
  });

  it('takes a pasted "123 456" as six digits', () => {
    const { code, type, sent } = render();
    type('123 456');
    expect(code.value).toBe('123456');
    expect(sent).toEqual(['123456']);
  });

  it('speaks Russian, the QR code named for screen readers too; the key stays left to right in Hebrew', async () => {
    const i18n = TestBed.inject(I18n);
    await i18n.use('ru');
    try {
      const { el } = render({ linkFirst: false });
      expect(el.querySelector('label[for="enrol-code"]')!.textContent!.trim()).toBe('Введите 6-значный код из приложения');
      expect(el.querySelector('[data-testid="qr"]')!.getAttribute('aria-label')).toBe('QR-код для приложения-аутентификатора');
      expect(el.querySelector('button[type="submit"]')!.textContent!.trim()).toBe('Подтвердить');
      expect(el.querySelector('.secret button')!.textContent!.trim()).toBe('Скопировать ключ');
      await i18n.use('he');
      const hebrew = render({ linkFirst: true });
      expect(hebrew.el.querySelector('[data-testid="enrol-add-link"]')!.textContent!.trim()).toBe('הוספה לאפליקציית האימות');
      // Groups of four keep their order in right-to-left text.
      expect(hebrew.el.querySelector('[data-testid="totp-secret"]')!.getAttribute('dir')).toBe('ltr');
    } finally {
      await i18n.use('en');
      localStorage.removeItem('stracker.locale');
    }
  });

  it('sends nothing while busy', () => {
    const { type, sent } = render({ busy: true });
    type('654321');
    expect(sent).toEqual([]);
  });
});

import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, TestRequest, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { SwPush } from '@angular/service-worker';
import { PushPrefsDto, PushSubscriptionDto } from '../../api/models';
import { I18n, loadAreas } from '../../core/i18n';
import { FakeBrowserSubscription, FakePushBrowser, FakeSwPush, SERVER_KEY, fakePushBrowser } from '../../../testing/push-fakes';
import { DEFAULT_PUSH_PREFS } from '../../stores/push.store';
import { NotificationsSectionComponent } from './notifications-section.component';

const ENDPOINT = 'https://push.example/send/device-1';
const stored = (prefs: PushPrefsDto): PushSubscriptionDto => ({ endpoint: ENDPOINT, prefs, createdAt: '2026-04-01T00:00:00.000Z', updatedAt: '2026-04-01T00:00:00.000Z' });
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
const text = (el: Element | null | undefined) => el?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

describe('Settings → Notifications', () => {
  let http: HttpTestingController;
  let swPush: FakeSwPush;
  let browser: FakePushBrowser;
  let fixture: ComponentFixture<NotificationsSectionComponent>;
  let el: HTMLElement;
  let onLine: boolean;

  const input = (id: string) => el.querySelector<HTMLInputElement>(`#${id}`)!;
  /** Disabled itself or by its fieldset. */
  const off = (id: string) => input(id).matches(':disabled');
  const testButton = () => Array.from(el.querySelectorAll('button')).find((b) => text(b) === 'Send a test notification')!;
  const labelOf = (id: string) => text(el.querySelector(`label[for="${id}"]`));

  async function update(): Promise<void> {
    await settle();
    await fixture.whenStable();
    fixture.detectChanges();
  }

  async function next(method: string, url: string): Promise<TestRequest> {
    await update();
    return http.expectOne({ method, url });
  }

  function setUp(options: Parameters<typeof fakePushBrowser>[0] = {}, withSwPush = true): void {
    browser = fakePushBrowser(options);
    swPush = new FakeSwPush();
    TestBed.configureTestingModule({
      imports: [NotificationsSectionComponent],
      providers: [provideHttpClient(), provideHttpClientTesting(), ...(withSwPush ? [{ provide: SwPush, useValue: swPush }] : [])],
    });
    http = TestBed.inject(HttpTestingController);
  }

  /** Renders the section; `server` is what GET /api/push/subscription answers (null: 404). */
  async function render(server: PushPrefsDto | null | 'not asked'): Promise<void> {
    fixture = TestBed.createComponent(NotificationsSectionComponent);
    el = fixture.nativeElement;
    fixture.detectChanges();
    if (server !== 'not asked') {
      const get = await next('GET', '/api/push/subscription');
      if (server === null) get.flush({ message: 'This device has no push subscription' }, { status: 404, statusText: 'Not Found' });
      else get.flush(stored(server));
    }
    await update();
  }

  async function renderOn(prefs: PushPrefsDto = DEFAULT_PUSH_PREFS): Promise<void> {
    setUp({ permission: 'granted' });
    swPush.current.next(new FakeBrowserSubscription(ENDPOINT));
    await render(prefs);
  }

  /** Taps a switch: the browser flips it, then tells the page. */
  async function tap(id: string): Promise<void> {
    input(id).click();
    await update();
  }

  beforeEach(async () => {
    await loadAreas('settings');
    localStorage.clear();
    const payload = btoa(JSON.stringify({ sub: 'anna', typ: 'access' })).replace(/=+$/, '');
    localStorage.setItem('stracker.tokens', JSON.stringify({ accessToken: `h.${payload}.s`, refreshToken: 'r', accessExpiresAt: '2099-01-01T00:00:00Z', refreshExpiresAt: '2099-01-01T00:00:00Z' }));
    onLine = true;
    vi.spyOn(navigator, 'onLine', 'get').mockImplementation(() => onLine);
  });
  afterEach(() => {
    http.verify();
    browser.restore();
    vi.restoreAllMocks();
    localStorage.clear();
  });

  it('every control has its label and one-line explanation', async () => {
    await renderOn();
    expect(labelOf('push-on')).toBe('Notifications on this device');
    expect(labelOf('push-near-limit')).toBe('A funnel is nearly used up');
    expect(labelOf('push-member-spent')).toBe('Someone else spent');
    expect(labelOf('push-fixed-cost')).toBe('A fixed cost is due');
    expect(labelOf('push-reminder')).toBe('Daily reminder');
    expect(labelOf('push-reminder-time')).toBe('Remind at');
    for (const id of ['push-on', 'push-near-limit', 'push-member-spent', 'push-fixed-cost', 'push-reminder']) {
      expect(input(id).getAttribute('role')).toBe('switch');
      expect(text(el.querySelector(`#${input(id).getAttribute('aria-describedby')}`)).length).toBeGreaterThan(10);
    }
    expect(text(el.querySelector('#push-near-limit-hint'))).toContain('80 %');
    expect(text(el.querySelector('#push-reminder-hint'))).toContain('only on days nothing was recorded');
    expect(input('push-reminder-time').type).toBe('time');
  });

  it('says what to do in a browser that cannot do push, with every control off', async () => {
    setUp({}, false);
    await render('not asked');
    expect(text(el.querySelector('[data-testid="push-blocked"]'))).toContain('does not run the app’s service worker');
    for (const id of ['push-on', 'push-near-limit', 'push-reminder', 'push-reminder-time']) expect(off(id)).toBe(true);
    expect(testButton().disabled).toBe(true);
    browser.restore();
    TestBed.resetTestingModule();

    setUp({ pushManager: false });
    await render('not asked');
    expect(text(el.querySelector('[data-testid="push-blocked"]'))).toContain('add STracker to the Home Screen');
  });

  it('says that notifications are blocked in the browser settings', async () => {
    setUp({ permission: 'denied' });
    await render('not asked');
    expect(text(el.querySelector('[data-testid="push-blocked"]'))).toBe(
      'Notifications are blocked for this site in the browser settings. Allow them there (the site’s settings → Notifications), then come back here.',
    );
    expect(off('push-on')).toBe(true);
  });

  it('asks for permission only on the tap, then subscribes and lets the choices be changed', async () => {
    setUp();
    await render(null);
    expect(browser.notification.asked).toBe(0); // not on load
    expect(input('push-on').checked).toBe(false);
    expect(off('push-on')).toBe(false);
    expect(off('push-member-spent')).toBe(true);
    expect(testButton().disabled).toBe(true);

    await tap('push-on');
    expect(browser.notification.asked).toBe(1);
    expect(input('push-on').checked).toBe(true);
    expect(text(el.querySelector('[data-testid="push-status"]'))).toBe('Saving…');
    (await next('GET', '/api/push/key')).flush({ publicKey: SERVER_KEY });
    const put = await next('PUT', '/api/push/subscription');
    expect(put.request.body.prefs).toEqual(DEFAULT_PUSH_PREFS);
    put.flush(stored(DEFAULT_PUSH_PREFS));
    await update();
    expect(input('push-on').checked).toBe(true);
    expect(input('push-near-limit').checked).toBe(true);
    expect(off('push-member-spent')).toBe(false);
    expect(input('push-reminder').checked).toBe(false);
    expect(off('push-reminder-time')).toBe(true);
    expect(testButton().disabled).toBe(false);
  });

  it('puts the main switch back when the permission is refused', async () => {
    setUp({ answer: 'denied' });
    await render(null);
    await tap('push-on');
    await update();
    expect(input('push-on').checked).toBe(false);
    expect(text(el.querySelector('[data-testid="push-blocked"]'))).toContain('blocked for this site');
  });

  it('saves each switch at once, shows it saving and saved, and an error with the switch put back', async () => {
    await renderOn();
    await tap('push-member-spent');
    expect(input('push-member-spent').checked).toBe(false);
    expect(text(el.querySelector('[data-testid="push-status"]'))).toBe('Saving…');
    const put = await next('PUT', '/api/push/subscription');
    expect(put.request.body.prefs).toEqual({ ...DEFAULT_PUSH_PREFS, memberSpent: false });
    put.flush(stored({ ...DEFAULT_PUSH_PREFS, memberSpent: false }));
    await update();
    expect(text(el.querySelector('[data-testid="push-status"]'))).toBe('Saved.');

    await tap('push-fixed-cost');
    (await next('PUT', '/api/push/subscription')).flush({ statusCode: 500, message: 'Internal server error' }, { status: 500, statusText: 'Internal Server Error' });
    await update();
    expect(input('push-fixed-cost').checked).toBe(true);
    expect(text(el.querySelector('[role="alert"]'))).toBe('Not saved: Something went wrong on our side. Please try again.');
    expect(text(el.querySelector('[data-testid="push-status"]'))).toBe('');
  });

  it('turns the daily reminder on at the time shown, and saves a new time', async () => {
    await renderOn();
    expect(input('push-reminder-time').value).toBe('20:00');
    await tap('push-reminder');
    let put = await next('PUT', '/api/push/subscription');
    expect(put.request.body.prefs.dailyReminder).toBe('20:00');
    put.flush(stored({ ...DEFAULT_PUSH_PREFS, dailyReminder: '20:00' }));
    await update();
    expect(off('push-reminder-time')).toBe(false);

    const time = input('push-reminder-time');
    time.value = '07:30';
    time.dispatchEvent(new Event('change'));
    put = await next('PUT', '/api/push/subscription');
    expect(put.request.body.prefs.dailyReminder).toBe('07:30');
    put.flush(stored({ ...DEFAULT_PUSH_PREFS, dailyReminder: '07:30' }));
    await update();

    // A cleared field keeps the time in force, and nothing is sent.
    time.value = '';
    time.dispatchEvent(new Event('change'));
    await update();
    expect(time.value).toBe('07:30');

    await tap('push-reminder');
    put = await next('PUT', '/api/push/subscription');
    expect(put.request.body.prefs.dailyReminder).toBeNull();
    put.flush(stored(DEFAULT_PUSH_PREFS));
    await update();
    expect(input('push-reminder-time').value).toBe('07:30'); // kept for the next time it is turned on
    expect(off('push-reminder-time')).toBe(true);
  });

  it('sends a test notification and shows the result', async () => {
    await renderOn();
    testButton().click();
    await update();
    expect(testButton().disabled).toBe(true);
    expect(text(el.querySelector('[data-testid="push-test-result"]'))).toBe('Sending…');
    (await next('POST', '/api/push/test')).flush(null, { status: 204, statusText: 'No Content' });
    await update();
    expect(text(el.querySelector('[data-testid="push-test-result"]'))).toBe('Sent. It should show on this device in a moment.');

    testButton().click();
    (await next('POST', '/api/push/test')).flush(
      JSON.stringify({ statusCode: 502, message: 'The push service did not take the notification; try again later' }),
      { status: 502, statusText: 'Bad Gateway' },
    );
    await update();
    expect(text(el.querySelector('[data-testid="push-test-result"]'))).toBe('Not sent: The push service did not take the notification; try again later.');
  });

  it('waits while offline: every control off, and says why', async () => {
    await renderOn();
    onLine = false;
    window.dispatchEvent(new Event('offline'));
    await update();
    expect(text(el.querySelector('[data-testid="push-offline"]'))).toContain('You are offline');
    for (const id of ['push-on', 'push-near-limit', 'push-member-spent', 'push-fixed-cost', 'push-reminder']) expect(off(id)).toBe(true);
    expect(testButton().disabled).toBe(true);
    onLine = true;
    window.dispatchEvent(new Event('online'));
    await update();
    expect(el.querySelector('[data-testid="push-offline"]')).toBeNull();
    expect(off('push-member-spent')).toBe(false);
  });

  it('opened offline, checks again once back online', async () => {
    setUp({ permission: 'granted' });
    swPush.current.next(new FakeBrowserSubscription(ENDPOINT));
    onLine = false;
    fixture = TestBed.createComponent(NotificationsSectionComponent);
    el = fixture.nativeElement;
    fixture.detectChanges();
    (await next('GET', '/api/push/subscription')).error(new ProgressEvent('error'), { status: 0 });
    await update();
    expect(text(el.querySelector('[role="alert"]'))).toContain('You are offline');
    expect(off('push-on')).toBe(true);

    onLine = true;
    window.dispatchEvent(new Event('online'));
    (await next('GET', '/api/push/subscription')).flush(stored(DEFAULT_PUSH_PREFS));
    await update();
    expect(el.querySelector('[role="alert"]')).toBeNull();
    expect(input('push-on').checked).toBe(true);
    expect(off('push-member-spent')).toBe(false);
  });

  it('speaks the chosen language: labels, what the browser lacks, saving and saved', async () => {
    setUp({ permission: 'granted' });
    const i18n = TestBed.inject(I18n);
    try {
      await i18n.use('de');
      swPush.current.next(new FakeBrowserSubscription(ENDPOINT));
      await render(DEFAULT_PUSH_PREFS);
      expect(text(el.querySelector('h2'))).toBe('Benachrichtigungen');
      expect(labelOf('push-on')).toBe('Benachrichtigungen auf diesem Gerät');
      expect(labelOf('push-near-limit')).toBe('ein Topf fast aufgebraucht ist');
      expect(text(el.querySelector('legend'))).toBe('Sag mir Bescheid, wenn');
      expect(Array.from(el.querySelectorAll('button')).map((b) => text(b))).toEqual(['Test-Benachrichtigung senden']);
      await tap('push-member-spent');
      expect(text(el.querySelector('[data-testid="push-status"]'))).toBe('Wird gespeichert …');
      (await next('PUT', '/api/push/subscription')).flush(stored({ ...DEFAULT_PUSH_PREFS, memberSpent: false }));
      await update();
      expect(text(el.querySelector('[data-testid="push-status"]'))).toBe('Gespeichert.');
      // A switch redraws what is shown at once.
      await i18n.use('ru');
      await update();
      expect(text(el.querySelector('[data-testid="push-status"]'))).toBe('Сохранено.');
      expect(labelOf('push-reminder')).toBe('Ежедневное напоминание');
    } finally {
      await i18n.use('en');
      localStorage.removeItem('stracker.locale');
    }
  });
});

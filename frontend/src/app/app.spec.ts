import { provideHttpClient } from '@angular/common/http';
import { Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { provideServiceWorker } from '@angular/service-worker';
import { App } from './app';
import { OfflineQueue } from './core/offline-queue';
import { OfflineQueueHandle } from './core/offline-queue-handle';

@Component({ template: '' })
class Blank {}

describe('App shell', () => {
  /** A signed-in user on this device, `waiting` spendings in the queue, and the three pages of the tab bar. */
  function signedInWithPages(waiting: number): void {
    const future = new Date(Date.now() + 3_600_000).toISOString();
    localStorage.setItem('stracker.tokens', JSON.stringify({ accessToken: 'a.eyJzdWIiOiJ1MSJ9.s', refreshToken: 'r', accessExpiresAt: future, refreshExpiresAt: future }));
    TestBed.overrideProvider(OfflineQueue, { useValue: { waiting: signal(waiting), start: async () => undefined } });
    TestBed.configureTestingModule({ providers: [provideRouter([{ path: '', component: Blank }, { path: 'history', component: Blank }, { path: 'settings', component: Blank }])] });
  }

  let onLine = true;
  beforeEach(() => {
    onLine = true;
    vi.spyOn(navigator, 'onLine', 'get').mockImplementation(() => onLine);
    localStorage.clear();
    TestBed.configureTestingModule({
      imports: [App],
      providers: [provideRouter([]), provideHttpClient(), provideServiceWorker('/ngsw-worker.js', { enabled: false })],
    });
  });
  afterEach(() => vi.restoreAllMocks());

  it('says "Offline" while the network is gone, and stops saying it when it is back', async () => {
    const fixture = TestBed.createComponent(App);
    await fixture.whenStable();
    const status = () => fixture.nativeElement.querySelector('.offline')?.textContent?.trim() ?? null;
    expect(status()).toBeNull();
    onLine = false;
    window.dispatchEvent(new Event('offline'));
    await fixture.whenStable();
    expect(status()).toBe('Offline');
    onLine = true;
    window.dispatchEvent(new Event('online'));
    await fixture.whenStable();
    expect(status()).toBeNull();
  });

  it('shows the navigation only to a signed-in user', async () => {
    const fixture = TestBed.createComponent(App);
    await fixture.whenStable();
    expect(fixture.nativeElement.querySelector('nav')).toBeNull();
  });

  it('gives a signed-in user one labelled navigation that marks the current page, and counts what waits', async () => {
    signedInWithPages(3);
    const fixture = TestBed.createComponent(App);
    await TestBed.inject(Router).navigateByUrl('/history');
    await TestBed.inject(OfflineQueueHandle).queue(); // the queue loads in a chunk of its own after start-up
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    const nav = el.querySelector('nav')!;
    expect(nav.getAttribute('aria-label')).toBe('Main');
    const links = [...nav.querySelectorAll('a')];
    expect(links.map((a) => a.textContent!.trim())).toEqual(['Today', 'History', 'Settings']);
    expect(links.map((a) => a.getAttribute('aria-current'))).toEqual([null, 'page', null]);
    expect(el.querySelector('[data-testid="queue-badge"]')?.textContent?.trim()).toBe('3 waiting');
  });

  it('follows a tap on a tab in the app, and leaves a click with a modifier key to the browser', async () => {
    signedInWithPages(0);
    const fixture = TestBed.createComponent(App);
    const router = TestBed.inject(Router);
    await router.navigateByUrl('/');
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    const tab = (id: string) => el.querySelector<HTMLAnchorElement>(`[data-testid="${id}"]`)!;
    expect(tab('nav-today').getAttribute('aria-current')).toBe('page');

    const tap = new MouseEvent('click', { bubbles: true, cancelable: true, button: 0 });
    tab('nav-history').querySelector('span')!.dispatchEvent(tap);
    expect(tap.defaultPrevented).toBe(true);
    await fixture.whenStable();
    expect(router.url).toBe('/history');
    expect(tab('nav-history').getAttribute('aria-current')).toBe('page');
    expect(tab('nav-history').classList.contains('active')).toBe(true);
    expect(tab('nav-today').getAttribute('aria-current')).toBeNull();

    // A new tab or window is the browser's to open.
    let leftToBrowser = false;
    el.addEventListener('click', (event) => ((leftToBrowser = !event.defaultPrevented), event.preventDefault()), { once: true }); // (the test page stays)
    tab('nav-settings').dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true, button: 0, ctrlKey: true }));
    expect(leftToBrowser).toBe(true);
    await fixture.whenStable();
    expect(router.url).toBe('/history');

    // The tab stays current on the page's own addresses (a settings link with an invite).
    await router.navigateByUrl('/settings?invite=abc');
    await fixture.whenStable();
    expect(tab('nav-settings').getAttribute('aria-current')).toBe('page');
  });
});

import { provideHttpClient } from '@angular/common/http';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { provideServiceWorker } from '@angular/service-worker';
import { App } from './app';

describe('App shell', () => {
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
});

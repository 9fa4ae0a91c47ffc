import { TestBed } from '@angular/core/testing';
import { OnlineService } from './online.service';

describe('OnlineService', () => {
  let onLine = true;
  beforeEach(() => {
    onLine = true;
    vi.spyOn(navigator, 'onLine', 'get').mockImplementation(() => onLine);
  });
  afterEach(() => vi.restoreAllMocks());

  it('follows the browser going offline and back online', () => {
    const service = TestBed.inject(OnlineService);
    expect(service.online()).toBe(true);
    onLine = false;
    window.dispatchEvent(new Event('offline'));
    expect(service.online()).toBe(false);
    onLine = true;
    window.dispatchEvent(new Event('online'));
    expect(service.online()).toBe(true);
  });

  it('starts offline when the app opens without a network', () => {
    onLine = false;
    expect(TestBed.inject(OnlineService).online()).toBe(false);
  });
});

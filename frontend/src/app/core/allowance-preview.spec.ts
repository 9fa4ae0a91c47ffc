import { previewAllowance } from './allowance-preview';

describe('previewAllowance', () => {
  it('shows only the current allowance while nothing valid is typed', () => {
    expect(previewAllowance(300, null)).toEqual({ current: 300, after: null, overspends: false });
  });

  it('shows the allowance after the typed spending, exactly', () => {
    expect(previewAllowance(300, 12.5)).toEqual({ current: 300, after: 287.5, overspends: false });
    expect(previewAllowance(0.3, 0.1)).toEqual({ current: 0.3, after: 0.2, overspends: false });
  });

  it('says when the spending would overspend today', () => {
    expect(previewAllowance(10, 12.5)).toEqual({ current: 10, after: -2.5, overspends: true });
  });
});

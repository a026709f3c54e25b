import { describe, expect, it } from 'vitest';
import { hours } from './TimesheetsPage';

describe('hours', () => {
  it('shows minutes as hours with two decimals, as the payroll export does', () => {
    expect(hours(450)).toBe('7.50');
    expect(hours(61)).toBe('1.02');
    expect(hours(0)).toBe('0.00');
    expect(hours(null)).toBe('');
  });
});

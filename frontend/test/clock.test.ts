import { describe, expect, it } from 'vitest';
import { formatClock } from '../src/ui/clock';

describe('formatClock', () => {
  it('showsLocalTimeAsZeroPaddedHoursMinutesSeconds', () => {
    expect(formatClock(new Date(2026, 10, 22, 7, 5, 9, 123).toISOString())).toBe('07:05:09');
  });

  it('showsTextThatIsNotATimeAsIs', () => {
    expect(formatClock('soon')).toBe('soon');
  });
});

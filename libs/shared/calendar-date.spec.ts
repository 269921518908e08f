import { isCalendarDate } from './calendar-date';
import { isRecord } from './is-record';

describe('isCalendarDate', () => {
  it('knows leap years and the length of each month', () => {
    expect(['2024-02-29', '2000-02-29', '2021-12-31'].map(isCalendarDate)).toEqual([
      true,
      true,
      true,
    ]);
    expect(
      ['2021-02-29', '2100-02-29', '2021-04-31', '2021-13-01', '2021-00-10', '21-01-01'].map(
        isCalendarDate,
      ),
    ).toEqual([false, false, false, false, false, false]);
  });
});

describe('isRecord', () => {
  it('is a plain object only', () => {
    expect([{}, { a: 1 }].map(isRecord)).toEqual([true, true]);
    expect([null, [], 'x', 1, undefined].map(isRecord)).toEqual([
      false,
      false,
      false,
      false,
      false,
    ]);
  });
});

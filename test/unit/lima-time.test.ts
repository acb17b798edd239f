import {
  addLimaDays,
  formatHHmm,
  formatLimaDate,
  formatLimaDateTime,
  formatLimaDayMonth,
  formatLimaShortDate,
  formatLimaTime,
  isDateKey,
  limaDate,
  limaDateAt,
  limaDateKey,
  limaParts,
  limaStartOfDay,
} from '../../src/domain/lima-time';

describe('Lima time (UTC−5, no DST)', () => {
  test('an appointment at 20:00 Lima on the 27th is 01:00 UTC on the 28th, and still the 27th in Lima', () => {
    const d = limaDate(2026, 11, 27, 20, 0);
    expect(d.toISOString()).toBe('2026-11-28T01:00:00.000Z');
    expect(limaDateKey(d)).toBe('2026-11-27');
    expect(formatLimaDate(d)).toBe('viernes 27 de noviembre de 2026');
    expect(formatLimaTime(d)).toBe('8:00 p. m.');
  });

  test('the Lima day changes at 05:00 UTC', () => {
    expect(limaParts(new Date('2026-11-28T04:59:59Z'))).toEqual({
      year: 2026, month: 11, day: 27, hour: 23, minute: 59, second: 59, weekday: 5,
    });
    expect(limaParts(new Date('2026-11-28T05:00:00Z'))).toMatchObject({ day: 28, hour: 0, weekday: 6 });
    expect(limaStartOfDay('2026-11-28').toISOString()).toBe('2026-11-28T05:00:00.000Z');
  });

  test('New Year in Lima happens five hours after New Year in UTC', () => {
    expect(limaDateKey(new Date('2027-01-01T03:00:00Z'))).toBe('2026-12-31');
    expect(limaDateKey(new Date('2027-01-01T05:00:00Z'))).toBe('2027-01-01');
  });

  test('agrees with the IANA America/Lima zone for instants across decades (no DST anywhere)', () => {
    const fmt = new Intl.DateTimeFormat('en-US', {
      timeZone: 'America/Lima', year: 'numeric', month: 'numeric', day: 'numeric',
      hour: 'numeric', minute: 'numeric', second: 'numeric', hourCycle: 'h23',
    });
    let seed = 12345;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const from = Date.UTC(1995, 0, 1), to = Date.UTC(2045, 0, 1);
    for (let i = 0; i < 400; i++) {
      const d = new Date(Math.floor(from + rnd() * (to - from)));
      const p = Object.fromEntries(fmt.formatToParts(d).map((x) => [x.type, x.value]));
      const mine = limaParts(d);
      expect([mine.year, mine.month, mine.day, mine.hour, mine.minute, mine.second]).toEqual(
        [+p.year, +p.month, +p.day, +p.hour, +p.minute, +p.second],
      );
    }
  });

  test('day arithmetic crosses months, years and leap days', () => {
    expect(addLimaDays('2026-11-30', 1)).toBe('2026-12-01');
    expect(addLimaDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addLimaDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addLimaDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addLimaDays('2026-11-27', 0)).toBe('2026-11-27');
    expect(limaDateAt('2026-11-27', 15, 30).toISOString()).toBe('2026-11-27T20:30:00.000Z');
  });

  test('rejects dates that do not exist', () => {
    expect(isDateKey('2026-02-30')).toBe(false);
    expect(isDateKey('2026-2-3')).toBe(false);
    expect(isDateKey('2028-02-29')).toBe(true);
    expect(() => addLimaDays('2026-02-30', 1)).toThrow(RangeError);
    expect(() => limaStartOfDay('hoy')).toThrow(RangeError);
    expect(() => limaParts(new Date('no es fecha'))).toThrow(RangeError);
  });

  test('12-hour times as written in Peru', () => {
    expect(formatLimaTime(limaDate(2026, 11, 27, 15, 30))).toBe('3:30 p. m.');
    expect(formatLimaTime(limaDate(2026, 11, 27, 9, 0))).toBe('9:00 a. m.');
    expect(formatLimaTime(limaDate(2026, 11, 27, 0, 5))).toBe('12:05 a. m.');
    expect(formatLimaTime(limaDate(2026, 11, 27, 12, 0))).toBe('12:00 p. m.');
    expect(formatLimaTime(limaDate(2026, 11, 27, 23, 59))).toBe('11:59 p. m.');
  });

  test('long, short and 24-hour formats', () => {
    const d = limaDate(2026, 11, 27, 15, 30);
    expect(formatLimaDateTime(d)).toBe('viernes 27 de noviembre de 2026, 3:30 p. m.');
    expect(formatLimaDayMonth(d)).toBe('viernes 27 de noviembre');
    expect(formatHHmm(d)).toBe('15:30');
    expect(formatHHmm(limaDate(2026, 1, 4, 9, 5))).toBe('09:05');
    expect(formatLimaShortDate(limaDate(2026, 1, 4, 9, 5))).toBe('04/01/2026');
    expect(formatLimaDate(limaDate(2026, 9, 2))).toBe('miércoles 2 de septiembre de 2026');
    expect(formatLimaDate(limaDate(2026, 8, 1))).toBe('sábado 1 de agosto de 2026');
  });
});

import { describe, expect, it } from 'vitest';
import { csvField, parseCsv, toCsv } from '../src/csv';
import type { ClassRecap } from '../src/protocol';
import { recapCsv, recapRows } from '../src/recapCsv';

describe('the CSV writer', () => {
  it.each<[string | number | null, string]>([
    ['plain', 'plain'],
    ['a, b', '"a, b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    [3, '3'],
    [null, ''],
    // A formula someone typed is kept from running in a spreadsheet.
    ['=HYPERLINK("x")', '"\'=HYPERLINK(""x"")"'],
    ['+1', "'+1"],
    [-1, '-1'],
  ])('writes %j as %j, quoting only what needs it and doubling quotes', (value, field) => {
    expect(csvField(value)).toBe(field);
  });

  it('writes CRLF rows that read back the same', () => {
    const rows = [
      ['name', 'text'],
      ['Ben, Theo "T"', 'line one\r\nline two'],
      ['', 'é ☾ 😊'],
    ];
    const csv = toCsv(rows);
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(csv.split('\r\n')[0]).toBe('name,text');
    expect(parseCsv(csv)).toEqual(rows);
  });
});

describe('the recap as CSV', () => {
  const recap: ClassRecap = {
    classId: 'c1',
    title: 'Week 1',
    instructorName: 'Maya',
    status: 'Ended',
    routineId: 'full-body',
    routineName: 'Full body',
    createdAt: 0,
    startedAt: 60_000,
    endedAt: 3_660_000,
    keptUntil: 90_000_000,
    families: [
      {
        participantId: 'p1',
        displayName: 'Amara & Noor',
        firstJoinedAt: 0,
        lastSeenAt: 3_660_000,
        onlineMs: 3_000_000,
        state: 'Present',
      },
      {
        participantId: 'p2',
        displayName: 'Ben, Theo',
        firstJoinedAt: 1000,
        lastSeenAt: 200_000,
        onlineMs: 90_000,
        state: 'Left',
      },
    ],
    checkInsByStep: [
      {
        stepIndex: 8,
        area: 'Feet',
        stepName: 'Top of foot',
        counts: [
          { status: 'Fussy', count: 2, participantIds: ['p2'] },
          { status: 'NeedHelp', count: 1, participantIds: ['p1', 'p2'] },
        ],
      },
    ],
    chat: [{ messageId: 'm1', participantId: 'p2', displayName: 'Ben, Theo', text: '=1+1 "ok"', at: 120_000 }],
  };

  it('has a row per family, per step and check-in, and per message, all as wide as the header', () => {
    const rows = parseCsv(recapCsv(recap, 'en'));
    expect(rows[0]).toEqual([
      'section',
      'Family',
      'Step',
      'Check-in',
      'Times',
      'Joined',
      'Minutes online',
      'At the end',
      'Time',
      'Message',
    ]);
    expect(rows.every((r) => r.length === rows[0].length)).toBe(true);
    expect(rows.slice(1).map((r) => r[0])).toEqual(['family', 'family', 'checkin', 'checkin', 'chat']);
    expect(rows[1]).toEqual([
      'family',
      'Amara & Noor',
      '',
      '',
      '',
      '1970-01-01T00:00:00.000Z',
      '50',
      'In the class',
      '1970-01-01T01:01:00.000Z',
      '',
    ]);
    expect(rows[2][7]).toBe('Left');
    expect(rows[3]).toEqual(['checkin', 'Ben, Theo', '9. Top of foot', 'Fussy', '2', '', '', '', '', '']);
    expect(rows[4][1]).toBe('Amara & Noor; Ben, Theo');
    expect(rows[5][9]).toBe('\'=1+1 "ok"');
  });

  it('speaks the page language, step names included', () => {
    const rows = recapRows(recap, 'es');
    expect(rows[0][1]).toBe('Familia');
    expect(rows[3][2]).toBe('9. Parte superior del pie');
    expect(rows[3][3]).toBe('Inquieto');
  });
});

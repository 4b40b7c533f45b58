import { describe, expect, it } from 'vitest';
import {
  beatNumber,
  beatPeriodMs,
  estimateClockOffset,
  isTempoOn,
  phaseDistance,
  pulseAmount,
  readTempoEntry,
  tempoPhaseMs,
} from '../src/tempo';

describe('clock offset', () => {
  it('uses the sample with the smallest round trip', () => {
    const est = estimateClockOffset([
      { clientSent: 1000, clientReceived: 1100, serverTime: 5060 }, // rtt 100
      { clientSent: 2000, clientReceived: 2010, serverTime: 6005 }, // rtt 10 → offset 4000
      { clientSent: 3000, clientReceived: 3040, serverTime: 7100 }, // rtt 40
    ]);
    expect(est).toEqual({ rttMs: 10, offsetMs: 4000 });
  });

  it('handles a server clock behind the client and ignores broken samples', () => {
    expect(
      estimateClockOffset([
        { clientSent: 10_000, clientReceived: 9_000, serverTime: 1 },
        { clientSent: 10_000, clientReceived: 10_020, serverTime: 7_010 },
      ]),
    ).toEqual({ rttMs: 20, offsetMs: -3000 });
    expect(estimateClockOffset([])).toBeNull();
  });
});

describe('tempo phase', () => {
  const tempo = { strokesPerMinute: 20, startsAt: 1_000_000 };

  it('is off for null or 0', () => {
    expect(tempoPhaseMs(null, 5)).toBeNull();
    expect(tempoPhaseMs({ strokesPerMinute: 0, startsAt: 0 }, 5)).toBeNull();
    expect(isTempoOn({ strokesPerMinute: 0, startsAt: 0 })).toBe(false);
    expect(isTempoOn(tempo)).toBe(true);
  });

  it('is the time since the latest beat', () => {
    expect(beatPeriodMs(20)).toBe(3000);
    expect(tempoPhaseMs(tempo, 1_000_000)).toBe(0);
    expect(tempoPhaseMs(tempo, 1_000_500)).toBe(500);
    expect(tempoPhaseMs(tempo, 1_003_000)).toBe(0);
    expect(tempoPhaseMs(tempo, 1_007_250)).toBe(1250);
    expect(beatNumber(tempo, 1_007_250)).toBe(2);
  });

  it('stays within the period before startsAt', () => {
    expect(tempoPhaseMs(tempo, 999_000)).toBe(2000);
    expect(beatNumber(tempo, 999_000)).toBe(-1);
  });

  it('is the same on two clients once their offsets are applied', () => {
    const serverNow = 1_234_567_890;
    const clientA = serverNow - 4000; // A's clock is 4 s behind, offset +4000
    const clientB = serverNow + 2500; // B's clock is 2.5 s ahead, offset -2500
    expect(tempoPhaseMs(tempo, clientA + 4000)).toBe(tempoPhaseMs(tempo, clientB - 2500));
  });

  it('swells smoothly and measures distance around the circle', () => {
    expect(pulseAmount(0, 3000)).toBeCloseTo(0);
    expect(pulseAmount(1500, 3000)).toBeCloseTo(1);
    expect(phaseDistance(2950, 20, 3000)).toBe(70);
    expect(phaseDistance(100, 300, 3000)).toBe(200);
  });
});

describe('the tempo box', () => {
  const range = { tempoMin: 10, tempoMax: 60 };

  it('never sends an empty or non-numeric entry, which Number() would read as 0 and stop the guide', () => {
    for (const raw of ['', '   ', 'abc', '2O', '-5', '20.5', '1e1']) {
      expect(readTempoEntry(raw, range), JSON.stringify(raw)).toEqual({ ok: false, problem: 'notNumber' });
      expect(readTempoEntry(raw, null), JSON.stringify(raw)).toEqual({ ok: false, problem: 'notNumber' });
    }
  });

  it('sends 0, which stops the guide, and whole numbers in the range', () => {
    expect(readTempoEntry('0', range)).toEqual({ ok: true, strokesPerMinute: 0 });
    expect(readTempoEntry(' 30 ', range)).toEqual({ ok: true, strokesPerMinute: 30 });
    expect(readTempoEntry('10', range)).toEqual({ ok: true, strokesPerMinute: 10 });
    expect(readTempoEntry('60', range)).toEqual({ ok: true, strokesPerMinute: 60 });
  });

  it("keeps to the server's range when it is known, and leaves it to the server when it is not", () => {
    expect(readTempoEntry('9', range)).toEqual({ ok: false, problem: 'outOfRange' });
    expect(readTempoEntry('61', range)).toEqual({ ok: false, problem: 'outOfRange' });
    expect(readTempoEntry('61', null)).toEqual({ ok: true, strokesPerMinute: 61 });
  });
});

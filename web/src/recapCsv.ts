// The recap as one CSV table a spreadsheet opens directly: a row per family, per step and
// check-in, and per chat message, told apart by the first column. Times are ISO 8601 in UTC.
import { toCsv, type CsvValue } from './csv';
import { t, tn, tOr, type Lang } from './i18n';
import type { ClassRecap } from './protocol';
import { stepText } from './routineText';
import { checkInLabel } from './wording';

export const RECAP_SECTIONS = ['family', 'checkin', 'chat'] as const;

function iso(ms: number | null | undefined): string {
  return typeof ms === 'number' && Number.isFinite(ms) ? new Date(ms).toISOString() : '';
}

export function minutes(ms: number): number {
  return Math.round(ms / 60000);
}

/** The recap's one line: how many families came, how long the class ran, and its status (already in words). */
export function recapSummary(families: number, spanMs: number, status: string, lang?: Lang): string {
  const length =
    spanMs > 0 && spanMs < 30_000
      ? t('recap.underMinute', undefined, lang)
      : tn('recap.minuteCount', minutes(spanMs), undefined, lang);
  const count = tn('recap.families', families, undefined, lang);
  return t('recap.summary', { families: count, minutes: length, status }, lang);
}

export function recapRows(recap: ClassRecap, lang?: Lang): CsvValue[][] {
  const names = new Map(recap.families.map((f) => [f.participantId, f.displayName]));
  const rows: CsvValue[][] = [
    [
      'section',
      t('recap.family', undefined, lang),
      t('recap.step', undefined, lang),
      t('recap.status', undefined, lang),
      t('recap.count', undefined, lang),
      t('recap.joined', undefined, lang),
      t('recap.minutes', undefined, lang),
      t('recap.state', undefined, lang),
      t('recap.time', undefined, lang),
      t('recap.text', undefined, lang),
    ],
  ];
  for (const f of recap.families) {
    rows.push([
      'family',
      f.displayName,
      '',
      '',
      '',
      iso(f.firstJoinedAt),
      minutes(f.onlineMs),
      tOr(`recap.state.${f.state}`, f.state, undefined, lang),
      iso(f.lastSeenAt),
      '',
    ]);
  }
  for (const step of recap.checkInsByStep) {
    const stepName = `${step.stepIndex + 1}. ${stepText({ area: step.area, name: step.stepName, instructions: '', cues: [] }, lang).name}`;
    for (const c of step.counts) {
      const who = c.participantIds.map((id) => names.get(id) ?? id).join('; ');
      rows.push(['checkin', who, stepName, checkInLabel(c.status, lang), c.count, '', '', '', '', '']);
    }
  }
  for (const m of recap.chat) {
    rows.push(['chat', m.displayName, '', '', '', '', '', '', iso(m.at), m.text]);
  }
  return rows;
}

export function recapCsv(recap: ClassRecap, lang?: Lang): string {
  return toCsv(recapRows(recap, lang));
}

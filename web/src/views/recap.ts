// /teach/{classId}/recap: the instructor looks back on a class. The key this browser keeps for
// the class goes in a request header; the page offers the same data as a CSV file.
import { ApiError, getRecap } from '../api';
import { formatTime, h, setChildren } from '../dom';
import { t, tOr } from '../i18n';
import type { ClassRecap } from '../protocol';
import { minutes, recapCsv, recapSummary } from '../recapCsv';
import { stepText } from '../routineText';
import * as storage from '../storage';
import { checkInLabel, statusLabel } from '../wording';
import { chatLineParts } from './chat';
import { endedNotice, topbar } from './common';
import { toStartLink } from './classPage';

export function renderRecap(root: HTMLElement, classId: string): () => void {
  document.title = t('recap.heading');
  const body = h('div', { class: 'stack' }, h('p', { class: 'muted' }, t('recap.loading')));
  const main = h('main', { class: 'recap', id: 'main' }, body);
  setChildren(root, topbar(), main);

  let alive = true;
  const key = storage.loadInstructorKey(classId);
  if (!key) {
    setChildren(main, endedNotice(t('teach.linkNeeded'), t('recap.forbidden'), toStartLink()));
    return () => {
      alive = false;
    };
  }

  getRecap(classId, key)
    .then((recap) => {
      if (alive) setChildren(main, ...recapSections(classId, recap));
    })
    .catch((error: unknown) => {
      if (alive) setChildren(main, endedNotice(t('recap.heading'), failureMessage(error), toStartLink()));
    });

  return () => {
    alive = false;
  };
}

function failureMessage(error: unknown): string {
  if (!(error instanceof ApiError)) return t('recap.failed');
  if (error.status === 403) return t('recap.forbidden');
  if (error.status === 404) return t('recap.notFound');
  if (error.status === 0) return error.message;
  return t('recap.failed');
}

function recapSections(classId: string, recap: ClassRecap): HTMLElement[] {
  document.title = t('recap.title', { title: recap.title });
  const span = recap.startedAt && recap.endedAt ? recap.endedAt - recap.startedAt : 0;
  const section = (id: string, heading: string, content: HTMLElement) =>
    h('section', { class: 'panel' }, h('h2', { id }, heading), content);
  return [
    h(
      'section',
      { class: 'panel recap-head' },
      h('h1', {}, t('recap.heading')),
      h('p', { class: 'lead', 'data-testid': 'recap-title' }, recap.title),
      h('p', { 'data-testid': 'recap-summary' }, recapSummary(recap.families.length, span, statusLabel(recap.status))),
      h(
        'div',
        { class: 'link-row' },
        downloadButton(recap),
        h('a', { class: 'btn', href: `/teach/${encodeURIComponent(classId)}` }, t('recap.back')),
      ),
    ),
    section('recap-families', t('recap.attendance'), familiesTable(recap)),
    section('recap-checkins', t('recap.byStep'), checkInsTable(recap)),
    section('recap-chat', t('recap.chat'), chatList(recap)),
  ];
}

/** The recap as a CSV file, with a byte order mark so spreadsheets read it as UTF-8. */
function downloadButton(recap: ClassRecap): HTMLElement {
  const onclick = () => {
    const blob = new Blob(['\ufeff', recapCsv(recap)], { type: 'text/csv;charset=utf-8' });
    const url = URL.createObjectURL(blob);
    const a = h('a', { href: url, download: `${safeFileName(recap.title)}-recap.csv` });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => {
      URL.revokeObjectURL(url);
    }, 10_000);
  };
  return h(
    'button',
    { type: 'button', class: 'btn btn-primary', 'data-testid': 'recap-csv', onclick },
    t('recap.download'),
  );
}

/** A scrollable table named by its section's heading. */
function table(labelledBy: string, headings: string[], rows: HTMLElement[]): HTMLElement {
  return h(
    'div',
    { class: 'table-wrap', role: 'region', 'aria-labelledby': labelledBy, tabindex: 0 },
    h(
      'table',
      { class: 'recap-table' },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          headings.map((text) => h('th', { scope: 'col' }, text)),
        ),
      ),
      h('tbody', {}, rows),
    ),
  );
}

function familiesTable(recap: ClassRecap): HTMLElement {
  if (!recap.families.length) return h('p', { class: 'muted' }, t('recap.noFamilies'));
  const headings = [t('recap.family'), t('recap.joined'), t('recap.minutes'), t('recap.state')];
  const rows = recap.families.map((f) =>
    h(
      'tr',
      { 'data-testid': 'recap-family', 'data-participant-id': f.participantId },
      h('th', { scope: 'row' }, f.displayName),
      h('td', {}, formatTime(f.firstJoinedAt)),
      h(
        'td',
        { 'data-testid': 'recap-minutes' },
        f.onlineMs > 0 && f.onlineMs < 30_000 ? '<1' : String(minutes(f.onlineMs)),
      ),
      h('td', {}, tOr(`recap.state.${f.state}`, f.state)),
    ),
  );
  return table('recap-families', headings, rows);
}

function checkInsTable(recap: ClassRecap): HTMLElement {
  if (!recap.checkInsByStep.length) return h('p', { class: 'muted' }, t('recap.noCheckIns'));
  const names = new Map(recap.families.map((f) => [f.participantId, f.displayName]));
  const headings = [t('recap.step'), t('recap.status'), t('recap.count'), t('recap.who')];
  const rows = recap.checkInsByStep.flatMap((step) => {
    const name = stepText({ area: step.area, name: step.stepName, instructions: '', cues: [] }).name;
    return step.counts.map((c) =>
      h(
        'tr',
        {
          'data-testid': 'recap-checkin',
          'data-step': step.stepIndex,
          'data-status': c.status,
          class: c.status === 'NeedHelp' || c.status === 'Fussy' ? 'is-attention' : null,
        },
        h('td', {}, `${step.stepIndex + 1}. ${name}`),
        h('td', {}, h('span', { class: `chip chip-${c.status}` }, checkInLabel(c.status))),
        h('td', {}, String(c.count)),
        h('td', { 'data-testid': 'recap-who' }, c.participantIds.map((id) => names.get(id) ?? id).join(', ')),
      ),
    );
  });
  return table('recap-checkins', headings, rows);
}

function chatList(recap: ClassRecap): HTMLElement {
  if (!recap.chat.length) return h('p', { class: 'muted' }, t('recap.noChat'));
  return h(
    'ol',
    { class: 'recap-chat' },
    recap.chat.map((m) => h('li', { 'data-testid': 'recap-chat-line' }, ...chatLineParts(m))),
  );
}

function safeFileName(title: string): string {
  return (
    title
      .normalize('NFKD')
      .replace(/[^\w-]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .toLowerCase() || 'class'
  );
}

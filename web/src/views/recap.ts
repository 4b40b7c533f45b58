// /teach/{classId}/recap: the instructor looks back on a class. The key this browser keeps for
// the class goes in a request header; the page offers the same data as a CSV file.
import { ApiError, getRecap } from '../api';
import { formatTime, h, setChildren } from '../dom';
import { t, tOr } from '../i18n';
import type { ClassRecap } from '../protocol';
import { minutes, recapCsv } from '../recapCsv';
import { stepText } from '../routineText';
import * as storage from '../storage';
import { checkInLabel, statusLabel } from '../wording';
import { endedNotice, topbar } from './common';

export function renderRecap(root: HTMLElement, classId: string): () => void {
  document.title = t('recap.heading');
  const body = h('div', { class: 'stack' }, h('p', { class: 'muted' }, t('recap.loading')));
  const main = h('main', { class: 'recap', id: 'main' }, body);
  setChildren(root, topbar(), main);

  let alive = true;
  const key = storage.loadInstructorKey(classId);
  if (!key) {
    setChildren(
      main,
      endedNotice(
        t('teach.linkNeeded'),
        t('recap.forbidden'),
        h('a', { class: 'btn btn-primary', href: '/' }, t('app.toStart')),
      ),
    );
    return () => {
      alive = false;
    };
  }

  getRecap(classId, key)
    .then((recap) => {
      if (alive) show(recap);
    })
    .catch((error: unknown) => {
      if (!alive) return;
      const message =
        error instanceof ApiError && error.status === 403
          ? t('recap.forbidden')
          : error instanceof ApiError && error.status === 404
            ? t('recap.notFound')
            : error instanceof ApiError && error.status === 0
              ? error.message
              : t('recap.failed');
      setChildren(
        main,
        endedNotice(t('recap.heading'), message, h('a', { class: 'btn btn-primary', href: '/' }, t('app.toStart'))),
      );
    });

  function show(recap: ClassRecap) {
    document.title = t('recap.title', { title: recap.title });
    const names = new Map(recap.families.map((f) => [f.participantId, f.displayName]));
    const span = recap.startedAt && recap.endedAt ? recap.endedAt - recap.startedAt : 0;
    const download = h(
      'button',
      {
        type: 'button',
        class: 'btn btn-primary',
        'data-testid': 'recap-csv',
        onclick: () => {
          const blob = new Blob(['\ufeff', recapCsv(recap)], { type: 'text/csv;charset=utf-8' });
          const url = URL.createObjectURL(blob);
          const a = h('a', { href: url, download: `${safeFileName(recap.title)}-recap.csv` });
          document.body.append(a);
          a.click();
          a.remove();
          setTimeout(() => {
            URL.revokeObjectURL(url);
          }, 10_000);
        },
      },
      t('recap.download'),
    );

    const families = recap.families.length
      ? h(
          'div',
          { class: 'table-wrap', role: 'region', 'aria-labelledby': 'recap-families', tabindex: 0 },
          h(
            'table',
            { class: 'recap-table' },
            h(
              'thead',
              {},
              h(
                'tr',
                {},
                h('th', { scope: 'col' }, t('recap.family')),
                h('th', { scope: 'col' }, t('recap.joined')),
                h('th', { scope: 'col' }, t('recap.minutes')),
                h('th', { scope: 'col' }, t('recap.state')),
              ),
            ),
            h(
              'tbody',
              {},
              recap.families.map((f) =>
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
              ),
            ),
          ),
        )
      : h('p', { class: 'muted' }, t('recap.noFamilies'));

    const checkIns = recap.checkInsByStep.length
      ? h(
          'div',
          { class: 'table-wrap', role: 'region', 'aria-labelledby': 'recap-checkins', tabindex: 0 },
          h(
            'table',
            { class: 'recap-table' },
            h(
              'thead',
              {},
              h(
                'tr',
                {},
                h('th', { scope: 'col' }, t('recap.step')),
                h('th', { scope: 'col' }, t('recap.status')),
                h('th', { scope: 'col' }, t('recap.count')),
                h('th', { scope: 'col' }, t('recap.who')),
              ),
            ),
            h(
              'tbody',
              {},
              recap.checkInsByStep.flatMap((step) =>
                step.counts.map((c) =>
                  h(
                    'tr',
                    {
                      'data-testid': 'recap-checkin',
                      'data-step': step.stepIndex,
                      'data-status': c.status,
                      class: c.status === 'NeedHelp' || c.status === 'Fussy' ? 'is-attention' : null,
                    },
                    h(
                      'td',
                      {},
                      `${step.stepIndex + 1}. ${stepText({ area: step.area, name: step.stepName, instructions: '', cues: [] }).name}`,
                    ),
                    h('td', {}, h('span', { class: `chip chip-${c.status}` }, checkInLabel(c.status))),
                    h('td', {}, String(c.count)),
                    h(
                      'td',
                      { 'data-testid': 'recap-who' },
                      c.participantIds.map((id) => names.get(id) ?? id).join(', '),
                    ),
                  ),
                ),
              ),
            ),
          ),
        )
      : h('p', { class: 'muted' }, t('recap.noCheckIns'));

    const chat = recap.chat.length
      ? h(
          'ol',
          { class: 'recap-chat' },
          recap.chat.map((m) =>
            h(
              'li',
              { 'data-testid': 'recap-chat-line' },
              h(
                'span',
                { class: 'chat-meta' },
                h('strong', { class: 'chat-name' }, m.displayName),
                ' ',
                h('time', { datetime: new Date(m.at).toISOString() }, formatTime(m.at)),
              ),
              h('span', { class: 'chat-text' }, m.text),
            ),
          ),
        )
      : h('p', { class: 'muted' }, t('recap.noChat'));

    setChildren(
      main,
      h(
        'section',
        { class: 'panel recap-head' },
        h('h1', {}, t('recap.heading')),
        h('p', { class: 'lead', 'data-testid': 'recap-title' }, recap.title),
        h(
          'p',
          { 'data-testid': 'recap-summary' },
          t('recap.summary', {
            families: recap.families.length,
            minutes: span > 0 && span < 30_000 ? '<1' : minutes(span),
            status: statusLabel(recap.status),
          }),
        ),
        h(
          'div',
          { class: 'link-row' },
          download,
          h('a', { class: 'btn', href: `/teach/${encodeURIComponent(classId)}` }, t('recap.back')),
        ),
      ),
      h('section', { class: 'panel' }, h('h2', { id: 'recap-families' }, t('recap.attendance')), families),
      h('section', { class: 'panel' }, h('h2', { id: 'recap-checkins' }, t('recap.byStep')), checkIns),
      h('section', { class: 'panel' }, h('h2', { id: 'recap-chat' }, t('recap.chat')), chat),
    );
  }

  return () => {
    alive = false;
  };
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

// /practice and /practice/{routineId}: a family goes through a routine on its own, at its own
// pace. Nothing is sent to the server but the routine catalog's GET; the service worker keeps
// that and the app, so the page opens and works without a connection once it has been visited.
import { ApiError, getRoutines } from '../api';
import { h, setChildren } from '../dom';
import { t } from '../i18n';
import type { Routine } from '../protocol';
import { navigate } from '../router';
import { routineName, stepText } from '../routineText';
import { createTempoGuide } from '../tempoGuide';
import { endedNotice, langPicker, topbar } from './common';
import { showStep, stepCard, stepParts } from './stepView';

const TEMPOS = [0, 12, 16, 20, 24, 30];

export function renderPractice(root: HTMLElement, routineId: string | null): () => void {
  document.title = t('practice.heading');
  const main = h('main', { class: 'practice', id: 'main' }, h('p', { class: 'muted' }, t('join.lookingUp')));
  setChildren(root, topbar(langPicker()), main);

  let alive = true;
  let dispose: () => void = () => undefined;
  getRoutines()
    .then((routines) => {
      if (!alive) return;
      const routine = routineId ? routines.find((r) => r.id === routineId) : null;
      if (routine) dispose = showRoutine(main, routine, routines);
      else showChooser(main, routines, !!routineId);
    })
    .catch((error: unknown) => {
      if (!alive) return;
      setChildren(
        main,
        endedNotice(
          t('practice.heading'),
          error instanceof ApiError && error.status === 0 ? t('practice.offline') : t('error.unknown'),
          h('a', { class: 'btn btn-primary', href: '/' }, t('app.toStart')),
        ),
      );
    });

  return () => {
    alive = false;
    dispose();
  };
}

function showChooser(main: HTMLElement, routines: Routine[], unknown: boolean) {
  setChildren(
    main,
    h(
      'section',
      { class: 'panel stack' },
      h('h1', {}, unknown ? t('practice.notFound') : t('practice.heading')),
      h('p', { class: 'lead' }, unknown ? t('practice.notFoundBody') : t('practice.intro')),
      h('h2', {}, t('practice.choose')),
      h(
        'ul',
        { class: 'routine-list' },
        routines.map((r) =>
          h(
            'li',
            {},
            h(
              'a',
              {
                class: 'btn routine-link',
                href: `/practice/${encodeURIComponent(r.id)}`,
                'data-testid': `practice-${r.id}`,
              },
              h('span', {}, routineName(r)),
              h('span', { class: 'muted small' }, t('practice.steps', { n: r.steps.length })),
            ),
          ),
        ),
      ),
    ),
  );
}

function showRoutine(main: HTMLElement, routine: Routine, routines: Routine[]): () => void {
  document.title = t('practice.title', { name: routineName(routine) });
  const total = routine.steps.length;
  const fromUrl = Number(new URLSearchParams(location.search).get('step'));
  let index = Number.isInteger(fromUrl) && fromUrl >= 1 && fromUrl <= total ? fromUrl - 1 : 0;

  const parts = stepParts('practice');
  parts.name.id = 'practice-step-name';
  const card = stepCard(parts, { 'aria-labelledby': 'practice-step-name' });
  const done = h('p', { class: 'state-note', hidden: true, 'data-testid': 'practice-done' }, t('practice.done'));
  const navButton = (testId: string, style: string, label: string, delta: number) =>
    largeButton(testId, style, label, () => {
      go(index + delta);
    });
  const prev = navButton('practice-prev', '', t('practice.previous'), -1);
  const next = navButton('practice-next', 'btn-primary ', t('practice.next'), 1);
  const jump = stepSelect(routine, (target) => {
    go(target);
  });
  const tempo = practiceTempo();

  setChildren(
    main,
    ...practiceLayout(routine, {
      main: [
        card,
        done,
        h('div', { class: 'practice-nav', role: 'group', 'aria-label': t('practice.jump') }, prev, next),
      ],
      side: [tempo.element, stepsAndRoutines(jump, routineChooser(routine, routines))],
    }),
  );

  function go(target: number) {
    if (target < 0 || target >= total) return;
    index = target;
    show();
    history.replaceState(history.state, '', `${location.pathname}?step=${index + 1}`);
    parts.name.focus({ preventScroll: true });
  }

  function show() {
    const step = routine.steps[index];
    showStep(parts, step, index, total);
    card.dataset.area = step.area;
    prev.disabled = index === 0;
    next.disabled = index === total - 1;
    done.hidden = index !== total - 1;
    jump.value = String(index);
  }

  show();
  return tempo.dispose;
}

/** A tempo guide of the family's own, started when a tempo is picked. */
function practiceTempo(): { element: HTMLElement; dispose: () => void } {
  const guide = createTempoGuide((clientNow) => clientNow ?? Date.now());
  const select = h(
    'select',
    {
      id: 'practice-tempo',
      class: 'input input-number',
      'data-testid': 'practice-tempo',
      onchange: () => {
        const spm = Number(select.value);
        guide.setTempo(spm > 0 ? { strokesPerMinute: spm, startsAt: Date.now() } : null);
      },
    },
    TEMPOS.map((n) => h('option', { value: n }, n ? t('practice.tempoValue', { n }) : t('practice.tempoOff'))),
  );
  const element = h(
    'section',
    { class: 'panel stack', 'aria-labelledby': 'practice-tempo-heading' },
    h('h2', { id: 'practice-tempo-heading' }, t('practice.tempo')),
    h('label', { for: 'practice-tempo', class: 'visually-hidden' }, t('practice.tempo')),
    select,
    guide.element,
  );
  return {
    element,
    dispose: () => {
      guide.dispose();
    },
  };
}

function routineChooser(routine: Routine, routines: Routine[]): HTMLSelectElement {
  const select = h(
    'select',
    {
      id: 'practice-routine',
      class: 'input',
      'data-testid': 'practice-routine',
      onchange: () => {
        navigate(`/practice/${encodeURIComponent(select.value)}`);
      },
    },
    routines.map((r) => h('option', { value: r.id, selected: r.id === routine.id }, routineName(r))),
  );
  return select;
}

function stepsAndRoutines(jump: HTMLSelectElement, other: HTMLSelectElement): HTMLElement {
  return h(
    'section',
    { class: 'panel stack', 'aria-labelledby': 'practice-steps-heading' },
    h('h2', { id: 'practice-steps-heading' }, t('practice.jump')),
    h('label', { for: 'practice-jump', class: 'visually-hidden' }, t('practice.jump')),
    jump,
    h('label', { for: 'practice-routine' }, t('practice.choose')),
    other,
  );
}

function practiceLayout(routine: Routine, columns: { main: HTMLElement[]; side: HTMLElement[] }): HTMLElement[] {
  return [
    h(
      'div',
      { class: 'practice-head' },
      h('h1', { 'data-testid': 'practice-title' }, routineName(routine)),
      h('p', { class: 'muted' }, t('practice.intro')),
    ),
    h(
      'div',
      { class: 'practice-grid' },
      h('div', { class: 'practice-main' }, columns.main),
      h('div', { class: 'practice-side' }, columns.side),
    ),
  ];
}

function stepSelect(routine: Routine, go: (index: number) => void): HTMLSelectElement {
  const select = h(
    'select',
    {
      id: 'practice-jump',
      class: 'input',
      'data-testid': 'practice-jump',
      onchange: () => {
        go(Number(select.value));
      },
    },
    routine.steps.map((st, i) => h('option', { value: i }, `${i + 1}. ${stepText(st).name}`)),
  );
  return select;
}

function largeButton(testId: string, style: string, label: string, onclick: () => void): HTMLButtonElement {
  return h('button', { type: 'button', class: `btn ${style}btn-large`, 'data-testid': testId, onclick }, label);
}

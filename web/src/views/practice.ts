// /practice and /practice/{routineId}: a family goes through a routine on its own, at its own
// pace. Nothing is sent to the server but the routine catalog's GET; the service worker keeps
// that and the app, so the page opens and works without a connection once it has been visited.
import { ApiError, getRoutines } from '../api';
import { drawDoll } from '../doll';
import { h, setChildren, setText } from '../dom';
import { t } from '../i18n';
import type { Routine } from '../protocol';
import { navigate } from '../router';
import { routineName, stepText } from '../routineText';
import { createTempoGuide } from '../tempoGuide';
import { areaLabel, repetitionsText } from '../wording';
import { endedNotice, langPicker, topbar } from './common';

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

  const counter = h('p', { class: 'step-counter', 'data-testid': 'step-counter' });
  const area = h('p', { class: 'step-area' });
  const name = h('h2', { class: 'step-name', 'data-testid': 'step-name', tabindex: -1 });
  const words = h('p', { class: 'step-instructions', 'data-testid': 'step-instructions' });
  const reps = h('p', { class: 'step-reps' });
  const dollBox = h('div', { class: 'doll-box' });
  const done = h('p', { class: 'state-note', hidden: true, 'data-testid': 'practice-done' }, t('practice.done'));
  const card = h(
    'section',
    { class: 'step', 'aria-labelledby': 'practice-step-name', 'data-testid': 'step' },
    h('div', { class: 'step-head' }, counter, area),
    name,
    h('div', { class: 'step-body' }, dollBox, h('div', { class: 'step-words' }, words, reps)),
  );
  name.id = 'practice-step-name';

  const prev = h(
    'button',
    {
      type: 'button',
      class: 'btn btn-large',
      'data-testid': 'practice-prev',
      onclick: (() => {
        go(index - 1);
      }) as EventListener,
    },
    t('practice.previous'),
  );
  const next = h(
    'button',
    {
      type: 'button',
      class: 'btn btn-primary btn-large',
      'data-testid': 'practice-next',
      onclick: (() => {
        go(index + 1);
      }) as EventListener,
    },
    t('practice.next'),
  );
  const jump = h(
    'select',
    {
      id: 'practice-jump',
      class: 'input',
      'data-testid': 'practice-jump',
      onchange: (() => {
        go(Number(jump.value));
      }) as EventListener,
    },
    routine.steps.map((st, i) => h('option', { value: i }, `${i + 1}. ${stepText(st).name}`)),
  );

  let startsAt = Date.now();
  const tempo = createTempoGuide((clientNow) => clientNow ?? Date.now());
  const tempoSelect = h(
    'select',
    {
      id: 'practice-tempo',
      class: 'input input-number',
      'data-testid': 'practice-tempo',
      onchange: (() => {
        const spm = Number(tempoSelect.value);
        startsAt = Date.now();
        tempo.setTempo(spm > 0 ? { strokesPerMinute: spm, startsAt } : null);
      }) as EventListener,
    },
    TEMPOS.map((n) => h('option', { value: n }, n ? t('practice.tempoValue', { n }) : t('practice.tempoOff'))),
  );

  const other = h(
    'select',
    {
      id: 'practice-routine',
      class: 'input',
      'data-testid': 'practice-routine',
      onchange: (() => {
        navigate(`/practice/${encodeURIComponent(other.value)}`);
      }) as EventListener,
    },
    routines.map((r) => h('option', { value: r.id, selected: r.id === routine.id }, routineName(r))),
  );

  setChildren(
    main,
    h(
      'div',
      { class: 'practice-head' },
      h('h1', { 'data-testid': 'practice-title' }, routineName(routine)),
      h('p', { class: 'muted' }, t('practice.intro')),
    ),
    h(
      'div',
      { class: 'practice-grid' },
      h(
        'div',
        { class: 'practice-main' },
        card,
        done,
        h('div', { class: 'practice-nav', role: 'group', 'aria-label': t('practice.jump') }, prev, next),
      ),
      h(
        'div',
        { class: 'practice-side' },
        h(
          'section',
          { class: 'panel stack', 'aria-labelledby': 'practice-tempo-heading' },
          h('h2', { id: 'practice-tempo-heading' }, t('practice.tempo')),
          h('label', { for: 'practice-tempo', class: 'visually-hidden' }, t('practice.tempo')),
          tempoSelect,
          tempo.element,
        ),
        h(
          'section',
          { class: 'panel stack', 'aria-labelledby': 'practice-steps-heading' },
          h('h2', { id: 'practice-steps-heading' }, t('practice.jump')),
          h('label', { for: 'practice-jump', class: 'visually-hidden' }, t('practice.jump')),
          jump,
          h('label', { for: 'practice-routine' }, t('practice.choose')),
          other,
        ),
      ),
    ),
  );

  function go(target: number) {
    if (target < 0 || target >= total) return;
    index = target;
    show();
    history.replaceState(history.state, '', `${location.pathname}?step=${index + 1}`);
    name.focus({ preventScroll: true });
  }

  function show() {
    const step = routine.steps[index];
    const text = stepText(step);
    setText(counter, t('parent.stepOf', { n: index + 1, total }));
    setText(area, areaLabel(step.area));
    card.dataset.area = step.area;
    setText(name, text.name);
    setText(words, text.instructions);
    setText(reps, repetitionsText(step.repetitions));
    setChildren(dollBox, drawDoll({ area: step.area, pose: step.dollPose, label: text.name }));
    prev.disabled = index === 0;
    next.disabled = index === total - 1;
    done.hidden = index !== total - 1;
    jump.value = String(index);
  }

  show();
  return () => {
    tempo.dispose();
  };
}

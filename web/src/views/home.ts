// Home: start a class (instructor) or join one with a code (family).
import { ApiError, createClass, getRoutines } from '../api';
import { h, setChildren, setText } from '../dom';
import { serverDetail } from '../errors';
import { formatJoinCode, normalizeJoinCode } from '../joincode';
import { limitLength } from '../limits';
import type { CreateClassResponse } from '../protocol';
import { navigate } from '../router';
import { routineOptionLabel } from '../routineText';
import * as storage from '../storage';
import { t } from '../i18n';
import { copyButton, langPicker, topbar } from './common';
import { field, familyNameInput, formError, stackForm, submitButton } from './forms';
import { joinFamily } from './join';

export function renderHome(root: HTMLElement): () => void {
  document.title = t('home.title');
  const join = joinForm();
  const { createForm, created, routineSelect } = createPanel();

  let alive = true;
  getRoutines()
    .then((routines) => {
      if (!alive) return;
      setChildren(
        routineSelect,
        routines.map((r) => h('option', { value: r.id }, routineOptionLabel(r))),
      );
    })
    .catch(() => {
      // The server picks the full-body routine when none is sent.
    });

  setChildren(
    root,
    topbar(langPicker()),
    h(
      'main',
      { class: 'home', id: 'main' },
      h(
        'section',
        { class: 'hero' },
        h('h1', {}, t('home.hero')),
        h('p', { class: 'lead' }, t('home.lead')),
        h('p', {}, h('a', { href: '/practice', 'data-testid': 'practice-link' }, t('home.practiceLink'))),
      ),
      h(
        'div',
        { class: 'home-grid' },
        h('section', { class: 'panel' }, h('h2', { id: 'join-heading' }, t('home.joinHeading')), join),
        h(
          'section',
          { class: 'panel' },
          h('h2', { id: 'create-heading' }, t('home.teachHeading')),
          createForm,
          created,
        ),
      ),
    ),
  );

  return () => {
    alive = false;
  };
}

/** A family joins with the code the instructor shared and a name. */
function joinForm(): HTMLFormElement {
  const codeInput = h('input', {
    id: 'join-code',
    name: 'code',
    class: 'input input-code',
    required: true,
    autocomplete: 'off',
    autocapitalize: 'characters',
    spellcheck: 'false',
    maxlength: 7,
    placeholder: 'KQ7-M4P',
    'data-testid': 'join-code',
  });
  const nameInput = familyNameInput('join-name', 'input', 'name');
  const joinError = formError('join-error');
  const joinButton = submitButton(t('home.joinButton'));
  const submit = async () => {
    const code = normalizeJoinCode(codeInput.value);
    if (!code) {
      setText(joinError, t('home.codeHint'));
      codeInput.focus();
      return;
    }
    joinButton.disabled = true;
    setText(joinError, '');
    const error = await joinFamily(code, nameInput.value);
    joinButton.disabled = false;
    if (error) setText(joinError, error);
  };
  const joinForm = stackForm(
    'join-heading',
    submit,
    field(t('home.joinCode'), codeInput),
    field(t('home.familyName'), nameInput),
    joinButton,
    joinError,
  );
  codeInput.addEventListener('blur', () => {
    const code = normalizeJoinCode(codeInput.value);
    if (code) codeInput.value = formatJoinCode(code);
  });

  return joinForm;
}

function createInputs() {
  const titleInput = h('input', {
    id: 'create-title',
    class: 'input',
    required: true,
    value: t('home.defaultTitle'),
    'data-testid': 'create-title',
  });
  const instructorInput = h('input', {
    id: 'create-instructor',
    class: 'input',
    required: true,
    autocomplete: 'name',
    'data-testid': 'create-instructor',
  });
  limitLength(titleInput, (limits) => limits.titleMaxLength);
  limitLength(instructorInput, (limits) => limits.displayNameMaxLength);
  const routineSelect = h(
    'select',
    { id: 'create-routine', class: 'input', 'data-testid': 'create-routine' },
    h('option', { value: '' }, t('home.routineDefault')),
  );
  return { titleInput, instructorInput, routineSelect };
}

/** The instructor names the class and picks a routine; the links to share appear in its place. */
function createPanel() {
  const { titleInput, instructorInput, routineSelect } = createInputs();
  const createError = formError();
  const createButton = submitButton(t('home.createButton'), 'create-submit');
  const created = h('div', { class: 'created', 'aria-live': 'polite' });
  const submit = async () => {
    createButton.disabled = true;
    setText(createError, '');
    try {
      const result = await createClass({
        title: titleInput.value.trim(),
        instructorName: instructorInput.value.trim(),
        routineId: routineSelect.value || null,
      });
      storage.saveInstructorKey(result.classId, result.instructorKey);
      storage.saveJoinCode(result.classId, result.joinCode);
      createForm.hidden = true;
      showCreated(created, result);
    } catch (error) {
      const detail = error instanceof ApiError ? serverDetail(error.detail) : '';
      setText(createError, detail ? t('home.createFailedDetail', { detail }) : t('home.createFailed'));
    } finally {
      createButton.disabled = false;
    }
  };
  const createForm = stackForm(
    'create-heading',
    submit,
    field(t('home.classTitle'), titleInput),
    field(t('home.instructorName'), instructorInput),
    field(t('home.routine'), routineSelect),
    createButton,
    createError,
  );

  return { createForm, created, routineSelect };
}

function showCreated(created: HTMLElement, result: CreateClassResponse): void {
  const teachPath = new URL(result.instructorUrl, location.origin);
  setChildren(
    created,
    h('h3', {}, t('home.ready')),
    h('p', { class: 'muted' }, t('home.share')),
    h('p', { class: 'join-code-big', 'data-testid': 'created-join-code' }, formatJoinCode(result.joinCode)),
    h(
      'p',
      { class: 'link-row' },
      h('a', { href: result.parentUrl, 'data-testid': 'created-parent-url' }, result.parentUrl),
      ' ',
      copyButton(t('home.copyFamily'), () => result.parentUrl),
    ),
    h('p', { class: 'muted small' }, t('home.keyNote')),
    h(
      'p',
      { class: 'link-row' },
      h(
        'a',
        { href: result.instructorUrl, class: 'break', 'data-testid': 'created-instructor-url' },
        result.instructorUrl,
      ),
      ' ',
      copyButton(t('home.copyConsole'), () => result.instructorUrl),
    ),
    h(
      'button',
      {
        type: 'button',
        class: 'btn btn-primary btn-large',
        'data-testid': 'open-console',
        onclick: () => {
          navigate(teachPath.pathname + teachPath.hash);
        },
      },
      t('home.openConsole'),
    ),
  );
}

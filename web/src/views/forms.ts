// Pieces of the app's stacked forms (start a class, join one): labelled fields, the family-name
// input, the submit button, the line that says what went wrong, and the form itself.
import { h } from '../dom';
import { t } from '../i18n';
import { limitLength } from '../limits';

/** A control with its visible label before it, tied to it by id. */
export function field(label: string, control: HTMLInputElement | HTMLSelectElement): HTMLElement[] {
  return [h('label', { for: control.id }, label), control];
}

/** A family's name; the server's length limit applies once it is known. */
export function familyNameInput(id: string, className: string, name?: string): HTMLInputElement {
  const input = h('input', {
    id,
    name,
    class: className,
    required: true,
    autocomplete: 'nickname',
    placeholder: t('home.namePlaceholder'),
    'data-testid': id,
  });
  limitLength(input, (limits) => limits.displayNameMaxLength);
  return input;
}

export function submitButton(label: string, testId?: string): HTMLButtonElement {
  return h('button', { type: 'submit', class: 'btn btn-primary btn-large', 'data-testid': testId }, label);
}

/** Where a form says what went wrong; read out as soon as it is set. */
export function formError(testId?: string): HTMLParagraphElement {
  return h('p', { class: 'form-error', role: 'alert', 'data-testid': testId });
}

/** A stacked form that runs `submit` in place of reloading the page. */
export function stackForm(
  labelledBy: string | undefined,
  submit: () => Promise<void>,
  ...children: (HTMLElement | HTMLElement[])[]
): HTMLFormElement {
  const onsubmit = async (e: Event) => {
    e.preventDefault();
    await submit();
  };
  return h('form', { class: 'stack', 'aria-labelledby': labelledBy, onsubmit }, ...children);
}

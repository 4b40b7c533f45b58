// A tiny element builder. Strings always become text nodes, never markup, so nothing a
// participant types can turn into HTML.
import { lang, locale, type Lang } from './i18n';

type Child = Node | string | number | null | undefined | false;
/** An event handler; a promise it returns is not awaited, so an async handler shows its own errors. */
type Handler = (event: Event) => unknown;
type Attrs = Record<string, string | number | boolean | null | undefined | Handler>;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: (Child | Child[])[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') {
      el.addEventListener(name.slice(2).toLowerCase(), (event) => {
        void value(event);
      });
    } else if (name === 'class') {
      el.className = String(value);
    } else if (value === true) {
      el.setAttribute(name, '');
    } else {
      el.setAttribute(name, String(value));
    }
  }
  append(el, children);
  return el;
}

export function append(parent: Node, children: (Child | Child[])[]): void {
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(
      typeof child === 'string' || typeof child === 'number' ? document.createTextNode(String(child)) : child,
    );
  }
}

/** Replaces an element's children. */
export function setChildren(parent: Element, ...children: (Child | Child[])[]): void {
  parent.replaceChildren();
  append(parent, children);
}

/** Sets text only when it changed, so screen readers and CSS transitions are not retriggered. */
export function setText(el: Element, text: string): void {
  if (el.textContent !== text) el.textContent = text;
}

export function clearFragmentFromUrl(): void {
  history.replaceState(history.state, '', location.pathname + location.search);
}

/** Reads `#a=1&b=2` style fragments. */
export function fragmentParams(): URLSearchParams {
  return new URLSearchParams(location.hash.replace(/^#/, ''));
}

export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

/** A clock time in the page's language (not the browser's), so a Spanish page never reads "08:16 AM". */
export function formatTime(ms: number, l: Lang = lang()): string {
  try {
    return new Date(ms).toLocaleTimeString(locale(l), { hour: '2-digit', minute: '2-digit' });
  } catch {
    return '';
  }
}

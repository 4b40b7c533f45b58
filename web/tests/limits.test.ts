import { afterEach, describe, expect, it, vi } from 'vitest';
import { getLimits } from '../src/api';
import { characterCount, createLimitsSource, cutToCharacters, limitLength, tooLong } from '../src/limits';
import type { ClientLimits } from '../src/protocol';

/** A text input as far as the limits go: its value, its own maxLength, and input events. */
class FakeInput {
  maxLength = -1;
  value = '';
  private readonly listeners = new Map<string, ((event: Event) => void)[]>();
  addEventListener(type: string, listener: (event: Event) => void): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }
  type(text: string, isComposing = false): void {
    this.value = text;
    for (const listener of this.listeners.get('input') ?? []) listener({ isComposing } as unknown as Event);
  }
  endComposition(): void {
    for (const listener of this.listeners.get('compositionend') ?? []) listener({} as Event);
  }
}

const served: ClientLimits = {
  titleMaxLength: 30,
  displayNameMaxLength: 12,
  chatMaxLength: 77,
  customCueMaxLength: 33,
  repeatMaxCount: 9,
  tempoMin: 15,
  tempoMax: 45,
};

describe('limits from the server', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('reads GET /api/limits', async () => {
    const fetch = vi.fn(() => Promise.resolve(new Response(JSON.stringify(served), { status: 200 })));
    vi.stubGlobal('fetch', fetch);

    expect(await getLimits()).toEqual(served);
    expect(fetch).toHaveBeenCalledWith('/api/limits', expect.anything());
  });

  it('fetches once and gives inputs the served lengths, also to inputs made before they arrived', async () => {
    const fetchLimits = vi.fn(() => Promise.resolve(served));
    const source = createLimitsSource(fetchLimits);
    const early = new FakeInput();
    limitLength(early, (l) => l.chatMaxLength, source);
    early.type('x'.repeat(100));
    expect(early.value).toHaveLength(100);
    expect(source.current()).toBeNull();

    await source.load();
    await source.load();
    const late = new FakeInput();
    limitLength(late, (l) => l.displayNameMaxLength, source);
    late.type('The Okafor-Nwosu family');

    expect(fetchLimits).toHaveBeenCalledTimes(1);
    expect(source.current()).toEqual(served);
    // What was typed before the limits came is cut once they do.
    expect(early.value).toHaveLength(77);
    expect(late.value).toBe('The Okafor-N');
  });

  it('leaves inputs unlimited when the server cannot be asked, and asks again next time', async () => {
    const fetchLimits = vi
      .fn<() => Promise<ClientLimits>>()
      .mockRejectedValueOnce(new Error('offline'))
      .mockResolvedValueOnce(served);
    const source = createLimitsSource(fetchLimits);
    const input = new FakeInput();
    limitLength(input, (l) => l.customCueMaxLength, source);

    expect(await source.load()).toBeNull();
    expect(source.current()).toBeNull();
    expect(input.maxLength).toBe(-1);

    expect(await source.load()).toEqual(served);
    input.type('y'.repeat(40));
    expect(input.value).toHaveLength(33);
  });
});

describe('lengths counted as the server counts them', () => {
  const family = '\u{1F469}\u{200D}\u{1F469}\u{200D}\u{1F467}';

  it('count what a reader sees as one character once', () => {
    expect(characterCount('Zoe\u0301')).toBe(3);
    expect(characterCount(`${family} & Ana`)).toBe(7);
    expect(characterCount('  padded  ')).toBe(6);
    expect(tooLong('a'.repeat(40), 40)).toBe(false);
    expect(tooLong(`${'a'.repeat(38)}${family}${family}`, 40)).toBe(false);
    expect(tooLong('a'.repeat(41), 40)).toBe(true);
    expect(tooLong('anything', undefined)).toBe(false);
  });

  it('give a name with emoji its full length, and cut only past it', async () => {
    const source = createLimitsSource(() => Promise.resolve(served));
    await source.load();
    const input = new FakeInput();
    limitLength(input, (l) => l.displayNameMaxLength, source);

    input.type(`${family}${family} Okafors`);
    expect(input.value).toBe(`${family}${family} Okafors`);
    expect(input.maxLength).toBeGreaterThan(input.value.length);

    input.type(`${family} The Okafor family`);
    expect(input.value).toBe(`${family} The Okafor`);
    expect(characterCount(input.value)).toBe(12);
  });

  it('leave a composition alone until it ends', async () => {
    const source = createLimitsSource(() => Promise.resolve(served));
    await source.load();
    const input = new FakeInput();
    limitLength(input, (l) => l.displayNameMaxLength, source);

    input.type('a'.repeat(15), true);
    expect(input.value).toHaveLength(15);
    input.endComposition();
    expect(input.value).toHaveLength(12);
    expect(cutToCharacters('short', 12)).toBe('short');
  });
});

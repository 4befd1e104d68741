import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** What the live region should say, and how urgently. */
export interface Announcement {
  /** A new key (another state, another notice) is said at once. */
  key: string;
  text: string;
  /** `throttle`: progress, at most every PROGRESS_MS. `debounce`: said once it stops changing (filter counts). */
  pace?: 'throttle' | 'debounce';
}

/** Progress is announced at most this often (a load used to announce 67 times in 11 s). */
export const PROGRESS_MS = 5000;
const DEBOUNCE_MS = 800;

/**
 * The polite live region, written after each render (outside the template, so a re-render never
 * re-announces): state changes at once, progress at most every few seconds, counts when they settle.
 */
export class Announcer implements ReactiveController {
  #said = '';
  #key = '';
  #at = 0;
  #pending = '';
  #pendingAt = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;
  readonly #host: ReactiveControllerHost & HTMLElement;
  readonly #source: () => Announcement;

  constructor(host: ReactiveControllerHost & HTMLElement, source: () => Announcement) {
    this.#host = host;
    this.#source = source;
    host.addController(this);
  }

  hostUpdated(): void {
    const next = this.#source();
    clearTimeout(this.#timer);
    if (next.text === this.#said) return void (this.#key = next.key);
    let wait = 0;
    if (next.pace === 'debounce') {
      if (next.text !== this.#pending) [this.#pending, this.#pendingAt] = [next.text, Date.now()];
      wait = this.#pendingAt + DEBOUNCE_MS - Date.now();
    } else if (next.pace === 'throttle' && next.key === this.#key) wait = this.#at + PROGRESS_MS - Date.now();
    if (wait > 0) this.#timer = setTimeout(() => this.hostUpdated(), wait);
    else this.#say(next);
  }

  hostDisconnected(): void {
    clearTimeout(this.#timer);
  }

  #say({ key, text }: Announcement): void {
    const region = this.#host.shadowRoot?.querySelector('[part=live]');
    if (!region) return;
    this.#said = text;
    this.#key = key;
    this.#at = Date.now();
    region.textContent = text;
  }
}

import { render, type TemplateResult } from 'lit/html.js';

/**
 * The part of LitElement this widget uses, on lit-html alone: declared properties with attributes,
 * batched updates (`willUpdate` → `render` → `updated`, `updateComplete`), reactive controllers and
 * constructable stylesheets. LitElement's generic machinery (decorators support, type converters,
 * `hasChanged`, dev-mode warnings, style fallbacks for browsers without adoptedStyleSheets) weighs
 * about 2.5 kB gzip, a fifth of the size budget; everything it would add is unused here.
 */

export interface PropertyOptions {
  /** The observed attribute; `false` for a property only. Default: the property name in lower case. */
  attribute?: string | false;
  /** Attribute text to property value. Default: the text itself (`null` when removed). */
  parse?: (value: string | null) => unknown;
  /** Write the property back to its attribute (for `:host([...])` styling). */
  reflect?: boolean;
}

/**
 * The part of Lit's ReactiveController contract the widget's controllers use (they are created with
 * the element, so `hostConnected` is not needed), so they read as they would in any Lit code base.
 */
export interface ReactiveController {
  hostDisconnected?(): void;
  hostUpdated?(): void;
}

export interface ReactiveHost extends HTMLElement {
  addController(controller: ReactiveController): void;
  requestUpdate(): void;
}

/** Property names that changed in this update, with their previous values. */
export type PropertyValues = Map<string, unknown>;

/** A `css` tag so stylesheets read (and are minified at build time) like Lit's; it only joins text. */
export const css = (strings: TemplateStringsArray, ...values: unknown[]): string => String.raw(strings, ...values);

const sheets = new WeakMap<Function, CSSStyleSheet>();
/** Attribute name → property name, per class. */
const attributeMaps = new WeakMap<Function, Map<string, string>>();

export abstract class ReactiveBase extends HTMLElement implements ReactiveHost {
  declare static properties: Record<string, PropertyOptions>;
  declare static styles: string;

  /** Builds the accessors once per class (custom element definition reads this first). */
  static get observedAttributes(): string[] {
    let attributes = attributeMaps.get(this);
    if (!attributes) {
      attributeMaps.set(this, (attributes = new Map()));
      for (const [name, options] of Object.entries(this.properties)) {
        if (options.attribute !== false) attributes.set(options.attribute ?? name.toLowerCase(), name);
        Object.defineProperty(this.prototype, name, {
          get(this: ReactiveBase) {
            return this.#values.get(name);
          },
          set(this: ReactiveBase, value: unknown) {
            const old = this.#values.get(name);
            if (old === value) return;
            this.#values.set(name, value);
            this.requestUpdate(name, old);
          },
          configurable: true,
        });
      }
    }
    return [...attributes.keys()];
  }

  /** Resolves after the pending update has rendered; `true` when no further update is pending. */
  declare updateComplete: Promise<boolean>;

  #values = new Map<string, unknown>();
  #changed: PropertyValues = new Map();
  #pending = false;
  #controllers = new Set<ReactiveController>();
  /** Set before the class was defined (a script tag loading late): re-applied through the accessors. */
  #early = new Map<string, unknown>();
  #connect!: () => void;
  #connected = new Promise<void>((resolve) => (this.#connect = resolve));

  constructor() {
    super();
    for (const name of Object.keys((this.constructor as typeof ReactiveBase).properties)) {
      if (Object.hasOwn(this, name)) {
        this.#early.set(name, this[name as keyof this]);
        delete this[name as keyof this];
      }
    }
    this.requestUpdate();
  }

  addController(controller: ReactiveController): void {
    this.#controllers.add(controller);
  }

  connectedCallback(): void {
    if (!this.shadowRoot) {
      const ctor = this.constructor as typeof ReactiveBase;
      let sheet = sheets.get(ctor);
      if (!sheet) sheets.set(ctor, (sheet = new CSSStyleSheet())), sheet.replaceSync(ctor.styles);
      this.attachShadow({ mode: 'open' }).adoptedStyleSheets = [sheet];
      for (const [name, value] of this.#early) (this as Record<string, unknown>)[name] = value;
    }
    this.#connect();
  }

  disconnectedCallback(): void {
    for (const controller of this.#controllers) controller.hostDisconnected?.();
  }

  attributeChangedCallback(attribute: string, old: string | null, value: string | null): void {
    const name = attributeMaps.get(this.constructor)?.get(attribute);
    // A reflected attribute comes back here with the property's own value: the setter ignores it.
    if (!name || old === value) return;
    const parse = (this.constructor as typeof ReactiveBase).properties[name]?.parse;
    (this as Record<string, unknown>)[name] = parse ? parse(value) : value;
  }

  /** Schedules one render for everything that changes in this task. */
  requestUpdate(name?: string, old?: unknown): void {
    if (name !== undefined && !this.#changed.has(name)) this.#changed.set(name, old);
    if (this.#pending) return;
    this.#pending = true;
    this.updateComplete = this.#connected.then(() => {
      this.#update();
      return !this.#pending;
    });
  }

  #update(): void {
    const changed = this.#changed;
    // Changes made in willUpdate join this update, as in Lit.
    this.willUpdate(changed);
    const ctor = this.constructor as typeof ReactiveBase;
    for (const name of changed.keys()) {
      const options = ctor.properties[name];
      if (!options?.reflect) continue;
      const attribute = options.attribute || name.toLowerCase();
      const value = (this as Record<string, unknown>)[name];
      if (value == null) this.removeAttribute(attribute);
      else this.setAttribute(attribute, String(value));
    }
    render(this.render(), this.shadowRoot!, { host: this });
    this.#changed = new Map();
    this.#pending = false;
    for (const controller of this.#controllers) controller.hostUpdated?.();
    this.updated(changed);
  }

  protected willUpdate(_changed: PropertyValues): void {}

  protected updated(_changed: PropertyValues): void {}

  protected abstract render(): TemplateResult;
}

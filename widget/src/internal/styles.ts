import { unsafeCSS } from 'lit';

/** Fixed row height: the windowed list computes positions from it, so CSS and JS must agree. */
export const ROW_HEIGHT = 36;

/**
 * Plain text, handed to Lit as `unsafeCSS` (safe here: the text is ours and constant). Lit's `css` tag
 * would add a function that only checks its interpolations; the name keeps the template minifier
 * minifying this template as CSS (it minifies any tag named `*css*`).
 */
const css = String.raw;

/**
 * Colours come from `light-dark()`, so one declaration serves both schemes; `color-scheme` picks the
 * branch (the page's preference by default, or the `theme` attribute). Every `--ic-*` property can be
 * set by the host; the private `--_*` ones only resolve defaults. Default pairs pass WCAG AA contrast.
 * Narrow containers (not just narrow screens: the widget may sit in a sidebar) are handled by
 * container queries: an item's name keeps its room, its date and type give way.
 */
export const styles = unsafeCSS(css`
  :host {
    --_bg: var(--ic-bg, light-dark(#fff, #1d1e21));
    --_fg: var(--ic-fg, light-dark(#1b1c1f, #e8e8ec));
    --_muted: var(--ic-muted, light-dark(#555a63, #b2b5bd));
    --_border: var(--ic-border, light-dark(#767b85, #8b909a));
    --_accent: var(--ic-accent, light-dark(#0b57d0, #a8c7fa));
    --_on-accent: var(--ic-on-accent, light-dark(#fff, #062e6f));
    --_danger: var(--ic-danger, light-dark(#b3261e, #ffb4ab));
    --_focus: var(--ic-focus, var(--_accent));
    --_radius: var(--ic-radius, 6px);
    --_gap: var(--ic-gap, 0.75rem);
    display: block;
    container-type: inline-size;
    color-scheme: light dark;
    font: var(--ic-font, 400 0.9375rem/1.4 system-ui, sans-serif);
    color: var(--_fg);
  }
  :host([theme='light']) {
    color-scheme: light;
  }
  :host([theme='dark']) {
    color-scheme: dark;
  }
  :host([hidden]) {
    display: none;
  }
  /* Shared first: the framed boxes, the bold labels, the muted text, what has no margin. */
  [part='base'],
  input,
  button,
  [part='provider'],
  [part='account'],
  [part='tree'] {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  label[part='field'],
  button,
  legend,
  .name {
    font-weight: 600;
  }
  .about,
  dt,
  [part='status'],
  .meta,
  [part='count'],
  [part='note'],
  [part='empty'] {
    color: var(--_muted);
  }
  p,
  dl,
  dd,
  fieldset {
    margin: 0;
  }
  [part='base'] {
    display: grid;
    padding: var(--_gap);
    background: var(--_bg);
  }
  [part='base'],
  .row {
    gap: var(--_gap);
  }
  .row {
    display: flex;
    flex-wrap: wrap;
    align-items: end;
  }
  label[part='field'] {
    display: grid;
    gap: 0.25rem;
    flex: 1 1 10rem;
  }
  input,
  button {
    font: inherit;
    color: inherit;
    min-height: 2.25rem;
  }
  input {
    background: var(--_bg);
    padding: 0 0.5rem;
    font-weight: 400;
    min-width: 0;
  }
  button {
    cursor: pointer;
    border-color: var(--_accent);
    background: var(--_bg);
    color: var(--_accent);
    padding: 0 1rem;
  }
  button.primary {
    background: var(--_accent);
    color: var(--_on-accent);
  }
  button:disabled {
    cursor: not-allowed;
    opacity: 0.6;
  }
  :focus-visible,
  [part='provider']:has(:focus-visible) {
    outline: 2px solid var(--_focus);
    outline-offset: 2px;
  }
  fieldset {
    border: 0;
    padding: 0;
    display: grid;
    gap: 0.5rem;
    grid-template-columns: repeat(auto-fill, minmax(13rem, 1fr));
    min-width: 0;
  }
  legend {
    padding: 0 0 0.5rem;
  }
  [part='provider'],
  [part='account'] {
    padding: 0.625rem;
  }
  [part='provider'] {
    position: relative;
    display: grid;
    grid-template-columns: 2rem 1fr;
    align-content: start;
    gap: 0.25rem 0.625rem;
    cursor: pointer;
  }
  [part='provider']:has(:checked) {
    border-color: var(--_accent);
    box-shadow: inset 0 0 0 1px var(--_accent);
  }
  [part='provider'] input {
    position: absolute;
    opacity: 0;
    inset: 0;
    margin: 0;
    cursor: inherit;
  }
  .logo {
    grid-row: span 2;
    width: 2rem;
    height: 2rem;
    border-radius: 50%;
    color: #fff;
    display: grid;
    place-items: center;
    font-weight: 700;
    box-shadow: 0 0 0 1px var(--_border);
  }
  .about,
  .meta {
    font-size: 0.85em;
    min-width: 0;
  }
  .about,
  dl {
    overflow-wrap: anywhere;
  }
  [part='badge'] {
    display: inline-block;
    margin-top: 0.25rem;
    padding: 0 0.375rem;
    border: 1px solid;
    border-radius: 1em;
  }
  dl {
    display: grid;
    grid-template-columns: auto 1fr;
    gap: 0 0.75rem;
  }
  dd.name {
    grid-column: 1 / -1;
  }
  [part='status'] {
    min-height: 1.4em;
  }
  [part='error'] {
    color: var(--_danger);
    border-left: 4px solid;
    padding-left: 0.5rem;
  }
  [part='error']:empty {
    display: none;
  }
  .vh {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
  progress {
    width: 100%;
    accent-color: var(--_accent);
  }
  [part='tree'] {
    position: relative;
    height: var(--ic-list-height, 20rem);
    overflow: auto;
    container-type: inline-size;
  }
  [part='item'] {
    position: absolute;
    inset-inline: 0;
    height: ${ROW_HEIGHT}px;
    display: flex;
    gap: 0.5rem;
    align-items: center;
    padding-right: 0.5rem;
    white-space: nowrap;
    cursor: pointer;
  }
  [part='item']:focus {
    outline-offset: -2px;
  }
  [part='item'][tabindex='0'] {
    background: color-mix(in srgb, var(--_accent) 12%, transparent);
  }
  .twisty,
  [part='item__open'] {
    flex: none;
  }
  .twisty {
    width: 1.25rem;
    text-align: center;
  }
  [part='item__title'],
  .meta {
    overflow: hidden;
    text-overflow: ellipsis;
  }
  [part='item__title'] {
    flex: 1 1 auto;
    min-width: 6rem;
  }
  .meta {
    flex: 0 1 auto;
  }
  mark {
    background: color-mix(in srgb, var(--_accent) 30%, transparent);
    color: inherit;
  }
  [part='item__open'] {
    color: var(--_accent);
    text-decoration: none;
    padding: 0 0.25rem;
  }
  @container (max-width: 32rem) {
    [part='item__date'],
    [part='item__path'] {
      display: none;
    }
  }
  @container (max-width: 15rem) {
    [part='item__type'] {
      display: none;
    }
  }
`);

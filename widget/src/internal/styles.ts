import { css } from 'lit';

/** Fixed row height: the windowed list computes positions from it, so CSS and JS must agree. */
export const ROW_HEIGHT = 36;

/**
 * Colours come from `light-dark()`, so one declaration serves both schemes; `color-scheme` picks the
 * branch (the page's preference by default, or the `theme` attribute). Every `--ic-*` property can be
 * set by the host; the private `--_*` ones only resolve defaults. Default pairs pass WCAG AA contrast.
 */
export const styles = css`
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
    color-scheme: light dark;
    font: var(--ic-font, 400 0.9375rem/1.4 system-ui, sans-serif);
    color: var(--_fg);
  }
  :host([theme='light']) { color-scheme: light; }
  :host([theme='dark']) { color-scheme: dark; }
  :host([hidden]) { display: none; }
  [part='base'] {
    display: grid;
    gap: var(--_gap);
    padding: var(--_gap);
    background: var(--_bg);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  .row { display: flex; flex-wrap: wrap; gap: var(--_gap); align-items: end; }
  label { display: grid; gap: 0.25rem; font-weight: 600; flex: 1 1 10rem; }
  input, select, button { font: inherit; color: inherit; border-radius: var(--_radius); min-height: 2.25rem; }
  input, select { background: var(--_bg); border: 1px solid var(--_border); padding: 0 0.5rem; font-weight: 400; }
  button { cursor: pointer; border: 1px solid var(--_accent); background: var(--_bg); color: var(--_accent); padding: 0 1rem; font-weight: 600; }
  button.primary { background: var(--_accent); color: var(--_on-accent); }
  button:disabled { cursor: not-allowed; opacity: 0.6; }
  :focus-visible { outline: 2px solid var(--_focus); outline-offset: 2px; }
  [part='status'] { color: var(--_muted); min-height: 1.4em; }
  [part='error'] { color: var(--_danger); border-left: 4px solid var(--_danger); padding-left: 0.5rem; }
  [part='error']:empty { border: 0; }
  code { font-size: 0.85em; }
  progress { width: 100%; accent-color: var(--_accent); }
  [part='tree'] {
    position: relative;
    height: var(--ic-list-height, 20rem);
    overflow: auto;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  [part~='item'] {
    position: absolute;
    left: 0;
    right: 0;
    height: ${ROW_HEIGHT}px;
    display: flex;
    gap: 0.5rem;
    align-items: center;
    padding-right: 0.5rem;
    white-space: nowrap;
    cursor: default;
  }
  [part~='item']:focus { outline-offset: -2px; }
  [part~='item'][tabindex='0'] { background: color-mix(in srgb, var(--_accent) 12%, transparent); }
  .twisty { width: 1.25rem; text-align: center; flex: none; }
  [part='item__title'] { overflow: hidden; text-overflow: ellipsis; flex: 1; color: inherit; }
  a[part='item__title'] { color: var(--_accent); }
  .meta { color: var(--_muted); font-size: 0.85em; }
  .empty { padding: var(--_gap); color: var(--_muted); }
`;

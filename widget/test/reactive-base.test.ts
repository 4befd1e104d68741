import { expect } from '@open-wc/testing';
import { html } from 'lit/html.js';
import { css, ReactiveBase, type PropertyOptions, type PropertyValues } from '../src/internal/reactive-base.js';

/** A minimal element on the widget's base class, defined under a fresh tag per test. */
function defineProbe() {
  class Probe extends ReactiveBase {
    static override styles = css`:host { display: block; }`;
    static override properties: Record<string, PropertyOptions> = {
      label: {},
      sessionToken: { attribute: 'session-token' },
      list: { parse: (value) => value?.split(' ') },
      theme: { reflect: true },
    };
    declare label: string | null;
    declare sessionToken: string | null;
    declare list: string[] | undefined;
    declare theme: string;
    renders = 0;
    changes: PropertyValues[] = [];
    protected override willUpdate(changed: PropertyValues): void {
      this.changes.push(new Map(changed));
    }
    protected override render() {
      this.renders++;
      return html`<p>${this.label}</p>`;
    }
  }
  const tag = `probe-${crypto.randomUUID()}`;
  return { tag, define: () => customElements.define(tag, Probe), Probe };
}

describe('ReactiveBase (the widget’s LitElement subset)', () => {
  it('keeps properties set before the element was defined (a late script tag)', async () => {
    // Arrange: the element exists, and the host set a property, before the class is defined.
    const { tag, define } = defineProbe();
    const el = document.createElement(tag) as HTMLElement & { label: string; updateComplete: Promise<boolean> };
    el.label = 'early';
    document.body.append(el);
    // Act
    define();
    await el.updateComplete;
    // Assert
    expect(el.shadowRoot!.querySelector('p')!.textContent).to.equal('early');
    el.remove();
  });

  it('maps attributes to properties (custom names, parsers) and batches changes into one render', async () => {
    const { tag, define, Probe } = defineProbe();
    define();
    const el = document.createElement(tag) as InstanceType<typeof Probe>;
    document.body.append(el);
    await el.updateComplete;
    const before = el.renders;
    el.setAttribute('label', 'a');
    el.setAttribute('session-token', 't');
    el.setAttribute('list', 'x y');
    await el.updateComplete;
    expect([el.label, el.sessionToken, el.list]).to.deep.equal(['a', 't', ['x', 'y']]);
    expect(el.renders - before).to.equal(1);
    expect([...el.changes.at(-1)!.keys()].sort()).to.deep.equal(['label', 'list', 'sessionToken']);
    el.removeAttribute('label');
    await el.updateComplete;
    expect(el.label).to.equal(null);
    el.remove();
  });

  it('reflects `reflect` properties to their attribute, and setting an equal value renders nothing', async () => {
    const { tag, define, Probe } = defineProbe();
    define();
    const el = document.createElement(tag) as InstanceType<typeof Probe>;
    document.body.append(el);
    el.theme = 'dark';
    await el.updateComplete;
    expect(el.getAttribute('theme')).to.equal('dark');
    const renders = el.renders;
    el.theme = 'dark';
    await el.updateComplete;
    expect(el.renders).to.equal(renders);
    el.remove();
  });
});

import { expect, fixture, html } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import type { IntegrationConnector } from '../src/index.js';
import { button, field, mount, settled, shadow, waitForState } from './support/harness.js';

const options = (el: IntegrationConnector) =>
  [...field<HTMLSelectElement>(el, 'Integration')!.options].map((o) => ({ value: o.value, text: o.textContent, disabled: o.disabled }));

describe('the form', () => {
  it('has the public accessible names: User, Organization, Integration, Connect', async () => {
    const { el } = await mount({});
    await settled(el);
    expect(field(el, 'User')!.value).to.equal('u1');
    expect(field(el, 'Organization')!.value).to.equal('o1');
    expect(field<HTMLSelectElement>(el, 'Integration')!.value).to.equal('hubspot');
    expect(button(el, 'Connect')).to.exist;
    expect(shadow(el).querySelector('[role=status]')!.getAttribute('aria-live')).to.equal('polite');
    expect(shadow(el).querySelector('[role=alert]')).to.exist;
  });

  it('builds the Integration picker from the server, marking sandbox and unconfigured providers', async () => {
    const { el } = await mount({});
    await settled(el);
    expect(options(el)).to.deep.equal([
      { value: '', text: 'Choose…', disabled: false },
      { value: 'hubspot', text: 'HubSpot (sandbox)', disabled: false },
      { value: 'airtable', text: 'Airtable', disabled: false },
      { value: 'notion', text: 'Notion (not configured)', disabled: true },
    ]);
  });

  it('offers only the providers listed in `providers`', async () => {
    const { el } = await mount({}, { providers: 'airtable, notion' });
    await settled(el);
    expect(options(el).map((o) => o.value)).to.deep.equal(['', 'airtable', 'notion']);
    expect(el.providers).to.deep.equal(['airtable', 'notion']);
  });

  it('projects slotted content above the form', async () => {
    const el = await fixture<IntegrationConnector>(html`<integration-connector><h2>Connect your CRM</h2></integration-connector>`);
    const slot = shadow(el).querySelector('slot')!;
    expect(slot.assignedElements()[0]!.textContent).to.equal('Connect your CRM');
  });
});

describe('theming', () => {
  afterEach(() => emulateMedia({ colorScheme: 'light' }));

  const background = (el: IntegrationConnector) => getComputedStyle(shadow(el).querySelector('[part=base]')!).backgroundColor;

  it('follows prefers-color-scheme by default and the theme attribute when set', async () => {
    const { el } = await mount({});
    await emulateMedia({ colorScheme: 'light' });
    expect(background(el)).to.equal('rgb(255, 255, 255)');
    await emulateMedia({ colorScheme: 'dark' });
    expect(background(el)).to.equal('rgb(29, 30, 33)');
    el.theme = 'light';
    await el.updateComplete;
    expect(el.getAttribute('theme')).to.equal('light');
    expect(background(el)).to.equal('rgb(255, 255, 255)');
    el.theme = 'dark';
    await emulateMedia({ colorScheme: 'light' });
    await el.updateComplete;
    expect(background(el)).to.equal('rgb(29, 30, 33)');
  });

  it('takes --ic-* custom properties and exposes parts', async () => {
    const { el } = await mount({});
    el.style.setProperty('--ic-bg', 'rgb(1, 2, 3)');
    expect(background(el)).to.equal('rgb(1, 2, 3)');
    for (const part of ['base', 'form', 'select', 'actions', 'button', 'status', 'error']) {
      expect(shadow(el).querySelector(`[part~=${part}]`), part).to.exist;
    }
  });
});

describe('accessibility (axe, WCAG 2.2 AA)', () => {
  for (const theme of ['light', 'dark'] as const) {
    it(`is accessible in the ${theme} theme: idle, error and loaded`, async () => {
      const { el } = await mount({ credentials: 'CONNECTED', items: 30 }, { theme });
      await settled(el);
      await expect(el).to.be.accessible();
      el.load();
      await waitForState(el, 'loaded');
      shadow(el).querySelector<HTMLElement>('[role=treeitem]')!.focus();
      await expect(el).to.be.accessible();
      const { el: failing } = await mount({ errors: { credentials: 'STORE_UNAVAILABLE' } }, { theme });
      await waitForState(failing, 'error');
      await expect(failing).to.be.accessible();
    });
  }

  it('is accessible with a session token and while connecting', async () => {
    const { el } = await mount({ popup: 'stay', token: 't' }, { sessionToken: 't' });
    await settled(el);
    button(el, 'Connect')!.click();
    await waitForState(el, 'connecting');
    await expect(el).to.be.accessible();
    el.cancel();
  });
});

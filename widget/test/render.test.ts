import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { emulateMedia, setViewport } from '@web/test-runner-commands';
import type { IntegrationConnector } from '../src/index.js';
import { button, field, mount, providerRadio, settled, shadow, statusText, treeItems, type, waitForState } from './support/harness.js';

/** Each tile: the radio's accessible name, its description and whether it can be chosen. */
const tiles = (el: IntegrationConnector) =>
  [...shadow(el).querySelectorAll<HTMLInputElement>('input[type=radio]')].map((radio) => ({
    name: shadow(el).getElementById(radio.getAttribute('aria-labelledby')!)!.textContent.trim(),
    about: shadow(el).getElementById(radio.getAttribute('aria-describedby')!)!.textContent.replace(/\s+/g, ' ').trim(),
    disabled: radio.disabled,
    checked: radio.checked,
  }));

const ALL_CONFIGURED = ['HubSpot', 'Airtable', 'Notion'].map((displayName) => ({
  id: displayName.toUpperCase(),
  displayName,
  configured: true,
  sandbox: false,
}));

describe('the first screen', () => {
  it('has the public accessible names: User, Organization, Integration (a group of tiles), Connect', async () => {
    const { el } = await mount({});
    await settled(el);
    expect(field(el, 'User')!.value).to.equal('u1');
    expect(field(el, 'Organization')!.value).to.equal('o1');
    expect(shadow(el).querySelector('fieldset legend')!.textContent).to.equal('Integration');
    expect(providerRadio(el, 'HubSpot')!.checked).to.equal(true);
    expect(button(el, 'Connect')).to.exist;
    expect(shadow(el).querySelector('[role=status]')!.getAttribute('aria-live')).to.equal(null); // role=status is polite
    expect(shadow(el).querySelector('[role=alert]')).to.exist;
  });

  it('offers the server’s providers as tiles: what each reads, that it never writes, sandbox and unconfigured marked', async () => {
    const { el } = await mount({});
    await settled(el);
    expect(tiles(el)).to.deep.equal([
      {
        name: 'HubSpot',
        about: 'Reads your contacts, companies and deals. Never changes anything. Sandbox: simulated data',
        disabled: false,
        checked: true,
      },
      { name: 'Airtable', about: 'Reads your bases and tables. Never changes anything.', disabled: false, checked: false },
      {
        name: 'Notion',
        about: 'Reads the pages and databases you share with it. Never changes anything. Not set up on this server',
        disabled: true,
        checked: false,
      },
    ]);
  });

  it('lists whatever the server offers (no list of its own), and `providers` only narrows it', async () => {
    const { el } = await mount(
      { providers: [{ id: 'NOTION', displayName: 'Notion Test', configured: true, sandbox: false }] },
      { providers: '' },
    );
    el.removeAttribute('providers');
    await settled(el);
    expect(tiles(el).map((tile) => tile.name)).to.deep.equal(['Notion Test']);
    const { el: narrowed } = await mount({}, { providers: 'airtable, notion' });
    await settled(narrowed);
    expect(tiles(narrowed).map((tile) => tile.name)).to.deep.equal(['Airtable', 'Notion']);
    expect(narrowed.providers).to.deep.equal(['airtable', 'notion']);
  });

  it('marks the providers this identity already connected, from one `connections` query', async () => {
    const { el, sc } = await mount({ credentials: 'CONNECTED' });
    await settled(el);
    await waitUntil(() => tiles(el)[1]!.about.includes('Connected'), 'Airtable not marked');
    expect(tiles(el)[0]!.about).to.contain('Connected');
    // One list for the picker; `credentials` only for the chosen provider.
    const lists = await sc.calls('connections');
    expect(lists.map((call) => call.args)).to.deep.equal([{ userId: 'u1', orgId: 'o1', first: 100 }]);
    expect((await sc.calls('credentials')).map((call) => call.args.provider)).to.deep.equal(['HUBSPOT']);
  });

  it('the mark is text in the tile’s description, so screen readers announce it, in the page’s language', async () => {
    const { el } = await mount(
      {
        connections: [
          ['AIRTABLE', 'CONNECTED'],
          ['NOTION', 'RECONNECT_REQUIRED'],
        ],
        providers: ALL_CONFIGURED,
      },
      { lang: 'de' },
    );
    await settled(el);
    await waitUntil(() => tiles(el)[1]?.about.includes('Verbunden'), 'Airtable not marked in German');
    const airtable = shadow(el).querySelectorAll('[part=provider]')[1]!;
    const description = airtable.querySelector(`#${airtable.querySelector('input')!.getAttribute('aria-describedby')!}`)!;
    expect(description.querySelector('[part=badge]')!.textContent).to.equal('Verbunden');
    expect(tiles(el)[0]!.about).to.not.contain('Verbunden');
    expect(tiles(el)[2]!.about).to.contain('Neu verbinden nötig');
    await expect(el).to.be.accessible();
  });

  it('without an identity asks nothing, and a failed list leaves the tiles unmarked', async () => {
    const { el, sc } = await mount({ errors: { connections: 'INTERNAL_SERVER_ERROR' }, credentials: 'CONNECTED' });
    await settled(el);
    expect(await sc.calls('connections')).to.have.length(1);
    expect(tiles(el)[1]!.about).to.not.contain('Connected');
    const { el: anonymous, sc: quiet } = await mount({}, { user: '', org: '' });
    await settled(anonymous);
    expect(await quiet.calls('connections')).to.have.length(0);
  });

  it('shows the connected account as the consent page did: name, id, connected since, with Reconnect and Disconnect', async () => {
    const { el } = await mount({ credentials: 'CONNECTED', account: { id: 'portal-42', name: 'Acme Portal' } });
    await settled(el);
    const card = shadow(el).querySelector('[part=account]')!;
    expect(card.getAttribute('aria-label')).to.equal('HubSpot account');
    const terms = [...card.querySelectorAll('dt')].map((dt) => [dt.textContent.trim(), dt.nextElementSibling!.textContent.trim()]);
    expect(terms.slice(0, 2)).to.deep.equal([
      ['HubSpot account', 'Acme Portal'],
      ['ID', 'portal-42'],
    ]);
    expect(terms[2]![0]).to.equal('Connected since');
    expect(card.querySelector('time')!.getAttribute('datetime')).to.equal('2026-01-01T00:00:00.000Z');
    for (const name of ['Load data', 'Reconnect', 'Disconnect']) expect(button(el, name), name).to.exist;
  });

  it('in signed mode asks for no ids', async () => {
    const { el } = await mount({ token: 't' }, { sessionToken: 't', user: '', org: '' });
    await settled(el);
    expect(shadow(el).querySelector('[part=form]')).to.equal(null);
    expect(shadow(el).querySelectorAll('input:not([type=radio])')).to.have.length(0);
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
    const { el } = await mount({ credentials: 'CONNECTED' });
    await settled(el);
    el.style.setProperty('--ic-bg', 'rgb(1, 2, 3)');
    expect(background(el)).to.equal('rgb(1, 2, 3)');
    for (const part of ['base', 'form', 'providers', 'provider', 'account', 'actions', 'button', 'status', 'live', 'error']) {
      expect(shadow(el).querySelector(`[part~=${part}]`), part).to.exist;
    }
  });
});

describe('narrow containers (375 px phones, sidebars)', () => {
  afterEach(() => setViewport({ width: 800, height: 600 }));

  it('keeps item names readable: the date gives way, the name keeps its room, the date is a <time>', async () => {
    await setViewport({ width: 375, height: 800 });
    const { el } = await mount({
      credentials: 'CONNECTED',
      items: [
        {
          id: 'a',
          type: 'data_source',
          directory: false,
          parentPathOrName: null,
          parentId: null,
          name: 'Quarterly pipeline review with the whole sales team',
          lastModifiedTime: '2026-02-03T04:05:06.000Z',
          url: 'https://example.test/a',
        },
      ],
    });
    await settled(el);
    el.load();
    await waitForState(el, 'loaded');
    const row = treeItems(el)[0]!;
    const title = row.querySelector<HTMLElement>('[part=item__title]')!;
    const date = row.querySelector<HTMLElement>('time[part=item__date]')!;
    expect(el.getBoundingClientRect().width).to.be.at.most(375);
    expect(title.getBoundingClientRect().width).to.be.at.least(96);
    expect(getComputedStyle(date).display).to.equal('none');
    expect(row.querySelector('[part=item__type]')!.textContent).to.equal('Data source');
    // Nothing sticks out of the row.
    expect(row.scrollWidth).to.be.at.most(row.clientWidth + 1);
    await setViewport({ width: 1280, height: 800 });
    await el.updateComplete;
    expect(getComputedStyle(date).display).to.not.equal('none');
  });
});

/** Drives one widget through every state a person can meet, calling `check` in each. */
async function everyState(options: { theme: string }, check: (el: IntegrationConnector, state: string) => Promise<void>) {
  const base = { items: 30, pageSize: 10 };
  const idle = (await mount({ ...base }, options)).el;
  await settled(idle);
  await check(idle, 'idle (tiles)');
  const connecting = (await mount({ ...base, popup: 'stay' }, options)).el;
  await settled(connecting);
  button(connecting, 'Connect')!.click();
  await waitForState(connecting, 'connecting');
  await check(connecting, 'connecting');
  connecting.cancel();
  const blocked = (await mount({ ...base }, options)).el;
  await settled(blocked);
  const realOpen = window.open;
  window.open = () => null;
  button(blocked, 'Connect')!.click();
  window.open = realOpen;
  await blocked.updateComplete;
  await check(blocked, 'popup blocked');
  const { el } = await mount({ ...base, credentials: 'CONNECTED', pageDelayMs: 150, failRun: 2 }, options);
  await settled(el);
  await check(el, 'connected');
  el.load();
  await waitUntil(() => treeItems(el).length > 0 && el.state === 'loading', 'no items while loading');
  await check(el, 'loading (browsable)');
  await waitForState(el, 'loaded');
  treeItems(el)[0]!.focus();
  await check(el, 'loaded');
  type(field(el, 'Filter')!, 'contact 1');
  await el.updateComplete;
  await check(el, 'filtered');
  el.load();
  await waitForState(el, 'error');
  await check(el, 'failed reload (stale items)');
  const revoked = (await mount({ credentials: 'RECONNECT_REQUIRED' }, options)).el;
  await settled(revoked);
  await check(revoked, 'reconnect required');
  const dead = (await mount({ errors: { providers: 'INTERNAL_SERVER_ERROR', credentials: 'INTERNAL_SERVER_ERROR' } }, options)).el;
  await waitUntil(() => !!button(dead, 'Try again'), 'no retry');
  await check(dead, 'dead endpoint');
}

describe('accessibility (axe, WCAG 2.2 AA) in every state, both themes, both widths', () => {
  afterEach(() => setViewport({ width: 800, height: 600 }));
  for (const theme of ['light', 'dark'] as const) {
    for (const width of [1280, 375]) {
      it(`${theme}, ${width} px`, async function () {
        this.timeout(40_000);
        await setViewport({ width, height: 900 });
        const seen: string[] = [];
        await everyState({ theme }, async (el, state) => {
          seen.push(state);
          // The status line is never empty when something happens, and never shows a code.
          expect(statusText(el), state).to.not.match(/[A-Z]{3,}_[A-Z]+/);
          await expect(el, state).to.be.accessible();
        });
        expect(seen).to.have.length(10);
      });
    }
  }
});

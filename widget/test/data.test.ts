import { expect, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { IcDisconnectEvent, IcErrorEvent, IcLoadEvent } from '../src/index.js';
import { alertText, button, field, mount, settled, shadow, statusText, treeItems, type, waitForState } from './support/harness.js';

const connected = { credentials: 'CONNECTED' as const };

describe('loading and browsing data', () => {
  it('pages through load, reports progress, fires ic-load and shows a tree', async () => {
    const { el, sc } = await mount({ ...connected, items: 25, pageSize: 10, pageDelayMs: 60 });
    await settled(el);
    const loaded = oneEvent<IcLoadEvent>(el, 'ic-load');
    button(el, 'Load data')!.click();
    await waitUntil(() => statusText(el) === 'Loading… 10 items so far', 'no progress');
    expect(shadow(el).querySelector('progress')).to.exist;
    expect((await loaded).detail).to.deep.equal({ provider: 'hubspot', count: 25 });
    await el.updateComplete;
    expect(el.state).to.equal('loaded');
    expect(statusText(el)).to.equal('Connected to Acme Portal. 25 items');
    expect(await sc.calls('load')).to.have.length(3);
    // Roots only (folders), collapsed.
    expect(treeItems(el).map((row) => row.getAttribute('aria-level'))).to.deep.equal(['1', '1', '1']);
    expect(treeItems(el)[0]!.getAttribute('aria-expanded')).to.equal('false');
    expect(el.shadowRoot!.activeElement === field(el, 'Filter')).to.equal(true);
  });

  it('is browsable with the keyboard (ARIA tree pattern)', async () => {
    const { el } = await mount({ ...connected, items: 25 });
    await settled(el);
    el.load();
    await waitForState(el, 'loaded');
    treeItems(el)[0]!.focus();
    await sendKeys({ press: 'ArrowRight' });
    await el.updateComplete;
    expect(treeItems(el)).to.have.length(12);
    expect(treeItems(el)[0]!.getAttribute('aria-expanded')).to.equal('true');
    await sendKeys({ press: 'ArrowRight' });
    await el.updateComplete;
    expect(el.shadowRoot!.activeElement?.getAttribute('aria-level')).to.equal('2');
    expect(el.shadowRoot!.activeElement?.textContent).to.contain('Contact 1');
    await sendKeys({ press: 'End' });
    await el.updateComplete;
    expect(el.shadowRoot!.activeElement?.textContent).to.contain('Folder 20');
    await sendKeys({ press: 'Home' });
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'ArrowLeft' });
    await el.updateComplete;
    expect(el.shadowRoot!.activeElement?.textContent).to.contain('Folder 0');
    await sendKeys({ press: 'ArrowLeft' });
    await el.updateComplete;
    expect(treeItems(el)).to.have.length(3);
  });

  it('keys act on the focused row, even when focus was moved there without the keyboard', async () => {
    const { el } = await mount({ ...connected, items: 25 });
    await settled(el);
    el.load();
    await waitForState(el, 'loaded');
    // Act: focus the second folder directly (as a screen reader's cursor may), then open it.
    treeItems(el)[1]!.focus();
    await sendKeys({ press: 'ArrowRight' });
    await el.updateComplete;
    // Assert: the second folder opened, not the first.
    expect(treeItems(el)[0]!.getAttribute('aria-expanded')).to.equal('false');
    expect(treeItems(el)[1]!.getAttribute('aria-expanded')).to.equal('true');
  });

  it('shows type, modified time and a link to open the item in the provider', async () => {
    const { el } = await mount({ ...connected, items: 1 });
    await settled(el);
    el.load();
    await waitForState(el, 'loaded');
    const row = treeItems(el)[0]!;
    const link = row.querySelector('a')!;
    expect(row.querySelector('[part=item__title] a')).to.equal(null);
    expect(link.href).to.equal('https://example.test/items/0');
    expect(link.target).to.equal('_blank');
    expect(row.querySelector('[part=item__type]')!.textContent).to.equal('Folder');
    expect(row.querySelector('time[part=item__date]')!.getAttribute('datetime')).to.equal('2026-02-03T04:05:06.000Z');
    // The link is a control of its own, named for what it does.
    expect(link.getAttribute('aria-label')).to.equal('Open Folder 0 in HubSpot');
    expect(link.getAttribute('part')).to.equal('item__open');
  });

  it('filters across the whole tree and says when nothing matches', async () => {
    const { el } = await mount({ ...connected, items: 25 });
    await settled(el);
    el.load();
    await waitForState(el, 'loaded');
    type(field(el, 'Filter')!, 'contact 1');
    await el.updateComplete;
    expect(treeItems(el).map((row) => row.querySelector('[part=item__title]')!.textContent)).to.deep.equal([
      'Contact 1',
      'Contact 11',
      'Contact 12',
      'Contact 13',
      'Contact 14',
      'Contact 15',
      'Contact 16',
      'Contact 17',
      'Contact 18',
      'Contact 19',
    ]);
    type(field(el, 'Filter')!, 'zzz');
    await el.updateComplete;
    expect(shadow(el).querySelector('[part=empty]')!.textContent).to.equal('No items match the filter.');
  });

  it('shows an empty state when the provider has no items', async () => {
    const { el } = await mount({ ...connected, items: 0 });
    await settled(el);
    el.load();
    await waitForState(el, 'loaded');
    expect(shadow(el).querySelector('[part=empty]')!.textContent).to.equal('No items.');
  });

  it('keeps 10,000 items smooth by rendering only the rows in view', async () => {
    const { el } = await mount({ ...connected, items: 10_000 });
    await settled(el);
    el.load();
    await waitForState(el, 'loaded');
    type(field(el, 'Filter')!, 'contact');
    await el.updateComplete;
    expect(treeItems(el).length).to.be.lessThan(40);
    const tree = shadow(el).querySelector<HTMLElement>('[role=tree]')!;
    tree.scrollTop = 36 * 5000;
    tree.dispatchEvent(new Event('scroll'));
    await el.updateComplete;
    const levels = treeItems(el).map((row) => Number(row.getAttribute('aria-posinset')));
    expect(levels[0]).to.be.within(4990, 5010);
    expect(treeItems(el)[0]!.getAttribute('aria-setsize')).to.equal('9000');
  });

  it('Cancel stops loading, keeps what arrived and offers Load data again', async () => {
    const { el, sc } = await mount({ ...connected, items: 50, pageSize: 10, pageDelayMs: 150 });
    await settled(el);
    button(el, 'Load data')!.click();
    await waitUntil(() => el.state === 'loading' && statusText(el).includes('10'), 'not loading');
    button(el, 'Cancel')!.click();
    await el.updateComplete;
    expect(el.state).to.equal('loaded');
    expect(statusText(el)).to.match(/^Connected to Acme Portal\. (10|20) items\. Loading cancelled\.$/);
    expect(el.shadowRoot!.activeElement?.textContent?.trim()).to.equal('Load data');
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(el.state).to.equal('loaded');
    expect((await sc.calls('load')).length).to.be.lessThan(5);
  });

  it('Clear filter clears the filter only: every loaded item stays', async () => {
    const { el, sc } = await mount({ ...connected, items: 25 });
    await settled(el);
    el.load();
    await waitForState(el, 'loaded');
    const before = treeItems(el).length;
    type(field(el, 'Filter')!, 'contact 1');
    await el.updateComplete;
    button(el, 'Clear filter')!.click();
    await el.updateComplete;
    expect(field(el, 'Filter')!.value).to.equal('');
    expect(el.state).to.equal('loaded');
    expect(treeItems(el)).to.have.length(before);
    expect(el.shadowRoot!.activeElement === field(el, 'Filter')).to.equal(true);
    expect(await sc.calls('load')).to.have.length(1);
    // With no filter there is nothing to clear.
    expect(button(el, 'Clear filter')).to.equal(null);
  });

  it('clear() (the method) still discards the items, keeping the connection', async () => {
    const { el } = await mount({ ...connected });
    await settled(el);
    el.load();
    await waitForState(el, 'loaded');
    el.clear();
    await el.updateComplete;
    expect(el.state).to.equal('connected');
    expect(treeItems(el)).to.have.length(0);
  });

  it('turns RECONNECT_REQUIRED from load into the reconnect-required state', async () => {
    const { el } = await mount({ ...connected, errors: { load: 'RECONNECT_REQUIRED' } });
    await settled(el);
    const error = oneEvent<IcErrorEvent>(el, 'ic-error');
    el.load();
    expect((await error).detail.code).to.equal('RECONNECT_REQUIRED');
    await el.updateComplete;
    expect(el.state).to.equal('reconnect-required');
    expect(statusText(el)).to.equal('The connection to Acme Portal expired or was revoked. Reconnect to go on.');
    // The way back names the account the grant was for.
    expect(button(el, 'Reconnect Acme Portal')).to.exist;
    expect(el.shadowRoot!.activeElement?.textContent?.trim()).to.equal('Reconnect Acme Portal');
    expect(button(el, 'Disconnect')).to.exist;
  });

  it('shows stored credentials with RECONNECT_REQUIRED as reconnect-required', async () => {
    const { el } = await mount({ credentials: 'RECONNECT_REQUIRED' });
    await settled(el);
    expect(el.state).to.equal('reconnect-required');
  });

  it('shows any other server error in words, keeping the connection usable', async () => {
    const { el } = await mount({ ...connected, errors: { load: 'STORE_UNAVAILABLE' } });
    await settled(el);
    el.load();
    await waitForState(el, 'error');
    expect(alertText(el)).to.equal('Could not load the data. The service is busy. Try again in a moment.');
    expect(statusText(el)).to.equal('Connected to Acme Portal');
    expect(button(el, 'Load data')).to.exist;
  });

  it('Disconnect forgets the connection and fires ic-disconnect', async () => {
    const { el, sc } = await mount({ ...connected });
    await settled(el);
    const event = oneEvent<IcDisconnectEvent>(el, 'ic-disconnect');
    button(el, 'Disconnect')!.click();
    expect((await event).detail).to.deep.equal({ provider: 'hubspot' });
    await el.updateComplete;
    expect(el.state).to.equal('idle');
    expect(statusText(el)).to.equal('Disconnected.');
    expect(el.shadowRoot!.activeElement?.textContent?.trim()).to.equal('Connect');
    expect(await sc.calls('disconnect')).to.have.length(1);
  });

  it('reports a network failure as NETWORK_ERROR', async () => {
    const { el } = await mount({ ...connected });
    await settled(el);
    const error = oneEvent<IcErrorEvent>(el, 'ic-error');
    el.endpoint = 'http://127.0.0.1:9/graphql';
    expect((await error).detail.code).to.equal('NETWORK_ERROR');
    await waitUntil(() => alertText(el) !== '', 'no alert');
    expect(alertText(el)).to.equal(
      'Could not reach the integration server. The server cannot be reached. Check your connection, then try again.',
    );
    // A dead endpoint is not a dead end.
    expect(button(el, 'Try again')).to.exist;
  });
});

import { expect, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { IcProgressEvent, IntegrationConnector } from '../src/index.js';
import {
  alertText,
  announced,
  button,
  field,
  mount,
  settled,
  shadow,
  statusText,
  treeItems,
  type,
  waitForState,
} from './support/harness.js';

const connected = { credentials: 'CONNECTED' as const };
const focusedName = (el: IntegrationConnector) => {
  const active = el.shadowRoot!.activeElement as HTMLElement | null;
  return active?.getAttribute('aria-label') ?? active?.textContent?.trim() ?? null;
};
const titles = (el: IntegrationConnector) => treeItems(el).map((row) => row.querySelector('[part=item__title]')!.textContent.trim());

/** Every text the live region says, in order. */
function listen(el: IntegrationConnector): string[] {
  const said: string[] = [];
  const region = shadow(el).querySelector('[role=status]')!;
  new MutationObserver(() => said.push(region.textContent ?? '')).observe(region, { childList: true, characterData: true, subtree: true });
  return said;
}

describe('loading, as a person meets it', () => {
  it('moves focus to Cancel when Load data is pressed, then to the filter when done', async () => {
    const { el } = await mount({ ...connected, items: 30, pageSize: 10, pageDelayMs: 60 });
    await settled(el);
    button(el, 'Load data')!.click();
    await el.updateComplete;
    expect(focusedName(el)).to.equal('Cancel');
    await waitForState(el, 'loaded');
    expect(el.shadowRoot!.activeElement === field(el, 'Filter')).to.equal(true);
  });

  it('shows items as they arrive: the tree is browsable while the load goes on', async () => {
    const { el } = await mount({ ...connected, items: 60, pageSize: 10, pageDelayMs: 120 });
    await settled(el);
    el.load();
    await waitUntil(() => el.state === 'loading' && treeItems(el).length > 0, 'no rows while loading');
    treeItems(el)[0]!.focus();
    await sendKeys({ press: 'ArrowRight' });
    await el.updateComplete;
    expect(treeItems(el)[0]!.getAttribute('aria-expanded')).to.equal('true');
    await waitForState(el, 'loaded');
    // The folder opened while loading is still open, and focus stayed in the tree.
    expect(treeItems(el)[0]!.getAttribute('aria-expanded')).to.equal('true');
    expect(el.shadowRoot!.activeElement?.getAttribute('role')).to.equal('treeitem');
  });

  it('says why it waits for the provider’s rate limit, counts down, and goes on from its cursor keeping the items', async () => {
    const { el, sc } = await mount({ ...connected, items: 40, pageSize: 10, rateLimit: { afterItems: 20, retryAfterSeconds: 2 } });
    await settled(el);
    const progress: Array<IcProgressEvent['detail']> = [];
    el.addEventListener('ic-progress', (event) => progress.push(event.detail));
    el.load();
    await waitUntil(() => statusText(el).startsWith('Waiting'), 'never said it waits');
    expect(statusText(el)).to.equal('Waiting for HubSpot’s rate limit, about 2 s… 20 items so far');
    expect(treeItems(el).length).to.be.greaterThan(0);
    await waitUntil(() => statusText(el).includes('about 1 s'), 'no countdown', { timeout: 3000 });
    await waitForState(el, 'loaded');
    expect(statusText(el)).to.equal('Connected to Acme Portal. 40 items');
    const afters = (await sc.calls('load')).map((call) => call.args.after ?? null);
    expect(afters).to.deep.equal([null, '10', '20', '20', '30']);
    // The widget bounds how long the server may stay silent.
    expect((await sc.calls('load')).every((call) => call.args.maxWaitSeconds === 2)).to.equal(true);
    expect(progress.map((p) => [p.count, p.waitSeconds])).to.deep.equal([
      [10, null],
      [20, null],
      [20, 2],
      [30, null],
      [40, null],
    ]);
    expect(progress.every((p) => p.provider === 'hubspot' && p.total === null)).to.equal(true);
  });

  it('shows "N of M" where the provider gives a total, with a determinate progress bar', async () => {
    const { el } = await mount({ ...connected, items: 40, pageSize: 10, pageDelayMs: 150, reportTotal: true });
    await settled(el);
    const event = oneEvent<IcProgressEvent>(el, 'ic-progress');
    el.load();
    expect((await event).detail).to.deep.equal({ provider: 'hubspot', count: 10, total: 40, waitSeconds: null });
    await el.updateComplete;
    expect(statusText(el)).to.equal('Loading… 10 of 40 items');
    const bar = shadow(el).querySelector('progress')!;
    expect([bar.value, bar.max]).to.deep.equal([10, 40]);
  });

  it('says when the provider cut its results short', async () => {
    const { el } = await mount({ ...connected, items: 30, pageSize: 10, incompleteFrom: 20 });
    await settled(el);
    el.load();
    await waitForState(el, 'loaded');
    expect(shadow(el).querySelector('[part=note]')!.textContent).to.equal('HubSpot returned only part of the items.');
  });

  it('announces progress to screen readers at most every few seconds, and the result at once', async () => {
    const { el } = await mount({ ...connected, items: 200, pageSize: 10, pageDelayMs: 60 });
    await settled(el);
    const said = listen(el);
    el.load();
    await waitForState(el, 'loaded');
    // 20 pages in about 1.5 s: the first progress line and the result, nothing in between.
    expect(said.filter(Boolean)).to.deep.equal(['Loading… 0 items so far', 'Connected to Acme Portal. 200 items']);
  });
});

describe('when something fails', () => {
  it('a failed reload keeps the items on screen, marked stale, and focus on Load data', async () => {
    const { el } = await mount({ ...connected, items: 25, failRun: 2 });
    await settled(el);
    el.load();
    await waitForState(el, 'loaded');
    const before = titles(el);
    button(el, 'Load data')!.focus();
    button(el, 'Load data')!.click();
    await waitForState(el, 'error');
    expect(titles(el)).to.deep.equal(before);
    expect(shadow(el).querySelector('[part=note]')!.textContent).to.equal('These items are from before and may be out of date.');
    expect(alertText(el)).to.equal('Could not load the data. The provider reported an error. Try again later.');
    expect(focusedName(el)).to.equal('Load data');
  });

  it('a failed Disconnect says so, keeps the connection on screen and focus on Disconnect', async () => {
    const { el } = await mount({ ...connected, errors: { disconnect: 'NETWORK_ERROR' } });
    await settled(el);
    button(el, 'Disconnect')!.focus();
    button(el, 'Disconnect')!.click();
    await waitForState(el, 'error');
    expect(alertText(el)).to.equal('Could not disconnect. The server cannot be reached. Check your connection, then try again.');
    expect(shadow(el).querySelector('[part=account]')).to.exist;
    expect(focusedName(el)).to.equal('Disconnect');
  });

  it('an unreachable endpoint offers Try again, which recovers', async () => {
    // The picker's marks fail too: they stay off, and nothing says so (they are a hint).
    const { el } = await mount({ errorsOnce: { providers: 'INTERNAL_SERVER_ERROR', connections: 'INTERNAL_SERVER_ERROR' } });
    await waitUntil(() => !!button(el, 'Try again'), 'no Try again');
    expect(alertText(el)).to.equal('Could not reach the integration server. Something went wrong. Try again.');
    expect(shadow(el).querySelectorAll('input[type=radio]')).to.have.length(0);
    button(el, 'Try again')!.click();
    await waitUntil(() => shadow(el).querySelectorAll('input[type=radio]').length === 3, 'providers not reloaded');
    await settled(el);
    expect(alertText(el)).to.equal('');
    expect(button(el, 'Connect')!.disabled).to.equal(false);
  });
});

describe('browsing the tree', () => {
  it('a click on a folder’s name opens it (the name is not a link); the link to the provider is separate', async () => {
    const { el } = await mount({ ...connected, items: 25 });
    await settled(el);
    el.load();
    await waitForState(el, 'loaded');
    treeItems(el)[0]!.querySelector<HTMLElement>('[part=item__title]')!.click();
    await el.updateComplete;
    expect(treeItems(el)[0]!.getAttribute('aria-expanded')).to.equal('true');
    expect(treeItems(el)).to.have.length(12);
  });

  it('Enter and Space toggle a folder, * opens its siblings, typing jumps to a name', async () => {
    const { el } = await mount({ ...connected, items: 25 });
    await settled(el);
    el.load();
    await waitForState(el, 'loaded');
    treeItems(el)[0]!.focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(treeItems(el)[0]!.getAttribute('aria-expanded')).to.equal('true');
    await sendKeys({ press: 'Space' });
    await el.updateComplete;
    expect(treeItems(el)[0]!.getAttribute('aria-expanded')).to.equal('false');
    await sendKeys({ press: '*' });
    await el.updateComplete;
    // All three folders open: 25 rows in the (windowed) tree.
    expect(shadow(el).querySelector<HTMLElement>('[role=tree] > div')!.style.height).to.equal(`${25 * 36}px`);
    await sendKeys({ type: 'folder 2' });
    await el.updateComplete;
    expect(el.shadowRoot!.activeElement?.querySelector('[part=item__title]')!.textContent).to.equal('Folder 20');
    await sendKeys({ press: 'Home' });
    // Past the typeahead window (1 s): a new letter starts a new prefix.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    await sendKeys({ type: 'c' });
    await el.updateComplete;
    expect(el.shadowRoot!.activeElement?.querySelector('[part=item__title]')!.textContent).to.equal('Contact 1');
  });

  it('filtering says how many match (announced once typing stops), shows each result’s parent and marks the match', async () => {
    const { el } = await mount({ ...connected, items: 25 });
    await settled(el);
    el.load();
    await waitForState(el, 'loaded');
    const said = listen(el);
    for (const text of ['c', 'co', 'contact 1']) type(field(el, 'Filter')!, text);
    await el.updateComplete;
    expect(shadow(el).querySelector('[part=count]')!.textContent).to.equal('10 of 25 match');
    await waitUntil(() => announced(el) === '10 of 25 match', 'count not announced', { timeout: 2000 });
    expect(said.filter(Boolean)).to.deep.equal(['10 of 25 match']);
    const row = treeItems(el)[1]!;
    expect(row.querySelector('[part=item__path]')!.textContent).to.equal('Folder 10');
    expect(row.querySelector('mark')!.textContent).to.equal('Contact 1');
  });
});

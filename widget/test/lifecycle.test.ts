import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { IntegrationConnector } from '../src/index.js';
import { button, mount, scenario, settled, statusText, treeItems, waitForState } from './support/harness.js';

const nextTask = () => new Promise((resolve) => setTimeout(resolve, 0));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the element in a living page', () => {
  it('moved in the DOM during the credentials check, still finishes the check', async () => {
    // Arrange: a slow check, in flight.
    const { el } = await mount({ credentials: 'CONNECTED', delayMs: { credentials: 300 } });
    await waitUntil(() => statusText(el).includes('Checking'), 'no check');
    await sleep(350); // the debounced check has started and waits for its answer
    // Act: a portal library moves the element elsewhere.
    const elsewhere = document.createElement('div');
    document.body.append(elsewhere);
    elsewhere.append(el);
    // Assert
    await waitForState(el, 'connected');
    elsewhere.remove();
  });

  it('moved in the DOM during a load, goes on loading to the end', async () => {
    const { el, sc } = await mount({ credentials: 'CONNECTED', items: 60, pageSize: 10, pageDelayMs: 80 });
    await settled(el);
    el.load();
    await waitUntil(() => el.state === 'loading' && statusText(el).includes('10'), 'not loading');
    const elsewhere = document.createElement('section');
    document.body.append(elsewhere);
    elsewhere.append(el);
    await waitForState(el, 'loaded');
    expect(statusText(el)).to.contain('60 items');
    expect((await sc.calls('load')).length).to.equal(6);
    elsewhere.remove();
  });

  it('removed during a load and put back later, resumes from its cursor keeping the items it had', async () => {
    const { el, sc } = await mount({ credentials: 'CONNECTED', items: 60, pageSize: 10, pageDelayMs: 80 });
    await settled(el);
    el.load();
    await waitUntil(() => statusText(el).includes('20'), 'not loading');
    const parent = el.parentElement!;
    el.remove();
    await sleep(300);
    const whileAway = (await sc.calls('load')).length;
    await sleep(200);
    // Detached, it asks nothing more (at most the page that was in flight).
    expect((await sc.calls('load')).length).to.equal(whileAway);
    parent.append(el);
    await waitForState(el, 'loaded');
    expect(statusText(el)).to.contain('60 items');
    const afters = (await sc.calls('load')).map((call) => call.args.after ?? null);
    // Never back to the first page after the first call.
    expect(afters.filter((after) => after === null)).to.have.length(1);
  });

  it('removed during the check and put back later, checks again', async () => {
    const { el } = await mount({ credentials: 'CONNECTED', delayMs: { credentials: 200 } });
    await sleep(300); // check in flight
    const parent = el.parentElement!;
    el.remove();
    await sleep(300);
    parent.append(el);
    await waitForState(el, 'connected');
  });

  it('renders again after a render that threw once', async () => {
    const { el } = await mount({});
    await settled(el);
    let thrown = false;
    const failures: unknown[] = [];
    // Lit re-raises a failed update's error once more, unhandled, on the next update: expected here.
    const expected = (event: PromiseRejectionEvent) => (event.reason as Error)?.message === 'boom' && event.preventDefault();
    window.addEventListener('unhandledrejection', expected);
    // Arrange: a host override that throws the first time it is read.
    el.strings = {
      get connect(): string {
        if (!thrown) {
          thrown = true;
          throw new Error('boom');
        }
        return 'Link account';
      },
    };
    await el.updateComplete.catch((error: unknown) => failures.push(error));
    expect(failures).to.have.length(1);
    // Act: any later change.
    el.user = 'someone';
    await el.updateComplete;
    // Assert
    expect(button(el, 'Link account')).to.exist;
    expect(el.shadowRoot!.querySelector('input')!.value).to.equal('someone');
    await new Promise((resolve) => setTimeout(resolve, 0));
    window.removeEventListener('unhandledrejection', expected);
  });

  it('can be removed and inserted again (fresh state, no errors)', async () => {
    const { el } = await mount({ credentials: 'CONNECTED', items: 5 });
    await settled(el);
    el.load();
    await waitForState(el, 'loaded');
    const parent = el.parentElement!;
    el.remove();
    await sleep(50);
    parent.append(el);
    await el.updateComplete;
    expect(el.state).to.equal('loaded');
    expect(treeItems(el).length).to.be.greaterThan(0);
  });

  it('two widgets on one page keep their own state, requests and events', async () => {
    const a = await scenario({ credentials: 'CONNECTED', items: 3 });
    const b = await scenario({ credentials: null });
    const wrapper = await fixture<HTMLDivElement>(
      html`<div>
        <integration-connector id="a" endpoint=${a.endpoint} user="ua" org="o" provider="hubspot" lang="en"></integration-connector>
        <integration-connector id="b" endpoint=${b.endpoint} user="ub" org="o" provider="notion" lang="en"></integration-connector>
      </div>`,
    );
    const [first, second] = [...wrapper.querySelectorAll('integration-connector')] as IntegrationConnector[];
    await settled(first!);
    await settled(second!);
    expect(first!.state).to.equal('connected');
    expect(second!.state).to.equal('idle');
    const loads: string[] = [];
    wrapper.addEventListener('ic-load', (event) => loads.push((event.target as HTMLElement).id));
    first!.load();
    await waitForState(first!, 'loaded');
    await nextTask();
    expect(second!.state).to.equal('idle');
    expect(loads).to.deep.equal(['a']);
    expect(await b.calls('load')).to.have.length(0);
    expect((await a.calls('credentials'))[0]!.args.identity).to.deep.equal({ userId: 'ua', orgId: 'o' });
    expect((await b.calls('credentials'))[0]!.args.identity).to.deep.equal({ userId: 'ub', orgId: 'o' });
  });
});

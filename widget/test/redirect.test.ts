import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import type { IcConnectEvent, IcErrorEvent, IcRedirectEvent, IntegrationConnector } from '../src/index.js';
import { alertText, announced, button, mount, scenario, settled, statusText, waitForState } from './support/harness.js';

/** Takes over redirect-mode navigation (the cancelable `ic-redirect`), so the test page stays. */
function captureNavigation(): { urls: string[]; restore(): void } {
  const urls: string[] = [];
  const take = (event: IcRedirectEvent) => {
    event.preventDefault();
    urls.push(event.detail.url);
  };
  document.addEventListener('ic-redirect', take);
  return { urls, restore: () => document.removeEventListener('ic-redirect', take) };
}

describe('blocked popups and redirect mode', () => {
  let realOpen: typeof window.open;
  beforeEach(() => {
    realOpen = window.open;
    sessionStorage.clear();
  });
  afterEach(() => {
    window.open = realOpen;
  });

  it('offers "Try again" and "Continue in this tab" when the popup is blocked, without creating an attempt', async () => {
    const { el, sc } = await mount({ popup: 'approve' });
    await settled(el);
    window.open = () => null;
    const error = oneEvent<IcErrorEvent>(el, 'ic-error');
    button(el, 'Connect')!.click();
    expect((await error).detail.code).to.equal('POPUP_BLOCKED');
    await el.updateComplete;
    expect(alertText(el)).to.equal(
      'Could not connect. Your browser blocked the sign-in window. Allow pop-ups for this site and try again, or continue in this tab.',
    );
    expect(el.shadowRoot!.activeElement?.textContent?.trim()).to.equal('Try again');
    expect(button(el, 'Continue in this tab')).to.exist;
    expect(await sc.calls('connect')).to.have.length(0);

    window.open = realOpen;
    button(el, 'Try again')!.click();
    await waitForState(el, 'connected');
  });

  it('"Continue in this tab" navigates the page to the authorization URL and remembers the attempt', async () => {
    const { el, sc } = await mount({});
    await settled(el);
    window.open = () => null;
    button(el, 'Connect')!.click();
    await el.updateComplete;
    const nav = captureNavigation();
    try {
      button(el, 'Continue in this tab')!.click();
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(nav.urls).to.have.length(1);
      expect(new URL(nav.urls[0]!).searchParams.get('state')).to.equal('state-attempt-1');
      const remembered = JSON.parse(sessionStorage.getItem('integration-connector:resume')!);
      expect(remembered).to.deep.include({ attemptId: 'attempt-1', provider: 'hubspot', identity: { userId: 'u1', orgId: 'o1' } });
      expect(remembered.expiresAt).to.be.greaterThan(Date.now());
      // The server needs to know where to send the browser back to.
      const [call] = await sc.calls('connect');
      expect(call!.args.returnTo).to.equal(location.href);
    } finally {
      nav.restore();
    }
  });

  it('mode="redirect" skips the popup altogether', async () => {
    const { el } = await mount({}, { mode: 'redirect' });
    await settled(el);
    let opened = 0;
    window.open = () => (opened++, null);
    const nav = captureNavigation();
    try {
      button(el, 'Connect')!.click();
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(opened).to.equal(0);
      expect(nav.urls).to.have.length(1);
    } finally {
      nav.restore();
    }
  });

  /** An attempt the (scripted) provider approved while the page was away: its id and confirmation. */
  async function approvedAway(endpoint: string): Promise<{ attemptId: string; confirmation: string }> {
    const { connect } = await (
      await fetch(endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          query: 'mutation { connect(provider: AIRTABLE, identity: {userId: "u9", orgId: "o9"}) { authorizationUrl attemptId } }',
        }),
      }).then((r) => r.json())
    ).data;
    const page = await (await fetch(connect.authorizationUrl)).text();
    const confirmation = /"confirmation":"([^"]+)"/.exec(page)![1]!;
    return { attemptId: connect.attemptId, confirmation };
  }

  it('resumes from ?ic_attempt=&ic_confirmation=, restores the identity, confirms and removes both parameters', async () => {
    // Arrange
    const sc = await scenario({ popup: 'approve' });
    const { attemptId, confirmation } = await approvedAway(sc.endpoint);
    sessionStorage.setItem(
      'integration-connector:resume',
      JSON.stringify({ attemptId, provider: 'airtable', identity: { userId: 'u9', orgId: 'o9' }, expiresAt: Date.now() + 60_000 }),
    );
    const before = location.href;
    history.replaceState(null, '', `${location.pathname}?keep=1&ic_attempt=${attemptId}&ic_confirmation=${confirmation}`);
    try {
      // Act
      const el = document.createElement('integration-connector');
      el.endpoint = sc.endpoint;
      // The page's default identity (a static attribute) must not hijack the returning attempt.
      el.user = 'page-default';
      el.org = 'page-default';
      el.provider = 'hubspot';
      const connected = oneEvent<IcConnectEvent>(el, 'ic-connect');
      document.body.append(el);
      // Assert
      expect((await connected).detail.provider).to.equal('airtable');
      await el.updateComplete;
      // Said to screen readers too: the page was reloaded, nobody saw it happen.
      expect(announced(el)).to.equal('Connected to Acme Portal');
      expect(el.user).to.equal('u9');
      expect(el.org).to.equal('o9');
      expect(location.search).to.equal('?keep=1');
      expect(sessionStorage.getItem('integration-connector:resume')).to.equal(null);
      expect((await sc.calls('confirmConnect')).map((call) => call.args)).to.deep.equal([
        { attemptId, confirmation, identity: { userId: 'u9', orgId: 'o9' } },
      ]);
      el.remove();
    } finally {
      history.replaceState(null, '', before);
    }
  });

  it('as the consent popup continued without its opener (?ic_popup): confirms, tells the page that opened it, closes itself', async () => {
    const sc = await scenario({ popup: 'approve' });
    const { attemptId, confirmation } = await approvedAway(sc.endpoint);
    const before = location.href;
    const realClose = window.close;
    let closes = 0;
    window.close = () => void closes++;
    const heard: unknown[] = [];
    const channel = new BroadcastChannel('integration-connector');
    channel.onmessage = ({ data }) => heard.push(data);
    history.replaceState(null, '', `${location.pathname}?ic_attempt=${attemptId}&ic_confirmation=${confirmation}&ic_popup=1`);
    try {
      const el = await fixture<IntegrationConnector>(
        html`<integration-connector endpoint=${sc.endpoint} user="u9" org="o9" provider="airtable"></integration-connector>`,
      );
      await waitForState(el, 'connected');
      await waitUntil(() => heard.length > 0, 'nothing announced');
      expect(heard).to.deep.equal([attemptId]);
      expect(closes).to.equal(1);
      expect(location.search).to.equal('');
    } finally {
      window.close = realClose;
      channel.close();
      history.replaceState(null, '', before);
    }
  });

  it("a refused confirmation (another identity's page) shows the error and connects nothing", async () => {
    const sc = await scenario({ popup: 'approve' });
    const { attemptId } = await approvedAway(sc.endpoint);
    const before = location.href;
    history.replaceState(null, '', `${location.pathname}?ic_attempt=${attemptId}&ic_confirmation=forged`);
    try {
      const errors: string[] = [];
      const onError = (event: IcErrorEvent) => void errors.push(event.detail.code);
      document.addEventListener('ic-error', onError);
      const el = await fixture<IntegrationConnector>(
        html`<integration-connector endpoint=${sc.endpoint} user="someone-else" org="o" provider="airtable"></integration-connector>`,
      );
      await waitForState(el, 'error');
      document.removeEventListener('ic-error', onError);
      // The code is for the host (ic-error); the person reads what happened in words.
      expect(errors).to.deep.equal(['FORBIDDEN']);
      expect(alertText(el)).to.contain('Could not connect');
      expect(alertText(el)).not.to.contain('FORBIDDEN');
      expect(location.search).to.equal('');
    } finally {
      history.replaceState(null, '', before);
    }
  });

  it('resuming a still-pending attempt is "cancelled", not an error', async () => {
    const sc = await scenario({ popup: 'stay' });
    const before = location.href;
    history.replaceState(null, '', `${location.pathname}?ic_attempt=nope`);
    try {
      const el = await fixture<IntegrationConnector>(
        html`<integration-connector endpoint=${sc.endpoint} user="u" org="o" provider="hubspot"></integration-connector>`,
      );
      await waitForState(el, 'idle');
      await settled(el);
      expect(alertText(el)).to.equal('');
      expect(el.shadowRoot!.querySelector('[role=status]')!.textContent).to.contain('Connection cancelled.');
    } finally {
      history.replaceState(null, '', before);
    }
  });

  it('back from the consent page with the Back button, keeps the chosen provider and identity', async () => {
    // Arrange: the page left for an Airtable consent (remembered), and the user pressed Back.
    const sc = await scenario({ popup: 'stay' });
    sessionStorage.setItem(
      'integration-connector:resume',
      JSON.stringify({
        attemptId: 'attempt-x',
        provider: 'airtable',
        identity: { userId: 'u7', orgId: 'o7' },
        expiresAt: Date.now() + 60_000,
      }),
    );
    // Act: the page loads again, with its default attributes (HubSpot).
    const el = await fixture<IntegrationConnector>(
      html`<integration-connector endpoint=${sc.endpoint} user="page" org="page" provider="hubspot" lang="en"></integration-connector>`,
    );
    await waitUntil(() => statusText(el) === 'Connection cancelled.', 'not resumed');
    // Assert
    expect(el.provider).to.equal('airtable');
    expect([el.user, el.org]).to.deep.equal(['u7', 'o7']);
    expect(alertText(el)).to.equal('');
  });

  it('forgets a remembered attempt that has expired', async () => {
    const sc = await scenario({});
    sessionStorage.setItem(
      'integration-connector:resume',
      JSON.stringify({ attemptId: 'old', provider: 'airtable', identity: null, expiresAt: Date.now() - 1 }),
    );
    const el = await fixture<IntegrationConnector>(
      html`<integration-connector endpoint=${sc.endpoint} user="u" org="o" provider="hubspot" lang="en"></integration-connector>`,
    );
    await settled(el);
    expect(el.provider).to.equal('hubspot');
    expect(await sc.calls('connectAttempt')).to.have.length(0);
  });
});

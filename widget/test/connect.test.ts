import { expect, oneEvent, waitUntil } from '@open-wc/testing';
import type { IcConnectEvent, IcErrorEvent } from '../src/index.js';
import { alertText, button, mount, settled, shadow, statusText, waitForState } from './support/harness.js';

const focused = (el: HTMLElement) => el.shadowRoot?.activeElement?.textContent?.trim();
const focused_ = focused;

describe('connecting in a popup', () => {
  it('connects, fires ic-connect and shows "Connected to <account>"', async () => {
    // Arrange
    const { el, sc } = await mount({ popup: 'approve' });
    await settled(el);
    expect(el.state).to.equal('idle');
    // Act
    const event = oneEvent<IcConnectEvent>(el, 'ic-connect');
    button(el, 'Connect')!.click();
    expect(el.state).to.equal('connecting');
    const { detail } = await event;
    await el.updateComplete;
    // Assert
    expect(detail).to.deep.equal({ provider: 'hubspot', account: { id: 'acct-1', name: 'Acme Portal' } });
    expect(el.state).to.equal('connected');
    expect(statusText(el)).to.equal('Connected to Acme Portal');
    expect(button(el, 'Disconnect')).to.exist;
    expect(focused(el)).to.equal('Load data');
    expect(await sc.calls('connect')).to.have.length(1);
  });

  it('confirms the approved consent with what the popup posted, once, as the same identity; the user sees no extra step', async () => {
    const { el, sc } = await mount({ popup: 'approve' });
    await settled(el);
    // The check reads the chosen provider's credentials before anyone connects (the picker's marks come from `connections`).
    const credentialReads = (await sc.calls('credentials')).length;
    button(el, 'Connect')!.click();
    await waitForState(el, 'connected');
    const [connect] = await sc.calls('connect');
    // Popup mode tells the server where the popup continues if it loses its opener.
    expect(connect!.args).to.include({ returnTo: location.href, display: 'POPUP' });
    const confirms = await sc.calls('confirmConnect');
    expect(confirms.map((call) => call.args)).to.deep.equal([
      { attemptId: 'attempt-1', confirmation: 'confirmation-attempt-1', identity: { userId: 'u1', orgId: 'o1' } },
    ]);
    // confirmConnect answers the credentials: no second round trip for them.
    expect(await sc.calls('credentials')).to.have.length(credentialReads);
  });

  it('reports a refused confirmation as an error with its code, and connects nothing', async () => {
    const { el } = await mount({ popup: 'approve', confirmation: 'not-the-one' });
    await settled(el);
    const error = oneEvent<IcErrorEvent>(el, 'ic-error');
    button(el, 'Connect')!.click();
    expect((await error).detail.code).to.equal('FORBIDDEN');
    await el.updateComplete;
    expect(el.state).to.equal('error');
  });

  it('keeps asking while the server says AWAITING_CONFIRMATION (the popup confirms on another page), then connects', async () => {
    const { el, sc } = await mount({ popup: 'continue', confirmedElsewhereMs: 1_500 });
    await settled(el);
    const connected = oneEvent<IcConnectEvent>(el, 'ic-connect');
    button(el, 'Connect')!.click();
    expect((await connected).detail.provider).to.equal('hubspot');
    expect((await sc.calls('connectAttempt')).length).to.be.at.least(2);
    expect(await sc.calls('confirmConnect')).to.have.length(0);
  });

  it('after a popup that lost its opener reads as cancelled, hears that it confirmed on another page of this origin and connects', async () => {
    // The popup reads closed at once (COOP); the user approves later and the popup confirms on the host page.
    const { el } = await mount({ popup: 'close', confirmedElsewhereMs: 2_500 });
    await settled(el);
    button(el, 'Connect')!.click();
    await waitUntil(() => statusText(el) === 'Connection cancelled.', 'not cancelled', { timeout: 5000 });
    await new Promise((resolve) => setTimeout(resolve, 2_600));
    const connected = oneEvent<IcConnectEvent>(el, 'ic-connect');
    // What confirm.ts announces from that page, on the same origin.
    const channel = new BroadcastChannel('integration-connector');
    channel.postMessage('attempt-1');
    channel.close();
    expect((await connected).detail.provider).to.equal('hubspot');
    expect(el.state).to.equal('connected');
  });

  it('ignores an announcement for another attempt', async () => {
    const { el } = await mount({ popup: 'close' });
    await settled(el);
    button(el, 'Connect')!.click();
    await waitUntil(() => statusText(el) === 'Connection cancelled.', 'not cancelled', { timeout: 5000 });
    const channel = new BroadcastChannel('integration-connector');
    channel.postMessage('attempt-2');
    channel.close();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(el.state).to.equal('idle');
  });

  it('opens one popup and one attempt however often Connect is clicked', async () => {
    const { el, sc } = await mount({ popup: 'approve', consentDelayMs: 300 });
    await settled(el);
    const connect = button(el, 'Connect')!;
    connect.click();
    connect.click();
    el.connect();
    await waitForState(el, 'connected');
    expect(await sc.calls('connect')).to.have.length(1);
  });

  it('asks the server when the popup closes without a message (COOP) and connects', async () => {
    const { el, sc } = await mount({ popup: 'silent-approve' });
    await settled(el);
    button(el, 'Connect')!.click();
    await waitForState(el, 'connected');
    expect((await sc.calls('connectAttempt')).length).to.be.greaterThan(0);
  });

  it('declares "cancelled" only after the server still says PENDING for a closed popup', async () => {
    const { el, sc } = await mount({ popup: 'close' });
    await settled(el);
    button(el, 'Connect')!.click();
    await waitUntil(() => statusText(el) === 'Connection cancelled.', 'not cancelled', { timeout: 5000 });
    expect(el.state).to.equal('idle');
    expect((await sc.calls('connectAttempt')).length).to.be.at.least(2);
    expect(focused(el)).to.equal('Connect');
  });

  it('says a denied consent in words (the code only in ic-error) and offers Connect again', async () => {
    const { el } = await mount({ popup: 'deny' });
    await settled(el);
    const event = oneEvent<IcErrorEvent>(el, 'ic-error');
    button(el, 'Connect')!.click();
    const message = 'Could not connect. Access was not granted. Connect again and choose Allow.';
    expect((await event).detail).to.deep.equal({ code: 'DENIED', message });
    await el.updateComplete;
    expect(el.state).to.equal('error');
    expect(alertText(el)).to.equal(message);
    expect(shadow(el).textContent).to.not.contain('DENIED');
    expect(button(el, 'Connect')).to.exist;
  });

  it('reports a FAILED attempt with what to do, not its code', async () => {
    const { el } = await mount({ popup: 'fail' });
    await settled(el);
    const event = oneEvent<IcErrorEvent>(el, 'ic-error');
    button(el, 'Connect')!.click();
    expect((await event).detail.code).to.equal('PROVIDER_ERROR');
    await waitForState(el, 'error');
    expect(alertText(el)).to.equal('Could not connect. The provider reported an error. Try again later.');
  });

  it('ignores a message with another state, and one from another origin', async () => {
    const { el } = await mount({ popup: 'wrong-state' });
    await settled(el);
    const opened: Array<Window | null> = [];
    const realOpen = window.open;
    window.open = (...args) => {
      const popup = realOpen.apply(window, args);
      opened.push(popup);
      return popup;
    };
    try {
      button(el, 'Connect')!.click();
    } finally {
      window.open = realOpen;
    }
    const popup = opened[0]!;
    window.dispatchEvent(
      new MessageEvent('message', {
        origin: 'https://evil.example',
        source: popup,
        data: { type: 'integration-connector:oauth', provider: 'hubspot', status: 'CONNECTED', state: 'state-attempt-1' },
      }),
    );
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(el.state).to.equal('connecting');
    button(el, 'Cancel')!.click();
    await waitForState(el, 'idle');
    await waitUntil(() => popup.closed, 'popup left open');
  });

  it('turns an attempt that outlives expiresAt into EXPIRED', async () => {
    const { el } = await mount({ popup: 'stay', attemptTtlMs: 300 });
    await settled(el);
    button(el, 'Connect')!.click();
    await waitForState(el, 'error');
    expect(alertText(el)).to.equal('Could not connect. Sign-in took too long. Try again.');
  });

  it('closes the popup and reports the code when connect fails', async () => {
    const { el } = await mount({ errors: { connect: 'PROVIDER_NOT_CONFIGURED' } });
    await settled(el);
    button(el, 'Connect')!.click();
    await waitForState(el, 'error');
    expect(alertText(el)).to.equal('Could not connect. This integration is not set up on the server. Ask your administrator.');
  });

  it('while waiting, offers "Bring the window back" (focuses the popup) and Cancel', async () => {
    const { el } = await mount({ popup: 'stay' });
    await settled(el);
    let focused = 0;
    const realOpen = window.open;
    window.open = (...args) => {
      const popup = realOpen.apply(window, args)!;
      const focus = popup.focus.bind(popup);
      popup.focus = () => {
        focused++;
        focus();
      };
      return popup;
    };
    try {
      button(el, 'Connect')!.click();
    } finally {
      window.open = realOpen;
    }
    await el.updateComplete;
    expect(statusText(el)).to.equal('Waiting for HubSpot… Finish in the sign-in window.');
    // Focus goes to Cancel: the way out is one key away.
    expect(focused_(el)).to.equal('Cancel');
    button(el, 'Bring the window back')!.click();
    expect(focused).to.equal(1);
    button(el, 'Cancel')!.click();
    await waitForState(el, 'idle');
  });

  it('keeps Connect disabled until User, Organization and Integration are set', async () => {
    const { el } = await mount({}, { user: '' });
    await el.updateComplete;
    expect(button(el, 'Connect')!.disabled).to.equal(true);
    expect(shadow(el).querySelector('[role=alert]')!.textContent.trim()).to.equal('');
  });
});

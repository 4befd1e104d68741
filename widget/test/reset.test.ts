import { expect, waitUntil } from '@open-wc/testing';
import { button, choose, field, mount, providerRadio, settled, statusText, treeItems, type, waitForState } from './support/harness.js';

describe('switching provider or identity', () => {
  it('drops the old credentials and items when the provider changes', async () => {
    const { el, sc } = await mount({ credentials: 'CONNECTED' });
    await settled(el);
    el.load();
    await waitForState(el, 'loaded');
    // Act: pick another integration in the form.
    choose(el, 'Airtable');
    await el.updateComplete;
    // Assert: nothing of HubSpot is left on screen, even before the new check answers.
    expect(el.provider).to.equal('airtable');
    expect(el.state).to.equal('idle');
    expect(treeItems(el)).to.have.length(0);
    expect(statusText(el)).to.not.contain('Acme');
    await settled(el);
    const checks = await sc.calls('credentials');
    expect(checks.at(-1)!.args.provider).to.equal('AIRTABLE');
  });

  it('drops the old credentials as soon as the user edits User or Organization', async () => {
    const { el, sc } = await mount({ credentials: 'CONNECTED' });
    await settled(el);
    expect(el.state).to.equal('connected');
    type(field(el, 'User')!, 'someone-else');
    await el.updateComplete;
    expect(el.user).to.equal('someone-else');
    expect(el.state).to.equal('idle');
    expect(button(el, 'Disconnect')).to.equal(null);
    type(field(el, 'Organization')!, 'other-org');
    await settled(el);
    const last = (await sc.calls('credentials')).at(-1)!;
    expect(last.args.identity).to.deep.equal({ userId: 'someone-else', orgId: 'other-org' });
  });

  it('never lets a late answer about the old identity land in the new state', async () => {
    const { el } = await mount({ credentials: 'CONNECTED', delayMs: { credentials: 400 } });
    await waitUntil(() => statusText(el).includes('Checking'));
    await new Promise((resolve) => setTimeout(resolve, 300)); // the old check is now in flight
    el.user = '';
    await el.updateComplete;
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(el.state).to.equal('idle');
    expect(statusText(el)).to.equal('');
  });

  it('aborts a running load when the identity changes', async () => {
    const { el } = await mount({ credentials: 'CONNECTED', items: 100, pageSize: 10, pageDelayMs: 100 });
    await settled(el);
    el.load();
    await waitForState(el, 'loading');
    el.org = 'another';
    await el.updateComplete;
    expect(el.state).to.equal('idle');
    await settled(el);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(el.state).to.equal('connected');
  });

  it('with session-token: hides User/Organization, sends Bearer and omits identity', async () => {
    const { el, sc } = await mount({ credentials: 'CONNECTED', token: 'tok-123' }, { sessionToken: 'tok-123', user: '', org: '' });
    await settled(el);
    expect(el.state).to.equal('connected');
    expect(field(el, 'User')).to.equal(null);
    expect(field(el, 'Organization')).to.equal(null);
    const [check] = await sc.calls('credentials');
    expect(check!.authorization).to.equal('Bearer tok-123');
    expect(check!.args).to.not.have.property('identity');
  });

  it('reloads providers when the endpoint changes', async () => {
    const { el } = await mount({});
    await settled(el);
    const other = await import('./support/harness.js').then((h) =>
      h.scenario({ providers: [{ id: 'NOTION', displayName: 'Notion Test', configured: true, sandbox: false }] }),
    );
    el.endpoint = other.endpoint;
    await waitUntil(() => !!providerRadio(el, 'Notion Test'), 'the new endpoint’s providers are not offered');
    expect(providerRadio(el, 'HubSpot')).to.equal(null);
  });
});

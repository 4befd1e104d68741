import { expect, fixture, html } from '@open-wc/testing';
import { loadLanguage, translator } from '../src/internal/i18n.js';
import { catalogues, type MessageKey, type Strings } from '../src/internal/locales.js';
import { alertText, button, field, mount, settled, shadow, waitForState } from './support/harness.js';

describe('localization', () => {
  const cases = [
    ['de', 'Benutzer', 'Organisation', 'Verbinden'],
    ['fr', 'Utilisateur', 'Organisation', 'Connecter'],
    ['es', 'Usuario', 'Organización', 'Conectar'],
    ['en', 'User', 'Organization', 'Connect'],
  ] as const;
  for (const [lang, user, org, connect] of cases) {
    it(`speaks ${lang}`, async () => {
      const { el } = await mount({}, { lang });
      await settled(el);
      expect(field(el, user)).to.exist;
      expect(field(el, org)).to.exist;
      expect(button(el, connect)).to.exist;
    });
  }

  it('falls back to English for unknown languages', async () => {
    const { el } = await mount({ errors: { credentials: 'NOT_CONNECTED' } }, { lang: 'it-IT' });
    await waitForState(el, 'error');
    expect(button(el, 'Connect')).to.exist;
    expect(alertText(el)).to.equal('Could not check the connection. Not connected. Connect first.');
  });

  it('says which action failed and what to do, in the language, for codes without a message of their own too', async () => {
    const { el } = await mount({ errors: { credentials: 'NOT_IMPLEMENTED' } }, { lang: 'de' });
    await waitForState(el, 'error');
    expect(alertText(el)).to.equal('Die Verbindung konnte nicht geprüft werden. Etwas ist schiefgelaufen. Bitte erneut versuchen.');
    const { el: busy } = await mount({ errors: { credentials: 'RATE_LIMITED' } }, { lang: 'de' });
    await waitForState(busy, 'error');
    expect(alertText(busy)).to.equal('Die Verbindung konnte nicht geprüft werden. Der Dienst ist ausgelastet. Gleich erneut versuchen.');
  });

  it('uses a region subtag’s language and re-renders when lang changes', async () => {
    const { el } = await mount({}, { lang: 'de-CH' });
    await settled(el);
    expect(button(el, 'Verbinden')).to.exist;
    el.lang = 'fr';
    await el.updateComplete;
    expect(button(el, 'Connecter')).to.exist;
  });

  it('inherits the language of the page or an ancestor', async () => {
    const wrapper = await fixture<HTMLDivElement>(html`<div lang="es"><integration-connector></integration-connector></div>`);
    const el = wrapper.querySelector('integration-connector')!;
    await el.updateComplete;
    expect(shadow(el).textContent).to.contain('Usuario');
  });

  it('lets the host override any string, including error messages', async () => {
    const { el } = await mount({ errors: { credentials: 'FORBIDDEN' } });
    el.strings = { connect: 'Link account', E_FORBIDDEN: 'Ask your admin.' };
    await waitForState(el, 'error');
    expect(button(el, 'Link account')).to.exist;
    expect(alertText(el)).to.equal('Could not check the connection. Ask your admin.');
  });

  it('formats numbers and dates for the language', async () => {
    await loadLanguage('de');
    expect(translator('de').number(10000)).to.equal('10.000');
    expect(translator('de').t('connected', { account: 'X' })).to.equal('Verbunden mit X');
    expect(translator('fr').date('not a date')).to.equal('');
  });
});

describe('message catalogues', () => {
  const placeholders = (message: string) =>
    [...message.matchAll(/\{\w+\}/g)]
      .map((m) => m[0])
      .sort()
      .join();
  let en: Strings;
  before(async () => {
    en = (await catalogues.en!()).default;
  });
  for (const lang of ['de', 'fr', 'es']) {
    it(`${lang}: has every English key, no other, each with the English placeholders`, async () => {
      const catalogue = (await catalogues[lang]!()).default as Record<string, string>;
      expect(Object.keys(catalogue).sort(), lang).to.deep.equal(Object.keys(en).sort());
      for (const key of Object.keys(en) as MessageKey[]) {
        expect(catalogue[key], `${lang}.${key}`).to.be.a('string').and.not.equal('');
        expect(placeholders(catalogue[key]!), `${lang}.${key}: "${catalogue[key]}"`).to.equal(placeholders(en[key]));
      }
    });
  }
});

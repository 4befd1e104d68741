import { defineProvider } from '../module.js';
import { hubspotItems } from './items.js';
import { hubspotCalls } from './limits.js';
import { hubspotOAuth } from './oauth.js';
import { hubspotProxy } from './proxy.js';
import { hubspotSettings } from './settings.js';

export const hubspot = defineProvider({
  settings: hubspotSettings,
  oauth: hubspotOAuth,
  items: hubspotItems,
  calls: hubspotCalls,
  proxy: hubspotProxy,
});

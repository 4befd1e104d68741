import { defineProvider } from '../module.js';
import { airtableItems } from './items.js';
import { airtableCalls } from './limits.js';
import { airtableOAuth } from './oauth.js';
import { airtableProxy } from './proxy.js';
import { airtableSettings } from './settings.js';

export const airtable = defineProvider({
  settings: airtableSettings,
  oauth: airtableOAuth,
  items: airtableItems,
  calls: airtableCalls,
  proxy: airtableProxy,
});

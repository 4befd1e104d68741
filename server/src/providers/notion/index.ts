import { defineProvider } from '../module.js';
import { notionItems } from './items.js';
import { notionCalls } from './limits.js';
import { notionOAuth } from './oauth.js';
import { notionProxy } from './proxy.js';
import { notionSettings } from './settings.js';

export const notion = defineProvider({
  settings: notionSettings,
  oauth: notionOAuth,
  items: notionItems(),
  calls: notionCalls,
  proxy: notionProxy,
});

import { defineProvider } from '../module.js';
import type { OAuthProvider } from '../oauth-provider.js';
import { notionItems } from './items.js';
import { notionOAuth } from './oauth.js';
import { notionSettings } from './settings.js';

export const notion = defineProvider({ settings: notionSettings, oauth: notionOAuth as OAuthProvider, items: notionItems() });

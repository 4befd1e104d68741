import { describe, expect, it } from 'vitest';
import * as airtable from './contracts/airtable.js';
import * as hubspot from './contracts/hubspot.js';
import * as notion from './contracts/notion.js';

/**
 * The fact sheet's own JSON examples (../shared/providers.md), copied verbatim. If a schema stops
 * accepting them, the schema drifted from the fact sheet; the other specs validate live responses
 * with the same schemas, so the simulators cannot drift either.
 */
const HUBSPOT_TOKEN = {
  token_type: 'bearer',
  refresh_token: 'na1-3f1c2a9e-7b4d-4e0a-9c55-1d2e3f4a5b6c',
  access_token: 'CNbk8a-mMxIHAAEAQAAAARjV9c8IIJrK2CIo...',
  hub_id: 1234567,
  scopes: ['oauth', 'crm.objects.contacts.read', 'crm.objects.companies.read', 'crm.objects.deals.read'],
  expires_in: 1800,
  token_use: 'access_token',
};
const HUBSPOT_OAUTH_ERROR = {
  error: 'invalid_grant',
  error_description: 'refresh token is invalid, expired or revoked',
  status: 'BAD_REFRESH_TOKEN',
  message: 'refresh token is invalid, expired or revoked',
};
const HUBSPOT_INTROSPECT = {
  active: true,
  token: 'CNbk8a-mMxIHAAEAQAAAARjV9c8IIJrK2CIo...',
  hub_id: 1234567,
  user_id: 222222,
  client_id: '7fff1e36-2d40-4ae1-bbb1-5266d59564fb',
  app_id: 1234444,
  user: 'jdoe@example.com',
  hub_domain: 'example.com',
  scopes: ['oauth', 'crm.objects.contacts.read'],
  signed_access_token: {
    expiresAt: 1769213087721,
    hubId: 1234567,
    userId: 222222,
    appId: 1234444,
    hublet: 'na1',
    isUserLevel: false,
    isPrivateDistribution: true,
    scopes: '…',
    signature: '…',
    newSignature: '…',
    scopeToScopeGroupPks: '…',
    trialScopes: '',
    trialScopeToScopeGroupPks: '',
  },
  expires_in: 1789,
  is_private_distribution: true,
  token_use: 'access_token',
  token_type: 'Bearer',
};
const HUBSPOT_LEGACY_INFO = {
  token: '…',
  user: 'test@hubspot.com',
  hub_domain: 'demo.hubapi.com',
  scopes: ['contacts', 'automation', 'oauth'],
  hub_id: 62515,
  app_id: 456,
  expires_in: 21588,
  user_id: 123,
  token_type: 'access',
};
const HUBSPOT_CONTACTS = {
  results: [
    {
      id: '512',
      properties: {
        createdate: '2026-05-04T09:12:44.120Z',
        email: 'ada@example.com',
        firstname: 'Ada',
        hs_object_id: '512',
        lastmodifieddate: '2026-10-01T16:03:10.555Z',
        lastname: 'Lovelace',
      },
      createdAt: '2026-05-04T09:12:44.120Z',
      updatedAt: '2026-10-01T16:03:10.555Z',
      archived: false,
    },
    {
      id: '513',
      properties: {
        createdate: '2026-05-05T11:00:00.000Z',
        email: 'grace@example.com',
        firstname: 'Grace',
        hs_object_id: '513',
        lastmodifieddate: '2026-09-12T08:30:00.000Z',
        lastname: 'Hopper',
      },
      createdAt: '2026-05-05T11:00:00.000Z',
      updatedAt: '2026-09-12T08:30:00.000Z',
      archived: false,
    },
  ],
  paging: {
    next: { after: '514', link: 'https://api.hubapi.com/crm/v3/objects/contacts?limit=2&properties=email,firstname,lastname&after=514' },
  },
};
const HUBSPOT_429 = {
  status: 'error',
  message: 'You have reached your ten_secondly_rolling limit.',
  errorType: 'RATE_LIMIT',
  correlationId: '64f5906e-d941-43a8-88fe-367aa32bf1a7',
  policyName: 'TEN_SECONDLY_ROLLING',
  groupName: 'publicapi:oauth-app-api-calls-ten-secondly:1234444:1234567',
};
const HUBSPOT_401 = {
  status: 'error',
  message: 'The OAuth token used to make this call expired 75 second(s) ago.',
  correlationId: '…',
  category: 'EXPIRED_AUTHENTICATION',
  context: { 'expire time': ['2026-11-23T10:37:52.040Z'] },
};

const AIRTABLE_TOKEN = {
  access_token: 'oaa1Bc2De3Fg4Hi5.v1.eyJ1c2VySWQiOiJ1c3JMMlBOQzVvM0g0bEJFaSJ9.abc',
  refresh_token: 'oar9Zy8Xw7Vu6Ts5.v1.eyJyZWZyZXNoIjp0cnVlfQ.def',
  token_type: 'Bearer',
  scope: 'data.records:read schema.bases:read user.email:read',
  expires_in: 3600,
  refresh_expires_in: 5184000,
};
const AIRTABLE_WHOAMI = {
  id: 'usrL2PNC5o3H4lBEi',
  email: 'foo@bar.com',
  scopes: ['data.records:read', 'schema.bases:read', 'user.email:read'],
};
const AIRTABLE_BASES = {
  bases: [
    { id: 'appLkNDICXNqxSDhG', name: 'Apartment Hunting', permissionLevel: 'create' },
    { id: 'appSW9R5uCNmRmfl6', name: 'Project Tracker', permissionLevel: 'edit' },
  ],
  offset: 'itr23sEjsdfEr3282/appSW9R5uCNmRmfl6',
};
const AIRTABLE_TABLES = {
  tables: [
    {
      id: 'tbltp8DGLhqbUmjK1',
      name: 'Apartments',
      description: 'Apartments to track.',
      primaryFieldId: 'fld1VnoyuotSTyxW1',
      fields: [
        { id: 'fld1VnoyuotSTyxW1', name: 'Name', type: 'singleLineText', description: 'Name of the apartment' },
        { id: 'fldoaIqdn5szURHpw', name: 'Pictures', type: 'multipleAttachments', options: { isReversed: false } },
        {
          id: 'fldumZe00w09RYTW6',
          name: 'District',
          type: 'multipleRecordLinks',
          options: {
            linkedTableId: 'tblK6MZHez0ZvBChZ',
            inverseLinkFieldId: 'fldWnCJlo2z6ttT8Y',
            isReversed: false,
            prefersSingleRecordLink: true,
          },
        },
      ],
      views: [{ id: 'viwQpsuEDqHFqegkp', name: 'Grid view', type: 'grid' }],
    },
  ],
};
const AIRTABLE_RECORDS = {
  records: [
    {
      id: 'rec560UJdUtocSouk',
      createdTime: '2022-09-12T21:03:48.000Z',
      fields: { Address: '333 Post St', Name: 'Union Square', Visited: true },
    },
    { id: 'rec3lbPRG4aVqkeOQ', createdTime: '2022-09-12T21:03:48.000Z', fields: { Address: '1 Ferry Building', Name: 'Ferry Building' } },
  ],
  offset: 'itrQv3oZ1Tz5Yb8e2/rec3lbPRG4aVqkeOQ',
};
const AIRTABLE_429 = { error: { type: 'RATE_LIMIT_REACHED', message: 'Rate limit exceeded. Please try again later' } };

const NOTION_TOKEN = {
  access_token: 'ntn_3512345678901a2bcD4eFgHIjkLmnoPqrs5tUvw',
  token_type: 'bearer',
  refresh_token: 'nrt_4991090011501Ejc6Xn4sHguI7jZIN449mKe9PRhpMfNK',
  bot_id: 'b3414d65-1224-4d5e-8f6a-2c9d87734601',
  workspace_name: "Ada's Notion Workspace",
  workspace_icon: 'https://website.domain/images/image.png',
  workspace_id: 'a5cd917a-a3d7-4a41-b9c5-c9d1b0c5c7e5',
  owner: {
    type: 'user',
    user: {
      object: 'user',
      id: 'd40e767c-d7af-4b18-a86d-55c61f1e39a4',
      name: 'Ada Lovelace',
      avatar_url: null,
      type: 'person',
      person: { email: 'ada@example.org' },
    },
  },
  duplicated_template_id: null,
  request_id: '9a1f6f3e-2f6c-4a9e-8f1e-0b3f1c2d4e5f',
};
const RT = (s: string) => ({
  type: 'text',
  text: { content: s, link: null },
  annotations: { bold: false, italic: false, strikethrough: false, underline: false, code: false, color: 'default' },
  plain_text: s,
  href: null,
});
const USER = { object: 'user', id: 'ee5f0f84-409a-440f-983a-a5315961c6e4' };
const NOTION_SEARCH = {
  object: 'list',
  results: [
    {
      object: 'page',
      id: '59833787-2cf9-4fdf-8782-e53db20768a5',
      created_time: '2026-03-15T09:30:00.000Z',
      last_edited_time: '2026-11-20T14:05:00.000Z',
      created_by: USER,
      last_edited_by: USER,
      cover: null,
      icon: { type: 'emoji', emoji: '🥬' },
      parent: {
        type: 'data_source_id',
        data_source_id: '1a44be12-0953-4631-b498-9e5817518db8',
        database_id: 'd9824bdc-8445-4327-be8b-5b47500af6ce',
      },
      in_trash: false,
      archived: false,
      url: 'https://www.notion.so/Tuscan-kale-598337872cf94fdf8782e53db20768a5',
      public_url: null,
      properties: { Name: { id: 'title', type: 'title', title: [RT('Tuscan kale')] } },
    },
    {
      object: 'data_source',
      id: '1a44be12-0953-4631-b498-9e5817518db8',
      title: [RT('Grocery list')],
      description: [],
      parent: { type: 'database_id', database_id: 'd9824bdc-8445-4327-be8b-5b47500af6ce' },
      database_parent: { type: 'page_id', page_id: '98ad959b-2b6a-4774-80ee-00246fb0ea9b' },
      is_inline: false,
      in_trash: false,
      archived: false,
      created_time: '2026-03-01T08:00:00.000Z',
      last_edited_time: '2026-11-19T10:00:00.000Z',
      created_by: USER,
      last_edited_by: USER,
      properties: { Name: { id: 'title', name: 'Name', type: 'title', title: {} } },
      icon: null,
      cover: null,
      url: 'https://www.notion.so/1a44be1209534631b4989e5817518db8',
      public_url: null,
    },
  ],
  next_cursor: 'e6c6f5ff-c70e-4bcf-a4a5-f7d4a7f06b5c',
  has_more: true,
  type: 'page_or_data_source',
  page_or_data_source: {},
};
const NOTION_429 = {
  object: 'error',
  status: 429,
  code: 'rate_limited',
  message: 'You have been rate limited. Please try again in a few minutes.',
  additional_data: { rate_limit_reason: 'public_api_request_rate_limit', retry_after: '17' },
  request_id: '3f0c9a70-5a2b-4a1e-9a6d-1d0f0c2b7e11',
};
const NOTION_401 = {
  object: 'error',
  status: 401,
  code: 'unauthorized',
  message: 'API token is invalid.',
  request_id: '292c30e5-d974-4616-9f41-43fa3fd9879b',
};
const NOTION_ME = {
  object: 'user',
  id: '16d84278-ab0e-484c-9bdd-b35da3bd8905',
  name: 'pied piper',
  avatar_url: null,
  type: 'bot',
  bot: {
    owner: {
      type: 'user',
      user: {
        object: 'user',
        id: '5389a034-eb5c-47b5-8a9e-f79c99ef166c',
        name: 'christine makenotion',
        avatar_url: null,
        type: 'person',
        person: { email: 'christine@makenotion.com' },
      },
    },
  },
};

describe('contract schemas accept the fact sheet examples', () => {
  it.each([
    ['HubSpot token response', hubspot.hubspotTokenResponse, HUBSPOT_TOKEN],
    ['HubSpot OAuth error', hubspot.hubspotOAuthError, HUBSPOT_OAUTH_ERROR],
    ['HubSpot introspection', hubspot.hubspotAccessIntrospection, HUBSPOT_INTROSPECT],
    ['HubSpot legacy token info', hubspot.hubspotLegacyAccessTokenInfo, HUBSPOT_LEGACY_INFO],
    ['HubSpot contacts page', hubspot.hubspotCollection, HUBSPOT_CONTACTS],
    ['HubSpot 429', hubspot.hubspotRateLimitError, HUBSPOT_429],
    ['HubSpot 401', hubspot.hubspotApiError, HUBSPOT_401],
    ['Airtable token response', airtable.airtableTokenResponse, AIRTABLE_TOKEN],
    ['Airtable whoami', airtable.airtableWhoami, AIRTABLE_WHOAMI],
    ['Airtable bases', airtable.airtableBases, AIRTABLE_BASES],
    ['Airtable tables', airtable.airtableTables, AIRTABLE_TABLES],
    ['Airtable records', airtable.airtableRecords, AIRTABLE_RECORDS],
    ['Airtable 429', airtable.airtableError, AIRTABLE_429],
    ['Notion token response', notion.notionTokenResponse, NOTION_TOKEN],
    ['Notion search (2025-09-03)', notion.notionSearchResponse, NOTION_SEARCH],
    ['Notion 429', notion.notionError, NOTION_429],
    ['Notion 401', notion.notionError, NOTION_401],
    ['Notion users/me', notion.notionBotUser, NOTION_ME],
  ])('%s', (_name, schema, example) => {
    expect(schema.safeParse(example).error).toBeUndefined();
  });

  it('rejects shapes that drift from the fact sheet', () => {
    expect(hubspot.hubspotTokenResponse.safeParse({ ...HUBSPOT_TOKEN, refresh_token: 'abc' }).success).toBe(false);
    expect(hubspot.hubspotCollection.safeParse({ results: [{ ...HUBSPOT_CONTACTS.results[0], properties: { n: 1 } }] }).success).toBe(
      false,
    );
    expect(notion.notionTokenResponse.safeParse({ ...NOTION_TOKEN, expires_in: 3600 }).success).toBe(false);
    expect(airtable.airtableTokenResponse.safeParse({ ...AIRTABLE_TOKEN, refresh_expires_in: undefined }).success).toBe(false);
  });
});

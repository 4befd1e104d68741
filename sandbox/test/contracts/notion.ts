import { z } from 'zod';

/** Written from the fact sheet (section 3). */
const uuid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
const userRef = z.object({ object: z.literal('user'), id: uuid });

export const notionRichText = z.object({
  type: z.literal('text'),
  text: z.object({ content: z.string(), link: z.null() }),
  annotations: z.object({
    bold: z.boolean(),
    italic: z.boolean(),
    strikethrough: z.boolean(),
    underline: z.boolean(),
    code: z.boolean(),
    color: z.string(),
  }),
  plain_text: z.string(),
  href: z.null(),
});

const person = z.object({
  object: z.literal('user'),
  id: uuid,
  name: z.string(),
  avatar_url: z.string().nullable(),
  type: z.literal('person'),
  person: z.object({ email: z.string() }),
});

export const notionTokenResponse = z
  .object({
    access_token: z.string().min(1),
    token_type: z.literal('bearer'),
    refresh_token: z.string().nullable(),
    bot_id: uuid,
    workspace_id: uuid,
    workspace_name: z.string().nullable(),
    workspace_icon: z.string().nullable(),
    owner: z.union([
      z.object({ type: z.literal('user'), user: person }),
      z.object({ type: z.literal('workspace'), workspace: z.literal(true) }),
    ]),
    duplicated_template_id: z.string().nullable(),
    request_id: uuid.optional(),
  })
  .strict();

export const notionError = z.object({
  object: z.literal('error'),
  status: z.number().int(),
  code: z.string(),
  message: z.string(),
  request_id: z.string().optional(),
  additional_data: z.record(z.string(), z.string()).optional(),
});

export const notionParent = z.discriminatedUnion('type', [
  z.object({ type: z.literal('workspace'), workspace: z.literal(true) }),
  z.object({ type: z.literal('page_id'), page_id: uuid }),
  z.object({ type: z.literal('block_id'), block_id: uuid }),
  z.object({ type: z.literal('database_id'), database_id: uuid }),
  z.object({ type: z.literal('data_source_id'), data_source_id: uuid, database_id: uuid }),
]);

const base = {
  id: uuid,
  created_time: z.iso.datetime(),
  last_edited_time: z.iso.datetime(),
  created_by: userRef,
  last_edited_by: userRef,
  in_trash: z.boolean(),
  archived: z.boolean().optional(),
  icon: z.object({ type: z.literal('emoji'), emoji: z.string() }).nullable(),
  cover: z.null(),
  url: z.string().startsWith('https://www.notion.so/'),
  public_url: z.string().nullable(),
};

export const notionPage = z.object({
  object: z.literal('page'),
  ...base,
  parent: notionParent,
  properties: z.record(z.string(), z.object({ id: z.string(), type: z.string() }).loose()),
});

export const notionDataSource = z.object({
  object: z.literal('data_source'),
  ...base,
  title: z.array(notionRichText),
  description: z.array(notionRichText),
  parent: z.object({ type: z.literal('database_id'), database_id: uuid }),
  database_parent: notionParent,
  is_inline: z.boolean(),
  properties: z.record(z.string(), z.object({ id: z.string(), name: z.string(), type: z.string() }).loose()),
});

export const notionLegacyDatabase = z.object({
  object: z.literal('database'),
  ...base,
  title: z.array(notionRichText),
  description: z.array(notionRichText),
  parent: notionParent,
  is_inline: z.boolean(),
  properties: z.record(z.string(), z.object({ id: z.string(), name: z.string(), type: z.string() }).loose()),
});

/**
 * `PartialPageObjectResponse` / `PartialDataSourceObjectResponse` (@notionhq/client search types, Q9):
 * id only, a data source also its property schema.
 */
export const notionPartial = z.union([
  z.object({ object: z.enum(['page', 'database']), id: uuid }).strict(),
  z
    .object({
      object: z.literal('data_source'),
      id: uuid,
      properties: z.record(z.string(), z.object({ id: z.string(), name: z.string(), type: z.string() }).loose()),
    })
    .strict(),
]);

export const notionSearchResponse = z.object({
  object: z.literal('list'),
  results: z.array(z.union([notionPage, notionDataSource, notionLegacyDatabase, notionPartial])),
  request_status: z
    .object({ type: z.enum(['complete', 'incomplete']), incomplete_reason: z.literal('query_result_limit_reached').optional() })
    .optional(),
  next_cursor: z.string().nullable(),
  has_more: z.boolean(),
  type: z.enum(['page_or_data_source', 'page_or_database']),
  page_or_data_source: z.object({}).optional(),
  page_or_database: z.object({}).optional(),
});

export const notionBotUser = z.object({
  object: z.literal('user'),
  id: uuid,
  name: z.string(),
  avatar_url: z.string().nullable(),
  type: z.literal('bot'),
  bot: z.object({ owner: z.object({ type: z.literal('user'), user: person }) }).loose(),
});

export const notionIntrospection = z.object({
  active: z.boolean(),
  scope: z.string().optional(),
  iat: z.number().int().optional(),
  request_id: z.string().optional(),
});

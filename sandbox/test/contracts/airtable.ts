import { z } from 'zod';

/** Written from the fact sheet (section 2). */
const airtableIdOf = (prefix: string) => z.string().regex(new RegExp(`^${prefix}[A-Za-z0-9]{14}$`));

export const airtableTokenResponse = z.object({
  access_token: z.string().min(1),
  refresh_token: z.string().min(1),
  token_type: z.literal('Bearer'),
  scope: z.string().min(1),
  expires_in: z.number().int().positive(),
  refresh_expires_in: z.number().int().positive(),
});

export const airtableOAuthError = z.object({ error: z.string(), error_description: z.string() });

export const airtableWhoami = z.object({ id: airtableIdOf('usr'), email: z.string().optional(), scopes: z.array(z.string()).optional() });

export const airtableBases = z.object({
  bases: z.array(
    z.object({ id: airtableIdOf('app'), name: z.string(), permissionLevel: z.enum(['none', 'read', 'comment', 'edit', 'create']) }),
  ),
  offset: z.string().optional(),
});

const field = z.object({
  id: airtableIdOf('fld'),
  name: z.string(),
  type: z.string(),
  description: z.string().optional(),
  options: z.record(z.string(), z.unknown()).optional(),
});
const view = z.object({ id: airtableIdOf('viw'), name: z.string(), type: z.string(), visibleFieldIds: z.array(z.string()).optional() });

export const airtableTables = z.object({
  tables: z.array(
    z.object({
      id: airtableIdOf('tbl'),
      name: z.string(),
      description: z.string().optional(),
      primaryFieldId: airtableIdOf('fld'),
      fields: z.array(field).min(1),
      views: z.array(view),
    }),
  ),
});

export const airtableRecords = z.object({
  records: z.array(
    z.object({
      id: airtableIdOf('rec'),
      createdTime: z.iso.datetime(),
      fields: z.record(z.string(), z.unknown()),
      commentCount: z.number().optional(),
    }),
  ),
  offset: z.string().optional(),
});

export const airtableError = z.object({ error: z.object({ type: z.string(), message: z.string().optional() }) });

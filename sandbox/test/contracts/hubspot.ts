import { z } from 'zod';

/** Written from the fact sheet (section 1); the fixtures in contracts.test.ts anchor them to its examples. */
export const hubspotTokenResponse = z.object({
  access_token: z.string().min(1).max(512),
  refresh_token: z.string().regex(/^(na1|eu1)-/),
  token_type: z.string().regex(/^bearer$/i),
  expires_in: z.number().int().positive(),
  token_use: z.literal('access_token'),
  hub_id: z.number().int().optional(),
  user_id: z.number().int().optional(),
  scopes: z.array(z.string()).optional(),
  id_token: z.string().optional(),
});

export const hubspotOAuthError = z.object({
  error: z.string(),
  error_description: z.string(),
  status: z.string(),
  message: z.string(),
});

export const hubspotLegacyOAuthError = z.object({ status: z.string(), message: z.string() });

export const hubspotAccessIntrospection = z.object({
  active: z.literal(true),
  token: z.string(),
  hub_id: z.number().int(),
  user_id: z.number().int(),
  client_id: z.string(),
  app_id: z.number().int(),
  user: z.string(),
  hub_domain: z.string(),
  scopes: z.array(z.string()),
  signed_access_token: z
    .object({ expiresAt: z.number(), hubId: z.number(), userId: z.number(), appId: z.number(), hublet: z.string() })
    .loose(),
  expires_in: z.number().int(),
  is_private_distribution: z.boolean(),
  token_use: z.literal('access_token'),
  token_type: z.string(),
});

export const hubspotRefreshIntrospection = z.object({
  active: z.literal(true),
  token: z.string(),
  hub_id: z.number().int(),
  user_id: z.number().int(),
  client_id: z.string(),
  app_id: z.number().int(),
  scopes: z.array(z.string()),
  token_use: z.literal('refresh_token'),
  token_type: z.string(),
});

export const hubspotLegacyAccessTokenInfo = z.object({
  token: z.string(),
  app_id: z.number().int(),
  hub_id: z.number().int(),
  user_id: z.number().int(),
  scopes: z.array(z.string()),
  token_type: z.string(),
  expires_in: z.number().int(),
  user: z.string().optional(),
  hub_domain: z.string().optional(),
});

const nextPage = z.object({ next: z.object({ after: z.string(), link: z.string().optional() }) });

/** `CollectionResponseAssociatedId` (CRM v3 spec): at most 100 entries, then paging (Q5). */
export const hubspotAssociations = z.object({
  results: z.array(z.object({ id: z.string(), type: z.string() })).max(100),
  paging: nextPage.optional(),
});

/** v4 `AssociationSpecWithLabel` / `MultiAssociatedObjectWithLabel` (HubSpot's v4 associations spec). */
export const hubspotV4Target = z.object({
  toObjectId: z.string(),
  associationTypes: z
    .array(
      z.object({
        category: z.enum(['HUBSPOT_DEFINED', 'USER_DEFINED', 'INTEGRATOR_DEFINED']),
        typeId: z.number().int(),
        label: z.string().nullable().optional(),
      }),
    )
    .min(1),
});

export const hubspotV4List = z.object({ results: z.array(hubspotV4Target), paging: nextPage.optional() });

export const hubspotV4BatchRead = z.object({
  status: z.enum(['PENDING', 'PROCESSING', 'CANCELED', 'COMPLETE']),
  startedAt: z.iso.datetime(),
  completedAt: z.iso.datetime(),
  results: z.array(z.object({ from: z.object({ id: z.string() }), to: z.array(hubspotV4Target), paging: nextPage.optional() })),
  numErrors: z.number().int().optional(),
  errors: z.array(z.object({ category: z.string(), message: z.string() }).loose()).optional(),
});

/** "Retrieve account details" reference: every field required. */
export const hubspotAccountDetails = z.object({
  portalId: z.number().int(),
  accountType: z.enum(['APP_DEVELOPER', 'DEVELOPER_TEST', 'SANDBOX', 'STANDARD']),
  timeZone: z.string(),
  companyCurrency: z.string(),
  additionalCurrencies: z.array(z.string()),
  utcOffset: z.string(),
  utcOffsetMilliseconds: z.number().int(),
  uiDomain: z.string(),
  dataHostingLocation: z.string(),
});

export const hubspotObject = z.object({
  id: z.string().regex(/^\d+$/),
  properties: z.record(z.string(), z.string()),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  archived: z.boolean(),
  archivedAt: z.iso.datetime().optional(),
  associations: z.record(z.string(), hubspotAssociations).optional(),
});

export const hubspotCollection = z.object({
  results: z.array(hubspotObject),
  paging: nextPage.optional(),
});

export const hubspotApiError = z.object({
  status: z.literal('error'),
  message: z.string(),
  correlationId: z.string(),
  category: z.string(),
  context: z.record(z.string(), z.array(z.string())).optional(),
  errors: z.array(z.object({ message: z.string() }).loose()).optional(),
  links: z.record(z.string(), z.string()).optional(),
});

export const hubspotRateLimitError = z.object({
  status: z.literal('error'),
  message: z.string(),
  errorType: z.literal('RATE_LIMIT'),
  correlationId: z.string(),
  policyName: z.enum(['TEN_SECONDLY_ROLLING', 'DAILY']).optional(),
  groupName: z.string().optional(),
});

/* eslint-disable */
import * as types from './graphql.js';



/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "query Providers {\n  providers {\n    id\n    displayName\n    configured\n    sandbox\n  }\n}\n\nquery Credentials($provider: Provider!, $identity: IdentityInput) {\n  credentials(provider: $provider, identity: $identity) {\n    provider\n    status\n    account {\n      id\n      name\n    }\n    connectedAt\n  }\n}\n\nquery ConnectAttempt($id: ID!) {\n  connectAttempt(id: $id) {\n    status\n    errorCode\n  }\n}\n\nquery Load($provider: Provider!, $identity: IdentityInput, $first: Int, $after: String, $maxWaitSeconds: Int) {\n  load(\n    provider: $provider\n    identity: $identity\n    first: $first\n    after: $after\n    maxWaitSeconds: $maxWaitSeconds\n  ) {\n    edges {\n      node {\n        id\n        type\n        directory\n        parentPathOrName\n        parentId\n        name\n        lastModifiedTime\n        url\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    incomplete\n    totalCount\n  }\n}\n\nmutation Connect($provider: Provider!, $identity: IdentityInput, $returnTo: String, $display: ConnectDisplay) {\n  connect(\n    provider: $provider\n    identity: $identity\n    returnTo: $returnTo\n    display: $display\n  ) {\n    authorizationUrl\n    attemptId\n    expiresAt\n  }\n}\n\nmutation ConfirmConnect($attemptId: ID!, $confirmation: String!, $identity: IdentityInput) {\n  confirmConnect(\n    attemptId: $attemptId\n    confirmation: $confirmation\n    identity: $identity\n  ) {\n    provider\n    status\n    account {\n      id\n      name\n    }\n    connectedAt\n  }\n}\n\nmutation Disconnect($provider: Provider!, $identity: IdentityInput) {\n  disconnect(provider: $provider, identity: $identity)\n}": typeof types.ProvidersDocument,
};
const documents: Documents = {
    "query Providers {\n  providers {\n    id\n    displayName\n    configured\n    sandbox\n  }\n}\n\nquery Credentials($provider: Provider!, $identity: IdentityInput) {\n  credentials(provider: $provider, identity: $identity) {\n    provider\n    status\n    account {\n      id\n      name\n    }\n    connectedAt\n  }\n}\n\nquery ConnectAttempt($id: ID!) {\n  connectAttempt(id: $id) {\n    status\n    errorCode\n  }\n}\n\nquery Load($provider: Provider!, $identity: IdentityInput, $first: Int, $after: String, $maxWaitSeconds: Int) {\n  load(\n    provider: $provider\n    identity: $identity\n    first: $first\n    after: $after\n    maxWaitSeconds: $maxWaitSeconds\n  ) {\n    edges {\n      node {\n        id\n        type\n        directory\n        parentPathOrName\n        parentId\n        name\n        lastModifiedTime\n        url\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    incomplete\n    totalCount\n  }\n}\n\nmutation Connect($provider: Provider!, $identity: IdentityInput, $returnTo: String, $display: ConnectDisplay) {\n  connect(\n    provider: $provider\n    identity: $identity\n    returnTo: $returnTo\n    display: $display\n  ) {\n    authorizationUrl\n    attemptId\n    expiresAt\n  }\n}\n\nmutation ConfirmConnect($attemptId: ID!, $confirmation: String!, $identity: IdentityInput) {\n  confirmConnect(\n    attemptId: $attemptId\n    confirmation: $confirmation\n    identity: $identity\n  ) {\n    provider\n    status\n    account {\n      id\n      name\n    }\n    connectedAt\n  }\n}\n\nmutation Disconnect($provider: Provider!, $identity: IdentityInput) {\n  disconnect(provider: $provider, identity: $identity)\n}": types.ProvidersDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query Providers {\n  providers {\n    id\n    displayName\n    configured\n    sandbox\n  }\n}\n\nquery Credentials($provider: Provider!, $identity: IdentityInput) {\n  credentials(provider: $provider, identity: $identity) {\n    provider\n    status\n    account {\n      id\n      name\n    }\n    connectedAt\n  }\n}\n\nquery ConnectAttempt($id: ID!) {\n  connectAttempt(id: $id) {\n    status\n    errorCode\n  }\n}\n\nquery Load($provider: Provider!, $identity: IdentityInput, $first: Int, $after: String, $maxWaitSeconds: Int) {\n  load(\n    provider: $provider\n    identity: $identity\n    first: $first\n    after: $after\n    maxWaitSeconds: $maxWaitSeconds\n  ) {\n    edges {\n      node {\n        id\n        type\n        directory\n        parentPathOrName\n        parentId\n        name\n        lastModifiedTime\n        url\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    incomplete\n    totalCount\n  }\n}\n\nmutation Connect($provider: Provider!, $identity: IdentityInput, $returnTo: String, $display: ConnectDisplay) {\n  connect(\n    provider: $provider\n    identity: $identity\n    returnTo: $returnTo\n    display: $display\n  ) {\n    authorizationUrl\n    attemptId\n    expiresAt\n  }\n}\n\nmutation ConfirmConnect($attemptId: ID!, $confirmation: String!, $identity: IdentityInput) {\n  confirmConnect(\n    attemptId: $attemptId\n    confirmation: $confirmation\n    identity: $identity\n  ) {\n    provider\n    status\n    account {\n      id\n      name\n    }\n    connectedAt\n  }\n}\n\nmutation Disconnect($provider: Provider!, $identity: IdentityInput) {\n  disconnect(provider: $provider, identity: $identity)\n}"): typeof import('./graphql.js').ProvidersDocument;


export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

import type { Resolvers } from '../generated/resolvers-types.js';
import { accessToken } from './Credentials/accessToken.js';
import { confirmConnect } from './Mutation/confirmConnect.js';
import { connect } from './Mutation/connect.js';
import { createSession } from './Mutation/createSession.js';
import { disconnect } from './Mutation/disconnect.js';
import { redeliverWebhook } from './Mutation/redeliverWebhook.js';
import { connectAttempt } from './Query/connectAttempt.js';
import { connections } from './Query/connections.js';
import { credentials } from './Query/credentials.js';
import { failedWebhookDeliveries } from './Query/failedWebhookDeliveries.js';
import { load } from './Query/load.js';
import { providers } from './Query/providers.js';
import { DateTime } from './scalars.js';

export const resolvers: Resolvers = {
  DateTime,
  Query: { providers, credentials, connectAttempt, load, connections, failedWebhookDeliveries },
  Mutation: { connect, confirmConnect, disconnect, createSession, redeliverWebhook },
  Credentials: { accessToken },
};

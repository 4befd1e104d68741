import type { ConnectionKey } from '../store/index.js';
import type { Credentials } from './generated/resolvers-types.js';

/** What `credentials` hands to field resolvers: the public fields plus the key they belong to. */
export type CredentialsModel = Omit<Credentials, 'accessToken'> & { key: ConnectionKey };

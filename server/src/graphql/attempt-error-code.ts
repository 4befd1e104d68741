import type { AttemptErrorCode } from '../oauth/services.js';
import type { ErrorCode } from './generated/resolvers-types.js';

/**
 * The code a failed attempt recorded, as the API reports it. The parameter type is the check:
 * this compiles only while every code the OAuth flow records is one of the schema's ErrorCodes.
 */
export const attemptErrorCode = (code: AttemptErrorCode): ErrorCode => code;

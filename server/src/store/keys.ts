/**
 * Key layout. Each record is one key; the `{...}` hash tag keeps a record and anything derived
 * from it on one Redis Cluster slot. Parts are URI-encoded so `a:b`+`c` never collides with `a`+`b:c`.
 */
const part = (value: string) => encodeURIComponent(value);

export const keys = {
  attemptByState: (state: string) => `{attempt:${part(state)}}`,
  attemptOutcome: (attemptId: string) => `{outcome:${part(attemptId)}}`,
  connection: (orgId: string, userId: string, provider: string) =>
    `{conn:${part(orgId)}:${part(userId)}:${part(provider)}}`,
  lock: (name: string) => `{lock:${part(name)}}`,
};

// What a host backend writes: mint the session the widget sends, with the session package alone.
import { createSessionToken } from '@integration-connector/session';

const token = await createSessionToken(
  { orgId: 'org-scratch', userId: 'user-scratch', ...(process.env.ORIGIN ? { origin: process.env.ORIGIN } : {}) },
  process.env.SESSION_SECRET,
  { ttlSeconds: 5 * 60 },
);
process.stdout.write(token);

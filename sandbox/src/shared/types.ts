export interface ClientCredentials {
  clientId: string;
  /** null: the app has no client secret (some providers allow such public clients; fact sheet Q2). */
  clientSecret: string | null;
}

/**
 * Registered redirect URIs, shared by every fake app. Exact string match, as the providers
 * require; standalone mode may additionally accept the local callback shape of our own server.
 */
export class RedirectRegistry {
  private readonly exact = new Set<string>();

  constructor(
    initial: readonly string[] = [],
    private readonly acceptLocalCallbacks = false,
  ) {
    for (const uri of initial) this.exact.add(uri);
  }

  register(uri: string): void {
    this.exact.add(uri);
  }

  list(): string[] {
    return [...this.exact];
  }

  accepts(provider: string, uri: string | undefined): boolean {
    if (!uri) return false;
    if (this.exact.has(uri)) return true;
    if (!this.acceptLocalCallbacks) return false;
    return new RegExp(`^http://(localhost|127\\.0\\.0\\.1):\\d{1,5}/integrations/${provider}/oauth2callback$`).test(uri);
  }
}

interface ImportMetaEnv {
  /** The GraphQL endpoint the demo talks to (default http://localhost:8000/graphql). */
  readonly VITE_GRAPHQL_ENDPOINT?: string;
}

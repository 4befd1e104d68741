// `cem analyze` (run in widget/) documents the public element from its JSDoc; internals stay out.
export default {
  globs: ['src/index.ts', 'src/integration-connector.ts'],
  outdir: '.',
  litelement: true,
};

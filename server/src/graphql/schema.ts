import { typeDefs } from './generated/type-defs.js';

/**
 * The SDL of schema/*.graphql (schema/ is the single source of truth), carried in generated code:
 * a built or installed server reads no file of the repository at run time.
 */
export function loadTypeDefs(): string {
  return typeDefs;
}

// The Mocha globals WTR provides, typed just enough for these tests (no @types/mocha in the tree).
interface MochaContext {
  timeout(ms: number): void;
}
type MochaBody = (this: MochaContext) => unknown;
interface MochaIt {
  (title: string, body: MochaBody): void;
  only(title: string, body: MochaBody): void;
  skip(title: string, body: MochaBody): void;
}
declare function describe(title: string, body: () => void): void;
declare const it: MochaIt;
declare function before(body: MochaBody): void;
declare function beforeEach(body: MochaBody): void;
declare function afterEach(body: MochaBody): void;

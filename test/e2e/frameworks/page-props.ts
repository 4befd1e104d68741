// What every framework page passes to the widget. `strings` is an object: it only arrives when the
// framework sets a property (as an attribute it would be "[object Object]").
declare global {
  interface Window {
    IC_ENDPOINT: string;
  }
}
export const ENDPOINT = window.IC_ENDPOINT;
export const STRINGS = { connect: 'Link account' };

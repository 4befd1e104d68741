import type { Plugin } from 'vite';

/**
 * Removes from lit-html (3.3.3, production build) the code paths this widget's templates never take,
 * about 550 bytes gzip of the 12,500-byte budget:
 * - the ShadyDOM polyfill hook and the global version registry (the widget needs native shadow DOM
 *   and constructable stylesheets anyway);
 * - bindings inside raw-text elements (`<script>`, `<style>`, `<textarea>`, `<title>`) and SVG/MathML
 *   templates (`svg` and `mathml` tags);
 * - directives (`live()`, `classMap()`...) with their API on parts and their connection hooks,
 *   element-position bindings (`<div ${x}>`), scoped registries (`creationScope`) and listener
 *   objects (`@click=${{ handleEvent, capture }}`): event bindings here are plain functions.
 * Trusted Types support stays. Every replacement must match exactly once, or the build fails: a Lit
 * upgrade cannot silently change what is removed. The plugin also fails the build when widget code
 * imports a directive or uses `svg`/`mathml`, and the e2e test drives the built bundle through the
 * whole flow. Only `vite build` applies this; tests and the dev server run lit-html untouched.
 */
const REMOVALS: ReadonlyArray<readonly [what: string, find: string, replace: string]> = [
  ['polyfill hook and version registry', ',B=t.litHtmlPolyfillSupport;B?.(S,k),(t.litHtmlVersions??=[]).push("3.3.3")', ''],
  ['raw-text elements: parser', '(y.test(u[2])&&(n=RegExp("</"+u[2],"g")),c=p)', 'c=p'],
  [
    'raw-text elements: parts',
    'if(y.test(r.tagName)){const t=r.textContent.split(o),i=t.length-1;if(i>0){r.textContent=s?s.emptyScript:"";for(let s=0;s<i;s++)r.append(t[s],c()),P.nextNode(),d.push({type:2,index:++l});r.append(t[i],c())}}',
    '',
  ],
  ['svg/mathml: opening wrapper', 'l=2===i?"<svg>":3===i?"<math>":""', 'l=""'],
  ['svg/mathml: closing wrapper', '+(2===i?"</svg>":3===i?"</math>":"")', ''],
  ['svg/mathml: unwrapping', ',2===i||3===i){const t=this.el.content.firstChild;t.replaceWith(...t.childNodes)}', ',0);'],
  [
    'directives',
    'let h=void 0!==e?s._$Co?.[e]:s._$Cl;const o=a(i)?void 0:i._$litDirective$;return h?.constructor!==o&&(h?._$AO?.(!1),void 0===o?h=void 0:(h=new o(t),h._$AT(t,s,e)),void 0!==e?(s._$Co??=[])[e]=h:s._$Cl=h),void 0!==h&&(i=M(t,h._$AS(t,i.values),h,e)),i}',
    'return i}',
  ],
  ['element parts: parser', 'else t.startsWith(o)&&(d.push({type:6,index:l}),r.removeAttribute(t));', ''],
  ['element parts: instance', ':6===r.type&&(i=new Z(h,this,t))', ':0'],
  ['element parts: class', 'class Z{constructor(t,i,s){this.element=t,this.type=6,this._$AN=void 0,this._$AM=i,this.options=s}get _$AU(){return this._$AM._$AU}_$AI(t){M(this,t)}}', ''],
  ['element parts: internal export', ',F:Z}', '}'],
  ['async directives: disconnect hook', 'for(this._$AP?.(!1,!0,s);t!==this._$AB;)', 'for(;t!==this._$AB;)'],
  ['async directives: setConnected', 'setConnected(t){void 0===this._$AM&&(this._$Cv=t,this._$AP?.(t))}', ''],
  ['scoped custom element registries', '(t?.creationScope??l).importNode', 'l.importNode'],
  ['listener objects: options', '||t.capture!==s.capture||t.once!==s.once||t.passive!==s.passive', ''],
  ['directive API: part position getters', 'get parentNode(){let t=this._$AA.parentNode;const i=this._$AM;return void 0!==i&&11===t?.nodeType&&(t=i.parentNode),t}get startNode(){return this._$AA}get endNode(){return this._$AB}', ''],
  ['directive API: instance parentNode', 'get parentNode(){return this._$AM.parentNode}', ''],
  ['directive API: attribute tagName', 'get tagName(){return this.element.tagName}', ''],
  ['async directives: child isConnected', 'get _$AU(){return this._$AM?._$AU??this._$Cv}', ''],
  ['async directives: isConnected option', ',this._$Cv=e?.isConnected??!0', ''],
  ['async directives: instance isConnected', 'get _$AU(){return this._$AM._$AU}u(t){', 'u(t){'],
  ['async directives: attribute isConnected', 'get _$AU(){return this._$AM._$AU}constructor(t,i,s,e,h){', 'constructor(t,i,s,e,h){'],
  ['listener objects: handleEvent', '"function"==typeof this._$AH?this._$AH.call(this.options?.host??this.element,t):this._$AH.handleEvent(t)', 'this._$AH.call(this.options?.host??this.element,t)'],
];

export function trimLitHtml(code: string): string {
  let out = code;
  for (const [what, find, replace] of REMOVALS) {
    const at = out.indexOf(find);
    if (at < 0 || out.indexOf(find, at + 1) >= 0) throw new Error(`trim-lit-html: "${what}" does not match lit-html exactly once (Lit upgraded?)`);
    out = out.slice(0, at) + replace + out.slice(at + find.length);
  }
  return out;
}

const FORBIDDEN = /from ['"](lit|lit-html)\/(directives?\/|directive|async-directive|static)|\b(svg|mathml)`/;

/** Vite plugin (build only): trims lit-html and fails on widget code that would need what was trimmed. */
export function trimLitHtmlPlugin(): Plugin {
  return {
    name: 'integration-connector:trim-lit-html',
    enforce: 'pre',
    apply: 'build',
    transform(code, id) {
      if (/\/node_modules\/lit-html\/lit-html\.js$/.test(id)) return { code: trimLitHtml(code), map: null };
      if (/\/widget\/src\/.*\.ts$/.test(id) && FORBIDDEN.test(code)) {
        throw new Error(`${id}: uses a lit-html feature the build removes (directives, svg, mathml): see build/trim-lit-html.ts`);
      }
      return null;
    },
  };
}

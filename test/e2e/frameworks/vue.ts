// Vue 3 page, with an in-browser template as docs/widget.md describes it: `isCustomElement` for
// the tag, `:prop` bindings (Vue sets them as properties, since the element has them) and `@ic-*`.
import { createApp } from 'vue';
import 'integration-connector';
import type { IcConnectEvent, IcLoadEvent } from 'integration-connector';
import { ENDPOINT, STRINGS } from './page-props.js';

const app = createApp({
  data: () => ({ endpoint: ENDPOINT, strings: STRINGS, provider: 'hubspot', account: '', count: '' }),
  methods: {
    onConnect(this: { account: string }, event: IcConnectEvent) {
      this.account = event.detail.account.name ?? event.detail.account.id;
    },
    onLoad(this: { count: string }, event: IcLoadEvent) {
      this.count = String(event.detail.count);
    },
  },
  template: `<main>
    <integration-connector :endpoint="endpoint" user="fw-vue" org="fw" lang="en" :provider="provider" :strings="strings"
      @ic-connect="onConnect" @ic-load="onLoad"></integration-connector>
    <p id="account">{{ account }}</p>
    <p id="count">{{ count }}</p>
    <button id="switch" @click="provider = 'airtable'">Use Airtable</button>
  </main>`,
});
app.config.compilerOptions.isCustomElement = (tag) => tag === 'integration-connector';
app.mount('#root');

// React 19 page: the element itself, as React 19 passes properties and `on<event>` listeners to
// custom elements (docs/widget.md "React 19+"), typed by the package's own `integration-connector/react-jsx`.
import { useState } from 'react';
import { createRoot } from 'react-dom/client';
import 'integration-connector';
import type { IcConnectEvent, IcLoadEvent, ProviderId } from 'integration-connector';
import type {} from 'integration-connector/react-jsx';
import { ENDPOINT, STRINGS } from './page-props.js';

function App() {
  const [provider, setProvider] = useState<ProviderId>('hubspot');
  const [account, setAccount] = useState('');
  const [count, setCount] = useState<number | null>(null);
  return (
    <main>
      <integration-connector
        endpoint={ENDPOINT}
        user="fw-react19"
        org="fw"
        lang="en"
        provider={provider}
        strings={STRINGS}
        onic-connect={(event: IcConnectEvent) => setAccount(event.detail.account.name ?? event.detail.account.id)}
        onic-load={(event: IcLoadEvent) => setCount(event.detail.count)}
      />
      <p id="account">{account}</p>
      <p id="count">{count ?? ''}</p>
      <button id="switch" onClick={() => setProvider('airtable')}>
        Use Airtable
      </button>
    </main>
  );
}

createRoot(document.querySelector('#root')!).render(<App />);

// React 18 page (React resolves to this folder's React 18): the `integration-connector/react`
// wrapper, since React 18 sets custom-element props as attributes and cannot listen to their events.
import { useState } from 'react';
import { createRoot } from 'react-dom/client';
import type { ProviderId } from 'integration-connector';
import { IntegrationConnector } from 'integration-connector/react';
import { ENDPOINT, STRINGS } from '../page-props.js';

function App() {
  const [provider, setProvider] = useState<ProviderId>('hubspot');
  const [account, setAccount] = useState('');
  const [count, setCount] = useState<number | null>(null);
  return (
    <main>
      <IntegrationConnector
        endpoint={ENDPOINT}
        user="fw-react18"
        org="fw"
        lang="en"
        provider={provider}
        strings={STRINGS}
        onIcConnect={(event) => setAccount(event.detail.account.name ?? event.detail.account.id)}
        onIcLoad={(event) => setCount(event.detail.count)}
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

import '../src/index.js';

const endpoint = import.meta.env.VITE_GRAPHQL_ENDPOINT ?? 'http://localhost:8000/graphql';
const connector = document.querySelector('integration-connector')!;
const log = document.querySelector('#log')!;
document.querySelector('#endpoint')!.textContent = endpoint;
connector.endpoint = endpoint;

for (const type of ['ic-connect', 'ic-disconnect', 'ic-load', 'ic-error'] as const) {
  connector.addEventListener(type, (event) => {
    const entry = document.createElement('li');
    entry.textContent = `${new Date().toLocaleTimeString()} ${type} ${JSON.stringify(event.detail)}`;
    log.prepend(entry);
  });
}

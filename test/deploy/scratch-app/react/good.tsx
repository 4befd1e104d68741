// A React 19 app using the bare element, typed by the package (opt-in: `integration-connector/react-jsx`).
import 'integration-connector';
import type { IcConnectEvent, ProviderId } from 'integration-connector';
import type {} from 'integration-connector/react-jsx';

export function Connect({ provider, token }: { provider: ProviderId; token: string }) {
  const save = (event: IcConnectEvent) => event.detail.account.id;
  return (
    <integration-connector
      endpoint="/graphql"
      provider={provider}
      providers={['hubspot', 'notion']}
      session-token={token}
      mode="redirect"
      theme="dark"
      lang="de"
      strings={{ connect: 'Link account' }}
      onic-connect={save}
      onic-load={(event) => event.detail.count}
      onic-error={(event) => event.detail.code}
    />
  );
}

// Each line after a `case:` comment is a mistake the typings must refuse (and nothing else here is).
import 'integration-connector';
import type { IcLoadEvent } from 'integration-connector';
import type {} from 'integration-connector/react-jsx';

export const wrong = [
  // case: unknown provider
  <integration-connector provider="salesforce" />,
  // case: misspelt property
  <integration-connector endpont="/graphql" />,
  // case: a mode that does not exist
  <integration-connector mode="sideways" />,
  // case: handler of another event
  <integration-connector onic-connect={(event: IcLoadEvent) => event.detail.count} />,
  // case: strings is an object
  <integration-connector strings="Link" />,
];

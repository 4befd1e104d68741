// Receive integration-connector webhooks (Node 20+, `npm install standardwebhooks`).
import { createServer } from 'node:http';
import { Webhook } from 'standardwebhooks';

export function webhookReceiver(secret, onEvent) {
  const webhook = new Webhook(secret); // WEBHOOK_SECRET, whsec_...
  return createServer(async (req, res) => {
    let body = '';
    req.setEncoding('utf8');
    for await (const chunk of req) body += chunk; // verify the raw body, before parsing it
    let event;
    try {
      event = webhook.verify(body, req.headers); // checks the signature and a timestamp within 5 minutes
    } catch {
      return res.writeHead(400).end();
    }
    try {
      await onEvent(event, req.headers['webhook-id']); // retries repeat the webhook-id: de-duplicate by it
      res.writeHead(204).end();
    } catch {
      res.writeHead(503).end(); // any answer but 2xx is retried later
    }
  });
}

import type { Router } from '@koa/router';
import type { HubSpotAdmit } from './admit.js';

/**
 * `GET /account-info/v3/details` (and the date-versioned twins): which data centre hosts the
 * account and where its app opens. Shape and scope (`oauth`) from HubSpot's reference "Retrieve
 * account details" (developers.hubspot.com/docs/api-reference/legacy/account/account-information/
 * get-account-details); its example is an EU account: `uiDomain: "app-eu1.hubspot.com"`,
 * `dataHostingLocation: "eu1"` (fact sheet Q7).
 */
export function hubspotAccountInfoRoutes(router: Router, admit: HubSpotAdmit): void {
  for (const version of ['v3', '2026-03', '2026-09']) {
    router.get(`/account-info/${version}/details`, (ctx) => {
      const account = admit(ctx, ['oauth']);
      if (!account) return;
      const eu = account.hublet === 'eu1';
      ctx.body = {
        portalId: account.hubId,
        accountType: 'STANDARD',
        timeZone: account.timeZone,
        companyCurrency: eu ? 'EUR' : 'USD',
        additionalCurrencies: eu ? ['USD'] : [],
        utcOffset: eu ? '+01:00' : '-05:00',
        utcOffsetMilliseconds: eu ? 3_600_000 : -18_000_000,
        uiDomain: account.uiDomain,
        dataHostingLocation: account.hublet,
      };
    });
  }
}

/**
 * `GET /calendar/<token>.ics`: a check-in series as an iCalendar file (RFC 5545), for
 * subscribing to it in Outlook or Google Calendar. The token is the series' unguessable
 * address; anything else is a 404 that says nothing about what exists. The file itself is
 * made by the check-ins (wired in src/main.ts), so this route knows no flow.
 */
import type { HttpRoute } from '../core/adapter.js';
import { requestUrl, sendJson } from './util.js';

const PATH = /^\/calendar\/([A-Za-z0-9_-]{32,64})\.ics$/;

/** The route, given what finds the calendar of a token (null: none). */
export function calendarRoute(find: (token: string) => Promise<string | null>): HttpRoute {
  return {
    method: 'GET',
    path: '/calendar/*',
    async handle(req, res) {
      const token = PATH.exec(requestUrl(req).pathname)?.[1];
      const ics = token ? await find(token) : null;
      if (!ics) return sendJson(res, 404, { error: 'not found' });
      res.writeHead(200, {
        'content-type': 'text/calendar; charset=utf-8',
        'content-disposition': 'inline; filename="checkin.ics"',
        // Calendars poll it; a changed series shows within minutes.
        'cache-control': 'private, max-age=300',
      });
      res.end(req.method === 'HEAD' ? undefined : ics);
    },
  };
}

/**
 * The audit trail for coordinators: `logboek` / `audit` shows the alliance's trail, newest
 * first (who shared, changed or withdrew a document, approved or rejected a success, changed
 * a schedule or a toolkit item, which roles a restart gave or took, who exported or erased
 * whose data), erased people under their pseudonym. `logboek <persoon>` filters by a person
 * (a name, an id or a pseudonym), `logboek soort:<soort>` / `audit kind:<kind>` by kind or area
 * (`soort:document`). Reading only: no command changes or removes an entry.
 *
 * Also the daily retention of the alliance's history: the `retention` schedule every alliance
 * gets trims the activity history to ACTIVITY_RETENTION_DAYS and the audit trail to its own,
 * longer period (src/queue/retention.ts runs it; see there).
 */
import type { Locale } from '../src/core/events.js';
import { card } from '../src/core/messages.js';
import type { Flow, FlowContext } from '../src/engine/flow.js';
import type { AuditEntry } from '../src/store/audit.js';
import { words } from './privacy-words.js';

const SHOWN = 25;

/** `soort:document`, `kind:privacy` → kind; the rest → a person. */
export function parseFilter(args: string): { kind?: string; person?: string } {
  const kindWord = /(?:^|\s)(?:soort|kind):(\S+)/i.exec(args);
  const person = args.replace(/(?:^|\s)(?:soort|kind):\S+/gi, ' ').trim();
  return {
    ...(kindWord?.[1] ? { kind: kindWord[1].toLowerCase() } : {}),
    ...(person ? { person } : {}),
  };
}

function when(at: string, locale: Locale, timeZone: string): string {
  return new Intl.DateTimeFormat(locale === 'nl' ? 'nl-NL' : 'en-GB', {
    dateStyle: 'short',
    timeStyle: 'short',
    timeZone,
  }).format(new Date(at));
}

export function auditLine(entry: AuditEntry, locale: Locale, timeZone: string): string {
  const t = words.t(locale);
  const who =
    entry.actorName ??
    entry.actor ??
    t(entry.details.source === 'config' ? 'privacy.audit.config' : 'privacy.audit.bot');
  const about = entry.subject
    ? t('privacy.audit.about', { subject: entry.subjectName ?? entry.subject })
    : '';
  const details = Object.entries(entry.details)
    .map(([k, v]) => `${k}=${String(v)}`)
    .join(', ');
  return t('privacy.audit.line', {
    at: when(entry.at, locale, timeZone),
    who,
    kind: entry.kind,
    rest: `${about}${details ? ` (${details})` : ''}`,
  });
}

async function show(ctx: FlowContext, args: string): Promise<void> {
  const t = words.t(ctx.locale);
  const filter = parseFilter(args);
  const entries = await ctx.privacy.readAudit({ ...filter, count: SHOWN });
  const described = [
    filter.person,
    filter.kind && `${ctx.locale === 'nl' ? 'soort' : 'kind'}:${filter.kind}`,
  ]
    .filter(Boolean)
    .join(' ');
  ctx.reply(
    card({
      header: t('privacy.audit.header'),
      text:
        entries.length > 0
          ? entries.map((e) => auditLine(e, ctx.locale, ctx.alliance.timeZone)).join('\n')
          : t('privacy.audit.empty'),
      context: [
        ...(described ? [t('privacy.audit.filter', { filter: described })] : []),
        t('privacy.audit.context'),
      ],
    }),
    { purpose: 'audit' },
  );
}

export const auditFlow: Flow = {
  id: 'audit',
  subcommands: [
    {
      command: 'audit',
      roles: ['coordinator'],
      describe: (l) => words.t(l)('privacy.describe.audit'),
      run: show,
    },
  ],
};

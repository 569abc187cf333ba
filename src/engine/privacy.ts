/**
 * What the kit gives flows for privacy and accountability: `ctx.audit(kind, details)` (one
 * append to the alliance's audit trail, the person acting filled in) and `ctx.privacy` — every
 * holder of personal data through one interface (the store's repositories, every flow's
 * collections, the queue, the adapters' references and the chat log, the waiting export
 * files), export, erasure, pseudonyms, the trail for coordinators and a one-time download
 * link for an export file.
 */

import type { Logger } from 'pino';
import type { PersonalDataHolder, PersonalDataSubject } from '../core/personal-data.js';
import type { Alliance } from '../domain/alliance.js';
import type { AuditDetails, AuditEntry, AuditFilter, ConfigRoleHolder } from '../store/audit.js';
import type { Store } from '../store/index.js';
import { type ExportPart, eraseAll, exportAll } from '../store/personal-data.js';
import { ExportFiles } from '../store/privacy-exports.js';

/** What a flow writes in the trail besides its kind: whom it concerns, and flat details. */
export type AuditRecord = AuditDetails & {
  /** The person whose data or role it concerns (a platform id). */
  subject?: string;
  subjectName?: string;
};

/**
 * `once`: what makes the entry the same when its event is handled again, when its details
 * would differ the second time (an erasure's count); by default the kind, subject and details.
 */
export type AuditWriter = (
  kind: string,
  record?: AuditRecord,
  options?: { once?: string },
) => Promise<void>;

export interface PrivacyAccess {
  /** Every holder of personal data, for the register of processing. */
  holders(): readonly PersonalDataHolder[];
  /** A person's identities in the alliance (their linked group) and their names. */
  subjectOf(userId: string, names?: readonly (string | undefined)[]): Promise<PersonalDataSubject>;
  /**
   * A person named by e-mail address: the identities known for it (with their linked groups)
   * and the name of the member among them, if any — and the address, as an address (the
   * records keeping it, an invitation, a digest by e-mail, are theirs too) and among their
   * names (what free-form data, a waiting export, a queued e-mail, is searched for), last.
   * No identities: the address alone.
   */
  subjectOfEmail(email: string): Promise<PersonalDataSubject>;
  countFor(subject: PersonalDataSubject): Promise<Record<string, number>>;
  exportFor(subject: PersonalDataSubject): Promise<ExportPart[]>;
  /** Erases through every holder; their pseudonym in the trail from now on, and the counts. */
  eraseFor(
    subject: PersonalDataSubject,
  ): Promise<{ pseudonym: string; erased: Record<string, number> }>;
  pseudonym(userId: string): Promise<string>;
  /** The trail, newest first, erased people under their pseudonym (coordinators only). */
  readAudit(filter?: AuditFilter): Promise<AuditEntry[]>;
  /**
   * Keeps an export file for one download (24 hours): its token (what an adapter hands over as
   * a file, `cardWithFile`) and its link under the public URL, absent when the deployment has
   * none.
   */
  offerDownload(
    userIds: readonly string[],
    fileName: string,
    content: string,
  ): Promise<{ token: string; link?: string }>;
}

const exportFiles = new WeakMap<Store, ExportFiles>();

/** The store's waiting export files (made once; a holder of personal data from then on). */
export function exportFilesOf(store: Store): ExportFiles {
  let files = exportFiles.get(store);
  if (!files) {
    files = new ExportFiles(store.redis, store.keys);
    exportFiles.set(store, files);
    store.personalDataRegistry.add([files.holder]);
  }
  return files;
}

/**
 * The writer a flow gets. With an `occasion` (the event being handled), the same entry is
 * written once however often the event is handled — a flow may simply write its decision
 * again when a crash made the event come back.
 */
export function auditWriter(
  store: Store,
  allianceId: string,
  now: () => Date,
  actor?: { userId: string; name: string | undefined },
  occasion?: string,
): AuditWriter {
  return async (kind, record = {}, options = {}) => {
    const { subject, subjectName, ...details } = record;
    const entry = {
      kind,
      at: now().toISOString(),
      ...(actor ? { actor: actor.userId } : {}),
      ...(actor?.name ? { actorName: actor.name } : {}),
      ...(typeof subject === 'string' ? { subject } : {}),
      ...(typeof subjectName === 'string' ? { subjectName } : {}),
      details,
    };
    if (occasion) await store.audit.appendOnce(allianceId, entry, occasion, options.once);
    else await store.audit.append(allianceId, entry);
  };
}

export function privacyAccess(
  store: Store,
  allianceId: string,
  publicUrl: () => string | undefined,
): PrivacyAccess {
  const files = exportFilesOf(store);
  const holders = () => store.personalData();
  return {
    holders,
    async subjectOf(userId, names = []) {
      const group = await store.links.groupOf(allianceId, userId);
      const member = await store.members.getMember(allianceId, group.primary);
      const all = [member?.name, ...names].filter((n): n is string => Boolean(n?.trim()));
      return { allianceId, userIds: group.ids, names: [...new Set(all)] };
    },
    async subjectOfEmail(email) {
      const address = email.trim().toLowerCase();
      const ids: string[] = [];
      const names: string[] = [];
      for (const id of await store.identities.idsOf(address)) {
        const group = await store.links.groupOf(allianceId, id);
        ids.push(...group.ids);
        const member = await store.members.getMember(allianceId, group.primary);
        if (member?.name.trim()) names.push(member.name);
      }
      return {
        allianceId,
        userIds: [...new Set(ids)],
        names: [...new Set([...names, address])],
        emails: [address],
      };
    },
    async countFor(subject) {
      const counts: Record<string, number> = {};
      for (const h of holders()) {
        const n = await h.countFor(subject);
        if (n > 0) counts[h.kind] = (counts[h.kind] ?? 0) + n;
      }
      return counts;
    },
    exportFor: (subject) => exportAll(holders(), subject),
    async eraseFor(subject) {
      // The addresses the person is known by (and was named by), before the erasure takes
      // their links: the trail names people given a role by e-mail in the config, and a person
      // named by address, by that address.
      const addresses = [
        ...(subject.emails ?? []),
        ...(await store.identities.addressesOfAll(subject.userIds)),
        ...(await store.audit.configAddresses(allianceId, subject.userIds, subject.names)),
      ];
      const erased = await eraseAll(holders(), subject);
      const pseudonym = await store.audit.markErased(allianceId, subject.userIds, addresses);
      return { pseudonym, erased };
    },
    pseudonym: (userId) => store.audit.pseudonym(allianceId, userId),
    readAudit: (filter) => store.audit.read(allianceId, filter),
    async offerDownload(userIds, fileName, content) {
      const base = publicUrl();
      const token = await files.put({ allianceId, userIds: [...userIds], fileName, content });
      return base
        ? { token, link: `${base.replace(/\/+$/, '')}/privacy/export/${token}` }
        : { token };
    },
  };
}

/** Who the config gives a role, one line per identity (each platform id, the e-mail). */
export function configRoleHolders(alliance: Alliance): ConfigRoleHolder[] {
  const holders: ConfigRoleHolder[] = [];
  const roles = [
    ['coordinator', alliance.coordinators],
    ['spokesperson', alliance.spokespersons],
  ] as const;
  for (const [role, people] of roles)
    for (const person of people)
      for (const identity of [...person.ids, ...(person.email ? [person.email.toLowerCase()] : [])])
        holders.push({ role, identity, name: person.name });
  return holders;
}

/**
 * At start-up: writes in each alliance's audit trail which roles the config gave or took
 * since the last start (role.granted / role.revoked, by the config, once per change).
 */
export async function auditConfigRoles(
  store: Store,
  alliances: readonly Alliance[],
  at: Date,
  log: Logger,
): Promise<void> {
  for (const alliance of alliances) {
    const roles = await store.audit.noteConfigRoles(alliance.id, configRoleHolders(alliance), at);
    if (roles.granted + roles.revoked > 0)
      log.info({ allianceId: alliance.id, ...roles }, 'config roles changed since the last start');
  }
}

/**
 * The personal-data interface (its home is the core, so the platform port can name it too):
 * every place that keeps something about a person — a repository, a flow's collection, the
 * job queue, a platform adapter's references, the local chat log — says what it holds about
 * them, exports it and erases it. The store gathers the holders in one registry
 * (`src/store/personal-data.ts`), so the privacy flow reaches all of them through one call.
 */

/** A person as the privacy flow names them: every platform identity they used (and addresses). */
export interface PersonalDataSubject {
  allianceId: string;
  /** Namespaced platform identities (`slack:T…:U…`, `teams:<tenant>:<aad>`, `local:…`). */
  userIds: readonly string[];
  /**
   * The names they are known by (their member record, the platform profile). Holders of
   * free-form data (queued messages, the chat log) look for these as well as the ids.
   */
  names?: readonly string[];
  /**
   * E-mail addresses (lower-case) a coordinator named them by: someone invited by e-mail may
   * be known by nothing else. Holders of records that keep an address match these too.
   */
  emails?: readonly string[];
}

/** A text in both languages the bot speaks: Dutch (the default) and English. */
export interface BothLanguages {
  readonly nl: string;
  readonly en: string;
}

export interface PersonalDataHolder {
  /** A short name for the kind of data (`members`, `conversation-state`). */
  readonly kind: string;
  /**
   * Why it is kept and for how long, in plain words (the register of processing), in both
   * languages: `privacy` and an export's summary show it in the asker's.
   */
  readonly purpose: BothLanguages;
  /** How many records it holds about the person. */
  countFor(subject: PersonalDataSubject): Promise<number>;
  /** Everything it holds about the person, as plain JSON. */
  exportFor(subject: PersonalDataSubject): Promise<unknown[]>;
  /**
   * Erases what it holds about the person; records shared with others stay with the
   * person's traces anonymised. Returns how many records were erased or anonymised.
   */
  eraseFor(subject: PersonalDataSubject): Promise<number>;
}

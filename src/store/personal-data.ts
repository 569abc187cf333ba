/**
 * The personal-data interface every repository implements: what it holds about a person, an
 * export of it, and its erasure. The store lists its holders in one place (`Store.personalData`),
 * so the privacy flow exports and erases through all of them and no store can be forgotten
 * (a test checks every repository is listed).
 */

/** A person as the privacy flow names them: every platform identity they used. */
export interface PersonalDataSubject {
  allianceId: string;
  /** Namespaced platform identities (`slack:T…:U…`, `teams:<tenant>:<aad>`, `local:…`). */
  userIds: readonly string[];
}

export interface PersonalDataHolder {
  /** A short name for the kind of data (`members`, `conversation-state`). */
  readonly kind: string;
  /** Why it is kept and for how long, in plain words (the register of processing). */
  readonly purpose: string;
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

/**
 * People named by e-mail: what a platform said a person's address is (cached, also when it
 * could not tell), and which platform identities belong to an address. The engine fills it
 * when a person first appears (the adapter's `emailOf`) and at start-up for people the config
 * names by e-mail alone (the adapter's `userByEmail`), so roles hold on every platform.
 */
import type { Keys } from './keys.js';
import type { PersonalDataHolder, PersonalDataSubject } from './personal-data.js';
import type { RedisClient } from './redis.js';

/** How long a looked-up address is trusted before it is asked again. */
export const EMAIL_TTL_SECONDS = 24 * 3600;

export class IdentityRepo implements PersonalDataHolder {
  readonly kind = 'identities';
  readonly purpose = {
    nl: 'het e-mailadres dat een platform voor iemand geeft, om wie de configuratie bij e-mailadres noemt de juiste rol te geven; een dag bewaard, dan opnieuw gevraagd',
    en: 'the e-mail address a platform gives for a person, to give people named by e-mail in the alliance config their role; kept a day, then asked again',
  };

  constructor(
    private readonly redis: RedisClient,
    private readonly keys: Keys,
  ) {}

  /** The cached address: a string, '' when the platform could not tell, undefined when unknown. */
  async cachedEmail(userId: string): Promise<string | undefined> {
    const raw = await this.redis.get(this.keys.email(userId));
    return raw === null ? undefined : raw;
  }

  /**
   * The addresses an identity was ever linked to (no expiry, like the links themselves), so
   * export and erasure find every link after the cached answer expired. Same slot as the
   * cached answer.
   */
  private linked(userId: string): string {
    return `${this.keys.email(userId)}:linked`;
  }

  /** Records what the platform said (undefined: it could not tell). */
  async remember(userId: string, email: string | undefined): Promise<void> {
    const address = email?.trim().toLowerCase() ?? '';
    await this.redis.set(this.keys.email(userId), address, 'EX', EMAIL_TTL_SECONDS);
    if (address) {
      await this.redis.sadd(this.linked(userId), address);
      await this.redis.sadd(this.keys.identitiesOfEmail(address), userId);
    }
  }

  /** Every address known for an identity: the cached answer and the links kept. */
  async addressesOf(userId: string): Promise<string[]> {
    const [cached, linked] = await Promise.all([
      this.cachedEmail(userId),
      this.redis.smembers(this.linked(userId)),
    ]);
    return [...new Set([...(cached ? [cached] : []), ...linked])];
  }

  /** Every address known for any of a person's identities. */
  async addressesOfAll(userIds: readonly string[]): Promise<string[]> {
    const each = await Promise.all(userIds.map((id) => this.addressesOf(id)));
    return [...new Set(each.flat())];
  }

  /** The platform identities known for an address. */
  async idsOf(email: string): Promise<string[]> {
    return this.redis.smembers(this.keys.identitiesOfEmail(email));
  }

  async countFor(subject: PersonalDataSubject): Promise<number> {
    return (await this.exportFor(subject)).length;
  }

  async exportFor(subject: PersonalDataSubject): Promise<unknown[]> {
    const out: unknown[] = [];
    for (const userId of subject.userIds) {
      for (const email of await this.addressesOf(userId)) out.push({ userId, email });
    }
    return out;
  }

  async eraseFor(subject: PersonalDataSubject): Promise<number> {
    let n = 0;
    for (const userId of subject.userIds) {
      for (const email of await this.addressesOf(userId))
        await this.redis.srem(this.keys.identitiesOfEmail(email), userId);
      const gone = await this.redis.del(this.keys.email(userId), this.linked(userId));
      if (gone > 0) n++;
    }
    return n;
  }
}

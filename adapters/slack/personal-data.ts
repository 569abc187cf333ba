/**
 * What the Slack adapter keeps about people, for the privacy flow: the cached e-mail answers
 * (`slack:email:{team}:user`, and the address lookups that found them) and forms kept behind a
 * button (their values may name the person). A workspace's installation is never touched.
 */
import type { PersonalDataHolder, PersonalDataSubject } from '../../src/core/personal-data.js';
import { KeyScanHolder } from '../../src/store/personal-data.js';
import type { RedisClient } from '../../src/store/redis.js';

const PURPOSE = {
  nl: 'Slack: het e-mailadres dat Slack voor iemand geeft (een dag) en formulieren die achter een knop wachten (een week), om rollen uit de configuratie te geven en formulieren te tonen',
  en: 'Slack: the e-mail address Slack gives for a person (a day) and forms waiting behind a button (a week), to give config roles and show forms',
};

/** The `slack:<team>:<user>` ids of a subject, as the cache's key parts. */
function slackParts(subject: PersonalDataSubject): { team: string; user: string }[] {
  return subject.userIds
    .filter((id) => id.startsWith('slack:'))
    .map((id) => {
      const [, team = '', user = ''] = id.split(':');
      return { team, user };
    });
}

export class SlackPersonalData implements PersonalDataHolder {
  readonly kind = 'slack';
  readonly purpose = PURPOSE;
  private readonly scan: KeyScanHolder;

  constructor(
    private readonly redis: RedisClient,
    private readonly prefix: string,
  ) {
    this.scan = new KeyScanHolder(redis, {
      kind: this.kind,
      purpose: PURPOSE,
      patterns: [`${prefix}slack:form:*`, `${prefix}slack:by-email:*`],
    });
  }

  private emailKeys(subject: PersonalDataSubject): string[] {
    return slackParts(subject).map(
      ({ team, user }) => `${this.prefix}slack:email:{${team}}:${user}`,
    );
  }

  private async cached(subject: PersonalDataSubject): Promise<{ key: string; email: string }[]> {
    const out: { key: string; email: string }[] = [];
    for (const key of this.emailKeys(subject)) {
      const email = await this.redis.get(key);
      if (email !== null) out.push({ key, email });
    }
    return out;
  }

  async countFor(subject: PersonalDataSubject): Promise<number> {
    return (await this.cached(subject)).length + (await this.scan.countFor(subject));
  }

  async exportFor(subject: PersonalDataSubject): Promise<unknown[]> {
    const emails = (await this.cached(subject)).map((c) => ({ slackEmail: c.email }));
    return [...emails, ...(await this.scan.exportFor(subject))];
  }

  async eraseFor(subject: PersonalDataSubject): Promise<number> {
    let n = 0;
    for (const { team, user } of slackParts(subject)) {
      const key = `${this.prefix}slack:email:{${team}}:${user}`;
      const index = `${this.prefix}slack:people:{${team}}`;
      n += await this.redis.del(key);
      await this.redis.srem(index, key);
    }
    return n + (await this.scan.eraseFor(subject));
  }
}

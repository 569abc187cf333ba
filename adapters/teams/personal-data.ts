/**
 * What the Teams adapter keeps about people, for the privacy flow: where a person was seen
 * (`teams:person`, their name and tenant), the e-mail the member API gave, the move from an old
 * 29:-based id, the reference to their 1:1 chat with the bot, and a file offered to them with a
 * consent card (files.ts). Channel and tenant
 * references hold no person and stay.
 */
import { KeyScanHolder } from '../../src/store/personal-data.js';
import type { RedisClient } from '../../src/store/redis.js';

export function teamsPersonalData(redis: RedisClient, prefix: string): KeyScanHolder {
  return new KeyScanHolder(redis, {
    kind: 'teams',
    purpose: {
      nl: 'Teams: naam en tenant van iemand zoals laatst gezien, het e-mailadres dat Teams geeft (een dag), hoe diens 1-op-1-chat met de bot te bereiken is, en een aangeboden bestand (een dag); bewaard zolang diegene de bot gebruikt',
      en: 'Teams: the name and tenant of a person as last seen, the e-mail Teams gives (a day), how to reach their 1:1 chat with the bot, and a file offered to them (a day); kept while they use the bot',
    },
    patterns: [
      `${prefix}teams:person:*`,
      `${prefix}teams:email:*`,
      `${prefix}teams:legacy:*`,
      `${prefix}teams:ref:user:*`,
      `${prefix}teams:file:*`,
    ],
  });
}

/**
 * What the local web chat keeps about people, for the privacy flow: the messages of the chat
 * log (a person's own conversation with the bot, their messages in the channels and every
 * message naming them), the answers kept for retried requests and who opened a channel.
 */
import type { Keys } from '../../src/store/keys.js';
import { KeyScanHolder } from '../../src/store/personal-data.js';
import type { RedisClient } from '../../src/store/redis.js';

export function localPersonalData(redis: RedisClient, keys: Keys): KeyScanHolder {
  return new KeyScanHolder(redis, {
    kind: 'local-chat-log',
    purpose: {
      nl: 'de lokale webchat: het gesprek zoals de browser het toont, zodat het er na herladen nog staat; 30 dagen bewaard',
      en: 'the local web chat: the conversation as shown in the browser, so a reload shows it; kept 30 days',
    },
    patterns: [`${keys.localConversation('*')}`],
  });
}

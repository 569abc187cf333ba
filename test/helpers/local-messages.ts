/**
 * Reading a conversation of the local platform as one of its people, through the app's HTTP
 * API (GET /local/api/messages), the way the web chat does.
 */
import { directConversationOf } from '../../adapters/local/index.js';

/** One message as the local API returns it (the fields these tests read). */
export interface LocalMessage {
  id: string;
  text: string;
  html: string;
  from: { bot: boolean };
}

/** Every message `as` sees in a conversation (their direct chat with the bot unless given). */
export async function localMessages(
  baseUrl: string,
  as: string,
  conversation = directConversationOf(as),
): Promise<LocalMessage[]> {
  const res = await fetch(
    `${baseUrl}/local/api/messages?as=${encodeURIComponent(as)}&conversation=${encodeURIComponent(conversation)}`,
  );
  return ((await res.json()) as { messages: LocalMessage[] }).messages;
}

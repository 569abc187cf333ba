/**
 * One rule for the text of a message addressed to the bot, whatever the platform's mention
 * syntax: the adapter splits the raw text into plain text and mentions (of the bot, or of
 * someone else, with the name the platform gives), and this turns them into neutral text —
 * the bot's mentions go, other people's become `@Name`, whitespace is collapsed. An empty
 * result means the same everywhere: the person asked what the bot can do (the engine answers
 * with help).
 */
export type TextPart =
  | string
  | { mention: 'bot' }
  | { mention: 'person'; name?: string | undefined };

export function neutralText(parts: readonly TextPart[]): string {
  return parts
    .map((part) => {
      if (typeof part === 'string') return part;
      if (part.mention === 'bot') return ' ';
      const name = part.name?.replace(/\s+/g, ' ').trim();
      return name ? ` @${name} ` : ' ';
    })
    .join('')
    .replace(/[\s\u200b\u00a0]+/g, ' ')
    .trim();
}

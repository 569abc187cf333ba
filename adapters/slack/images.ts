/**
 * Pictures Slack could not fetch. Slack downloads an image block's `image_url` itself while it
 * takes a message (chat.postMessage, chat.postEphemeral, chat.update, views.publish), and when
 * it cannot — PUBLIC_URL not reachable from the internet, a chart token gone — it refuses the
 * whole message: `invalid_blocks`, with `downloading image failed [json-pointer:/blocks/<i>/
 * image_url]` (or `invalid_url …/image_url`) in `errors` and `response_metadata.messages`.
 * Nothing was posted then, so the client sends the same message once more without those image
 * blocks, each replaced by its text alternative (alt_text, the same in words), and remembers
 * the URLs it refused so that a later attempt (a queue retry, an update of that message) leaves
 * them out at once instead of being refused again.
 */

type Block = Record<string, unknown>;

const PlatformData = (error: unknown): Record<string, unknown> | undefined => {
  const data = (error as { data?: unknown } | null)?.data;
  return typeof data === 'object' && data !== null ? (data as Record<string, unknown>) : undefined;
};

const strings = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string') : [];

/**
 * The indexes of the image blocks Slack refused in this error (its JSON pointers, `/blocks/3/
 * image_url` or `/view/blocks/3/image_url`), or undefined when it is not such a refusal.
 */
export function refusedImages(error: unknown): number[] | undefined {
  const data = PlatformData(error);
  if (data?.error !== 'invalid_blocks') return undefined;
  const meta = data.response_metadata as { messages?: unknown } | undefined;
  const reasons = [...strings(data.errors), ...strings(meta?.messages)];
  const found = new Set<number>();
  for (const reason of reasons) {
    const m = /json-pointer:\\?\/(?:view\\?\/)?blocks\\?\/(\d+)\\?\/image_url/.exec(reason);
    if (m?.[1]) found.add(Number(m[1]));
  }
  return found.size > 0 ? [...found] : undefined;
}

/** The image block's words in its place: a plain-text section with its alt_text. */
function inWords(block: Block): Block {
  const alt = typeof block.alt_text === 'string' && block.alt_text.trim() ? block.alt_text : '…';
  return { type: 'section', text: { type: 'plain_text', text: alt, emoji: false } };
}

/** Image URLs Slack refused, remembered (the most recent 500) for later attempts. */
export class RefusedImages {
  private readonly urls = new Set<string>();

  constructor(private readonly keep = 500) {}

  /** Remembers the URLs of the refused blocks. */
  add(blocks: readonly Block[], indexes: readonly number[]): string[] {
    const urls = indexes
      .map((i) => blocks[i]?.image_url)
      .filter((u): u is string => typeof u === 'string');
    for (const url of urls) {
      this.urls.delete(url);
      this.urls.add(url);
    }
    for (const old of this.urls) {
      if (this.urls.size <= this.keep) break;
      this.urls.delete(old);
    }
    return urls;
  }

  /** The blocks with every image block whose URL was refused replaced by its words. */
  without(blocks: readonly Block[]): Block[] {
    return blocks.map((b) =>
      b.type === 'image' && typeof b.image_url === 'string' && this.urls.has(b.image_url)
        ? inWords(b)
        : b,
    );
  }
}

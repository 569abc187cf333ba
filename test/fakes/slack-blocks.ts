/**
 * What the Web API stand-in (slack-api.ts) checks in a call's blocks, as Slack does: the
 * request's arguments decoded (form-encoded, with blocks and views JSON-encoded inside, or
 * JSON), and every image block's picture downloaded while the message is taken. Slack fetches
 * `image_url` itself (a GET from its own servers); when it cannot — a name that does not
 * resolve, a refused connection, an answer that is not a 200 picture — it refuses the whole
 * message, posting nothing:
 *   { ok: false, error: 'invalid_blocks',
 *     errors: ['downloading image failed [json-pointer:/blocks/0/image_url]'],
 *     response_metadata: { messages: ['[ERROR] downloading image failed [json-pointer:/blocks/0/image_url]'] } }
 * (the answer reported in slackapi/python-slack-sdk#1782, otiai10/amesh-bot#24; a view's
 * blocks are under `/view/blocks/<i>`). Views' own limits are in slack-views.ts.
 *
 * A test's PUBLIC_URL (`https://….example.org`) resolves nowhere, as an address the internet
 * cannot reach: a test where Slack can reach it says where (`reach(publicUrl, app.baseUrl)`).
 */
import type { IncomingMessage } from 'node:http';

type Json = Record<string, unknown>;

/** Decodes a Web API call's arguments; the client JSON-encodes blocks and views in the form. */
export function parseArgs(req: IncomingMessage, body: string): Json {
  if ((req.headers['content-type'] ?? '').includes('application/json'))
    return JSON.parse(body || '{}') as Json;
  const args: Json = {};
  for (const [key, value] of new URLSearchParams(body)) {
    args[key] = /^[[{]/.test(value) ? (JSON.parse(value) as unknown) : value;
  }
  return args;
}

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null;

/** The methods whose blocks carry pictures, and where their blocks are (JSON pointer). */
function blocksOf(method: string, args: Json): { blocks: unknown[]; at: string } | undefined {
  if (method === 'views.publish' || method === 'views.open' || method === 'views.update') {
    const view = typeof args.view === 'string' ? safeParse(args.view) : args.view;
    const blocks = isObject(view) ? view.blocks : undefined;
    return Array.isArray(blocks) ? { blocks, at: '/view/blocks' } : undefined;
  }
  if (['chat.postMessage', 'chat.postEphemeral', 'chat.update'].includes(method)) {
    const blocks = typeof args.blocks === 'string' ? safeParse(args.blocks) : args.blocks;
    return Array.isArray(blocks) ? { blocks, at: '/blocks' } : undefined;
  }
  return undefined;
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** Slack's picture downloads, as the stand-in makes them. */
export class ImageDownloads {
  /** Origins the stand-in reaches elsewhere (as DNS would): a public URL → a local server. */
  private readonly routes = new Map<string, string>();
  /** Every picture fetched: its URL and whether Slack could use it. */
  readonly fetched: { url: string; ok: boolean }[] = [];

  /** Slack reaches `publicUrl`'s origin at `localOrigin` (the app under test). */
  reach(publicUrl: string, localOrigin: string): void {
    this.routes.set(new URL(publicUrl).origin, new URL(localOrigin).origin);
  }

  /** GETs the picture as Slack would: a 200 with an image type, within 10 s. */
  async download(url: string): Promise<boolean> {
    let ok = false;
    try {
      const parsed = new URL(url);
      const via = this.routes.get(parsed.origin);
      const target = via ? `${via}${parsed.pathname}${parsed.search}` : url;
      const res = await fetch(target, { redirect: 'follow', signal: AbortSignal.timeout(10_000) });
      await res.arrayBuffer();
      ok = res.status === 200 && (res.headers.get('content-type') ?? '').startsWith('image/');
    } catch {
      ok = false;
    }
    this.fetched.push({ url, ok });
    return ok;
  }

  /**
   * Slack's refusal of this call for the pictures it could not download, or undefined; sync
   * (undefined) when the call carries no image block, so such calls are answered as before.
   */
  check(method: string, args: Json): Promise<Json | undefined> | undefined {
    const found = blocksOf(method, args);
    const images = (found?.blocks ?? [])
      .map((b, i) => ({ b, i }))
      .filter(({ b }) => isObject(b) && b.type === 'image' && typeof b.image_url === 'string');
    if (!found || images.length === 0) return undefined;
    return Promise.all(
      images.map(async ({ b, i }) =>
        (await this.download(String((b as Json).image_url)))
          ? undefined
          : `downloading image failed [json-pointer:${found.at}/${i}/image_url]`,
      ),
    ).then((reasons) => {
      const errors = reasons.filter((r): r is string => r !== undefined);
      if (errors.length === 0) return undefined;
      return {
        ok: false,
        error: 'invalid_blocks',
        errors,
        response_metadata: { messages: errors.map((e) => `[ERROR] ${e}`) },
      };
    });
  }
}

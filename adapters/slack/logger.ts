/**
 * Slack's SDK logger interface on top of ours, so the SDK's messages are structured and
 * redacted like everything else.
 */
import { LogLevel, type Logger as SlackLogger } from '@slack/oauth';
import type { Logger } from 'pino';

export function slackLogger(log: Logger): SlackLogger {
  const child = log.child({ component: 'slack-sdk' });
  const text = (msg: unknown[]) => msg.map(String).join(' ');
  return {
    debug: (...msg: unknown[]) => child.debug(text(msg)),
    info: (...msg: unknown[]) => child.info(text(msg)),
    warn: (...msg: unknown[]) => child.warn(text(msg)),
    error: (...msg: unknown[]) => child.warn(text(msg)),
    setLevel: () => undefined,
    getLevel: () => LogLevel.INFO,
    setName: () => undefined,
  };
}

/**
 * Which platform the bot runs on, from the raw environment: local mode (the unauthenticated
 * web chat) only when no `SLACK_*` or `TEAMS_*` variable is set at all; otherwise every
 * platform that has a variable set must be set up completely. What is missing, or a
 * variable that is no setting of ours (a typo), is named — never a silent fall-back.
 */

/** A variable that belongs to Slack or Teams. */
export const PLATFORM_VARIABLE = /^(SLACK|TEAMS)_/;

/** Read by `npm run package:teams` only (scripts/package-teams.ts), not by the bot. */
export const PACKAGING_VARIABLES = ['TEAMS_MANIFEST_ID', 'TEAMS_VALID_DOMAIN'] as const;

type Source = Readonly<Record<string, string | undefined>>;

/** Set means a value other than blanks (an empty `FOO=` line in an env file is unset). */
export function isSet(source: Source, name: string): boolean {
  const value = source[name];
  return typeof value === 'string' && value.trim() !== '';
}

/** The Slack and Teams variables that are set, sorted. */
export function platformVariablesSet(source: Source): string[] {
  return Object.keys(source)
    .filter((name) => PLATFORM_VARIABLE.test(name) && isSet(source, name))
    .sort();
}

function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/** The known name closest to a mistyped one, when it is close enough to be meant. */
export function closest(name: string, known: readonly string[]): string | undefined {
  let best: { name: string; d: number } | undefined;
  for (const candidate of known) {
    const d = distance(name, candidate);
    if (!best || d < best.d) best = { name: candidate, d };
  }
  return best && best.d <= Math.max(2, Math.floor(name.length / 4)) ? best.name : undefined;
}

/** One line per `SLACK_*`/`TEAMS_*` variable that is set but is no setting of ours. */
export function unknownSettings(source: Source, known: readonly string[]): string[] {
  return platformVariablesSet(source)
    .filter((name) => !known.includes(name))
    .map((name) => {
      const guess = closest(name, known);
      if (guess) return `unknown setting ${name} — did you mean ${guess}?`;
      const family = known.filter((k) => k.startsWith(name.slice(0, name.indexOf('_') + 1)));
      return `unknown setting ${name} (the known ones: ${family.join(', ')})`;
    });
}

const OAUTH = ['SLACK_CLIENT_ID', 'SLACK_CLIENT_SECRET', 'SLACK_STATE_SECRET'] as const;

/** What a Slack setup lacks, one line each (none when complete or when Slack is off). */
export function slackProblems(source: Source): string[] {
  const set = (name: string) => isSet(source, name);
  if (!platformVariablesSet(source).some((n) => n.startsWith('SLACK_'))) return [];
  const problems: string[] = [];
  const oauthSet = OAUTH.filter(set);
  if (oauthSet.length > 0 && oauthSet.length < OAUTH.length) {
    const missing = OAUTH.filter((n) => !set(n));
    problems.push(
      `${missing.join(', ')}: missing; OAuth installs into many workspaces need ${OAUTH.join(', ')} together (${oauthSet.join(', ')} is set)`,
    );
  } else if (!set('SLACK_BOT_TOKEN') && oauthSet.length === 0) {
    problems.push(
      `SLACK_BOT_TOKEN: missing; Slack needs a bot token (SLACK_BOT_TOKEN, one workspace) or OAuth installs (${OAUTH.join(', ')}, many workspaces)`,
    );
  }
  if (!set('SLACK_SIGNING_SECRET') && !set('SLACK_APP_TOKEN')) {
    problems.push(
      'SLACK_SIGNING_SECRET: missing; Slack over HTTP (/slack/events) needs the app’s signing secret — or set SLACK_APP_TOKEN (xapp-…) for Socket Mode, which needs none',
    );
  }
  return problems;
}

/** What a Teams setup lacks, one line each (none when complete or when Teams is off). */
export function teamsProblems(source: Source): string[] {
  const set = (name: string) => isSet(source, name);
  if (!platformVariablesSet(source).some((n) => n.startsWith('TEAMS_'))) return [];
  const problems: string[] = [];
  if (!set('TEAMS_APP_ID')) {
    problems.push(
      'TEAMS_APP_ID: missing; Teams needs the bot’s app id (its Entra app registration)',
    );
  }
  // A half certificate pair is named by the certificate checks in env.ts.
  if (!set('TEAMS_APP_PASSWORD') && !set('TEAMS_CERT_PEM_FILE') && !set('TEAMS_CERT_KEY_FILE')) {
    problems.push(
      'TEAMS_APP_PASSWORD: missing; Teams needs a client secret (TEAMS_APP_PASSWORD) or a certificate (TEAMS_CERT_PEM_FILE and TEAMS_CERT_KEY_FILE)',
    );
  }
  return problems;
}

/** Said once after the lines above: why the bot did not just start the web chat. */
export const NO_FALLBACK_NOTE =
  'A SLACK_ or TEAMS_ variable is set, so the bot does not run in local mode (the web chat); complete the platform’s settings, or unset every SLACK_ and TEAMS_ variable for local mode.';

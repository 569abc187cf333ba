/**
 * The flow registry on its own: what two flows declare under one command word is found by
 * either language's sub-word (whatever the case, accents or trailing punctuation), the bare
 * word keeps its own meaning, and a clash is refused when the second flow registers — also a
 * clash a person could not tell apart when typing (case, accents). Forms and buttons are
 * found by id, a button also by an id that extends it.
 */
import { describe, expect, it } from 'vitest';
import type { CommandName } from '../../../src/core/events.js';
import type { Flow, Subcommand, SubWords } from '../../../src/engine/flow.js';
import { allows, FlowRegistry } from '../../../src/engine/registry.js';

const sub = (command: CommandName, words?: SubWords): Subcommand => ({
  command,
  ...(words ? { words } : {}),
  describe: () => 'iets doen',
  run: async () => {},
});
const flow = (id: string, ...subcommands: Subcommand[]): Flow => ({ id, subcommands });

const planning = flow('planning', sub('checkin', { nl: 'plannen', en: 'schedule' }));
const answering = flow('answering', sub('checkin'));

describe('resolving what a person typed', () => {
  const registry = new FlowRegistry([planning, answering]);

  it.each([
    ['plannen', 'planning', '', 'nl'],
    ['Plannen', 'planning', '', 'nl'],
    ['PLÄNNEN!', 'planning', '', 'nl'],
    ['plannen, maandag 10:00', 'planning', 'maandag 10:00', 'nl'],
    ['schedule', 'planning', '', 'en'],
    ['  Schedule?   next week ', 'planning', 'next week', 'en'],
    ['', 'answering', '', undefined],
    ['ja graag', 'answering', 'ja graag', undefined],
    ['planning', 'answering', 'planning', undefined],
  ])('"checkin %s" goes to %s with "%s"', (args, flowId, rest, language) => {
    const found = registry.resolve('checkin', args);
    expect(found?.flow.id).toBe(flowId);
    expect(found?.args).toBe(rest);
    expect(found?.language).toBe(language);
  });

  it('tells no language for a sub-word that is the same in both', () => {
    const r = new FlowRegistry([flow('toolkit', sub('toolkit', { nl: 'tekst', en: 'tekst' }))]);
    expect(r.resolve('toolkit', 'tekst')?.language).toBeUndefined();
  });

  it('finds nothing for a command with sub-words only when none was typed', () => {
    const r = new FlowRegistry([planning]);
    expect(r.resolve('checkin', '')).toBeUndefined();
    expect(r.resolve('checkin', 'fietsen')).toBeUndefined();
    expect(r.resolve('idea', 'plannen')).toBeUndefined();
    expect(r.subcommandsOf('checkin').map((s) => s.flow)).toEqual(['planning']);
    expect(r.subcommandsOf('idea')).toEqual([]);
  });

  it('lists the subcommands of the deployment in the order of the commands given', () => {
    const r = new FlowRegistry([flow('ideas', sub('idea')), planning, answering]);
    expect(r.allSubcommands(['checkin', 'idea']).map((s) => s.flow)).toEqual([
      'planning',
      'answering',
      'ideas',
    ]);
    expect(r.commands().sort()).toEqual(['checkin', 'idea']);
  });
});

describe('clashes, refused at registration', () => {
  const refused =
    (...flows: Flow[]) =>
    () =>
      new FlowRegistry(flows);

  it('refuses a second bare word', () => {
    expect(refused(answering, flow('other', sub('checkin')))).toThrow(
      /"checkin" is declared by answering and other/,
    );
  });

  it('refuses a sub-word declared twice, in either language or across the languages', () => {
    expect(refused(planning, flow('b', sub('checkin', { nl: 'plannen', en: 'plan' })))).toThrow(
      /declared by planning and b/,
    );
    expect(
      refused(planning, flow('b', sub('checkin', { nl: 'inroosteren', en: 'schedule' }))),
    ).toThrow(/declared by planning and b/);
    expect(refused(planning, flow('b', sub('checkin', { nl: 'schedule', en: 'plan' })))).toThrow(
      /declared by planning and b/,
    );
  });

  it('refuses sub-words a person cannot tell apart when typing (case, accents)', () => {
    expect(refused(planning, flow('b', sub('checkin', { nl: 'Plannen', en: 'plan' })))).toThrow(
      /declared by planning and b/,
    );
    expect(refused(planning, flow('b', sub('checkin', { nl: 'plännen', en: 'plan' })))).toThrow(
      /declared by planning and b/,
    );
  });

  it('refuses a sub-word a person could never reach (two words, or none)', () => {
    expect(refused(flow('a', sub('checkin', { nl: 'week plannen', en: 'plan' })))).toThrow(
      /a sub-word is one word/,
    );
    expect(refused(flow('a', sub('checkin', { nl: 'plannen', en: '!' })))).toThrow(
      /a sub-word is one word/,
    );
  });

  it('allows the same sub-word under another command word, and one flow id once', () => {
    expect(
      () => new FlowRegistry([planning, flow('b', sub('idea', { nl: 'plannen', en: 'schedule' }))]),
    ).not.toThrow();
    expect(refused(planning, flow('planning'))).toThrow(/registered twice/);
  });
});

describe('forms and buttons', () => {
  const ideas: Flow = {
    id: 'ideas',
    forms: [
      {
        id: 'ideas.propose',
        schema: () => {
          throw new Error('not parsed here');
        },
        build: async () => {
          throw new Error('not built here');
        },
        submit: async () => {},
      },
    ],
    actions: [
      { id: 'ideas.cosign', run: async () => {} },
      { id: 'ideas.cosign.withdraw', run: async () => {} },
    ],
  };
  const registry = new FlowRegistry([ideas]);

  it('finds a button by its id or the longest declared id it extends', () => {
    expect(registry.action('ideas.cosign')?.spec.id).toBe('ideas.cosign');
    expect(registry.action('ideas.cosign.42')?.spec.id).toBe('ideas.cosign');
    expect(registry.action('ideas.cosign.withdraw.42')?.spec.id).toBe('ideas.cosign.withdraw');
    expect(registry.action('ideas.cosignx')).toBeUndefined();
    expect(registry.action('ideas')).toBeUndefined();
    expect(registry.form('ideas.propose')?.flow.id).toBe('ideas');
    expect(registry.form('ideas.propose.2')).toBeUndefined();
  });

  it('refuses a form or a button outside the flow’s own prefix', () => {
    expect(
      () => new FlowRegistry([{ id: 'a', actions: [{ id: 'b.x', run: async () => {} }] }]),
    ).toThrow(/outside a/);
    expect(
      () => new FlowRegistry([{ id: 'a', forms: [{ ...ideas.forms?.[0], id: 'ab.x' } as never] }]),
    ).toThrow(/outside a/);
  });
});

describe('forms and buttons for some roles only', () => {
  it('must say what they do, for the refusal that names the roles', () => {
    expect(
      () =>
        new FlowRegistry([
          {
            id: 'ok',
            actions: [{ id: 'ok.approve', roles: ['spokesperson'], run: async () => {} }],
          },
        ]),
    ).toThrow(/ok\.approve is for some roles only/);
    expect(
      () =>
        new FlowRegistry([
          {
            id: 'ok',
            actions: [
              {
                id: 'ok.approve',
                roles: ['spokesperson'],
                describe: () => 'goedkeuren',
                run: async () => {},
              },
              { id: 'ok.open', run: async () => {} },
              { id: 'ok.all', roles: [], run: async () => {} },
            ],
          },
        ]),
    ).not.toThrow();
  });
});

describe('allows', () => {
  it('allows everyone when nothing or nobody is required, else one of the roles', () => {
    expect(allows(undefined, ['member'])).toBe(true);
    expect(allows([], ['member'])).toBe(true);
    expect(allows(['coordinator'], ['member'])).toBe(false);
    expect(allows(['coordinator', 'spokesperson'], ['member', 'spokesperson'])).toBe(true);
  });
});

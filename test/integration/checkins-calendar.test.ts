/**
 * Each check-in series as an iCalendar file: written by ical-generator, read back by a
 * different, strict parser (ical.js) with the VTIMEZONE it carries. The occurrences on both
 * sides of the March DST change are at 10:00 local (09:00 and 08:00 UTC); changing the series
 * keeps its UID and raises its SEQUENCE; pausing ends it. Served by the web process at
 * `GET /calendar/<token>.ics`; any other token is a 404.
 */
import ICAL from 'ical.js';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkinsFlow } from '../../flows/checkins.js';
import { calendarFinder } from '../../flows/checkins-calendar.js';
import { type Series, seriesRecords } from '../../flows/checkins-record.js';
import { commitmentsFlow } from '../../flows/commitments.js';
import { calendarRoute } from '../../src/http/calendar.js';
import { createHttpServer, listen, type RunningServer } from '../../src/http/server.js';
import {
  CARLA,
  KIT,
  type Kit,
  kitAlliance,
  kitConfig,
  press,
  startKit,
  submit,
} from '../helpers/flow-kit.js';

let kit: Kit;
let http: RunningServer;

const schedule = {
  every: 'biweekly',
  nth: '1',
  weekday: 'FR',
  time: '10:00',
  startDate: '2027-03-19',
  deadlineDays: '3',
  deadlineTime: '12:00',
  audience: 'all',
};

beforeAll(async () => {
  kit = await startKit({
    flows: [commitmentsFlow, checkinsFlow],
    config: kitConfig(kitAlliance({ timeZone: 'Europe/Amsterdam' })),
  });
  const server = createHttpServer({
    routes: [calendarRoute(calendarFinder(kit.store, kit.directory))],
    ready: async () => true,
    log: pino({ level: 'silent' }),
  });
  http = await listen(server, 0);
});
afterAll(async () => {
  await http?.close();
  await kit?.stop();
});

const only = async (): Promise<Series> => {
  const [series] = await seriesRecords(kit.store).list(KIT);
  if (!series) throw new Error('no series');
  return series;
};
const get = (path: string) => fetch(`http://127.0.0.1:${http.port}${path}`);

/** The VEVENT of an .ics as ical.js reads it, with its VTIMEZONE registered. */
function parse(ics: string) {
  const component = new ICAL.Component(ICAL.parse(ics));
  for (const tz of component.getAllSubcomponents('vtimezone'))
    ICAL.TimezoneService.register(new ICAL.Timezone(tz));
  const vevent = component.getFirstSubcomponent('vevent');
  if (!vevent) throw new Error('no VEVENT');
  return { component, event: new ICAL.Event(vevent), vevent };
}

function occurrences(event: InstanceType<typeof ICAL.Event>, n: number) {
  const it = event.iterator();
  const out: { local: string; utc: string }[] = [];
  for (let next = it.next(); next && out.length < n; next = it.next()) {
    out.push({
      local: next.toString(),
      utc: next.toJSDate().toISOString(),
    });
  }
  return out;
}

describe('a check-in series as iCalendar', () => {
  it('reads back with its rule and zone, 10:00 local on both sides of the March change', async () => {
    await kit.engine.handle(submit(CARLA, 'checkins.schedule-form', schedule));
    const series = await only();
    const answer = await get(`/calendar/${series.token}.ics`);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    const ics = await answer.text();
    expect(ics).toContain('DTSTART;TZID=Europe/Amsterdam:20270319T100000');
    expect(ics).toContain('RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=FR');
    expect(ics).toMatch(/BEGIN:VTIMEZONE\r?\nTZID:Europe\/Amsterdam/);
    const { component, event, vevent } = parse(ics);
    expect(component.getFirstPropertyValue('version')).toBe('2.0');
    expect(event.uid).toBe(`${series.id}@${KIT}.alliantiebot`);
    expect(event.sequence).toBe(0);
    expect(String(vevent.getFirstPropertyValue('dtstamp'))).toMatch(/Z$/);
    expect(event.startDate.zone?.tzid).toBe('Europe/Amsterdam');
    expect(occurrences(event, 3)).toEqual([
      { local: '2027-03-19T10:00:00', utc: '2027-03-19T09:00:00.000Z' },
      { local: '2027-04-02T10:00:00', utc: '2027-04-02T08:00:00.000Z' },
      { local: '2027-04-16T10:00:00', utc: '2027-04-16T08:00:00.000Z' },
    ]);
  });

  it('keeps its UID and raises its SEQUENCE when changed, and ends when paused', async () => {
    const before = await only();
    await kit.engine.handle({
      ...submit(CARLA, 'checkins.schedule-form', { ...schedule, time: '09:30', weekday: 'MO' }),
      context: `${KIT}|${before.id}`,
    } as Parameters<typeof kit.engine.handle>[0]);
    const changed = parse(await (await get(`/calendar/${before.token}.ics`)).text());
    expect(changed.event.uid).toBe(`${before.id}@${KIT}.alliantiebot`);
    expect(changed.event.sequence).toBe(1);
    expect(occurrences(changed.event, 2).map((o) => o.local)).toEqual([
      '2027-03-22T09:30:00',
      '2027-04-05T09:30:00',
    ]);
    await kit.engine.handle(press(CARLA, 'checkins.pause', { value: before.id }));
    const paused = parse(await (await get(`/calendar/${before.token}.ics`)).text());
    expect(paused.event.sequence).toBe(2);
    // Paused before its first check-in (the clock is today's): nothing of it stays.
    expect(paused.vevent.getFirstPropertyValue('status')).toBe('CANCELLED');
  });

  it('answers 404 for any other token', async () => {
    expect((await get(`/calendar/${'x'.repeat(43)}.ics`)).status).toBe(404);
    expect((await get('/calendar/short.ics')).status).toBe(404);
    expect((await get('/calendar/')).status).toBe(404);
  });
});

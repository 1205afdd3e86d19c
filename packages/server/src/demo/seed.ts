import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { v7 as uuidv7 } from 'uuid';
import type { OrgKind, Role } from '@truce/core/model/accounts';
import { extractZoneGeometry } from '@truce/core/mechanism/geojson';
import type { AppContext } from '../context.ts';
import { record } from '../log/index.ts';
import { createMechanism, setMechanismTime } from '../mechanism/index.ts';
import { generatePassword, hashPassword } from '../accounts/index.ts';
import { countUsers } from '../accounts/index.ts';
import { loadDemoDetainees } from './detainees-seed.ts';
import { loadDemoIncidents } from './incidents-seed.ts';
import { loadDemoMeetings } from './meetings-seed.ts';
import { onScriptedClock, ScriptedClock } from './scripted-clock.ts';
import { DEMO_EXCLUDED_GROUP_LABELS, DEMO_ORGANISATION_LABELS, DEMO_ZONE_LABELS } from './vocabulary.ts';

/**
 * The demo mechanism: the 2016–17 Syria ceasefire as a template. The guarantors, the
 * government, the UN office and the support group are the real actors of that process;
 * the armed opposition groups, the facilitator and every person and account are
 * fictional, and the mechanism says so ("(demo)", the demo flag shown on every page).
 */
const GEO_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../data/geo');

interface DemoOrg {
  key: string;
  name: string;
  shortName: string;
  kind: OrgKind;
}

const ORGANISATIONS: DemoOrg[] = [
  { key: 'secretariat', name: 'Joint Monitoring Group Secretariat (demo)', shortName: 'Secretariat', kind: 'secretariat' },
  { key: 'russia', name: 'Russian Federation', shortName: 'Russia', kind: 'guarantor' },
  { key: 'turkey', name: 'Republic of Türkiye', shortName: 'Türkiye', kind: 'guarantor' },
  { key: 'iran', name: 'Islamic Republic of Iran', shortName: 'Iran', kind: 'guarantor' },
  { key: 'government', name: 'Government of the Syrian Arab Republic', shortName: 'Government', kind: 'party' },
  { key: 'north-dawn', name: 'Northern Dawn Brigades (fictional)', shortName: 'Northern Dawn', kind: 'party' },
  { key: 'orontes', name: 'Orontes Valley Front (fictional)', shortName: 'Orontes Front', kind: 'party' },
  { key: 'southern-union', name: 'Southern Free Union (fictional)', shortName: 'Southern Union', kind: 'party' },
  { key: 'facilitator', name: 'Neutral Humanitarian Committee (fictional)', shortName: 'Humanitarian Committee', kind: 'facilitator' },
  { key: 'osesgs', name: 'UN Office of the Special Envoy for Syria', shortName: 'UN OSE', kind: 'observer' },
  { key: 'issg', name: 'International Syria Support Group', shortName: 'ISSG', kind: 'observer' },
];

const ROLES: Role[] = ['admin', 'officer', 'viewer'];

export interface DemoAccount {
  email: string;
  password: string;
  organisation: string;
  role: Role;
}

export interface DemoOptions {
  /** How many fictional violation reports to generate (default 2,000; 0 for none). */
  reports?: number;
  /** Scale of the fictional detainee lists (1: a few thousand persons per side; 0 for none). */
  detainees?: number;
  /**
   * Whether the mechanism's clock is set to the story's today (DEMO_TODAY), as `npm run
   * demo` does (default). Tests that file reports of other years on a demo keep the system's.
   */
  clock?: boolean;
  /** Told each step of the loading as it goes (`npm run demo` prints them). */
  progress?: (line: string) => void;
}

export const DEFAULT_DEMO_REPORTS = 2000;

/**
 * The demo's today: some days after its story's last reports (January–March 2017). Its clock
 * starts here when it is loaded and runs on (mechanism/clock.ts), so its deadlines, its
 * dashboard and the periods its forms start from are those of its data.
 */
export const DEMO_TODAY = new Date('2017-04-12T08:00:00Z');

/**
 * Loads the demo when the installation is empty, in one transaction, then its fictional
 * reports, incidents, replies, assessments and findings (incidents-seed.ts), and writes the
 * accounts with their random passwords to <data dir>/demo-accounts.json (mode 0600).
 * Returns that file's path, or null when the installation already had users.
 */
export async function loadDemo(ctx: AppContext, options: DemoOptions = {}): Promise<string | null> {
  if ((await countUsers(ctx.db)) > 0) return null;
  const started = Date.now();
  const say = options.progress ?? (() => {});
  const n = (x: number) => x.toLocaleString('en');
  say('Loading the demo, once (about a minute): organisations and accounts…');
  const accounts: DemoAccount[] = [];
  const users: { id: string; orgId: string; name: string; email: string; role: Role; hash: string }[] = [];
  const orgIds = new Map(ORGANISATIONS.map((o) => [o.key, uuidv7()]));
  for (const org of ORGANISATIONS) {
    for (const role of ROLES) {
      const password = generatePassword();
      const email = `${role}.${org.key}@demo.truce.example`;
      accounts.push({ email, password, organisation: org.name, role });
      users.push({
        id: uuidv7(),
        orgId: orgIds.get(org.key)!,
        name: `${capitalise(role)}, ${org.shortName} (demo)`,
        email,
        role,
        hash: await hashPassword(password),
      });
    }
  }
  const secretariatAdmin = users[0];
  const actor = { organisation: secretariatAdmin.orgId, user: secretariatAdmin.id };

  await ctx.db.transaction().execute(async (tx) => {
    await createMechanism(ctx, tx, { name: 'Syria ceasefire (demo)', demo: true, supportGroupName: 'International Syria Support Group (ISSG)' }, actor);
    const now = new Date();
    for (const org of ORGANISATIONS) {
      const id = orgIds.get(org.key)!;
      await tx
        .insertInto('organisations')
        .values({
          id,
          name: org.name,
          short_name: org.shortName,
          labels: JSON.stringify(DEMO_ORGANISATION_LABELS[org.key].labels),
          short_labels: JSON.stringify(DEMO_ORGANISATION_LABELS[org.key].shortLabels),
          kind: org.kind,
          created_at: now,
          updated_at: now,
          version: 1,
        })
        .execute();
      await record(tx, {
        type: 'organisation.created',
        actor,
        subject: { organisation: id },
        data: { name: org.name, shortName: org.shortName, ...DEMO_ORGANISATION_LABELS[org.key], kind: org.kind },
      });
    }
    for (const u of users) {
      await tx
        .insertInto('users')
        .values({
          id: u.id,
          organisation_id: u.orgId,
          name: u.name,
          email: u.email,
          role: u.role,
          password_hash: u.hash,
          must_change_password: false,
          active: true,
          totp_secret: null,
          totp_pending_secret: null,
          totp_last_step: null,
          demo: true,
          created_at: now,
          updated_at: now,
          version: 1,
        })
        .execute();
      await record(tx, {
        type: 'user.created',
        actor,
        subject: { user: u.id, organisation: u.orgId },
        data: { role: u.role, demo: true },
        sealed: { name: u.name, email: u.email },
      });
    }

    const id = (key: string) => orgIds.get(key)!;
    const agreements = [
      {
        title: 'Ceasefire agreement of 29 December 2016',
        terms:
          'A nationwide cessation of hostilities from midnight on 30 December 2016 between the Government of the Syrian Arab Republic and the armed opposition groups that joined it, guaranteed by the Russian Federation and the Republic of Türkiye. Groups designated as terrorist by the UN Security Council are excluded. (Demo summary; the opposition signatories here are fictional.)',
        signed_on: '2016-12-29',
        effective_from: '2016-12-30',
        signatories: ['government', 'north-dawn', 'orontes', 'southern-union', 'russia', 'turkey'],
      },
      {
        title: 'Terms of the joint monitoring group (Astana, 16 February 2017)',
        terms:
          'The guarantors (Russia, Türkiye, Iran) establish a permanent joint group to monitor the ceasefire. The group will facilitate prisoner swaps at its regular meetings, report truce violations to the United Nations, and brief the International Syria Support Group on its progress. (Demo summary.)',
        signed_on: '2017-02-16',
        effective_from: '2017-02-16',
        signatories: ['russia', 'turkey', 'iran'],
      },
    ];
    for (const a of agreements) {
      const agreementId = uuidv7();
      const signatoryIds = a.signatories.map(id);
      await tx
        .insertInto('agreements')
        .values({
          id: agreementId,
          title: a.title,
          terms: a.terms,
          signed_on: a.signed_on,
          effective_from: a.effective_from,
          effective_to: null,
          signatory_ids: JSON.stringify(signatoryIds),
          created_at: now,
          updated_at: now,
          version: 1,
        })
        .execute();
      await record(tx, {
        type: 'agreement.created',
        actor,
        subject: { agreement: agreementId },
        data: { title: a.title, signedOn: a.signed_on, effectiveFrom: a.effective_from, signatoryIds },
      });
    }

    const excluded = [
      {
        labels: DEMO_EXCLUDED_GROUP_LABELS[0],
        name: 'Islamic State in Iraq and the Levant (ISIL / Da’esh)',
        aliases: ['ISIS', 'Daesh', 'داعش', 'الدولة الإسلامية في العراق والشام'],
        note: 'Designated by the UN Security Council; outside the ceasefire.',
      },
      {
        labels: DEMO_EXCLUDED_GROUP_LABELS[1],
        name: 'Jabhat Fatah al-Sham (formerly al-Nusra Front)',
        aliases: ['Jabhat al-Nusra', 'جبهة فتح الشام', 'جبهة النصرة'],
        note: 'Designated by the UN Security Council; outside the ceasefire.',
      },
    ];
    for (const g of excluded) {
      const groupId = uuidv7();
      await tx
        .insertInto('excluded_groups')
        .values({
          id: groupId,
          name: g.name,
          labels: JSON.stringify(g.labels),
          aliases: JSON.stringify(g.aliases),
          note: g.note,
          created_at: now,
          updated_at: now,
          version: 1,
        })
        .execute();
      await record(tx, {
        type: 'excluded_group.created',
        actor,
        subject: { excluded_group: groupId },
        data: { name: g.name, labels: g.labels, aliases: g.aliases },
      });
    }

    const country = JSON.parse(fs.readFileSync(path.join(GEO_DIR, 'syr_adm0_country.geojson'), 'utf8'));
    const { geometry } = extractZoneGeometry(country);
    const zoneId = uuidv7();
    await tx
      .insertInto('zones')
      .values({
        id: zoneId,
        name: DEMO_ZONE_LABELS.en,
        labels: JSON.stringify(DEMO_ZONE_LABELS),
        description: 'Boundary: UNCS / UN OCHA Syria COD (CC BY-IGO).',
        geometry: JSON.stringify(geometry),
        created_at: now,
        updated_at: now,
        version: 1,
      })
      .execute();
    await record(tx, { type: 'zone.created', actor, subject: { zone: zoneId }, data: { name: DEMO_ZONE_LABELS.en, labels: DEMO_ZONE_LABELS } });
  });

  await ctx.sequencer.flush();
  const kindOf = new Map(ORGANISATIONS.map((o) => [orgIds.get(o.key)!, o.kind]));
  const participants = { orgIds, users: users.map((u) => ({ id: u.id, orgId: u.orgId, orgKind: kindOf.get(u.orgId)!, role: u.role })) };
  // The story, told through the use cases on a clock of its own: each seed moves it
  // through 2017 and then to the story's today for what is pending now.
  const clock = new ScriptedClock(DEMO_TODAY);
  const story = onScriptedClock(ctx, clock);
  say(`  ${ORGANISATIONS.length} organisations, ${users.length} accounts. Reports and incidents of January–March 2017…`);
  const incidents = await loadDemoIncidents(story, clock, participants, options.reports ?? DEFAULT_DEMO_REPORTS, (done, of) =>
    say(`  ${n(done)} of ${n(of)} actions (reports filed, incidents grouped, replies, assessments)`),
  );
  say(`  ${n(incidents.reports)} reports, ${n(incidents.incidents)} incidents, ${n(incidents.adopted)} findings adopted. Detainee lists and matching…`);
  const detainees = await loadDemoDetainees(story, clock, participants, options.detainees ?? 1);
  say(`  ${n(detainees.persons)} listed persons, ${n(detainees.confirmed)} matches confirmed, ${n(detainees.rejected)} rejected. Meetings…`);
  await loadDemoMeetings(story, clock, participants, { exchanges: detainees.exchanges });
  await clock.runRemaining();
  await ctx.sequencer.flush();
  say(`  Loaded in ${Math.round((Date.now() - started) / 1000)} s; the demo's today is ${DEMO_TODAY.toISOString().slice(0, 10)}.`);
  if (options.clock !== false) await setMechanismTime(ctx.db, DEMO_TODAY);

  const file = path.join(ctx.config.dataDir, 'demo-accounts.json');
  fs.writeFileSync(file, JSON.stringify(accounts, null, 2) + '\n', { mode: 0o600 });
  fs.chmodSync(file, 0o600);
  return file;
}

function capitalise(s: string) {
  return s[0].toUpperCase() + s.slice(1);
}

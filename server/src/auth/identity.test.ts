import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PROVIDER_IDS } from '../providers/registry.js';
import { connectionOfMember, identityNames, type Identity, type IdentityNameKind } from './identity.js';

interface Subject {
  identity: Identity;
  provider: string;
  run: string;
  name: string;
}

/** Every kind of name, as a function of everything that may go into it. */
const NAME_OF: Record<IdentityNameKind, (s: Subject) => string> = {
  connectionKey: (s) => identityNames.connectionKey(s.identity, s.provider),
  connectionOutbox: (s) => identityNames.connectionOutbox(s.identity, s.provider),
  connectionMember: (s) => identityNames.connectionMember(s.identity, s.provider),
  connectionIndexByOrg: (s) => identityNames.connectionIndexByOrg(s.identity.orgId),
  connectionIndexByUser: (s) => identityNames.connectionIndexByUser(s.identity),
  connectionListCursorBinding: (s) =>
    identityNames.connectionListCursorBinding({ orgId: s.identity.orgId, userId: s.identity.userId, provider: s.provider }),
  refreshLease: (s) => identityNames.refreshLease(s.identity, s.provider),
  refreshInFlight: (s) => identityNames.refreshInFlight(s.identity, s.provider),
  connectLimit: (s) => identityNames.connectLimit(s.identity),
  loadRunLimit: (s) => identityNames.loadRunLimit(s.identity),
  scratchBudget: (s) => identityNames.scratchBudget(s.identity),
  scratchKey: (s) => identityNames.scratchKey(s.identity, s.provider, s.run, s.name),
  cursorBinding: (s) => identityNames.cursorBinding(s.identity, s.provider),
  logSubject: (s) => identityNames.logSubject(s.identity),
};
/** What each kind is derived from: two subjects equal in these parts may (must) share the name. */
const PARTS_OF: Record<IdentityNameKind, (s: Subject) => unknown[]> = {
  connectionKey: (s) => [s.identity.orgId, s.identity.userId, s.provider],
  connectionOutbox: (s) => [s.identity.orgId, s.identity.userId, s.provider],
  connectionMember: (s) => [s.identity.orgId, s.identity.userId, s.provider],
  connectionIndexByOrg: (s) => [s.identity.orgId],
  connectionIndexByUser: (s) => [s.identity.orgId, s.identity.userId],
  connectionListCursorBinding: (s) => [s.identity.orgId, s.identity.userId, s.provider],
  refreshLease: (s) => [s.identity.orgId, s.identity.userId, s.provider],
  refreshInFlight: (s) => [s.identity.orgId, s.identity.userId, s.provider],
  connectLimit: (s) => [s.identity.orgId, s.identity.userId],
  loadRunLimit: (s) => [s.identity.orgId, s.identity.userId],
  scratchBudget: (s) => [s.identity.orgId, s.identity.userId],
  scratchKey: (s) => [s.identity.orgId, s.identity.userId, s.provider, s.run, s.name],
  cursorBinding: (s) => [s.identity.orgId, s.identity.userId, s.provider],
  logSubject: (s) => [s.identity.orgId, s.identity.userId],
};
const KINDS = Object.keys(NAME_OF) as IdentityNameKind[];

// The characters that break naive encodings, plus whitespace, look-alikes and astral symbols.
const tricky = fc.constantFrom(
  ':',
  '{',
  '}',
  '%',
  '%3A',
  '3A',
  ' ',
  '\u00a0',
  '\u2028',
  '/',
  '\\',
  '"',
  "'",
  ',',
  '[',
  ']',
  'é',
  'e\u0301',
  'ß',
  '😀',
  '𝔘',
  'a',
  'A',
  '0',
  '',
);
const part = fc.oneof(
  fc.array(tricky, { maxLength: 6 }).map((pieces) => pieces.join('')),
  fc.string({ unit: 'grapheme', maxLength: 12 }),
  fc.string({ maxLength: 12 }),
);
const subject = fc.record({
  identity: fc.record({ orgId: part, userId: part }),
  provider: fc.oneof(fc.constantFrom(...PROVIDER_IDS), part),
  run: part,
  name: part,
});

const FIELDS = ['orgId', 'userId', 'provider', 'run', 'name'] as const;
const fieldsOf = (s: Subject) => [s.identity.orgId, s.identity.userId, s.provider, s.run, s.name];
const subjectOf = ([orgId, userId, provider, run, name]: string[]): Subject => ({
  identity: { orgId: orgId!, userId: userId! },
  provider: provider!,
  run: run!,
  name: name!,
});

/**
 * A near miss of `a`: two neighbouring parts glued with a separator and cut again elsewhere
 * (`acme` + `team:alice` -> `acme:team` + `alice`), the pairs a naive encoding confuses.
 */
const nearMiss = (a: Subject) =>
  fc
    .record({ at: fc.integer({ min: 0, max: FIELDS.length - 2 }), glue: fc.constantFrom(':', '%3A', '}:{', ''), cut: fc.nat() })
    .map(({ at, glue, cut }) => {
      const fields = fieldsOf(a);
      // Cut between code points: ids are well-formed Unicode (the identity schema refuses lone surrogates).
      const joined = Array.from(`${fields[at]}${glue}${fields[at + 1]}`);
      const position = cut % (joined.length + 1);
      fields[at] = joined.slice(0, position).join('');
      fields[at + 1] = joined.slice(position).join('');
      return subjectOf(fields);
    });
const pair = fc.oneof(
  fc.tuple(subject, subject),
  subject.chain((a) => fc.tuple(fc.constant(a), nearMiss(a))),
);

describe('names derived from an identity', () => {
  it('never coincide for different inputs, in any kind (and never across kinds)', () => {
    fc.assert(
      fc.property(pair, ([a, b]) => {
        for (const kind of KINDS) {
          const same = JSON.stringify(PARTS_OF[kind](a)) === JSON.stringify(PARTS_OF[kind](b));
          expect(NAME_OF[kind](a) === NAME_OF[kind](b), `${kind}: ${JSON.stringify([a, b])}`).toBe(same);
          for (const other of KINDS) if (other !== kind) expect(NAME_OF[kind](a)).not.toBe(NAME_OF[other](b));
        }
      }),
      { numRuns: 3_000 },
    );
  });

  it('keep a separator moved between org and user apart (acme + team:alice vs acme:team + alice)', () => {
    fc.assert(
      fc.property(part, part, part, fc.constantFrom(':', '%3A', '}{', '%'), (left, middle, right, separator) => {
        const one: Subject = {
          identity: { orgId: left, userId: `${middle}${separator}${right}` },
          provider: PROVIDER_IDS[0]!,
          run: 'r',
          name: 'n',
        };
        const two: Subject = {
          identity: { orgId: `${left}${separator}${middle}`, userId: right },
          provider: PROVIDER_IDS[0]!,
          run: 'r',
          name: 'n',
        };
        for (const kind of KINDS) expect(NAME_OF[kind](one), kind).not.toBe(NAME_OF[kind](two));
      }),
    );
    const left = { identity: { orgId: 'acme', userId: 'team:alice' }, provider: PROVIDER_IDS[0]!, run: 'r', name: 'n' };
    const right = { identity: { orgId: 'acme:team', userId: 'alice' }, provider: PROVIDER_IDS[0]!, run: 'r', name: 'n' };
    for (const kind of KINDS) expect(NAME_OF[kind](left)).not.toBe(NAME_OF[kind](right));
  });

  it('keep every store key inside exactly one Redis Cluster hash tag', () => {
    fc.assert(
      fc.property(subject, (s) => {
        const keys = [NAME_OF.connectionKey(s), NAME_OF.connectionOutbox(s), NAME_OF.scratchKey(s)];
        for (const key of [...keys, NAME_OF.connectionIndexByOrg(s), NAME_OF.connectionIndexByUser(s)]) {
          // Redis hashes the text between the first `{` and the next `}`: that must be the whole tag we built.
          expect(key.startsWith('{')).toBe(true);
          expect(key.indexOf('}')).toBe(key.lastIndexOf('}'));
        }
        // The outbox shares its connection's tag: one Lua script writes both on one slot.
        const tag = (key: string) => key.slice(0, key.indexOf('}') + 1);
        expect(tag(NAME_OF.connectionOutbox(s))).toBe(NAME_OF.connectionKey(s));
      }),
    );
  });

  it('read a connections-index member back as the connection it names, and nothing else', () => {
    fc.assert(
      fc.property(subject, (s) => {
        expect(connectionOfMember(NAME_OF.connectionMember(s))).toEqual({ ...s.identity, provider: s.provider });
      }),
    );
    for (const other of ['conn:a:b', 'conn:a:b:c:d', 'load:a:b:c', 'conn:%E0%A4%A:b:c']) expect(connectionOfMember(other)).toBeNull();
  });

  it('tell an absent connections filter from every present value', () => {
    const bind = identityNames.connectionListCursorBinding;
    const names = [
      bind({}),
      bind({ orgId: '*' }),
      bind({ orgId: '' }),
      bind({ userId: '*' }),
      bind({ orgId: 'a', userId: 'b' }),
      bind({ orgId: 'a:b' }),
    ];
    expect(new Set(names).size).toBe(names.length);
  });
});

describe('nothing else builds identity-derived names', () => {
  const root = fileURLToPath(new URL('../', import.meta.url));
  const sources = (dir: string): string[] =>
    readdirSync(dir).flatMap((entry) => {
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) return entry === 'generated' ? [] : sources(path);
      return path.endsWith('.ts') && !path.endsWith('.test.ts') && !path.endsWith('.contract.ts') ? [path] : [];
    });

  it('no template string outside auth/identity.ts interpolates an org or user id', () => {
    const offenders: string[] = [];
    for (const file of sources(root)) {
      if (relative(root, file) === join('auth', 'identity.ts')) continue;
      readFileSync(file, 'utf8')
        .split('\n')
        .forEach((line, i) => {
          if (/\$\{[^}]*\b(orgId|userId|org|sub)\b[^}]*\}/.test(line)) offenders.push(`${relative(root, file)}:${i + 1}: ${line.trim()}`);
        });
    }
    expect(offenders).toEqual([]);
  });
});

import type { ProgramImage } from '../../../kernel/program.ts';
import { parseArgs } from '../../lib/cli.ts';
import { groupList, groupName, idDb, selfIdentity, userIdentity, userName, type Identity } from '../../lib/ids.ts';
import { quote } from '../../lib/quote.ts';

/** id(1) from coreutils: `uid=1000(vagrant) gid=1000(vagrant) groups=1000(vagrant),998(wheel)`; -u -g -G -n -r. */
export const id: ProgramImage = {
  vszKb: 7276, rssKb: 1900,
  main: async ({ argv, env, sys, out, err }) => {
    const r = await parseArgs('id', argv.slice(1), 'agGnruzZ', [
      { name: 'group', arg: 'none', key: 'g' }, { name: 'groups', arg: 'none', key: 'G' },
      { name: 'name', arg: 'none', key: 'n' }, { name: 'real', arg: 'none', key: 'r' },
      { name: 'user', arg: 'none', key: 'u' }, { name: 'zero', arg: 'none', key: 'z' },
      { name: 'context', arg: 'none', key: 'Z' },
    ], err);
    if (!r) return 1;
    const has = (k: string) => r.options.some((o) => o.key === k);
    const only = ['u', 'g', 'G'].filter(has);
    if (only.length > 1) { await err('id: cannot print "only" of more than one choice\n'); return 1; }
    if (has('Z')) { await err('id: --context (-Z) works only on an SELinux-enabled kernel\n'); return 1; }
    if (!only.length && (has('n') || has('r'))) { await err('id: cannot print only names or real IDs in default format\n'); return 1; }
    if (!only.length && has('z')) { await err('id: option --zero not permitted in default format\n'); return 1; }
    const db = await idDb(sys);
    const ids: Array<Identity | null> = r.operands.length ? [] : [selfIdentity(sys)];
    let status = 0;
    for (const spec of r.operands) {
      const who = userIdentity(db, spec);
      if (!who) { await err(`id: ${quote(env, spec)}: no such user\n`); status = 1; continue; }
      ids.push(who);
    }
    const real = has('r'), names = has('n');
    const sep = has('z') ? '\0' : ' ';
    const end = has('z') ? '\0' : '\n';
    const user = (uid: number) => (names ? userName(db, uid) ?? String(uid) : String(uid));
    const group = (gid: number) => (names ? groupName(db, gid) ?? String(gid) : String(gid));
    const withName = (n: number, name: string | undefined) => (name === undefined ? String(n) : `${n}(${name})`);
    let text = '';
    for (const who of ids) {
      if (!who) continue;
      if (has('u')) text += user(real ? who.uid : who.euid) + end;
      else if (has('g')) text += group(real ? who.gid : who.egid) + end;
      else if (has('G')) text += groupList(who).map(group).join(sep) + end;
      else {
        text += `uid=${withName(who.uid, userName(db, who.uid))} gid=${withName(who.gid, groupName(db, who.gid))}`;
        if (who.euid !== who.uid) text += ` euid=${withName(who.euid, userName(db, who.euid))}`;
        if (who.egid !== who.gid) text += ` egid=${withName(who.egid, groupName(db, who.egid))}`;
        text += ` groups=${groupList(who).map((g) => withName(g, groupName(db, g))).join(',')}\n`;
      }
    }
    if (text) await out(text);
    return status;
  },
};

import type { ProgramImage } from '../../../kernel/program.ts';
import { parseArgs } from '../../lib/cli.ts';
import { groupList, groupName, idDb, selfIdentity, userIdentity } from '../../lib/ids.ts';
import { quote } from '../../lib/quote.ts';

/** groups(1) from coreutils: the caller's group names, or `user : g1 g2` for each named user. */
export const groupsCmd: ProgramImage = {
  vszKb: 7200, rssKb: 1760,
  main: async ({ argv, env, sys, out, err }) => {
    const r = await parseArgs('groups', argv.slice(1), '', [], err);
    if (!r) return 1;
    const db = await idDb(sys);
    const names = (gids: number[]) => gids.map((g) => groupName(db, g) ?? String(g)).join(' ');
    if (!r.operands.length) { await out(names(groupList(selfIdentity(sys))) + '\n'); return 0; }
    let status = 0;
    for (const u of r.operands) {
      const who = userIdentity(db, u);
      if (!who) { await err(`groups: ${quote(env, u)}: no such user\n`); status = 1; continue; }
      await out(`${u} : ${names(groupList(who))}\n`);
    }
    return status;
  },
};

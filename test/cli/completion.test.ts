/** `lbaas completion bash`, loaded into a real bash and asked what it completes. */
import test from 'ava';
import { execa } from 'execa';
import { lbaas } from './support.js';

async function complete(script: string, line: string): Promise<string[]> {
  const words = line.split(' ');
  const prog = `${script}
COMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${words.length - 1}
_lbaas; printf '%s\\n' "\${COMPREPLY[@]}"`;
  const r = await execa('bash', ['--norc', '--noprofile', '-c', prog]);
  return r.stdout.split('\n').filter(Boolean).sort();
}

test('bash completion: commands, subcommands, flags from the schema, enum values', async (t) => {
  const r = await lbaas(['completion', 'bash']);
  t.is(r.exitCode, 0, r.stderr);
  t.regex(r.stdout, /complete -F _lbaas lbaas/);
  t.deepEqual(await complete(r.stdout, 'lbaas '), ['agent', 'completion', 'health-monitor', 'member', 'pool', 'vip']);
  t.deepEqual(await complete(r.stdout, 'lbaas pool '), ['create', 'delete', 'list', 'set', 'show', 'stats']);
  const flags = await complete(r.stdout, 'lbaas member create --');
  for (const f of ['--pool-id', '--address', '--protocol-port', '--weight', '--admin-state-up', '--backup', '--wait', '--format', '--endpoint', '--token']) t.true(flags.includes(f), f);
  t.deepEqual(await complete(r.stdout, 'lbaas pool create --lb-method '), ['LEAST_CONNECTIONS', 'ROUND_ROBIN', 'SOURCE_IP']);
  const set = await complete(r.stdout, 'lbaas health-monitor set x --');
  t.true(set.includes('--delay') && set.includes('--if-match'));
  t.false(set.includes('--type'), 'set offers no force-new field');
  const bad = await lbaas(['completion', 'zsh']);
  t.is(bad.exitCode, 2);
  t.regex(bad.stderr, /only bash/);
});

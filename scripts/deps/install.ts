/**
 * The set-up `npm test`, `npm run bench` and `npm run demo` run first:
 *
 *   node dist/scripts/deps/install.js [--for test|bench|demo] [--require <group> …]
 *
 * As root with apt-get it installs every missing tool group of
 * scripts/deps/catalogue.ts that the purpose uses — Debian packages in one
 * apt-get call, PyPI tools into .cache/tools/venv, Go tools with `go install` —
 * saying what and why. Without root or apt-get it installs nothing. Either way
 * it then names, once, each group that is still unusable (what needs it is
 * skipped), with the reason and the command that enables it. When everything
 * is there it prints one line. A missing tool never fails it: the exit code is
 * 1 only when a `--require`d group is unusable (the demo cannot run without HAProxy).
 */
import { PURPOSES, TOOL_GROUPS, toolGroup, usedBy, type Purpose, type ToolGroup } from './catalogue.js';
import { absentCommands, isRoot, locate, missingReason } from './locate.js';
import { aptInstall, installedPackages } from './apt.js';
import { goInstall, pipInstall } from './builders.js';

interface Options {
  purpose: Purpose;
  required: ToolGroup[];
}

const WHAT_SKIPS: Record<Purpose, string> = { test: 'the tests that need them are skipped', bench: 'the benchmarks that need them are skipped', demo: 'the demo does without them' };

function say(message: string): void {
  console.log(message.split('\n').map((l) => `deps: ${l}`).join('\n'));
}

function parse(argv: string[]): Options {
  const o: Options = { purpose: 'test', required: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const v = argv[i + 1];
    if (a === '--for' && PURPOSES.includes(v as Purpose)) o.purpose = v as Purpose;
    else if (a === '--require' && v) o.required.push(toolGroup(v));
    else throw new Error(`usage: install.js [--for ${PURPOSES.join('|')}] [--require <group> …] (at "${a}")`);
    i++;
  }
  return o;
}

/** Debian packages first (they include what the venv needs), then pip and Go tools. */
async function installMissing(absent: readonly ToolGroup[]): Promise<void> {
  const wanted = [...new Set(absent.flatMap((g) => g.apt))];
  const have = await installedPackages(wanted);
  const pkgs = wanted.filter((p) => !have.has(p));
  if (pkgs.length) {
    for (const g of absent) {
      const mine = g.apt.filter((p) => pkgs.includes(p));
      if (mine.length) say(`${g.name}: installing ${mine.join(' ')} (${absentCommands(g).join(', ')} missing) — ${g.why}`);
    }
    await aptInstall(pkgs, say);
  }
  for (const g of absent) {
    if (g.pip?.length) {
      say(`${g.name}: installing ${g.pip.join(' ')} from PyPI — ${g.why}`);
      if (!(await pipInstall(g.pip, say))) say(`${g.name}: pip install failed`);
    }
    if (g.go) {
      if (!locate('go')) {
        say(`${g.name}: not installed: no Go on PATH or in /usr/local/go/bin to build ${g.go}`);
        continue;
      }
      say(`${g.name}: building ${g.go} — ${g.why}`);
      if (!(await goInstall(g.go, say))) say(`${g.name}: go install failed`);
    }
  }
}

async function main(o: Options): Promise<number> {
  const groups = TOOL_GROUPS.filter((g) => usedBy(g).includes(o.purpose) || o.required.includes(g));
  const absent = groups.filter((g) => absentCommands(g).length > 0);
  if (absent.length) {
    const cannot = !isRoot ? 'not running as root' : !locate('apt-get') ? 'no apt-get on this machine' : undefined;
    if (cannot) say(`${cannot}: installing nothing`);
    else await installMissing(absent);
  }
  const installed = absent.filter((g) => absentCommands(g).length === 0).map((g) => g.name);
  const by = o.purpose === 'test' ? 'npm test' : `npm run ${o.purpose}`;
  const blocking = o.required.flatMap((g) => missingReason(g, by) ?? []);
  const unusable = groups.filter((g) => !o.required.includes(g)).flatMap((g) => {
    const r = missingReason(g, by);
    return r ? [`${r} — for ${g.why}`] : [];
  });
  if (installed.length) say(`installed ${installed.join(', ')}`);
  if (unusable.length) say(`${unusable.length} of ${groups.length} tool groups cannot be used here; ${WHAT_SKIPS[o.purpose]}:\n${unusable.map((r) => `  - ${r}`).join('\n')}`);
  else if (!blocking.length) say(`all tool groups ${by} uses are present (${groups.map((g) => g.name).join(', ')})`);
  for (const r of blocking) say(`${by} cannot run without ${r}`);
  return blocking.length ? 1 : 0;
}

try {
  process.exitCode = await main(parse(process.argv.slice(2)));
} catch (err) {
  // Whatever went wrong here, the tests still run: each one is gated on its own tools.
  say(`the installer failed (${err instanceof Error ? err.message : String(err)}); going on with what is installed`);
}

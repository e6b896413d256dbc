/**
 * The OpenAPI document is the contract: schemathesis (an outside fuzzer)
 * generates requests from the agent's own /openapi.json and runs every check
 * it has (status codes, bodies and headers against the document, valid data
 * accepted and invalid data refused, 405 with Allow, auth, use after delete)
 * against a real agent with real HAProxy, including the stateful phase, which
 * follows the document's links from a POST to the created object. Zero
 * failures, zero 5xx, and the stateful phase must have reached real objects.
 */
import anyTest from 'ava';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { run } from '../../agent/exec/run.js';
import { locate } from '../../scripts/deps/locate.js';
import { startAgent } from '../harness/agent.js';
import { requires } from '../harness/requires.js';

const test = requires(anyTest, 'schemathesis', 'haproxy');

/** Cases per operation in the fuzzing phase: bounded so the run stays near a minute on a loaded 2-core box. */
const MAX_EXAMPLES = 10;
/** Stateful scenarios: more than fuzzing, or a run may create one object and never follow a link to it (seen). */
const STATEFUL_EXAMPLES = 40;
/**
 * A fixed seed keeps CI reproducible (a failure replays with the same seed);
 * LBAAS_SCHEMATHESIS_SEED=<n> explores others, LBAAS_SCHEMATHESIS_SEED=random lets schemathesis pick.
 */
const SEED = process.env.LBAAS_SCHEMATHESIS_SEED ?? '20261204';
/** A `?wait=` can hold a request while HAProxy starts; beyond this the agent is stuck, which is a failure. */
const REQUEST_TIMEOUT_S = 60;

/**
 * The document answers 412 (stale If-Match) and 422 (rules it states in words:
 * a referenced object that does not exist, timeout above delay, a reused
 * Idempotency-Key) to requests that match its schemas; schemathesis's default
 * for "valid data is accepted" does not know them, so they are added to it.
 */
const CONFIG = `
[phases.fuzzing.generation]
max-examples = ${MAX_EXAMPLES}

[phases.stateful.generation]
max-examples = ${STATEFUL_EXAMPLES}

[checks.positive_data_acceptance]
expected-statuses = ["2xx", "3xx", "401", "403", "404", "409", "412", "422", "429", "5xx"]
`;

interface Interaction {
  request: { method: string; uri: string; body?: { $base64: string } };
  response: { status_code: number; content?: { $base64: string } } | null;
}

/** Every recorded request/answer of the run, by phase, from schemathesis's NDJSON event report. */
function interactions(file: string): { phase: string; i: Interaction }[] {
  const out: { phase: string; i: Interaction }[] = [];
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const ev = JSON.parse(line) as { ScenarioFinished?: { phase: string; recorder: { interactions: Record<string, Interaction> } } };
    const s = ev.ScenarioFinished;
    if (s) for (const i of Object.values(s.recorder.interactions ?? {})) out.push({ phase: s.phase, i });
  }
  return out;
}

const decode = (b?: { $base64: string }): unknown => {
  if (!b) return undefined;
  try {
    return JSON.parse(Buffer.from(b.$base64, 'base64').toString('utf8'));
  } catch {
    return undefined;
  }
};

test('schemathesis --checks all finds no failure and no 5xx, and its stateful phase reaches real objects', async (t) => {
  t.timeout(6 * 60_000, 'schemathesis run');
  const dir = mkdtempSync(path.join(tmpdir(), 'lbt-schemathesis-'));
  const agent = await startAgent();
  try {
    // The token goes in a 0600 config file, not on a command line other users can read.
    const config = path.join(dir, 'schemathesis.toml');
    writeFileSync(config, `headers = { Authorization = "Bearer ${agent.token}" }\n${CONFIG}`, { mode: 0o600 });
    const events = path.join(dir, 'events.ndjson');
    const r = await run(
      locate('schemathesis')!,
      [
        '--config-file', config, '--no-color',
        'run', `${agent.endpoint}/openapi.json`,
        '--checks', 'all',
        '--phases', 'coverage,fuzzing,stateful',
        ...(SEED === 'random' ? [] : ['--seed', SEED]),
        '--request-timeout', String(REQUEST_TIMEOUT_S),
        '--workers', '2',
        '--generation-database', 'none',
        '--report', 'ndjson', '--report-ndjson-path', events,
      ],
      // Its own cwd and HOME: hypothesis and schemathesis leave caches there.
      { reject: false, timeoutMs: 5 * 60_000, cwd: dir, env: { HOME: dir } },
    );
    const report = `${r.stdout}\n${r.stderr}`;
    const summary = /(\d+) generated[^\n]*/.exec(report)?.[0] ?? 'no summary';
    t.log(`schemathesis: ${summary}`);
    t.is(r.exitCode, 0, `schemathesis found failures:\n${report}`);

    const all = interactions(events);
    t.true(all.length > 500, `only ${all.length} requests were made`);
    const errors = all.filter(({ i }) => (i.response?.status_code ?? 0) >= 500);
    t.deepEqual(errors.map(({ i }) => `${i.request.method} ${i.request.uri} → ${i.response!.status_code}`), [], '5xx answers');

    // The stateful phase: objects a POST created, then used by id through a link.
    const stateful = all.filter((x) => x.phase === 'stateful').map((x) => x.i);
    const created = new Map<string, string>();
    for (const i of stateful) {
      const id = (decode(i.response?.content) as { id?: string } | undefined)?.id;
      if (i.request.method === 'POST' && i.response?.status_code === 201 && id) created.set(id, new URL(i.request.uri).pathname);
    }
    const byId = stateful.filter((i) => {
      const last = new URL(i.request.uri).pathname.split('/').filter(Boolean);
      const ok = (i.response?.status_code ?? 0) < 300;
      return ok && ['GET', 'PUT', 'DELETE'].includes(i.request.method) && last.some((seg) => created.has(seg));
    });
    const withParent = stateful.filter((i) => {
      const pool = (decode(i.request.body) as { pool_id?: string } | undefined)?.pool_id;
      return i.request.method === 'POST' && i.response?.status_code === 201 && pool !== undefined && created.has(pool);
    });
    t.log(`stateful: ${stateful.length} requests, ${created.size} objects created, ${byId.length} answered 2xx by id, ${withParent.length} children created in a created pool`);
    t.true(created.size > 0, 'the stateful phase created no object');
    t.true(byId.length > 0, 'the stateful phase never reached a created object by its id');
  } finally {
    await agent.cleanup();
    rmSync(dir, { recursive: true, force: true });
  }
});

/**
 * Loaded by ava before every test file (package.json "ava.require"): the
 * directories scripts/deps/locate.ts searches besides PATH (/usr/sbin for a
 * user, the tool venv, ~/go/bin) go on PATH, so that the processes tests
 * start — the agent running `haproxy`, `terraform` — find what the gates found.
 */
import { toolPath } from '../../scripts/deps/locate.js';

process.env.PATH = toolPath();

/**
 * The linux_arm64 provider executable really runs: under user-mode qemu
 * (with the arm64 C/C++ runtime, no Node.js anywhere on PATH) it prints its
 * version and schema and completes the go-plugin handshake line Terraform
 * waits for. Skipped without qemu-user or without the arm64 Node binary
 * from the npm registry.
 */
import anyTest from 'ava';
import { execFile, spawn } from 'node:child_process';
import { promisify } from 'node:util';
import { providerExecutable } from '../../provider/build/executable.js';
import { nodeBinary } from '../../provider/build/node-binary.js';
import { platform } from '../../provider/build/platform.js';
import { providerSchemaJson } from '../../provider/lbaas/tfschema/json.js';
import { MAGIC_COOKIE_VALUE } from '../../provider/protocol/handshake.js';
import { PROVIDER_VERSION } from '../../provider/lbaas/version.js';
import { requires } from '../harness/requires.js';

const ARM64 = platform('linux_arm64');
/** The cross runtime Debian's libc6-arm64-cross and libstdc++6-arm64-cross install. */
const SYSROOT = '/usr/aarch64-linux-gnu';
/** Emulated V8 starts in seconds, not milliseconds. */
const HANDSHAKE_TIMEOUT_MS = 120_000;

const noNode = await nodeBinary(ARM64).then(() => undefined, (e: unknown) => (e instanceof Error ? e.message : String(e)));
if (noNode) process.stderr.write(`skipped (${noNode})\n`);
const test = noNode ? (anyTest.skip as unknown as typeof anyTest) : requires(anyTest, 'arm64-emulation');

const qemu = (file: string, args: string[]) => promisify(execFile)('qemu-aarch64', ['-L', SYSROOT, file, ...args], { env: { PATH: process.env.PATH ?? '' }, timeout: HANDSHAKE_TIMEOUT_MS, maxBuffer: 16 << 20 });

test.serial('linux_arm64 executable: --version and --print-schema under qemu', async (t) => {
  const exe = await providerExecutable(ARM64);
  t.is((await qemu(exe.file, ['--version'])).stdout, `terraform-provider-lbaas ${PROVIDER_VERSION}\n`);
  t.deepEqual(JSON.parse((await qemu(exe.file, ['--print-schema'])).stdout), providerSchemaJson());
});

test.serial('linux_arm64 executable: go-plugin handshake line under qemu', async (t) => {
  const exe = await providerExecutable(ARM64);
  const proc = spawn('qemu-aarch64', ['-L', SYSROOT, exe.file], {
    env: { TF_PLUGIN_MAGIC_COOKIE: MAGIC_COOKIE_VALUE, PLUGIN_MIN_PORT: '10000', PLUGIN_MAX_PORT: '25000', PLUGIN_PROTOCOL_VERSIONS: '6' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  t.teardown(() => {
    if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGKILL');
  });
  const line = await new Promise<string>((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`no handshake within ${HANDSHAKE_TIMEOUT_MS} ms; stderr: ${err}`)), HANDSHAKE_TIMEOUT_MS);
    proc.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    proc.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('\n')) {
        clearTimeout(timer);
        resolve(out.split('\n')[0]!);
      }
    });
    proc.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited ${code} before the handshake; stderr: ${err}`));
    });
  });
  // Without PLUGIN_CLIENT_CERT: plaintext gRPC on a loopback port, protocol 6.
  t.regex(line, /^1\|6\|tcp\|127\.0\.0\.1:\d+\|grpc\|$/);
});

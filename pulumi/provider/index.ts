/**
 * The dynamic providers, one per object kind, as Pulumi serializes them into
 * every resource (`__provider`) and runs them in its dynamic provider
 * process: each method only loads ./impl.js with `import()` and calls it with
 * the kind. Nothing else is captured, so the serialized text stays a few
 * kilobytes, independent of zod, got or the SDK, and works although this
 * package is ESM.
 *
 * Which impl.js: the one of the `lbaas` package the program depends on,
 * resolved from the working directory of the process (the program's); when
 * that is not possible, the file that serialized the provider (an absolute
 * path kept in the state, which survives only while that file exists).
 */
import type { dynamic } from '@pulumi/pulumi';
import type { Kind } from '../../schema/resources.js';

/** The implementation next to this file, at serialization time. */
const IMPL_URL = new URL('./impl.js', import.meta.url).href;

/** Loads the implementation; runs inside the provider process, so only `import()` and globals. */
async function implementation(): Promise<typeof import('./impl.js')> {
  let url = IMPL_URL;
  try {
    const { createRequire } = await import('node:module');
    const path = await import('node:path');
    const { existsSync } = await import('node:fs');
    const { pathToFileURL } = await import('node:url');
    const entry = createRequire(path.join(process.cwd(), 'package.json')).resolve('lbaas/pulumi');
    const file = path.join(path.dirname(entry), 'provider', 'impl.js');
    if (existsSync(file)) url = pathToFileURL(file).href;
  } catch {
    // `lbaas` not resolvable from here: keep the serializing copy.
  }
  return (await import(url)) as typeof import('./impl.js');
}

export type LbaasProvider = Required<Omit<dynamic.ResourceProvider, 'configure'>>;

/** The provider of one kind. Keep its methods free of `this` and of captured modules: they are serialized. */
export function providerFor(kind: Kind): LbaasProvider {
  return {
    check: async (olds, news) => (await implementation()).check(kind, olds, news),
    diff: async (id, olds, news) => (await implementation()).diff(kind, id, olds, news),
    create: async (inputs) => (await implementation()).create(kind, inputs),
    read: async (id, props) => (await implementation()).read(kind, id, props),
    update: async (id, olds, news) => (await implementation()).update(kind, id, olds, news),
    delete: async (id, props) => (await implementation()).remove(kind, id, props),
  };
}

/** One object per kind: the SDK caches the serialized text per provider object. */
export const PROVIDERS: Readonly<Record<Kind, LbaasProvider>> = {
  pool: providerFor('pool'),
  member: providerFor('member'),
  vip: providerFor('vip'),
  health_monitor: providerFor('health_monitor'),
};

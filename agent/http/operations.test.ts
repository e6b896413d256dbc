import test from 'ava';
import Fastify from 'fastify';
import { bindOperations } from './operations.js';

test('a route that is not in the operation table stops the agent at start-up, naming it', async (t) => {
  const app = Fastify();
  bindOperations(app);
  const err = await (async () => {
    app.get('/v1/nothing-documented', async () => ({}));
    await app.ready();
  })().catch((e: unknown) => e as Error);
  t.regex(String((err as Error | undefined)?.message), /GET \/v1\/nothing-documented is not an operation of schema\/api\.ts/);
  await app.close().catch(() => undefined);
});

test('a route of the table is accepted', async (t) => {
  const app = Fastify();
  bindOperations(app);
  app.get('/v1/pools/:id', async () => ({}));
  await t.notThrowsAsync(app.ready());
  await app.close();
});

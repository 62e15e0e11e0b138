// Outside production every response is checked against its route's schema, so a handler that
// drifts from the published contract fails loudly in tests instead of quietly in clients.
import { FormatRegistry, type TSchema } from '@sinclair/typebox';
import { type TypeCheck, TypeCompiler } from '@sinclair/typebox/compiler';
import type { FastifyInstance } from 'fastify';

const formats: Record<string, RegExp> = {
  email: /^[^\s@]+@[^\s@]+$/,
  uuid: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
  'date-time': /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/,
};
for (const [name, re] of Object.entries(formats))
  if (!FormatRegistry.Has(name)) FormatRegistry.Set(name, (v) => re.test(v));

export function installResponseValidation(app: FastifyInstance): void {
  const compiled = new WeakMap<object, TypeCheck<TSchema>>();
  app.addHook('preSerialization', async (req, reply, payload) => {
    const responses = req.routeOptions.schema?.response as Record<string, TSchema> | undefined;
    const schema = responses?.[String(reply.statusCode)];
    if (!schema || !(Symbol.for('TypeBox.Kind') in schema)) return payload;
    let check = compiled.get(schema);
    if (!check) {
      check = TypeCompiler.Compile(schema);
      compiled.set(schema, check);
    }
    if (!check.Check(payload)) {
      const first = check.Errors(payload).First();
      throw new Error(
        `Response of ${req.method} ${req.routeOptions.url} breaks its schema at ${first?.path}: ${first?.message}`,
      );
    }
    return payload;
  });
}

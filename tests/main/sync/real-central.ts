// A real central API in memory on loopback, holding the requests and crews
// named, and a client signed in to it as the dispatcher Ana: for tests of
// the console's sync parts against the server itself.
import type { Logger } from '../../../src/main/log/logger';
import {
  createCentralClient,
  type CentralClient,
} from '../../../src/main/sync/central-client';
import {
  createCentralServer,
  type CentralServer,
} from '../../../src/server/central-server';
import { crew, request } from './fake-central';

const PASSWORD = 'pw 123456';

export async function startSignedIn(options: {
  logger: Logger;
  requestIds: string[];
  crewIds?: string[];
}): Promise<{ server: CentralServer; client: CentralClient }> {
  const server = await createCentralServer({
    dataDir: ':memory:',
    port: 0,
    logger: options.logger,
    users: [
      { userId: 'ana', name: 'Ana', role: 'dispatcher', password: PASSWORD },
    ],
  });
  await server.store.transaction(async (tx) => {
    await tx.insertCrews(
      (options.crewIds ?? []).map((id) => {
        const { version: _c, ...fields } = crew(id);
        return fields;
      }),
    );
    await tx.insertRequests(
      options.requestIds.map((id) => {
        const { version: _v, ...fields } = request(id);
        return fields;
      }),
    );
  });
  const session = await createCentralClient({
    baseUrl: server.url,
    token: () => null,
  }).signIn('ana', PASSWORD);

  return {
    server,
    client: createCentralClient({
      baseUrl: server.url,
      token: () => session.token,
    }),
  };
}

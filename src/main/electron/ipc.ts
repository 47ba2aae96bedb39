// Every contract method reaches the services through one wrapper: check who
// is calling, parse the untrusted argument against the contract, call the
// handler, and turn every failure into a rejected call with a clear reason.
import type { IpcMain, IpcMainInvokeEvent } from 'electron';

import {
  channelOf,
  ContractError,
  eventNames,
  methodNames,
  parseArgument,
  type EventName,
  type EventPayloads,
  type MethodName,
  type ServiceHandlers,
} from '../../shared/contract';
import type { Logger } from '../log/logger';
import { originOf } from './app-origin';
import type { WindowRegistry } from './window-registry';

export type IpcOptions = {
  logger: Logger;
  /** Origins whose top frame may call (see app-origin.ts). */
  origins: readonly string[];
  registry: Pick<WindowRegistry, 'owns'>;
};

export type IpcMainLike = Pick<IpcMain, 'handle' | 'removeHandler'>;

/** Where services publish events; ConsoleServices['events'] fits. */
export type EventSource = {
  on<E extends EventName>(
    event: E,
    listener: (payload: EventPayloads[E]) => void,
  ): () => void;
};

/** Registers all contract methods; returns a function that removes them. */
export function registerIpc(
  ipcMain: IpcMainLike,
  handlers: ServiceHandlers,
  options: IpcOptions,
): () => void {
  const logger = options.logger;

  for (const method of methodNames) {
    ipcMain.handle(channelOf(method), (event, ...args: unknown[]) =>
      serveCall(method, event, args, handlers, options),
    );
  }
  logger.debug('IPC handlers registered', { methods: methodNames.length });

  return () => {
    for (const method of methodNames) ipcMain.removeHandler(channelOf(method));
  };
}

async function serveCall(
  method: MethodName,
  event: IpcMainInvokeEvent,
  args: unknown[],
  handlers: ServiceHandlers,
  options: IpcOptions,
): Promise<unknown> {
  const { logger } = options;

  const refusal = checkSender(event, options);
  if (refusal !== null) {
    logger.warn('refused an IPC call', { method, reason: refusal });
    throw new Error(`${method} was refused: ${refusal}.`);
  }

  if (args.length > 1) {
    logger.warn('refused an IPC call', { method, args: args.length });
    throw new Error(
      `${method} takes at most one argument but was called with ${args.length}.`,
    );
  }

  const started = performance.now();
  try {
    const result = await callHandler(handlers, method, args[0]);
    logger.debug('IPC call served', {
      method,
      ms: Math.round((performance.now() - started) * 10) / 10,
    });
    return result;
  } catch (error) {
    if (error instanceof ContractError) {
      logger.warn('refused an IPC call with a bad argument', {
        method,
        reason: error.message,
      });
      throw new Error(error.message, { cause: error });
    }

    logger.error('a service failed during an IPC call', { method, error });
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(
      `${method} failed in the services (${reason}); see the StreetDesk log.`,
      { cause: error },
    );
  }
}

/** Why the caller may not use the services, or null when it may. */
export function checkSender(
  event: Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>,
  options: Pick<IpcOptions, 'origins' | 'registry'>,
): string | null {
  const frame = event.senderFrame;
  if (frame === null || frame === undefined) {
    return 'the calling frame has navigated away or closed';
  }
  if (frame.parent !== null) {
    return 'only the top frame of a StreetDesk window may call the services';
  }

  const origin = originOf(frame.url);
  if (origin === null || !options.origins.includes(origin)) {
    return `pages from ${origin ?? 'an unknown origin'} may not call the services`;
  }
  if (!options.registry.owns(event.sender)) {
    return 'the caller is not a window StreetDesk opened';
  }
  return null;
}

function callHandler<M extends MethodName>(
  handlers: ServiceHandlers,
  method: M,
  arg: unknown,
): unknown {
  const parsed = parseArgument(method, arg);
  const handler = handlers[method] as (value: typeof parsed) => unknown;
  return handler(parsed);
}

/** Pushes every contract event to every live window; returns an unsubscribe. */
export function forwardEvents(
  events: EventSource,
  registry: Pick<WindowRegistry, 'all'>,
  logger: Logger,
): () => void {
  const unsubscribers = eventNames.map((name) =>
    events.on(name, (payload) => {
      const windows = registry.all();
      for (const window of windows) {
        window.webContents.send(channelOf(name), payload);
      }
      logger.debug('event forwarded', { event: name, windows: windows.length });
    }),
  );

  return () => {
    for (const unsubscribe of unsubscribers) unsubscribe();
  };
}

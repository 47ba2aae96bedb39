// Stand-ins for the contract methods a test does not exercise: a call to
// one fails loudly, naming the method, instead of passing by accident.
import {
  methodNames,
  type MethodName,
  type ServiceHandlers,
  type StreetDeskApi,
} from '../../src/shared/contract';

const fail = (method: MethodName) => () => {
  throw new Error(`${method} was not expected in this test`);
};

export function unexpectedHandlers(): ServiceHandlers {
  return Object.fromEntries(
    methodNames.map((m) => [m, fail(m)]),
  ) as unknown as ServiceHandlers;
}

export function unexpectedApiMethods(): Omit<StreetDeskApi, 'on'> {
  return Object.fromEntries(
    methodNames.map((m) => [
      m,
      () => Promise.reject(new Error(`${m} was not expected`)),
    ]),
  ) as unknown as Omit<StreetDeskApi, 'on'>;
}

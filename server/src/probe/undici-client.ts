/**
 * The part of undici the probe uses — `Client` and its `request()` — taken from undici's own modules
 * instead of its index, which also loads fetch, WebSocket, the mock and cache layers and the rest
 * (≈ 50 ms of start-up on a 2-core machine, against ≈ 15 ms for these). Same code, same errors
 * (UND_ERR_*): `request()` is exactly what the index installs on every dispatcher. undici is pinned to
 * one exact version in package.json; if these paths ever move, the build and the tests fail loudly.
 */
import type { Dispatcher } from 'undici';
import Client from 'undici/lib/dispatcher/client.js';
import request from 'undici/lib/api/api-request.js';

export type UndiciClient = InstanceType<typeof Client>;

export { Client };

/** `client.request(options)` as undici's index defines it. */
export function requestOn(
  client: UndiciClient,
  options: Dispatcher.RequestOptions,
): Promise<Dispatcher.ResponseData> {
  return request.call(client, options);
}

/**
 * Preloaded into the server process (`node --import`, see scripts/start.ts): every HTTP request
 * gets an `x-gryphon-peer` header holding the address of the TCP peer, overwriting anything the
 * client sent under that name. Next 16 gives route handlers no socket address, and its own
 * X-Forwarded-For is only filled in when the client did not send one, so without this a client
 * reaching the port directly could pick its own address for the login limits.
 * lib/auth/client-address.ts believes the header only when this ran in its process.
 */
import http from 'node:http';

const createServer = http.createServer;
http.createServer = function createServerWithPeerAddress(...args) {
  const server = createServer.apply(this, args);
  server.prependListener('request', (req) => {
    req.headers['x-gryphon-peer'] = req.socket.remoteAddress ?? 'unknown';
  });
  return server;
};
globalThis[Symbol.for('gryphon.peer-header')] = true;

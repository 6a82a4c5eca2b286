#!/usr/bin/env node
// An S3-compatible server for tests and newcomers' machines (s3rver), on loopback.
// Usage: node --openssl-legacy-provider scripts/s3-server.js <dataDir> [port]
// Prints one JSON line {"endpoint": "..."} once it listens; stops on SIGTERM/SIGINT.
const S3rver = require('s3rver');
const fs = require('node:fs');

const [directory, port = '0'] = process.argv.slice(2);
if (!directory) {
  console.error('usage: s3-server.js <dataDir> [port]');
  process.exit(2);
}
fs.mkdirSync(directory, { recursive: true });

const server = new S3rver({ address: '127.0.0.1', port: Number(port), directory, silent: true, allowMismatchedSignatures: true });
server.run().then(({ address, port: actual }) => {
  console.log(JSON.stringify({ endpoint: `http://${address}:${actual}` }));
});
const stop = () => server.close().finally(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);

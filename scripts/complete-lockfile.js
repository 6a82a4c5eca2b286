#!/usr/bin/env node
// The package registry this project is built against lacks some other platforms' optional binaries
// (e.g. @swc/core-darwin-arm64), so `npm install` leaves them out of package-lock.json and `npm ci` then
// refuses the lock as out of sync. This records each missing optional dependency as an optional entry:
// `npm ci` accepts the lock, installs what exists for this platform and skips what it cannot fetch.
// Run after changing dependencies: npm install && node scripts/complete-lockfile.js
const fs = require('node:fs');
const path = require('node:path');

const file = path.join(__dirname, '..', 'package-lock.json');
const lock = JSON.parse(fs.readFileSync(file, 'utf8'));
const packages = lock.packages;
let added = 0;

for (const [location, entry] of Object.entries(packages)) {
  for (const [name, spec] of Object.entries(entry.optionalDependencies ?? {})) {
    // npm resolves a dependency from the nearest node_modules up the tree.
    const candidates = [];
    let base = location;
    while (true) {
      candidates.push(`${base ? `${base}/` : ''}node_modules/${name}`);
      const parent = base.lastIndexOf('/node_modules/');
      if (!base) break;
      base = parent === -1 ? '' : base.slice(0, parent);
    }
    if (candidates.some((c) => packages[c])) continue;
    const version = String(spec).replace(/^[~^=]/, '');
    packages[`node_modules/${name}`] = { version, optional: true, ...(entry.dev && { dev: true }) };
    added++;
  }
}

fs.writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`complete-lockfile: recorded ${added} optional dependencies missing from the lock`);

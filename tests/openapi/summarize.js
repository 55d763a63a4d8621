// Prints Spectral's JSON results for one document as one line per finding and a summary line;
// exits 1 when there is an error. Usage: node summarize.js <display name> <results.json>
'use strict';

const fs = require('fs');

const [name, file] = process.argv.slice(2);
const severities = ['error', 'warning', 'info', 'hint'];
const results = JSON.parse(fs.readFileSync(file, 'utf8'));
const counts = [0, 0, 0, 0];

for (const r of results) {
  counts[r.severity] += 1;
  const line = r.range ? r.range.start.line + 1 : 0;
  const where = (r.path || []).join('.');
  console.log(`  ${name}:${line} ${severities[r.severity]} ${r.code}: ${r.message} [${where}]`);
}

const verdict = counts[0] > 0 ? 'FAIL' : 'ok  ';
console.log(`${verdict} ${name}: ${counts[0]} error(s), ${counts[1]} warning(s), ` +
            `${counts[2] + counts[3]} info/hint(s)`);
process.exit(counts[0] > 0 ? 1 : 0);

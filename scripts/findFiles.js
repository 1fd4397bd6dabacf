// Every file below `dir` whose name ends with `suffix`, sorted, so that test runs go in a stable order.
const fs = require('node:fs');
const path = require('node:path');

function findFiles(dir, suffix) {
  if (!fs.existsSync(dir)) {
    return [];
  }
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => {
      const full = path.join(dir, entry.name);
      return entry.isDirectory() ? findFiles(full, suffix) : entry.name.endsWith(suffix) ? [full] : [];
    })
    .sort();
}

module.exports = { findFiles };

// compile.mjs - compiles Token.sol with solc-js 0.8.28 from the npm registry and writes
// Token.bin (init code, hex). Run from a directory where `npm install solc@0.8.28` was done:
//   node tests/solidity/compile.mjs tests/solidity
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
const require = createRequire(process.cwd() + '/');
const solc = require('solc');
const dir = process.argv[2] || '.';
const source = fs.readFileSync(path.join(dir, 'Token.sol'), 'utf8');
const input = {
  language: 'Solidity',
  sources: { 'Token.sol': { content: source } },
  settings: { optimizer: { enabled: true, runs: 200 }, evmVersion: 'cancun',
              outputSelection: { '*': { '*': ['evm.bytecode.object'] } } },
};
const out = JSON.parse(solc.compile(JSON.stringify(input)));
for (const e of out.errors || []) if (e.severity === 'error') { console.error(e.formattedMessage); process.exit(1); }
const bin = out.contracts['Token.sol'].Token.evm.bytecode.object;
fs.writeFileSync(path.join(dir, 'Token.bin'), bin + '\n');
console.log(`solc ${solc.version()}: Token.bin, ${bin.length / 2} bytes of init code`);

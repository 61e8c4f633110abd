// oracle.mjs - the expected values of tests/test_erc20.c, computed by EthereumJS (an
// independent EVM from the npm registry, used only here, as a test oracle):
//   cd /tmp/x && npm install @ethereumjs/evm@10.1.3 @ethereumjs/common @ethereumjs/util
//   node /path/to/tests/solidity/oracle.mjs /path/to/tests/solidity/Token.bin
// Each step is one message at depth 0 under Cancun rules, with the warm set of a
// transaction's start (sender, target, precompiles, coinbase) and fresh original-storage
// values, exactly as the C test sets it up.
import fs from 'node:fs';
import { createRequire } from 'node:module';
const require = createRequire(process.cwd() + '/');
const { createEVM } = require('@ethereumjs/evm');
const { Common, Mainnet, Hardfork } = require('@ethereumjs/common');
const { Address, hexToBytes, bytesToHex, createAddressFromString } = require('@ethereumjs/util');

const common = new Common({ chain: Mainnet, hardfork: Hardfork.Cancun });
const evm = await createEVM({ common });
const addr = (n) => createAddressFromString('0x' + n.toString(16).padStart(40, '0'));
const alice = addr(0xa11ce), bob = addr(0xb0b), carol = addr(0xca201), dave = addr(0xda7e);
const coinbase = addr(0xc0ba5e);
const word = (v) => BigInt(v).toString(16).padStart(64, '0');
const pad = (a) => a.toString().slice(2).padStart(64, '0');
const str = (s) => { const h = Buffer.from(s).toString('hex'); return word(s.length) + h.padEnd(Math.ceil(h.length / 64) * 64, '0'); };
const E18 = 10n ** 18n;

async function step(name, caller, to, data) {
  await evm.journal.cleanup();
  evm.stateManager.originalStorageCache.clear();
  for (const a of [caller, coinbase, ...(to ? [to] : [])]) evm.journal.addAlwaysWarmAddress(a.toString());
  for (let p = 1; p <= 10; p++) evm.journal.addAlwaysWarmAddress(addr(p).toString());
  const r = await evm.runCall({ caller, origin: caller, to, data: hexToBytes('0x' + data), gasLimit: 5000000n,
                                block: undefined });
  const e = r.execResult;
  console.log(JSON.stringify({ step: name, status: e.exceptionError ? e.exceptionError.error : 'success',
    gasUsed: e.executionGasUsed.toString(), refund: (e.gasRefund ?? 0n).toString(),
    output: bytesToHex(e.returnValue), created: r.createdAddress?.toString(),
    logs: (e.logs || []).map(([a, t, d]) => ({ address: bytesToHex(a), topics: t.map(bytesToHex), data: bytesToHex(d) })) }));
  return r;
}

const init = fs.readFileSync(process.argv[2], 'utf8').trim();
const args = word(96) + word(160) + word(1000000n * E18) + str('Test Token') + str('TST');
const dep = await step('deploy', alice, undefined, init + args);
const token = dep.createdAddress;
await step('transfer', alice, token, 'a9059cbb' + pad(bob) + word(250n * E18));
await step('approve', bob, token, '095ea7b3' + pad(carol) + word(100n * E18));
await step('transferFrom', carol, token, '23b872dd' + pad(bob) + pad(dave) + word(40n * E18));
await step('transferTooMuch', bob, token, 'a9059cbb' + pad(dave) + word(1000n * E18));
await step('balanceOf', dave, token, '70a08231' + pad(dave));

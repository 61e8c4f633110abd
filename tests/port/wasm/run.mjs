// run.mjs - run a wasm32 test or example built against tests/port/wasm/start.c (or
// examples/platform_wasm.c): `node run.mjs prog.wasm`. Output through the imported
// write(fd, ptr, len), exit(status) ends the run; the exit status is the program's.
import { readFileSync, writeSync } from 'node:fs';

class Exit { constructor(code) { this.code = code; } }
const module = new WebAssembly.Module(readFileSync(process.argv[2]));
let memory;
const imports = {
  env: {
    write: (fd, ptr, len) => { writeSync(fd === 2 ? 2 : 1, new Uint8Array(memory.buffer, ptr, len)); },
    exit: (code) => { throw new Exit(code); },
  },
};
const instance = new WebAssembly.Instance(module, imports);
memory = instance.exports.memory;
try {
  process.exitCode = instance.exports.run();
} catch (e) {
  if (!(e instanceof Exit)) throw e;
  process.exitCode = e.code;
}

// The files the engine's entry point (engine-<hash>.js, written by engine-files.mjs) names: the
// engine's js and wasm and the audit's view. One reading for the size report and the e2e suite.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The file names `script` (in `dir`) imports, in the order it names them; none if it is missing. */
export function namedByEngine(dir, script) {
  const path = join(dir, script);
  const source = existsSync(path) ? readFileSync(path, 'utf8') : '';
  return [...source.matchAll(/["'`]\.\/((?:hopscope-engine|audit)-[0-9a-f]+(?:_bg\.wasm|\.js))["'`]/g)].map((m) => m[1]);
}

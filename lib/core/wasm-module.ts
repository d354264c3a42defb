/**
 * A WebAssembly module compiled once from its bytes, or null where WebAssembly is missing or refused
 * (e.g. a content security policy without 'wasm-unsafe-eval'); callers then run their JavaScript twin.
 * Compiled synchronously: the kernels are small (Chrome compiles modules under 4 KB synchronously on a
 * page's main thread).
 *
 * @example const module = wasmModule(drawKernelBytes); // the same Module on every call
 */
export function wasmModule(bytes: Uint8Array<ArrayBuffer>): WebAssembly.Module | null {
  let module = compiled.get(bytes);
  if (module === undefined) {
    try {
      module = typeof WebAssembly === "object" ? new WebAssembly.Module(bytes) : null;
    } catch {
      module = null;
    }
    compiled.set(bytes, module);
  }
  return module;
}

const compiled = new WeakMap<Uint8Array, WebAssembly.Module | null>();

// Runs the CLI in-process with captured output, and locates fixtures.
import {Writable} from "node:stream";
import {fileURLToPath} from "node:url";
import {main} from "../../cli/main.js";

export const fixture = (name: string): string => fileURLToPath(new URL(`../fixtures/cli/${name}`, import.meta.url));

export interface CliResult {
  status: number;
  stdout: string;
  stderr: string;
}

class Capture extends Writable {
  text = "";
  isTTY = false;
  override _write(chunk: Buffer | string, _encoding: BufferEncoding, callback: () => void): void {
    this.text += chunk.toString();
    callback();
  }
}

export async function cli(...args: string[]): Promise<CliResult> {
  const stdout = new Capture();
  const stderr = new Capture();
  const status = await main(args, {stdout, stderr});
  return {status, stdout: stdout.text, stderr: stderr.text};
}

/** Runs the CLI and parses its JSON output, failing with the CLI's stderr when it did not succeed. */
export async function cliJson<T = Record<string, unknown>[]>(...args: string[]): Promise<T> {
  const result = await cli(...args);
  if (result.status !== 0) throw new Error(`benchstats ${args.join(" ")} exited ${result.status}: ${result.stderr}`);
  return JSON.parse(result.stdout) as T;
}

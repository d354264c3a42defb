import {fileChunks} from "./bytes.js";

/** The lines of a text file (plain or gzipped), streamed, with 1-based line numbers; CR LF tolerated. */
export async function* fileLines(path: string): AsyncGenerator<{line: number; text: string}> {
  const decoder = new TextDecoder("utf-8");
  let rest = "";
  let line = 0;
  for await (const chunk of fileChunks(path, 1 << 20)) {
    const text = rest + decoder.decode(chunk, {stream: true});
    const parts = text.split("\n");
    rest = parts.pop()!;
    for (const part of parts) yield {line: ++line, text: part.endsWith("\r") ? part.slice(0, -1) : part};
  }
  rest += decoder.decode();
  if (rest.length > 0) yield {line: ++line, text: rest.endsWith("\r") ? rest.slice(0, -1) : rest};
}

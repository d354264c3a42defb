// A static server for a built site on 127.0.0.1 (a free port), shared by the browser checks: clean URLs
// map to .html, a folder to its index.html, anything outside the folder is refused.
import {createReadStream, existsSync, statSync} from "node:fs";
import {createServer} from "node:http";
import {extname, join} from "node:path";

const types = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript",
  ".css": "text/css",
  ".json": "application/json",
  ".csv": "text/csv",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".wasm": "application/wasm",
  ".txt": "text/plain"
};

/**
 * Serves `dir` and resolves to the listening server; its origin is `http://127.0.0.1:${server.address().port}`.
 *
 * @example const server = await serveDist("dist"); … server.close();
 */
export function serveDist(dir) {
  const server = createServer((request, response) => {
    const url = new URL(request.url, "http://127.0.0.1");
    let file = join(dir, decodeURIComponent(url.pathname));
    if (!file.startsWith(dir)) return void response.writeHead(403).end();
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, "index.html");
    else if (!existsSync(file) && existsSync(file + ".html")) file += ".html";
    if (!existsSync(file)) return void response.writeHead(404).end("not found");
    response.writeHead(200, {"content-type": types[extname(file)] ?? "application/octet-stream"});
    createReadStream(file).pipe(response);
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

// site/ 폴더를 내놓는 서버입니다. 폴더 주소는 SimpleHTTPRequestHandler 처럼 다룹니다.
import { readdir, readFile, stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import { join, resolve, sep } from 'node:path';

const port = Number(process.env.PORT ?? 8888);
const root = resolve('site');

/** 요청 경로의 실제 위치. site/ 밖을 가리키면 undefined (연습 문제 safe-file-server 참고). */
function located(pathname) {
  try {
    const path = resolve(root, '.' + decodeURIComponent(pathname));
    return path === root || path.startsWith(root + sep) ? path : undefined;
  } catch {
    return undefined;
  }
}

function send(res, status, type, body, headers = {}) {
  res.writeHead(status, { 'Content-Type': type, ...headers });
  res.end(body);
}

const escapeHtml = (text) =>
  text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;');

/** 없는 파일이면 undefined. */
const statOrNothing = (path) => stat(path).catch(() => undefined);

async function listing(res, pathname, dir) {
  const entries = await readdir(dir, { withFileTypes: true });
  const names = entries.map((e) => (e.isDirectory() ? `${e.name}/` : e.name)).sort();
  const items = names
    .map((name) => `<li><a href="${encodeURI(name)}">${escapeHtml(name)}</a></li>`)
    .join('');
  const title = `${escapeHtml(pathname)}의 목록`;
  send(
    res,
    200,
    'text/html; charset=utf-8',
    `<!doctype html><title>${title}</title><h1>${title}</h1><ul>${items}</ul>\n`,
  );
}

const server = createServer(async (req, res) => {
  const { pathname } = new URL(req.url, 'http://localhost');
  const path = located(pathname);
  const info = path && (await statOrNothing(path));
  if (!info) return send(res, 404, 'text/plain; charset=utf-8', '없습니다.\n');

  if (info.isDirectory()) {
    // 폴더 주소는 /로 끝나야 그 안의 상대 링크(a.txt)가 폴더 안을 가리킵니다.
    if (!pathname.endsWith('/'))
      return send(res, 301, 'text/plain; charset=utf-8', '', {
        Location: `${pathname}/`,
      });
    const index = join(path, 'index.html');
    if (await statOrNothing(index))
      return send(res, 200, 'text/html; charset=utf-8', await readFile(index));
    return listing(res, pathname, path);
  }

  const body = await readFile(path);
  send(
    res,
    200,
    path.endsWith('.html') ? 'text/html; charset=utf-8' : 'text/plain; charset=utf-8',
    body,
  );
});

server.listen(port, () => console.log(`서버: http://127.0.0.1:${port}/`));

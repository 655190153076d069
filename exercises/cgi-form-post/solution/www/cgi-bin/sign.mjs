#!/usr/bin/env node
// 방명록 폼을 받는 CGI 스크립트입니다. GET 이면 QUERY_STRING, POST 면 표준 입력에 폼이 옵니다.

/** 표준 입력에서 CONTENT_LENGTH 바이트만 읽습니다. 그보다 더 기다리면 안 됩니다 (RFC 3875 4.2). */
async function readBody() {
  const length = Number(process.env.CONTENT_LENGTH || 0);
  if (!length) return '';
  const chunks = [];
  let received = 0;
  for await (const chunk of process.stdin) {
    chunks.push(chunk);
    received += chunk.length;
    if (received >= length) break;
  }
  return Buffer.concat(chunks).subarray(0, length).toString('utf8');
}

const formText =
  process.env.REQUEST_METHOD === 'POST'
    ? await readBody()
    : (process.env.QUERY_STRING ?? '');

const form = new URLSearchParams(formText);
const name = form.get('name') ?? '이름 없음';
const message = form.get('message') ?? '';

const escapeHtml = (text) =>
  text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;');

process.stdout.write('Content-Type: text/html; charset=utf-8\n\n');
process.stdout.write(`<!doctype html><meta charset="utf-8"><h1>방명록</h1>\n`);
process.stdout.write(`<p>${escapeHtml(name)}님이 남긴 말: ${escapeHtml(message)}</p>\n`);

#!/usr/bin/env node
// 방명록 폼을 받는 CGI 스크립트입니다. GET 이면 QUERY_STRING, POST 면 표준 입력에 폼이 옵니다.

// TODO: REQUEST_METHOD 가 POST 면 표준 입력에서 CONTENT_LENGTH 바이트만큼 읽으세요.
//       지금은 언제나 QUERY_STRING 만 읽어서, POST 로 보낸 글을 놓칩니다.
const formText = process.env.QUERY_STRING ?? '';

const form = new URLSearchParams(formText);
const name = form.get('name') ?? '이름 없음';
const message = form.get('message') ?? '';

// TODO: 사용자가 보낸 값은 HTML 에 넣기 전에 &, <, >, " 를 문자 참조로 바꾸세요.
const escapeHtml = (text) => text;

process.stdout.write('Content-Type: text/html; charset=utf-8\n\n');
process.stdout.write(`<!doctype html><meta charset="utf-8"><h1>방명록</h1>\n`);
process.stdout.write(`<p>${escapeHtml(name)}님이 남긴 말: ${escapeHtml(message)}</p>\n`);

#!/usr/bin/env node
// 책의 공용 CGI 예제(_shared/cgi-bin-examples/env.mjs)를 이 자리에서 실행합니다.
// 서버는 /cgi-bin/env.mjs 요청이 올 때마다 이 파일을 새 프로세스로 실행합니다.
import '../../../_shared/cgi-bin-examples/env.mjs';

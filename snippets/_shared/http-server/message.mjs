// 소켓에서 한 줄씩, 또는 n 바이트씩 읽는 리더(파이썬의 rfile)와, 요청 헤더를 담는 HTTPMessage.
// http 모듈 대신 net 소켓을 직접 읽기 때문에 HTTP/0.9 요청, 맨 LF 줄 끝, 줄 길이 제한을
// 파이썬과 같은 방식으로 다룰 수 있다.

// 이만큼 쌓이면 소켓을 잠시 멈춘다(상대가 보내는 속도를 우리가 읽는 속도에 맞춘다).
// 한 줄 한도(65537 바이트)보다 커야 한 줄을 통째로 모을 수 있다.
const HIGH_WATER = 256 * 1024;

/** 읽기 도중 시간이 다 되었을 때 쓰는 오류. 파이썬의 TimeoutError에 해당한다. */
export class RequestTimeout extends Error {
  name = 'RequestTimeout';
}

export class SocketReader {
  #socket;
  #buffer = Buffer.alloc(0);
  #ended = false;
  #error = null;
  #wake = null;
  #received = 0;
  #taken = 0;

  constructor(socket) {
    this.#socket = socket;
    socket.on('data', (chunk) => {
      this.#received += chunk.length;
      this.#buffer = this.#buffer.length ? Buffer.concat([this.#buffer, chunk]) : chunk;
      if (this.#buffer.length > HIGH_WATER) socket.pause();
      this.#notify();
    });
    socket.on('end', () => this.#finish());
    socket.on('close', () => this.#finish());
    // 'error' 리스너가 없으면 ECONNRESET 하나로 서버 프로세스 전체가 죽는다.
    socket.on('error', (err) => {
      this.#error ??= err;
      this.#finish();
    });
  }

  /** 지금까지 받은 바이트 수. 시간 초과 때 "무언가 보냈는가"를 가리는 데 쓴다. */
  get bytesReceived() {
    return this.#received;
  }

  /** 지금까지 읽어 간 바이트 수. 핸들러가 요청 본문을 다 읽었는지 가리는 데 쓴다. */
  get bytesTaken() {
    return this.#taken;
  }

  /** 대기 중인 읽기가 있는지(시간 초과 처리에서 쓴다). */
  get waiting() {
    return this.#wake !== null;
  }

  /** 앞으로의 읽기를 err로 실패시킨다(시간 초과 등). 이미 받은 데이터는 버린다. */
  fail(err) {
    this.#error ??= err;
    this.#notify();
  }

  /** '\n'까지(포함) 한 줄을 읽되 limit 바이트를 넘지 않는다. 연결이 끝나면 남은 만큼(빈 Buffer일 수도) 돌려준다. */
  async readline(limit = Infinity) {
    for (;;) {
      if (this.#error) throw this.#error;
      const newline = this.#buffer.indexOf(0x0a);
      if (newline >= 0 && newline < limit) return this.#take(newline + 1);
      if (this.#buffer.length >= limit) return this.#take(limit);
      if (this.#ended) return this.#take(this.#buffer.length);
      await this.#more();
    }
  }

  /** 최대 n 바이트를 읽는다. 연결이 끝났으면 그보다 적을 수 있다. */
  async read(n) {
    for (;;) {
      if (this.#error) throw this.#error;
      if (this.#buffer.length >= n || this.#ended) {
        return this.#take(Math.min(n, this.#buffer.length));
      }
      await this.#more();
    }
  }

  /** 응답을 보낸 뒤 남은 입력을 버린다: 안 읽은 데이터를 남긴 채 닫으면 TCP RST가 나가 응답이 유실될 수 있다. */
  discard() {
    this.#buffer = Buffer.alloc(0);
    this.#socket.removeAllListeners('data');
    this.#socket.on('data', () => {});
    this.#socket.resume();
  }

  #take(n) {
    this.#taken += n;
    const out = this.#buffer.subarray(0, n);
    this.#buffer = this.#buffer.subarray(n);
    if (this.#socket.isPaused() && this.#buffer.length < HIGH_WATER) {
      this.#socket.resume();
    }
    return out;
  }

  #more() {
    return new Promise((resolve) => (this.#wake = resolve));
  }

  #notify() {
    const wake = this.#wake;
    this.#wake = null;
    wake?.();
  }

  #finish() {
    this.#ended = true;
    this.#notify();
  }
}

/**
 * 요청 헤더 목록(파이썬 http.client.HTTPMessage 의 작은 부분집합).
 * 이름은 대소문자를 가리지 않고 찾고, 같은 이름이 여러 번 오면 모두 보관한다.
 */
export class HTTPMessage {
  #fields = [];

  append(name, value) {
    this.#fields.push([name, value]);
  }

  /** 첫 번째 값. 없으면 fallback. */
  get(name, fallback = undefined) {
    const lower = name.toLowerCase();
    return this.#fields.find(([key]) => key.toLowerCase() === lower)?.[1] ?? fallback;
  }

  /** 같은 이름의 값을 모두. */
  getAll(name) {
    const lower = name.toLowerCase();
    return this.#fields
      .filter(([key]) => key.toLowerCase() === lower)
      .map(([, value]) => value);
  }

  has(name) {
    return this.get(name) !== undefined;
  }

  /** [이름, 값] 쌍을 받은 순서대로. */
  items() {
    return this.#fields.map(([key, value]) => [key, value]);
  }

  [Symbol.iterator]() {
    return this.items()[Symbol.iterator]();
  }
}

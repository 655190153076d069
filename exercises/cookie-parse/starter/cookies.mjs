// Cookie 헤더의 값을 이름과 값으로 나눠 보여 줍니다.
//   node cookies.mjs 'theme=dark; token=a=b; name=%ED%99%8D'
const header = process.argv[2] ?? '';

// TODO: 이 코드는 '='마다 잘라서 token=a=b 의 값이 a 가 되고,
//       공백도 지우지 않고, 빈 쌍과 퍼센트 인코딩도 처리하지 않습니다. 고치세요.
for (const pair of header.split(';')) {
  const [name, value] = pair.split('=');
  console.log(`${name} → ${value}`);
}

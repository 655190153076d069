# 장고의 path()와 re_path()를 흉내 낸 작은 라우터입니다. 장고도 안에서는 이렇게
# 경로 문자열을 정규표현식으로 바꾸어 맞춰 봅니다(django/urls/resolvers.py의 _route_to_regex).
import re

CONVERTERS = {
    'int': ('[0-9]+', int),
    'str': ('[^/]+', str),
    'slug': ('[-a-zA-Z0-9_]+', str),
    'uuid': ('[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}', str),
    'path': ('.+', str),
}


class Pattern:
    def __init__(self, route, view, regex, to_value):
        self.route, self.view, self.regex, self.to_value = route, view, regex, to_value


def path(route, view):
    # re.split에 그룹이 든 패턴을 주면 [글자, 변환기, 이름, 글자, ...]가 나옵니다.
    pieces = re.split(r'<(?:(\w+):)?(\w+)>', route)
    source, to_value = '', {}
    for i in range(0, len(pieces), 3):
        source += re.escape(pieces[i])
        if i + 2 >= len(pieces):
            break
        kind, name = pieces[i + 1] or 'str', pieces[i + 2]
        pattern, convert = CONVERTERS[kind]
        source += f'(?P<{name}>{pattern})'
        to_value[name] = convert
    return Pattern(route, view, re.compile(f'^{source}$'), to_value)


def re_path(pattern, view):
    return Pattern(pattern, view, re.compile(pattern), {})


def resolve(urlpatterns, pathname):
    target = pathname.removeprefix('/')
    for pattern in urlpatterns:
        match = pattern.regex.search(target)
        if match:
            kwargs = {name: pattern.to_value.get(name, str)(text)
                      for name, text in match.groupdict().items()}
            return pattern, kwargs
    return None, None

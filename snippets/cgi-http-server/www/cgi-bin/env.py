#!/usr/bin/env python3
# 책의 공용 CGI 예제(_shared/cgi-bin-examples/env.py)를 이 자리에서 실행합니다.
import runpy
from pathlib import Path

shared = Path(__file__).resolve().parents[3] / '_shared' / 'cgi-bin-examples' / 'env.py'
runpy.run_path(str(shared), run_name='__main__')

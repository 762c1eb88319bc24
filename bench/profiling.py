"""Where a search spends its time: a pyinstrument profile of one pass of the query set."""

from collections import defaultdict
from pathlib import Path

from bench.engines import Engine
from bench.queries import BenchQuery
from bench.stats import not_measured

TOP = 12


def _module_of(file_path: str) -> str:
    """``…/site-packages/whoosh/searching.py`` → ``whoosh.searching``; project files likewise."""
    path = file_path.replace("\\", "/")
    for marker in ("/site-packages/", "/lib/python3.11/"):
        if marker in path:
            path = path.split(marker, 1)[1]
            break
    else:
        path = path.rsplit("/wt/", 1)[-1].split("/", 1)[-1] if "/wt/" in path else path
    return path.removesuffix(".py").replace("/", ".")


def profile_search(*, engine: Engine, queries: list[BenchQuery], text_path: Path) -> dict:
    """Profile one pass of ``queries`` through ``engine``; write the call tree to ``text_path``.

    Returns the functions and packages where most time is spent (self time), as shares of
    the pass.
    """
    try:
        from pyinstrument import Profiler
    except ImportError:
        return not_measured("pyinstrument is not installed (pip install -r requirements-bench.txt)")
    profiler = Profiler(interval=0.0005)
    with engine.active():
        profiler.start()
        for query in queries:
            engine.search(query)
        session = profiler.stop()
    text_path.parent.mkdir(parents=True, exist_ok=True)
    text_path.write_text(profiler.output_text(unicode=True, color=False, show_all=False))
    functions: dict[str, float] = defaultdict(float)
    packages: dict[str, float] = defaultdict(float)
    root = session.root_frame()
    if root is None:
        return not_measured("the profiler recorded no samples")
    stack = [root]
    while stack:
        frame = stack.pop()
        stack.extend(frame.children)
        if not frame.total_self_time or frame.is_synthetic:
            continue
        module = _module_of(frame.file_path or "?")
        functions[f"{module}:{frame.function} (line {frame.line_no})"] += frame.total_self_time
        packages[".".join(module.split(".")[:2])] += frame.total_self_time
    total = session.duration or sum(functions.values()) or 1.0

    def top(items: dict[str, float]) -> list[dict]:
        ranked = sorted(items.items(), key=lambda kv: -kv[1])[:TOP]
        return [{"where": name, "share": round(seconds / total, 3)} for name, seconds in ranked]

    return {
        "seconds": round(session.duration, 3),
        "queries": len(queries),
        "top_functions_self_time": top(functions),
        "top_modules_self_time": top(packages),
        "call_tree": str(text_path),
    }

"""Where the cold pack time goes: `python -m bench.profile [--size 150] [--top 25]`.

Builds the bench meeting (rolled back, media in a temporary folder, like `bench.run`), then prints:
  1. every section's render time and page count, rendered one after another in this process;
  2. the critical path of the parallel render: the longest-first schedule on the pool's workers;
  3. a cProfile of the largest section's render (WeasyPrint's phases);
  4. a cProfile of the whole cold `pack_build` in the task process (the children are not profiled:
     their time shows as waiting), with wall-clock time per phase.
"""
import cProfile
import io
import os
import pstats
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _setup():
    import django

    # A profiler running in the task process must not follow it into the forked render processes.
    os.register_at_fork(after_in_child=lambda: sys.setprofile(None))

    os.environ["MEDIA_ROOT"] = tempfile.mkdtemp(prefix="quorum-profile-media-")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "quorum.settings")
    sys.path.insert(0, str(ROOT))
    django.setup()


def _stats(profile, top, sort="cumulative"):
    out = io.StringIO()
    pstats.Stats(profile, stream=out).strip_dirs().sort_stats(sort).print_stats(top)
    return out.getvalue()


_TIMELINE = []


def _timed_call(function, args):
    """services._call in the render processes, noting when and where each job ran."""
    from packs.services import build as services

    started = time.time()
    result = _ORIGINAL_CALL(function, args)
    if isinstance(result, dict):
        result = {**result, "t0": started, "t1": time.time(), "pid": os.getpid()}
    return result


_ORIGINAL_CALL = None


def _profile_cold_build(meeting, with_profile, top):
    """4. The cold build: wall time per phase in the task process, and when each section ran."""
    global _ORIGINAL_CALL
    from packs import assemble
    from packs.services import build as services
    from packs.models import Pack

    phases, originals = {}, {}

    def timed(module, name):
        function = getattr(module, name)
        originals[(module, name)] = function

        def wrapper(*args, **kwargs):
            t = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                phases[name] = phases.get(name, 0) + time.perf_counter() - t
        setattr(module, name, wrapper)

    for module, name in [(services, "build_plan"), (services._JobPool, "run"), (assemble, "merge"),
                         (assemble, "stamp_footers"), (assemble, "link_contents"), (assemble, "add_outline"),
                         (assemble, "finish"), (services, "_store_version"), (services, "_read")]:
        timed(module, name)
    timeline = []
    original_put = services._cache_put

    def cache_put(key, label, result):
        timeline.append((result.get("t0"), result.get("t1"), result.get("pid"), label, result["page_count"]))
        return original_put(key, label, result)

    services._cache_put = cache_put
    _ORIGINAL_CALL = services._call
    services._call = _timed_call
    profile = cProfile.Profile() if with_profile else None
    started_wall = time.time()
    started = time.perf_counter()
    try:
        if profile:
            profile.enable()
        version = services.pack_build(meeting_id=meeting.pk, variant=Pack.Variant.MEMBERS)
        if profile:
            profile.disable()
    finally:
        services._cache_put = original_put
        services._call = _ORIGINAL_CALL
        for (module, name), function in originals.items():
            setattr(module, name, function)
    wall = time.perf_counter() - started
    print(f"\n4. Cold pack_build{' under cProfile (task process only)' if profile else ''}: {wall:.2f} s wall, "
          f"{version.page_count} pages; phases in the task process (wall, inclusive):")
    for name, seconds in sorted(phases.items(), key=lambda kv: -kv[1]):
        print(f"  {seconds:6.2f} s  {name}")
    if not profile:
        print("  timeline (s from start; pid; section):")
        for t0, t1, pid, label, pages in timeline:
            where = f"{t0 - started_wall:5.2f} → {t1 - started_wall:5.2f}  pid {pid}" if t0 else "   in the task process   "
            print(f"    {where}  {pages:3d} pp  {label[:50]}")
    else:
        print(_stats(profile, top, "cumulative"))


def main():
    size = sys.argv[sys.argv.index("--size") + 1] if "--size" in sys.argv else "150"
    top = int(sys.argv[sys.argv.index("--top") + 1]) if "--top" in sys.argv else 25
    _setup()
    from django.db import transaction

    from bench.run import SIZES, _build_meeting
    from packs.services import build as services
    from packs.models import Pack, RenderedSection
    from packs.render import build_plan, render_section

    with transaction.atomic():
        meeting, _, _ = _build_meeting(SIZES[size])
        RenderedSection.objects.all().delete()
        started = time.perf_counter()
        plan = build_plan(meeting.pk, Pack.Variant.MEMBERS)
        print(f"build_plan: {time.perf_counter() - started:.3f} s")

        jobs = [("Agenda front sheet", plan.cover_html)]
        jobs += [(p.title, p.html) for p in plan.papers() if p.kind == "html"]
        render_section("<html><body><p>warm up</p></body></html>")  # imports, fonts: paid once per process
        timings = []
        for title, html in jobs:
            result = render_section(html)
            timings.append((result["seconds"], result["page_count"], len(html), title))
        total = sum(t[0] for t in timings)
        print(f"\n1. Sections rendered one after another: {total:.2f} s for {sum(t[1] for t in timings)} pages")
        for seconds, pages, chars, title in sorted(timings, reverse=True):
            print(f"  {seconds:6.2f} s  {pages:3d} pp  {chars:7d} chars  {title[:60]}")

        workers = services._workers()
        loads = [0.0] * workers
        for seconds, *_ in sorted(timings, reverse=True):
            loads[loads.index(min(loads))] += seconds
        print(f"\n2. Longest-first on {workers} workers: busiest worker {max(loads):.2f} s, "
              f"others {', '.join(f'{x:.2f}' for x in sorted(loads)[:-1])} s (lower bound {total / workers:.2f} s)")

        largest = max(jobs, key=lambda j: len(j[1]))
        profile = cProfile.Profile()
        profile.enable()
        render_section(largest[1])
        profile.disable()
        print(f"\n3. cProfile of one render of the largest section ({largest[0][:50]}):")
        print(_stats(profile, top, "cumulative"))
        print(_stats(profile, top, "tottime"))

        for label, with_profile in (("timeline", False), ("cProfile", True)):
            RenderedSection.objects.all().delete()
            _profile_cold_build(meeting, with_profile, top)
        transaction.set_rollback(True)


if __name__ == "__main__":
    main()

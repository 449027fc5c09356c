"""The markdown tables of a run_all.py report (see README.md in this folder for the meaning)."""

from __future__ import annotations


def _row(*cells) -> str:
    return "| " + " | ".join(str(c) for c in cells) + " |"


def _table(header: list[str], rows: list[list]) -> list[str]:
    return [_row(*header), _row(*["---"] * len(header)), *(_row(*r) for r in rows), ""]


def _mb(count: float) -> str:
    return f"{count / 1e6:,.1f} MB" if count >= 1e5 else f"{count / 1e3:,.1f} kB"


def _result(report: dict, name: str) -> dict | None:
    record = report["benches"].get(name) or {}
    return record.get("result")


def _machine(report: dict) -> list[str]:
    m = report["machine"]
    libs = ", ".join(f"{k} {v}" for k, v in m["libraries"].items() if v)
    dirty = " (with uncommitted changes)" if m["uncommitted_changes"] else ""
    return [f"- **Machine:** {m['cpu']}, {m['logical_cores']} logical cores "
            f"({m['physical_cores']} physical), {m['ram_gb']} GB RAM, {m['os']}",
            f"- **Software:** Python {m['python']}, SQLite {m['sqlite']}; {libs}",
            f"- **Code:** commit {m['commit']}{dirty}; run {report['started_at']} → "
            f"{report['finished_at']} (UTC)", ""]


def _targets(report: dict) -> list[str]:
    rows = [[t["target"], t["goal"], t["shown"], "yes" if t["met"] else "**no**"]
            for t in report["targets"]]
    return ["## Targets", "", *_table(["target", "goal", "measured", "met"], rows)]


def _pipeline(report: dict) -> list[str]:
    r = _result(report, "pipeline")
    if not r:
        return []
    cores = sorted(r["vigil_poll"], key=int)
    labels = {"lxml_parse": "lxml parse only (the floor)",
              "trafilatura_extract": "trafilatura `extract()`, defaults",
              "vigil_extract": "Vigil's extraction (trafilatura + metadata)",
              "vigil_extract_analyse": "Vigil's worker task (extraction + analysis)"}
    rows = [[labels[k] + ", in memory", *(r["in_memory_pages_per_s"][k][c] for c in cores)]
            for k in labels]
    rows.append(["**Vigil poll: download → extract → analyse → store**",
                 *(f"**{r['vigil_poll'][c]['articles_per_s']}**" for c in cores)])
    rows.append(["Vigil poll ÷ trafilatura `extract()` alone",
                 *(f"{r['vigil_poll'][c]['share_of_trafilatura_extract']:.2f}" for c in cores)])
    rows.append(["Vigil poll: CPU ms per article (all its processes)",
                 *(r["vigil_poll"][c]["cpu_ms_per_article"] for c in cores)])
    header = ["pages (articles) per second", *(f"{c} core{'s' if c != '1' else ''}"
                                               for c in cores)]
    return ["## Pipeline throughput", "",
            f"{r['distinct_pages']:,} distinct article pages ({r['pages']} pages, "
            f"{r['base_pages']} originals cycled with unique ids; mean {r['mean_page_kb']} KB). "
            "In-memory rows run without I/O (1 core: one process; 2 cores: a pool of two); "
            "the poll row is `python -m monitor.poll_child` against the local mirror with no "
            "politeness delay, `[crawl] workers` = cores and its processes pinned to that many "
            "cores, timed from launch to exit.", "", *_table(header, rows),
            *_where_the_time_goes(r)]


def _where_the_time_goes(r: dict) -> list[str]:
    """CPU ms per article by stage, from the one-core figures (1000 / pages per second)."""
    rates, poll = r["in_memory_pages_per_s"], r["vigil_poll"].get("1")
    if not poll:
        return []
    ms = {kind: 1000 / rates[kind]["1"] for kind in rates}
    rows = [["parse the HTML (lxml)", f"{ms['lxml_parse']:.1f}"],
            ["Vigil's extraction, parse included", f"{ms['vigil_extract']:.1f}"],
            ["analysis (names, new names, UN documents, events)",
             f"{ms['vigil_extract_analyse'] - ms['vigil_extract']:.1f}"],
            ["the rest of a poll: start-up, download, feeds, SQLite (two full-text indexes), "
             "alerts, moving pages between processes",
             f"{poll['cpu_ms_per_article'] - ms['vigil_extract_analyse']:.1f}"],
            ["**a poll, all processes (1 core)**", f"**{poll['cpu_ms_per_article']:.1f}**"],
            ["for comparison: trafilatura `extract()` with its defaults",
             f"{ms['trafilatura_extract']:.1f}"]]
    return ["Where the CPU goes, ms per article (one core; in-memory stages by difference):", "",
            *_table(["stage", "ms"], rows)]


def _matching(report: dict) -> list[str]:
    r, d = _result(report, "matching"), _result(report, "detectors")
    if not r:
        return []
    per_article = r["warm_ms_per_4kb"] * r["mean_article_kb"] / 4
    cold = r["cold_ms_per_4kb"] * r["mean_article_kb"] / 4
    rows = [["persons in the index", f"{r['persons']:,}"],
            ["index build", f"{r['index_build_s']} s"],
            ["index memory (RSS growth)", f"{r['index_rss_mb']} MB"],
            ["articles", f"{r['articles']} ({r['source']}, mean {r['mean_article_kb']} KB of text)"],
            ["ms per article, warm (cold caches)", f"{per_article:.2f} ({cold:.2f})"],
            ["ms per 4 KB, warm (cold)", f"{r['warm_ms_per_4kb']} ({r['cold_ms_per_4kb']})"],
            ["MB/s, warm (cold)", f"{r['warm_mb_per_s']} ({r['cold_mb_per_s']})"]]
    if d:
        rows += [["whole analysis (matcher + new names + UN documents + events), ms/article",
                  d["analyse_ms_per_article"]],
                 ["natasha (Russian NER) one-time load", f"{d['natasha_load_s']} s, "
                                                         f"{d['natasha_rss_mb']} MB"],
                 ["Russian article with repression cues / without, ms",
                  f"{d['ru_with_cues_ms_per_article']} / {d['ru_without_cues_ms_per_article']}"]]
    q = _result(report, "names_quality") or {}
    for name, langs in q.items():
        if "all" in langs:
            rows.append([f"matcher quality on {name} (precision / recall)",
                         f"{langs['all']['precision']:.3f} / {langs['all']['recall']:.3f}"])
    return ["## Name matching (full default list)", "", *_table(["figure", "value"], rows)]


def _crawl(report: dict) -> list[str]:
    r = _result(report, "crawl")
    if not r:
        return []
    rows = []
    for run in r["runs"]:
        d = f"{run['delay_s']:g} s"
        for label, poll in (("Vigil, full poll", run["vigil"]["full"]),
                            ("Vigil, second poll (nothing new)", run["vigil"]["second"])):
            rows.append([d, label, poll["wall_s"], poll.get("items_per_s", "–"),
                         poll["cpu_s"], _mb(poll["bytes"]), sum(poll["requests"].values())])
        for name in ("full", "second"):
            poll = (run.get("peer") or {}).get(name)
            if poll:
                label = "`trafilatura --feed`, " + ("first run" if name == "full"
                                                    else "second run (no memory)")
                rows.append([d, label, poll["wall_s"], poll["items_per_s"], poll["cpu_s"],
                             _mb(poll["bytes"]), sum(poll["requests"].values())])
    header = ["delay per host", "crawler", "wall s", "items/s", "CPU s", "downloaded",
              "requests"]
    note = r.get("peer_note", "")
    return ["## Crawl cycle", "",
            f"{r['sources']} sources × {r['articles_per_source']} articles on a local mirror, "
            f"each source on its own port and host name ({r['host_names']}); Vigil polls as "
            "the daemon does (`python -m monitor.poll_child`, `[crawl] workers` = "
            f"{r['workers'] or 'one per core'}). {note}", "", *_table(header, rows)]


def _daemon(report: dict) -> list[str]:
    r = _result(report, "daemon")
    if not r:
        return []
    m, i = r["memory"], r["idle"]
    rows = [[f"RSS after poll cycle 10 / {m['cycles']}",
             f"{m['rss_mb_at_10']} MB / {m['rss_mb_at_' + str(m['cycles'])]} MB "
             f"({m['rss_change_pct']:+.1f}%)"],
            ["RSS samples (cycle: MB)", ", ".join(f"{k}: {v['rss_mb']}"
                                                  for k, v in m["samples"].items())],
            ["seconds per poll cycle (poll_every = 1 s)", m["seconds_per_cycle"]],
            ["CPU per idle hour", f"{i['cpu_s_per_idle_hour']} s (measured over "
                                  f"{i['measured_s']:g} s and scaled; "
                                  f"{i['cpu_share_of_one_core_pct']}% of one core)"],
            ["RSS when idle", f"{i['rss_mb']} MB"]]
    return ["## Daemon footprint", "",
            f"`vigil run` on a mirror of {r['sources']} sources × {r['articles_per_source']} "
            "articles; the daemon process's own memory (polls run in child processes).", "",
            *_table(["figure", "value"], rows)]


def _datasette(report: dict) -> list[str]:
    r = _result(report, "datasette")
    if not r:
        return []
    rows = [[name.removeprefix("search: "), r["median_ms"][name], p95]
            for name, p95 in r["search_p95_ms"].items()]
    others = ", ".join(f"{k} {v}" for k, v in r["median_ms"].items()
                       if k not in r["search_p95_ms"])
    return ["## Datasette full-text search", "",
            f"{r['articles']:,} articles (built in {r['build_seconds']} s), the articles "
            f"table's search box (trigram index), in-process, {r['repeat']} runs each.", "",
            *_table(["search", "median ms", "p95 ms"], rows),
            f"Canned queries and pages, median ms: {others}.", ""]


def _runs(report: dict) -> list[str]:
    rows = [[name, f"`{rec['command']}`", rec.get("commit", report["machine"]["commit"]),
             rec["wall_s"], rec.get("foreign_cpu_share_before_pct"),
             rec.get("foreign_cpu_share_pct"), "ok" if rec.get("exit_code") == 0 else "FAILED"]
            for name, rec in report["benches"].items()]
    return ["## Runs", "",
            "Other processes' share of the machine's CPU, just before and during each "
            "benchmark (approximate; high values mean the figures are pessimistic).", "",
            *_table(["bench", "command", "commit", "wall s", "others before %",
                     "others during %", "status"], rows)]


def _explanations(report: dict) -> list[str]:
    lines = []
    crawl = _result(report, "crawl")
    for run in (crawl or {}).get("runs", []):
        peer, vigil = run.get("peer"), run["vigil"]["full"]
        if not peer:
            continue
        peer_ms = peer["full"]["cpu_s"] * 1000 / max(peer["full"]["articles"], 1)
        vigil_ms = vigil["cpu_s"] * 1000 / max(vigil["articles"], 1)
        cores = report["machine"]["logical_cores"] or 1
        per_host = crawl["articles_per_source"] + 2
        bound = crawl["sources"] * crawl["articles_per_source"] / (per_host * run["delay_s"])
        lines.append(
            f"- Delay {run['delay_s']:g} s: Vigil {vigil['items_per_s']} items/s, "
            f"trafilatura {peer['full']['items_per_s']} ({run['vigil_vs_peer']:.2f}×). "
            f"trafilatura spends {peer_ms:.1f} ms of CPU per item in one process; Vigil "
            f"spends {vigil_ms:.1f} ms per article across its processes (download, "
            f"extraction with metadata, analysis, SQLite with two full-text indexes, alerts), "
            f"so on {cores} cores the most it can gain from parallelism is about "
            f"{cores * peer_ms / vigil_ms:.2f}×; the politeness delay alone caps it at "
            f"{bound:.0f} items/s ({per_host} requests per host: robots.txt, feed, "
            "articles).")
    return ["## Reading the figures", "", *lines, ""] if lines else []


def markdown(report: dict) -> str:
    title = "Vigil benchmarks" + (" (quick smoke run: sizes reduced)" if report["quick"] else "")
    lines = [f"# {title}", "", "Written by `bench/run_all.py` (`make bench`); what each figure "
             "means and how to reproduce it: `bench/README.md`.", "", *_machine(report),
             *_targets(report), *_explanations(report), *_pipeline(report), *_matching(report),
             *_crawl(report), *_daemon(report), *_datasette(report), *_runs(report)]
    return "\n".join(lines).rstrip() + "\n"

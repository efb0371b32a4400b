import sitrep


def test_all_lists_exactly_the_public_names():
    public = {name for name in vars(sitrep) if not name.startswith("_") or name == "__version__"}
    modules = {name for name in public if type(getattr(sitrep, name)).__name__ == "module"}
    assert set(sitrep.__all__) == public - modules


def test_version_is_the_installed_distribution():
    from importlib.metadata import version

    assert sitrep.__version__ == version("sitrep")


def test_analyze_convenience_call_reads_header_and_returns_report(analyzer):
    report = sitrep.analyze(
        "Outlet: Example Wire\nDate: 2024-03-02\n\nMilitants attack convoy\n"
        "Islamic State fighters attacked a convoy near Raqqa, the SDF said.",
    )
    assert report.article.outlet == "Example Wire"
    assert report.article.published == "2024-03-02"
    names = {a.name for a in report.actors}
    assert {"Islamic State", "Syrian Democratic Forces"} <= names

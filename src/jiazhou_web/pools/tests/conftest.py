from jiazhou_web.scoring.tests.conftest import add_figures, hnte_firm  # noqa: F401 - shared fixtures

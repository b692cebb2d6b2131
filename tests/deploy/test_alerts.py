"""deploy/prometheus/alerts.yaml, checked offline against the code: its rules watch metrics the
processes export, and the commands their runbooks name are ones `chat` accepts.

promtool is not needed: the rules' shape is checked here, their expressions only for the names
they use.
"""

import importlib
import re
from typing import Any

import pytest
import yaml
from prometheus_client import REGISTRY

from tests.deploy.commands import parse_chat_command
from tests.deploy.images import DEPLOY

RULES: list[dict[str, Any]] = [
    rule
    for group in yaml.safe_load((DEPLOY / "prometheus" / "alerts.yaml").read_text())["groups"]
    for rule in group["rules"]
]
PROMQL_WORDS = {"by", "without", "on", "ignoring", "group_left", "group_right", "bool", "and", "or", "unless"}
METRIC_MODULES = ["infra.bus.consumer_group", "infra.outbox.relay"]
"""Where the metrics the rules watch are defined: importing them registers the metrics."""
SAMPLE_SUFFIXES = {"counter": ["_total"], "gauge": [""], "histogram": ["_bucket", "_sum", "_count"]}


def exported_metrics() -> set[str]:
    """The names of the samples the code exports, once the modules that define them are imported."""
    for module in METRIC_MODULES:
        importlib.import_module(module)
    return {
        metric.name + suffix
        for metric in REGISTRY.collect()
        for suffix in SAMPLE_SUFFIXES.get(metric.type, [""])
    }


def metrics_named(expression: str) -> set[str]:
    """The metric names of a PromQL expression: its identifiers that are neither functions, nor
    keywords, nor inside label matchers or ranges."""
    bare = re.sub(r"\{[^}]*\}|\[[^\]]*\]", "", expression)
    return {
        name
        for name in re.findall(r"[A-Za-z_:][A-Za-z0-9_:]*(?!\s*\(|[A-Za-z0-9_:])", bare)
        if name not in PROMQL_WORDS
    }


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule["alert"])
def test_every_rule_watches_metrics_the_code_exports(rule: dict[str, Any]) -> None:
    named = metrics_named(rule["expr"])

    assert named
    assert named <= exported_metrics(), f"not exported: {sorted(named - exported_metrics())}"


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule["alert"])
def test_every_rule_says_what_happened_and_what_to_do(rule: dict[str, Any]) -> None:
    assert rule["labels"]["severity"] in {"warning", "critical"}
    assert rule["annotations"]["summary"]
    for command in re.findall(r"`(chat [^`]*)`", rule["annotations"]["runbook"]):
        parse_chat_command(re.sub(r"\{\{ \$labels\.\w+ \}\}", "messaging", command).split())


def test_the_events_set_aside_have_a_rule_naming_the_command_that_sets_them_going_again() -> None:
    runbooks = {
        metric: rule["annotations"]["runbook"] for rule in RULES for metric in metrics_named(rule["expr"])
    }

    assert "`chat outbox redrive" in runbooks["outbox_events_parked_total"]
    assert "`chat dlq replay" in runbooks["event_consumer_dead_letters_total"]
    assert "event_consumer_stalled" in runbooks

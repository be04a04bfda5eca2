"""The viewer's profile: feedback stored locally (0600, atomic) and its visible effect on
later plans, through the API, the chat and `cutbot profile`."""
from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from cutbot.agent import cli
from cutbot.agent.plan import ConstraintPlan, Duration, Query
from cutbot.agent.profile import LIKE_ADD_WEIGHT, Profile
from cutbot.indexers.errors import CutbotError

from fakes import fake_editor


def test_feedback_is_stored_privately_and_replaced_by_newer_words(cutbot_home_dir):
    profile = Profile.load()
    profile.note("gore", "dislike", 1.0, said="I don't like gore")
    profile.note("the beaches", "like")
    profile.note("beach", "dislike")  # changed their mind: one preference about beaches
    path = cutbot_home_dir / "profile.json"
    assert path.stat().st_mode & 0o777 == 0o600
    assert [p.name for p in cutbot_home_dir.iterdir() if p.suffix != ".lock"] == ["profile.json"]  # no temp left
    again = Profile.load()
    assert [(p.text, p.stance) for p in again.preferences] == [("gore", "dislike"),
                                                               ("beach", "dislike")]
    assert json.loads(path.read_text())["preferences"][0]["said"] == "I don't like gore"
    assert again.forget("gore") == 1 and Profile.load().forget() == 1
    assert Profile.load().preferences == []


def test_a_damaged_profile_is_one_clear_line(cutbot_home_dir):
    (cutbot_home_dir / "profile.json").write_text("{oops")
    with pytest.raises(CutbotError, match="profile forget"):
        Profile.load()
    result = CliRunner().invoke(cli.app, ["profile", "forget"])
    assert result.exit_code == 0 and Profile.load().preferences == []


def test_a_request_always_beats_the_profile():
    profile = Profile.memory()
    profile.note("gore", "dislike", 1.0)
    profile.note("cats", "like", 0.5)
    asked = ConstraintPlan(include=(Query(text="gore"), Query(text="cat")))
    bias = profile.bias(asked)
    assert bias.plan.exclude == ()  # asked for gore: kept, only weighed down
    assert [q.weight for q in bias.plan.include] == [0.5, 1.5]
    assert any("weighted 'gore' x0.5" in n for n in bias.notes)


def test_dislikes_exclude_and_likes_only_fill_a_budget():
    profile = Profile.memory()
    profile.note("gore", "dislike", 1.0)
    profile.note("mountains", "like", 0.5)
    open_plan = profile.bias(ConstraintPlan(include=(Query(text="car chase"),)))
    assert open_plan.plan.exclude == (Query(text="gore"),)
    assert [q.text for q in open_plan.plan.include] == ["car chase"]  # "only X" stays only X
    budget = profile.bias(ConstraintPlan(include=(Query(text="car chase"),),
                                         duration=Duration(max=40)))
    assert budget.plan.include[1] == Query(text="mountains", weight=LIKE_ADD_WEIGHT * 1.5)
    assert budget.liked == ("mountains",) and budget.dropped == ("gore",)


def test_less_talking_weighs_speech_down_as_plan_data():
    profile = Profile.memory()
    profile.note("talking", "dislike", 1.0, said="less talking")
    plan = ConstraintPlan(include=(Query(text="soup"), Query(text="cat", modality="visual"),
                                   Query(text="hello", exact=True)))
    bias = profile.bias(plan)
    assert [(q.text, q.modality, q.weight) for q in bias.plan.include] == [
        ("soup", "visual", 1.0), ("soup", "speech", 0.5), ("cat", "visual", 1.0),
        ("hello", "any", 1.0)]
    assert "speech evidence weighted x0.5 (less talking)" in bias.notes[0]


def test_a_preference_changes_a_later_plan_and_says_so(tmp_path):
    editor = fake_editor(tmp_path / "film.mp4")
    before = editor.ask("only the car chases, under 40 seconds")
    assert before.duration == 30
    reply = editor.respond("I love mountains")
    assert reply.kind == "like" and "from the next plan on" in reply.message
    assert editor.cut == before  # feedback alone does not re-plan
    after = editor.ask("only the car chases, under 40 seconds")
    assert after.duration == 40
    picked = [s for s in after.segments if "profile: you like this" in s.reasons]
    assert len(picked) == 1 and picked[0].start == 50
    assert "your profile changed the picks: +10.0 s / -0.0 s" in after.notes
    assert {"text": "mountains", "modality": "any", "weight": 0.6, "exact": False} in \
        after.constraints["include"]  # the plan the planner ran, as data
    assert "mountains" not in [q.text for q in editor.plan.include]  # not the viewer's own
    assert any("your profile" in line for line in editor.why())


def test_thumbs_through_the_api(tmp_path):
    editor = fake_editor(tmp_path / "film.mp4")
    editor.ask("only the beach and the forest")
    assert "'beach'" in editor.like(1).message
    reply = editor.dislike(2)
    assert reply.change.removed == 10 and len(reply.cut.segments) == 1
    assert editor.dislike(topic="gore").kind == "dislike"
    assert [(p.text, p.stance, p.strength) for p in editor.profile.preferences] == [
        ("beach", "like", 0.5), ("forest", "dislike", 0.5), ("gore", "dislike", 1.0)]


def test_chat_feedback_changes_the_next_plan(chat):  # noqa: F811
    code, out, editor = chat("the first half", "I don't like the forest", "the first half",
                             "why")
    assert code == 0, out
    assert "noted: you dislike 'forest'" in out
    assert "your profile: leaving out 'forest' (you don't like it)" in out
    assert "your profile changed the picks: +0.0 s / -10.0 s" in out
    assert all(not (s.start < 45 < s.end) for s in editor.cut.segments)


def test_profile_show_and_forget_commands(cutbot_home_dir):
    run = CliRunner()
    empty = run.invoke(cli.app, ["profile", "show"])
    assert empty.exit_code == 0 and "no preferences yet" in empty.stdout
    Profile.load().note("gore", "dislike", 1.0, said="I don't like gore")
    shown = run.invoke(cli.app, ["profile", "show"])
    assert "strongly dislikes 'gore'" in shown.stdout and "never leaves this machine" in shown.stdout
    missing = run.invoke(cli.app, ["profile", "forget", "cats"])
    assert missing.exit_code != 0 and "no preference about 'cats'" in missing.stderr
    gone = run.invoke(cli.app, ["profile", "forget", "gore"])
    assert gone.exit_code == 0 and "forgot 1 preference(s)" in gone.stdout
    assert Profile.load().preferences == []

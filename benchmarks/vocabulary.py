"""Words, sentences, names and tags that generated journals are written from.

A manager's journal repeats itself: the same people, meetings and worries
come back week after week, in the same phrases. The generator draws from
these lists with skewed weights (a few words very often, most rarely), so
that full-text search meets the mix it meets in a real journal: words in
most entries, phrases that recur, and rare words in a handful.
"""

from __future__ import annotations

#: Everyday words of a manager's notes, roughly most frequent first.
_WORDS_TEXT = """
    the team to and a of in with about we I it on for that was is they meeting
    today project she he their our this week them people work feedback
    decision time plan sprint review issue call manager said asked wanted new
    hire because but then so again after before still more deadline roadmap
    priority customer release budget report metrics goals quarter planning
    process estimate risk scope delivery quality support incident outage
    postmortem retro retrospective standup demo stakeholder engineering
    product design sales finance legal hiring interview offer candidate
    onboarding promotion performance salary compensation career growth
    coaching mentoring delegation trust conflict tension agreement
    disagreement alignment clarity context ownership accountability autonomy
    motivation morale energy tired frustrated proud happy worried calm
    listened explained decided delegated escalated followed checked assigned
    reviewed approved rejected postponed shipped merged fixed broke learned
    improved changed moved split agreed argued pushed pulled suggested
    questions answers options tradeoffs numbers dashboard chart target
    headcount contract vendor migration architecture backlog ticket bug
    feature experiment launch rollout rollback pilot prototype spec document
    email slack message chat thread note notes summary update status weekly
    monthly quarterly yearly offsite workshop training course book article
    lunch coffee walk evening morning afternoon late early long short good bad
    better worse hard easy clear unclear fair unfair quick slow careful honest
    open direct difficult conversation one-to-one skip-level all-hands board
    director VP CEO peer colleague partner client user users teams
"""
WORDS: tuple[str, ...] = tuple(_WORDS_TEXT.split())

#: Whole sentences that recur, with {name}, {topic} and {team} to fill in.
SENTENCES: tuple[str, ...] = (
    "Had a one to one with {name} about {topic}.",
    "{name} asked for my view on {topic}.",
    "I told {name} what to do about {topic} instead of asking what they thought.",
    "The {team} team missed the deadline again and I checked every report.",
    "Spent the morning on the quarterly planning spreadsheet.",
    "{name} came to me for advice on {topic}.",
    "We did a retro on the incident and changed how we review changes.",
    "I let {name} decide how to split the work on {topic}.",
    "Critical feedback from the {team} team about {topic}; we will review it.",
    "The dashboard shows the numbers are down this quarter.",
    "I set the targets for the {team} team and assigned the tasks.",
    "Coached {name} through a difficult conversation with a peer.",
    "Walked the new hire through the architecture and the code review rules.",
    "Escalated {topic} to the director because the team could not agree.",
    "Listened more than I talked in the all-hands today.",
    "The root cause was a missing check in the release process.",
    "Gave {name} the lead on {topic}; I will only ask how it goes on Friday.",
    "Long day of interviews; one strong candidate for the {team} team.",
    "I reviewed every ticket myself before the release, which took hours.",
    "{name} pushed back on the plan and was right.",
    "We agreed on the roadmap for next quarter after a long discussion.",
    "Skip-level with the {team} team: trust is better than in spring.",
    "Asked the team what they would change; good ideas about {topic}.",
    "I decided alone on {topic} to save time; not sure it was right.",
)

NAMES: tuple[str, ...] = (
    "Anna", "Ben", "Chloe", "David", "Elif", "Farid", "Grace", "Hiro", "Ines",
    "Jonas", "Kemi", "Lars", "Maya", "Nikhil", "Olga", "Pedro", "Quinn",
    "Rosa", "Sami", "Tomasz", "Uma", "Viktor", "Wen", "Yusuf", "Zoe",
)  # fmt: skip

TOPICS: tuple[str, ...] = (
    "the migration", "the roadmap", "hiring", "the budget", "the outage",
    "her promotion", "his career", "the release plan", "on-call", "the vendor",
    "code review", "the reorg", "the customer escalation", "the offsite",
    "estimates", "the new process", "technical debt", "the board deck",
)  # fmt: skip

TEAMS: tuple[str, ...] = (
    "platform", "payments", "mobile", "data", "search", "support", "design",
    "infrastructure", "growth", "security",
)  # fmt: skip

#: Tags, most used first (contexts a manager files entries under).
TAGS: tuple[str, ...] = (
    "1:1", "team", "hiring", "planning", "incident", "feedback", "new hires",
    "stakeholders", "roadmap", "budget", "conflict", "offsite", "coaching",
    "board", "customers", "release", "reorg", "on-call", "promotion", "vendor",
    "training", "skip-level", "all-hands", "recruiting", "performance",
    "architecture", "peers", "director", "retro", "strategy", "Überprüfung",
    "café", "travel", "OKRs", "demo", "interview", "postmortem", "sprint",
    "quarterly", "yearly review",
)  # fmt: skip

TITLES: tuple[str, ...] = (
    "One to one with {name}", "Planning day", "Incident review", "Hiring loop",
    "Quiet day", "Board prep", "Offsite", "Feedback from {team}", "Release day",
    "Team retro", "Budget", "Roadmap", "Interviews", "{name}'s promotion",
    "Conflict in {team}", "Coaching {name}", "All-hands", "Customer call",
)  # fmt: skip

#: Words that only a handful of entries contain (searched as "rare").
RARE_WORDS: tuple[str, ...] = (
    "kintsugi", "ombudsperson", "sabbatical", "arbitration", "serendipity",
    "wabi-sabi", "hackathon", "apprenticeship", "bereavement", "mediation",
)  # fmt: skip

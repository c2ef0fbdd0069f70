"""Word lists the claim rules key on: reporting verbs, hedges, actors, place words.

Lemmas, lower case. Each list covers a family of phrasings, not any one article's wording.
Which claim kind a word signals is decided by the frame table, frames.yaml.
"""

from pathlib import Path

import yaml

FRAME_TABLE = yaml.safe_load(Path(__file__).with_name("frames.yaml").read_text(encoding="utf-8"))
# Word classes that frames.yaml's conditions name.
FRAME_CLASSES: dict[str, set[str]] = {
    name: set(words) for name, words in FRAME_TABLE["classes"].items()
}


def _frame_words(kind: str, pos: str) -> set[str]:
    """Every word a frame row uses for this kind (as its kind or its fallback): the words
    the evidence highlighter marks. Rows that key on a neighbouring word (``head_in``)
    lend the kind to that neighbour, not to their own words."""
    words: set[str] = set()
    for row in FRAME_TABLE["frames"]:
        lends = kind in (row["kind"], row.get("otherwise"))
        if row["pos"] == pos and lends and not row.get("head_in") and not row.get("head_is"):
            words |= set(row.get("lemmas") or []) | set(row.get("words") or [])
    return words


CAPTURE_VERBS = _frame_words("capture", "verb")
CAPTURE_NOUNS = _frame_words("capture", "noun")
WITHDRAWAL_VERBS = _frame_words("withdrawal", "verb")
WITHDRAWAL_NOUNS = _frame_words("withdrawal", "noun")
ADVANCE_VERBS = _frame_words("advance", "verb")
ADVANCE_NOUNS = _frame_words("advance", "noun")
CONTESTED_VERBS = _frame_words("contested", "verb")
CONTESTED_NOUNS = _frame_words("contested", "noun")
# Verbs of leaving: with a goal ("withdrew towards X") they say nothing of the goal.
LEAVING_VERBS = {
    "withdraw", "retreat", "pull", "leave", "abandon", "redeploy", "lose", "evacuate", "exit",
    "relocate", "cede", "surrender", "flee",
}  # fmt: skip
DENIAL_VERBS = {"deny", "reject", "refute", "dismiss", "debunk", "contradict"}
DENIAL_WORDS = {
    "false",
    "untrue",
    "fake",
    "lie",
    "lies",
    "baseless",
    "propaganda",
    "nonsense",
    "fabrication",
    "misinformation",
    "disinformation",
    "premature",
    "fabrications",
    "fabricated",
    "fiction",
    "groundless",
    "unfounded",
    "fantasy",
    "fantasies",
    "invention",
    "hoax",
    "myth",
    "provocation",
    "noise",
    "exaggeration",
    "exaggerated",
}

# Attack verbs count as an advance only with a ground-force agent or an "on X" target that
# is a place; air and artillery strikes are not claims about control.
STRIKE_WORDS = FRAME_CLASSES["strike"]

REPORTING_VERBS = {
    "say", "claim", "announce", "report", "tell", "write", "state", "add", "confirm",
    "insist", "assert", "declare", "post", "acknowledge", "admit", "boast", "note", "stress",
    "show", "indicate", "publish", "update", "maintain", "allege", "concede", "warn",
    "deny", "reject", "refute", "dismiss", "quote", "cite", "tweet", "assess", "estimate",
    "repeat", "reiterate", "emphasise", "emphasize", "reaffirm", "inform", "describe",
}  # fmt: skip
CONDITIONAL_MARKS = {"if", "unless", "whether", "once", "should"}
DENIAL_REPORTING = {"deny", "reject", "refute", "dismiss"}

HEDGES = {
    "may", "might", "could", "would", "likely", "probably", "reportedly", "apparently",
    "appear", "seem", "possibly", "allegedly", "unconfirmed", "rumour", "rumor", "perhaps",
    "purportedly", "believe", "suggest",
}  # fmt: skip
# A web page's links to other stories: their headlines are not this story's statements.
LINK_LINE_OPENINGS = (
    "read more", "related:", "related stories", "related articles", "see also",
    "also read", "more on this", "recommended:", "watch:", "listen:", "more:",
)  # fmt: skip
NOT_A_CLAIM_PHRASES = (
    "independently verify",
    "independently confirm",
    "could not verify",
    "not be verified",
    "could not confirm",
    "unable to verify",
    "not independently",
    "did not comment",
    "declined to comment",
    "has not commented",
    "did not confirm",
    "would not confirm",
    "never confirmed",
    "not confirmed",
    "not yet confirmed",
)

# Words that open a clause conceding something against the main clause.
CONCESSIVE_MARKS = (" though ", " although ", " but ", " while ", " even as ")
THIRD_PARTY_WORDS = {
    "analyst", "expert", "blogger", "monitor", "observer", "resident", "witness",
    "journalist", "correspondent", "map", "institute", "tank", "channel", "researcher",
    "diplomat", "western", "agency", "un", "ngo", "tracker", "mapping", "commentator",
    "reporter", "envoy", "source",
}  # fmt: skip
# People who report on a war rather than fight it: as the head of a phrase they decide who
# speaks, whatever nationality comes with them ("Ukrainian military analysts").
OBSERVER_NOUNS = {
    "analyst", "expert", "blogger", "monitor", "observer", "resident", "witness",
    "journalist", "correspondent", "researcher", "commentator", "reporter",
}  # fmt: skip
PRONOUNS_OF_CLAIMANT = {
    "it",
    "its",
    "we",
    "our",
    "us",
    "they",
    "their",
    "he",
    "his",
    "she",
    "her",
    "i",
    "my",
    "own",
}
FIRST_PERSON = {"we", "our", "us", "ours", "i", "my", "own"}
GENERIC_SPEAKERS = {
    "ministry", "spokesman", "spokeswoman", "spokesperson", "army", "military", "statement",
    "command", "commander", "official", "officer", "staff", "group", "brigade", "unit",
    "government", "office", "president", "minister", "he", "she", "it", "they", "general",
    "forces", "headquarters", "service", "movement", "militia", "alliance", "coalition",
    "faction", "rebels", "organisation", "organization",
}  # fmt: skip
# Organs of a state named without the state: who they speak for depends on where they are.
STATE_ORGANS = {
    "governor", "mayor", "administration", "authorities", "authority", "official", "officials",
    "military", "army", "police", "council", "governorate", "prefect", "municipality",
    "ministry",
}  # fmt: skip
# People who speak for a side; one introduced as a sentence's subject is who "he said" means.
SPEAKER_ROLES = {
    "spokesman", "spokeswoman", "spokesperson", "commander", "official", "officer", "minister",
    "governor", "mayor", "leader", "representative", "general", "colonel", "chief",
}  # fmt: skip

PLACE_WORDS = {"town", "city", "village", "settlement", "hamlet", "locality", "stronghold"}
# Who is somewhere rather than what happens there: "a source in Sennar", "reporters in
# Naypyitaw" name where a speaker sits.
PEOPLE_SOMEWHERE = SPEAKER_ROLES | {
    "source", "sources", "reporter", "reporters", "journalist", "journalists", "correspondent",
    "resident", "residents", "doctor", "doctors", "witness", "witnesses", "activist", "activists",
    # where a government sits ("the government in Kinshasa denied that the city had fallen")
    "government", "authority", "authorities", "administration", "junta", "regime", "leadership",
}  # fmt: skip
# "X is secure / safe / fully secured", said by the side holding it.
SAFE_WORDS = {"secure", "safe", "secured"}
# What "the town" may refer back to: a place called a village is no town, and the reverse.
SMALL_PLACE_WORDS = {"village", "hamlet"}
# Words after a place name that make it a region, an axis or an adjective, not the place.
NOT_THE_PLACE_AFTER = {
    "direction", "axis", "sector", "front", "region", "oblast", "province", "governorate",
    "state", "district", "raion", "governor", "people", "republic", "mayor", "administration",
    "city council", "council", "airport", "offensive", "operation", "bridgehead", "salient",
    "countryside",
}  # fmt: skip
# Who moves somewhere without advancing on it: offices, civilians, envoys.
CIVILIAN_MOVERS = {
    "administration", "authority", "authorities", "government", "office", "ministry",
    "headquarters", "resident", "civilian", "family", "people", "refugee", "delegation",
    "envoy", "mission", "journalist", "reporter", "parliament", "cabinet", "embassy",
}  # fmt: skip
# Nouns that relate one party to another: "X's ally, Y" is Y.
RELATION_NOUNS = {
    "ally", "allies", "partner", "partners", "affiliate", "proxy", "proxies", "branch",
    "wing", "offshoot", "rival", "rivals", "enemy", "foe", "backer", "sponsor",
}  # fmt: skip
# Words for an armed group already named: "the group", "the rebels", "the force".
GROUP_WORDS = {
    "group", "rebel", "rebels", "movement", "militia", "alliance", "faction", "insurgent",
    "insurgents", "jihadist", "jihadists", "militant", "militants", "paramilitary",
    "paramilitaries", "fighter", "fighters", "coalition", "force",
}  # fmt: skip
QUANTITY_NOUNS = {
    "thousand", "thousands", "hundred", "hundreds", "dozen", "dozens", "million", "millions",
    "number", "group", "crowd", "many", "some", "most",
}  # fmt: skip
REGION_WORDS_PLURAL = {
    "regions", "oblasts", "provinces", "governorates", "states", "districts", "raions",
    "directions", "axes", "sectors", "fronts",
    # "the Idlib and Hama countryside": the farmland around each, one word for both
    "countryside",
}  # fmt: skip
PARTIAL_WORDS = {
    "part", "most", "much", "half", "district", "districts", "neighbourhood", "neighborhood",
    "quarter", "quarters", "section", "sections", "outskirts", "outskirt", "edge", "edges",
    "suburb", "suburbs", "portion", "percent", "%", "east", "west", "north", "south",
    "centre", "center", "area", "areas", "parts", "some", "sector", "side", "bank",
    "streets", "street", "block", "blocks", "industrial", "zone", "approaches", "rest",
    "remainder", "microdistrict", "microdistricts", "neighbourhoods", "neighborhoods",
    "ward", "wards", "periphery", "fringe", "fringes", "environs", "third", "thirds",
    "two-thirds", "fifth", "fifths",
}  # fmt: skip

# Nouns for the speaker's own forces when no side is named ("the troops had taken ...").
OWN_FORCES = {
    "force",
    "troop",
    "unit",
    "soldier",
    "army",
    "fighter",
    "brigade",
    "defender",
    "serviceman",
    "infantry",
    "battalion",
    "regiment",
    "division",
    "group",
    "paratrooper",
    "marine",
    "commando",
    "militiaman",
    "mercenary",
}

# Leaving a place for positions elsewhere: "redeployed", "regrouped outside the town".
REPOSITION_VERBS = {"redeploy", "regroup", "withdraw", "retreat", "relocate", "reposition"}
# "the forces stationed / based / deployed in X": where forces are, before they leave.
STATIONING_VERBS = {"station", "base", "deploy", "garrison", "position", "locate"}
# Who can be stationed in a place and then leave it.
# Rebels and militants are stationed somewhere too, but whose they are the words must say.
STATIONED = OWN_FORCES | {
    "commander",
    "garrison",
    "defender",
    "personnel",
    "rebel",
    "insurgent",
    "militant",
    "jihadist",
}

# Roads and lines that lead to a place: "on the road to X" says where something is.
ROUTE_WORDS = {"road", "highway", "motorway", "route", "railway", "railroad", "track", "line"}
# A place reached through these words is a landmark for another place ("a village north-west
# of Avdiivka", "near Kupiansk"), not the place the claim is about.
DIRECTION_WORDS = {
    "north", "south", "east", "west", "northwest", "northeast", "southwest", "southeast",
    "north-west", "north-east", "south-west", "south-east", "near", "outside", "nearby",
    "close", "beyond", "behind", "between", "around", "along", "past", "across", "overlooking",
}  # fmt: skip
ENEMY_WORDS = {"enemy", "adversary", "opponent", "foe", "occupier", "invader"}
DENIAL_PHRASES = (
    "not correspond to reality",
    "nothing to do with reality",
    "not true",
    "is untrue",
    "are untrue",
    "is false",
    "are false",
    "was false",
    "were false",
    "a lie",
    "fake news",
    "not reflect reality",
    "does not reflect",
    "do not reflect",
    "is not the case",
)
# Withdrawal verbs that need the place (or "positions"/"control") as their object.
OBJECT_WITHDRAWAL_VERBS = {"leave", "lose", "abandon", "exit", "cede", "surrender", "evacuate"}
TOWARDS = {"towards", "toward", "into", "on", "at"}
# "holding positions / the line / ground": fighting goes on, control is not settled.
HELD_GROUND = {
    "position",
    "positions",
    "line",
    "lines",
    "ground",
    "defence",
    "defense",
    "foothold",
    "bridgehead",
    "stronghold",
}
REPELLED = FRAME_CLASSES["repelled"]
DISTANCE_WORDS = {"km", "kilometres", "kilometers", "kilometre", "kilometer", "miles", "mile"}
# Verbs that say what state a place is in ("X is / remains in Russian hands").
STATE_VERBS = {"be", "remain", "stay", "lie", "rest", "come", "fall", "return", "pass"}
# Verbs whose infinitive goes on now ("continue to defend X"), not a purpose.
GOING_ON_VERBS = {"continue", "keep", "go", "struggle", "manage", "try", "fight", "battle"}
# Capture words that say a side holds a place rather than took it.
HOLDING_WORDS = {"hold", "control", "hand", "hands", "remain", "stay", "be", "secure", "keep"}
# Spans of time that date one event from another ("a year after", "days before").
TIME_UNITS = {"year", "month", "week", "day", "hour", "decade", "fortnight"}
# Organs and roles that tag a headline with its source ("... — Defence Ministry").
HEADLINE_ORGANS = {
    "ministry", "staff", "command", "army", "military", "spokesman", "spokesperson",
    "governor", "commander", "headquarters", "office", "officials", "official", "sources",
    "source", "group", "forces",
}  # fmt: skip
# Nouns of control and of ground held, which are about the whole place they name.
CONTROL_WORDS = {"control", "hold", "grip", "flag", "power", "ground", "territory"}
# Verbs that make someone else act: "forcing the garrison to flee".
FORCING_VERBS = {"force", "compel", "oblige", "drive", "push", "prompt", "cause"}
# Where fighting goes on: "fighting raged in / around / on the outskirts of X".
FIGHT_LOCATIONS = {
    "in", "inside", "around", "near", "on", "at", "for", "over", "across", "along", "outside",
    "within", "throughout", "towards", "toward",
}  # fmt: skip
# Words that make "under our control" a statement that control lasts (and a denial).
STILL_HOLDING = {"remain", "stay", "still", "firmly", "continue", "fully"}
# Advances into a place; denying one is denying a claim of control.
ENTERING = {"enter", "storm", "break", "penetrate", "sweep"}
# Capitalised words that, in a place slot, still name no settlement: titles and ranks of
# people, calendar words, features and units ("captured Colonel X", "took Hill 203").
NOT_A_PLACE_NAME = {
    "colonel", "general", "major", "captain", "lieutenant", "commander", "president",
    "minister", "sheikh", "emir", "mr", "mrs", "ms", "dr", "monday", "tuesday", "wednesday",
    "thursday", "friday", "saturday", "sunday", "january", "february", "march", "april",
    "may", "june", "july", "august", "september", "october", "november", "december",
    "hill", "height", "heights", "route", "highway", "road", "river", "bridge", "dam",
    "airport", "base", "brigade", "battalion", "division", "regiment", "corps", "group",
    "forces", "force", "army", "front", "region", "province", "state", "district",
    "telegram", "facebook", "x", "twitter", "reuters", "afp", "ap", "god", "allah",
    "ministry", "staff", "command", "headquarters",
}  # fmt: skip
# Staying put under pressure: "dug in", "entrenched", "holding out" in a place.
STAYING_VERBS = {"entrench", "dig", "hold", "cling", "hunker"}
# Anonymous sources that serve a side ("a military source", "a Syrian security source").
SERVING_SOURCE = {"military", "security", "army", "government", "official", "intelligence"}
# Verbs of moving, which with a goal ("towards X") are an advance on it.
MOTION_VERBS = ADVANCE_VERBS | {"move", "drive", "roll", "sweep", "race", "thrust", "surge"}
# Verbs of intending: what follows them has not happened ("vowed to retake X"). Trying
# is not here: an ongoing attempt is an advance.
INTENTION_VERBS = {
    "vow", "pledge", "promise", "threaten", "plan", "intend", "aim", "hope", "want", "seek",
    "prepare", "expect", "wish", "plot", "resolve", "urge", "demand", "ask", "appeal",
}  # fmt: skip
# Undertakings whose purpose is a capture not yet made: "an operation to retake X", "a
# campaign to seize X", "preparations to storm X". (Not "attempt": "repelled an attempt to
# advance on X" is the defender's word that X was fought over.)
PURPOSE_NOUNS = {"operation", "offensive", "campaign", "plan", "preparation", "mission"}
# A garrison's post, which in a story about a town stands for the town ("pulled out of
# the camp", "repelled an attack on the base").
POST_WORDS = {"camp", "base", "garrison", "barracks", "outpost"}


def _inflections(base: str) -> set[str]:
    stem = base[:-1] if base.endswith("e") else base
    return {base, f"{base}s", f"{stem}ed", f"{stem}ing"}


INTENTION_FORMS = {form for base in INTENTION_VERBS for form in _inflections(base)}
# Nationality adjectives of the states in the tracked conflicts, for national symbols.
DEMONYMS = {
    "malian": "ML", "ukrainian": "UA", "russian": "RU", "sudanese": "SD", "syrian": "SY",
    "congolese": "CD", "burmese": "MM", "myanmar": "MM",
}  # fmt: skip
# Nouns for what a side asserts, which another side rejects ("dismissed the claim").
CLAIM_NOUNS = {
    "claim", "claims", "report", "reports", "account", "accounts", "announcement",
    "statement", "assertion", "allegation", "allegations", "rumour", "rumours", "rumor",
    "rumors", "it", "this", "that",
}  # fmt: skip

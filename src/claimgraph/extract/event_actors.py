"""Who did what to whom: each sentence's main event predicate with its actor and recipient codes.

The predicate is the sentence's root verb, or, when the root is a reporting verb ("..., officials
said"; "X said Y would ..."), the verb of the reported clause. The actor comes from the subject side
(nsubj, or the "by" agent of a passive) and the recipient from the object side (direct and dative
objects, the objects of the verb's prepositions, then the same for its open complements: "offered
to hand over to Great Britain"). Each phrase is resolved through the actor registry, so demonyms
with a role ("Hungarian officials" -> HUNGOV) and coordinations ("Jordan and Britain" -> JOR, GBR)
come out as codes. Event types, modes and flags are `extract.events`, which calls these.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING

from claimgraph.extract.actors import ActorRegistry
from claimgraph.extract.claims import quoted_speaker
from claimgraph.extract.lexicon import lexicon

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

__all__ = ["attack_maker", "event_codes", "event_owner", "main_predicate", "movement_doer", "passive"]

_SUBJECTS = {"nsubj", "csubj"}
_OBJECTS = {"dobj", "dative", "attr", "oprd"}
_COMPLEMENTS = {"xcomp", "acomp"}
_REPORTED = {"ccomp", "parataxis"}
# Dependents of a noun that say something about it rather than name it: "refugees who have lived in
# Iraq", "nationals suspected by the West", "troops, which ...".
_NOT_NAME = {"relcl", "acl", "advcl", "punct", "cc", "prep", "appos", "det", "parataxis"}
# Prepositions inside a name: "President of Armenia", "rebels in the Ivory Coast", "officials from Kyiv".
_NAME_PREPS = {"of", "in", "from"}
# Prepositions that bring a place or a time, not a party to the event ("in Geneva", "after talks").
_NOT_RECIPIENT_PREPS = {"after", "before", "during", "since", "until", "despite", "like", "as", "because",
                        "about", "over", "within", "without", "by"}
_PRONOUNS = {"PRON"}
# Nouns for people and parties that name no role (the roles are sectors.tsv's): doers of the -ing participle
# after them, and of what they are told to do
_PEOPLE = frozenset({"man", "woman", "people", "person", "crowd", "mob", "group", "youth", "resident", "settler",
                     "attacker", "assailant", "gunman", "country", "nation", "state", "ally", "member"})
_PARTY_NAMES = frozenset({"GPE", "NORP", "ORG", "PERSON"})
_SUBJECT_CONTROL = frozenset({"promise", "vow", "pledge"})  # "promised Kyiv to deliver": the one promising does it
_STATIVE = {"oppose", "commit", "engage", "involve", "prepare", "determine", "dedicate", "poise", "resolve"}
_TARGET_PREPS = {"to", "toward", "towards"}
_WHERE = {"in", "at", "near", "inside", "outside", "across", "throughout", "within", "around"}  # where, not who


def main_predicate(sent: Span) -> Token | None:
    """The root verb, or the verb of the clause a trailing report reports ("X will ..., officials said"),
    or of what someone "was quoted as saying"."""
    root = sent.root
    reported = _reported(root)
    if reported is not None and reported.i < root.i:
        return reported
    saying = _quoted_saying(root)
    if saying is not None and (reported := _reported(saying)) is not None:
        return reported
    return root


def _quoted_saying(verb: Token) -> Token | None:
    """The "saying" of "X was quoted as saying ...", when X is the one quoted."""
    if quoted_speaker(verb) is None:
        return None
    return next((g for c in verb.children if c.dep_ == "prep" and c.lower_ == "as"
                 for g in c.children if g.dep_ == "pcomp" and g.pos_ == "VERB"), None)


def _reported(verb: Token) -> Token | None:
    if lexicon().verb_stance(verb.lemma_) is None:
        return None
    return next((c for c in verb.children if c.dep_ in _REPORTED and c.pos_ in {"VERB", "AUX"}), None)


def event_codes(predicate: Token, registry: ActorRegistry, when: str | None = None) -> tuple[list[str], list[str]]:
    """Actor and recipient codes of a predicate (each in order of mention, without repeats).

    A reporting verb with its clause after it ("X said Y must ...", "X demanded that Y ...") is the
    event: X is the actor and the recipient is Y, or when Y is a pronoun, what the clause acts on
    ("they would meet U.N. mediator ...").
    """
    actor = _actor(predicate, registry, when)
    recipient = _recipient(predicate, registry, when, actor)
    if not actor and predicate.dep_ in _REPORTED and (speaker := quoted_speaker(predicate.head)) is not None:
        actor = _codes(speaker.root, registry, when)  # "X was quoted as saying he would ...": X
    reported = _reported(predicate)
    if reported is not None and reported.i > predicate.i:
        if not actor and not _named_subject(predicate):  # "He said Russia would ...": Russia acts
            actor = _actor(reported, registry, when)
            if actor and not recipient:
                recipient = _recipient(reported, registry, when)
        if not recipient:
            subject = [c for c in reported.children if c.dep_ in _SUBJECTS | {"nsubjpass"} and c.pos_ not in _PRONOUNS]
            recipient = _codes(subject[0], registry, when) if subject else []
            if not recipient:
                recipient = _recipient(reported, registry, when)
    # not the actor again, nor its country where a place named it ("meets with UK Prime Minister Keir Starmer
    # in Washington": no USA beside the US government)
    return actor, [c for c in recipient if c not in actor and not (len(c) == 3 and any(a[:3] == c for a in actor))] \
        or recipient


def _named_subject(verb: Token) -> bool:
    return any(c.dep_ in _SUBJECTS and c.pos_ not in _PRONOUNS for v in _chain_up(verb) for c in v.children)


def _actor(verb: Token, registry: ActorRegistry, when: str | None) -> list[str]:
    is_passive = passive(verb)
    below: Token | None = None
    for v in _chain_up(verb):
        if below is not None and below.dep_ == "xcomp" and (told := _told(v, registry)) is not None:
            return _codes(told, registry, when)  # "tells Eyal Zamir to resign": Zamir resigns
        below = v
        # a passive's doer is no subject of a verb above it: "an officer deployed in Haiti ... is killed"
        # (the subject they share was harmed), "will not participate in the World Cup to be hosted by ..."
        inherited = is_passive and v is not verb
        subjects = [] if inherited else [c for c in v.children
                                         if c.dep_ in _SUBJECTS or (c.dep_ == "nsubjpass" and _stative(v))]
        if not subjects and not inherited and (doer := participle_doer(v, registry)) is not None:
            subjects = [doer]  # "armed men looting and setting fire to shops": the men
        for subject in subjects:
            if subject.tag_ in {"WDT", "WP"} and v.dep_ == "relcl" and v.head.pos_ in {"NOUN", "PROPN"}:
                subject = v.head  # "the Ukrainian Insurgent Army, which massacred Poles": the army
            if subject.pos_ in _PRONOUNS:
                continue
            if _hazard_subject(subject):
                return []  # "wildfires in South Korea ... killing at least 26 people": no party acts
            if _names_attack(subject) and (codes := _maker(subject, registry, when)):
                return codes  # "an airstrike by the Russian paramilitary group Africa Corps killed ..."
            return _codes(subject, registry, when)
        if not subjects and not inherited and (codes := _subject_as_modifiers(v, registry, when)):
            return codes
        # the "by" of the verb or of a verb joined to it: "are shot and killed by Israeli soldiers"
        joined = [v, *(c for c in v.children if c.dep_ == "conj" and c.pos_ == "VERB")]
        agents = [g for w in joined for c in w.children
                  if c.dep_ == "agent" or (w.pos_ == "NOUN" and c.dep_ == "prep" and c.lower_ == "by")
                  for g in c.children if g.dep_ == "pobj" and not _names_hazard(g)]  # "a visit by Ramaphosa"
        if agents:
            return _codes(agents[0], registry, when)
        attack = _attack_in(v)
        if attack is not None and (codes := _maker(attack, registry, when)):
            return codes  # "killed in an Israeli airstrike": Israel
        if subjects:
            return []
    return []


def _told(verb: Token, registry: ActorRegistry) -> Token | None:
    """The party a verb tells, asks or urges to do what its open complement says ("urge the government to
    release", "calls on Israel to halt", "prompting the Russian Federal Air Transport Agency to suspend"); not
    the one a promise is made to, nor a thing ("signs a contract ... to provide", "use tear gas to disperse":
    the noun itself must name a party, not only the words around it)."""
    if verb.lemma_ in _SUBJECT_CONTROL:
        return None
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    if verb.lemma_ == "call":
        objects += _pobjs(verb, "on", "upon")
    for obj in objects:
        if (obj.pos_ == "PROPN" and obj.ent_type_ in _PARTY_NAMES) or obj.lemma_.lower() in _PEOPLE \
                or registry.names_role(obj.lemma_):
            return obj
    return None


def passive(verb: Token) -> bool:
    """A passive verb, or a participle joined to one ("are convicted of extremism and sentenced to")."""
    if any(c.dep_ == "auxpass" for c in verb.children):
        return True
    return verb.dep_ == "conj" and verb.tag_ == "VBN" and any(c.dep_ == "auxpass" for c in verb.head.children)


def _subject_as_modifiers(verb: Token, registry: ActorRegistry, when: str | None) -> list[str]:
    """The subject the parser hung on the verb as its modifiers, the verb read as a noun or a noun's head:
    "The Israeli military claims to have killed ..." ("military" an adjective of "claims"), "The United
    States military launches ..." (a determiner and compounds of "launches")."""
    from claimgraph.extract.events import triggers  # events builds on this module

    left = [c for c in verb.lefts if c.dep_ in {"det", "amod", "compound", "nmod"}]
    if verb.dep_ != "ROOT" or not left or any(c.dep_ in _SUBJECTS or c.dep_ == "nsubjpass" for c in verb.children):
        return []
    if names_hazard([verb]) or (verb.lemma_.lower(), "V") in triggers().hazards:
        return []  # "A Turkish Air Force F-16 fighter jet crashes": an accident has no doer
    span = verb.doc[left[0].left_edge.i:verb.i]
    if any(t.pos_ in {"VERB", "AUX", "PUNCT"} for t in span):
        return []
    hit = registry.resolve(span.text, when)
    return hit.code.split("+") if hit else []


def _attack_in(verb: Token) -> Token | None:
    """The attack a passive harm happened in: "are killed in an Israeli airstrike", "injured in Iranian
    missile strikes", "killed and 37 more injured in a series of Israeli airstrikes" (the attack's maker
    is the actor the passive leaves out)."""
    if not any(c.dep_ == "auxpass" for c in verb.children):
        return None
    joined = [verb, *(c for c in verb.children if c.dep_ == "conj" and c.pos_ == "VERB")]  # "... and 37 injured in"
    for prep in (c for v in joined for c in v.children if c.dep_ == "prep"):
        for noun in _attacks_in(prep):
            return noun
    return None


def _attacks_in(prep: Token) -> Iterator[Token]:
    """The attacks an "in" or "during" phrase names: its object, or what that is "a series of"."""
    if prep.lower_ not in {"in", "during"}:
        return
    for obj in (c for c in prep.children if c.dep_ == "pobj"):
        yield from (noun for noun in [obj, *_pobjs(obj, "of")] if _names_attack(noun))


def _in_attack(prep: Token, registry: ActorRegistry, when: str | None) -> bool:
    """A phrase "in", "during" an attack whose maker it names: the maker is no recipient ("37 more injured in
    a series of Israeli airstrikes")."""
    return any(_maker(noun, registry, when) for noun in _attacks_in(prep))


def _names_attack(noun: Token) -> bool:
    """A word naming an attack, read as events read it ("two Israeli strikes" is one, "a strike" alone a
    walkout)."""
    from claimgraph.extract.events import trigger_of  # events builds on this module

    trigger = trigger_of(noun)
    return trigger is not None and trigger.type == "ASSAULT"


def _names_hazard(phrase: Token) -> bool:
    """A natural hazard or accident does it, no party: "caused by Storm Kristin in Portugal"."""
    return names_hazard(phrase.subtree)


def _hazard_subject(subject: Token) -> bool:
    """The subject names a hazard or accident: "Ongoing ... wildfires in South Korea", "The death toll from the
    crash of an Air India Boeing 787"; where the parser made a clause part of the subject, only its own words."""
    words = list(subject.subtree)
    if any(t.pos_ in {"VERB", "AUX"} for t in words):
        words = [*(x for x in subject.lefts if x.dep_ in {"compound", "amod"}), subject]
    return names_hazard(words)


def names_hazard(tokens: Iterable[Token]) -> bool:
    from claimgraph.extract.events import names_hazard as hazard  # events builds on this module

    return hazard(tokens)


def attack_maker(attack: Token, registry: ActorRegistry, when: str | None = None) -> list[str]:
    """Who made an attack named by a noun: "the Indian attacks", "an attack by the Rapid Support Forces"."""
    return _maker(attack, registry, when) if attack.pos_ == "NOUN" else []


def event_owner(event: Token, registry: ActorRegistry, when: str | None = None) -> list[str]:
    """The party an event noun's possessor names: "Iran's proposal", "Hezbollah's agreement"; a name the
    article wrote in full before it is read as written there ("Tajik president Emomali Rahmon ... during
    Rahmon's state visit": Tajikistan's government). None for a verb."""
    owner = next((c for c in event.children if c.dep_ == "poss"), None)
    if event.pos_ != "NOUN" or owner is None:
        return []
    if codes := _resolve_words(event, list(owner.subtree), registry, when):
        return codes
    if owner.pos_ != "PROPN":
        return []
    earlier = next((t for t in reversed(event.doc[:owner.i]) if t.text == owner.text), None)
    if earlier is None or earlier.pos_ != "PROPN":
        return []
    words = set(_name_tokens(earlier, conjuncts=False))
    if earlier.dep_ == "appos":  # "Tajik president | Emomali Rahmon": the title the parser hung the name on
        words |= {earlier.head, *(t for c in earlier.head.lefts if c.dep_ in {"compound", "amod"} for t in c.subtree)}
    hit = registry.resolve(_phrase_text(sorted(words, key=lambda t: t.i)), when)
    return hit.code.split("+") if hit else []


def _maker(attack: Token, registry: ActorRegistry, when: str | None) -> list[str]:
    """Who made an attack, from its own modifiers ("an Israeli airstrike", "Iranian missile strikes", "a
    Taliban attack") or a "by" after it; not from where it was ("a car bombing in central Baghdad")."""
    words = [t for c in attack.children if c.dep_ in {"amod", "compound", "poss", "nmod"}
             and c.lower_.rpartition("-")[2] not in _MADE_BY for t in c.subtree]  # "Chinese-made drone": its maker's
    if codes := _resolve_words(attack, words, registry, when):
        return codes
    by = _pobjs(attack, "by", "from")  # "an attack by the RSF", "several attacks from Iran"
    return _codes(by[0], registry, when) if by else []


def _pobjs(token: Token, *preps: str) -> list[Token]:
    """The objects of the token's prepositions `preps`: "the withdrawal [of] troops [from] Lebanon"."""
    return [g for c in token.children if c.dep_ == "prep" and c.lower_ in preps for g in c.children
            if g.dep_ == "pobj"]


def _resolve_words(head: Token, words: list[Token], registry: ActorRegistry, when: str | None,
                   bare: bool = False) -> list[str]:
    """The codes of a head read with the words chosen before or around it, as one phrase ("Israeli" +
    "withdrawal"); without such words, none unless the head may stand `bare`."""
    if not words and not bare:
        return []
    hit = registry.resolve(" ".join(t.text for t in sorted([*words, head], key=lambda t: t.i)), when)
    return hit.code.split("+") if hit else []


_MADE_BY = frozenset({"made", "built", "manufactured", "designed", "supplied", "produced"})
_MOVEMENTS = frozenset({"withdrawal", "pullout", "pull-out", "deployment", "redeployment", "retreat"})


def movement_doer(noun: Token, registry: ActorRegistry, when: str | None = None) -> tuple[list[str], list[str]]:
    """Who moves, and from where, in a withdrawal or deployment named by a noun: its own modifiers ("the
    Israeli withdrawal") or its "of" ("the withdrawal of Israeli troops from occupied southern Lebanon":
    Israel, from Lebanon). Empty where the noun names neither."""
    if noun.pos_ != "NOUN" or noun.lemma_.lower() not in _MOVEMENTS:
        return [], []
    words = [t for c in noun.children if c.dep_ in {"amod", "compound", "poss", "nmod"} and c.pos_ != "PRON"
             for t in c.subtree]
    doer = _resolve_words(noun, words, registry, when)
    of = _pobjs(noun, "of")
    if not doer and of:  # the "of" phrase up to its head ("some invasion forces from Panama": not Panama's)
        doer = _resolve_words(of[0], [t for c in of[0].lefts for t in c.subtree], registry, when, bare=True)
    origin = _pobjs(noun, "from")
    return doer, [c for c in (_codes(origin[0], registry, when) if origin else []) if c not in doer]


def _stative(verb: Token) -> bool:
    """A passive form that describes its subject's stance, not what was done to it: "is opposed to"."""
    return verb.lemma_ in _STATIVE and not any(c.dep_ == "agent" for c in verb.children)


def _chain_up(verb: Token) -> Iterator[Token]:
    """The verb, then the verbs it is the open complement or conjunct of ("agreed to set up": set -> agreed)."""
    yield verb
    while (verb.dep_ in {"xcomp", "conj", "acomp"} or _participle_of(verb)) and verb.head.i != verb.i:
        verb = verb.head
        yield verb


def participle_doer(verb: Token, registry: ActorRegistry) -> Token | None:
    """The people an -ing participle describes, who are its doers: "witnessing armed men looting and setting
    fire to shops" (also the verbs joined to the participle); not a thing ("passes a law allowing ...", "issues
    a statement condemning ...": the law's and the statement's makers act)."""
    while verb.dep_ == "conj" and verb.head.pos_ == "VERB" and verb.head.i != verb.i:
        verb = verb.head
    noun = verb.head
    if verb.dep_ == "acl" and verb.tag_ == "VBG" and noun.pos_ in {"NOUN", "PROPN"} and (
            noun.lemma_.lower() in _PEOPLE or registry.names_role(noun.lemma_) or noun.ent_type_ in {"PERSON", "NORP"}):
        return noun
    return None


def _participle_of(verb: Token) -> bool:
    """A participle clause whose doer is its head's subject: "Russia launches over 100 drones ..., killing ten
    civilians", "The State Department suspends ... programs, alleging that ..."; not after a report of what
    someone did ("Petro accuses the Ecuadorian military of being the perpetrator of an airstrike ..., killing
    27 people": the airstrike killed them)."""
    return verb.dep_ == "advcl" and verb.tag_ == "VBG" and lexicon().verb_stance(verb.head.lemma_) is None \
        and not names_hazard([verb.head])  # "an Air Force Il-76 aircraft crashes ..., killing all crew members"


def _recipient(verb: Token, registry: ActorRegistry, when: str | None, actor: Sequence[str] = ()) -> list[str]:
    """The first of: a "to"/dative party, a direct object, another prepositional object; down the xcomp chain.
    One that names a party other than the `actor` comes before one that names the actor alone ("agreed to a
    six-month extension of the mandate for the peacekeeping force in Lebanon (UNIFIL)": Lebanon, not the UN)."""
    only_actor: list[str] = []
    for v in _chain_down(verb):
        first: list[str] = []
        objects: list[str] = []
        other: list[str] = []
        raised = _raised_subject(v)
        for child in [*v.children, *raised]:
            if child.dep_ == "dative":
                first += _object_codes(child, registry, when, avoid=actor)
            elif child.dep_ in _OBJECTS or (child.dep_ == "nsubjpass" and not _stative(v)) or child in raised:
                objects += _object_codes(child, registry, when, avoid=actor)
            elif child.dep_ == "prep" and child.lower_ not in _NOT_RECIPIENT_PREPS \
                    and not _in_attack(child, registry, when):  # an attack whose maker is known: the actor
                found = [c for obj in child.children if obj.dep_ == "pobj"
                         for c in _object_codes(obj, registry, when, place=child.lower_ in _WHERE, avoid=actor)]
                (first if child.lower_ in _TARGET_PREPS else other).extend(found)
        for found in (first, objects, other):
            if found and not set(found) <= set(actor):
                return list(dict.fromkeys(found))
            only_actor = only_actor or found
    return list(dict.fromkeys(only_actor))


def _raised_subject(verb: Token) -> list[Token]:
    """The passive subject of the verb a passive participle completes, which is the participle's own:
    "personnel are confirmed killed by Al Shabaab", "Shagaev ... is reported to have been killed by"; and
    the subject a passive shares with the verb it is joined to ("journalists linked to Navalny are convicted")."""
    if verb.tag_ != "VBN" or any(c.dep_ in {"nsubj", "nsubjpass"} for c in verb.children):
        return []
    if verb.dep_ in {"xcomp", "oprd"}:
        return [c for c in verb.head.children if c.dep_ == "nsubjpass"]
    if verb.dep_ == "conj" and passive(verb):
        head = verb.head
        while not (found := [c for c in head.children if c.dep_ in {"nsubj", "nsubjpass"}]) and head.dep_ == "conj":
            head = head.head  # "... are convicted of extremism and sentenced to": up to the shared subject
        return found
    return []


def _chain_down(verb: Token) -> Iterator[Token]:
    yield verb
    for child in verb.children:
        if child.dep_ in _COMPLEMENTS:
            yield from _chain_down(child)


def _object_codes(head: Token, registry: ActorRegistry, when: str | None, depth: int = 2,
                  place: bool = False, avoid: Sequence[str] = ()) -> list[str]:
    """The codes an object names, or else those of the phrases it governs ("sanctions against Nigeria");
    a `place` names its country, not the government a capital stands for ("arrest 20 protesters in Moscow").
    Codes all in `avoid` (the actor's) only where the phrases it governs name no other party."""
    codes = _codes(head, registry, when, place)
    if (codes and not set(codes) <= set(avoid)) or depth == 0:
        return codes
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ not in _NOT_RECIPIENT_PREPS:
            for obj in child.children:
                deeper = _object_codes(obj, registry, when, depth - 1, avoid=avoid) if obj.dep_ == "pobj" else []
                if deeper and not set(deeper) <= set(avoid):
                    return deeper
    return codes


def _codes(head: Token, registry: ActorRegistry, when: str | None, place: bool = False) -> list[str]:
    """The codes a noun phrase names: its head with its modifiers and conjuncts, not its clauses;
    else those of a noun in apposition ("Kenzo Oshima, the United Nations Emergency Relief Coordinator")."""
    appos = [c for c in head.children if c.dep_ == "appos"]
    if appos and _place_and_country(head, appos[0], registry, when):  # "Tripoli, Lebanon": a city and its
        text = f"{head.text}, {appos[0].text}"  # country, read together (not Libya's capital)
        hit = registry.resolve(text, when)
        if hit and hit.kind == "country":
            return hit.code.split("+")
    if appos and appos[0].left_edge.i == head.i + 1:  # one name the parser split: "Kata'ib | Hezbollah ... commander"
        tokens = sorted({*_name_tokens(head), *_name_tokens(appos[0])}, key=lambda t: t.i)
        hit = registry.resolve(_phrase_text(tokens), when)
        if hit:
            return hit.code.split("+")
    for candidate in (head, *appos):
        tokens = sorted(_name_tokens(candidate), key=lambda t: t.i)
        text = _phrase_text(tokens)
        hit = registry.resolve(text, when)
        if hit and place and hit.kind == "metonym" and hit.country:
            return [hit.country]  # "an oil depot in Moscow": Russia, not its government
        if hit:
            return hit.code.split("+")
    conjuncts = [head, *(c for c in head.children if c.dep_ == "conj")]
    if len(conjuncts) > 1:  # "the Sudanese government and SPLM/A": the conjuncts the registry knows
        codes = []
        for conjunct in conjuncts:
            tokens = sorted(_name_tokens(conjunct, conjuncts=False), key=lambda t: t.i)
            hit = registry.resolve(_phrase_text(tokens), when)
            codes += hit.code.split("+") if hit else []
        return list(dict.fromkeys(codes))
    return []


def _place_and_country(head: Token, appos: Token, registry: ActorRegistry, when: str | None) -> bool:
    """A one-word place followed by a one-word country: "Tripoli, Lebanon", "Bandra, India"; not a person
    ("Maduro, Venezuela's president"), a building ("the U.S. Consulate in Nuuk, Greenland") or a list
    ("Burkina Faso, Mali, and Niger")."""
    if head.ent_type_ not in {"GPE", "LOC"} or appos.ent_type_ not in {"GPE", "LOC"}:
        return False
    if any(c.dep_ in {"conj", "cc", "compound"} for c in (*head.children, *appos.children)):
        return False
    own = registry.resolve(head.text, when)
    return own is None or own.kind == "metonym"


def _phrase_text(tokens: list[Token]) -> str:
    """The words of a name as written, with the hyphens and apostrophes between them that the name's own
    tokens leave out ("Al-Shabaab": "Al" and "Shabaab" with a "-" hung on the head)."""
    doc = tokens[0].doc
    chosen = {t.i for t in tokens}
    out = []
    for t in doc[tokens[0].i:tokens[-1].i + 1]:
        if t.i in chosen or (t.is_punct and t.text in "-–'’" and not t.whitespace_ and t.i > tokens[0].i):
            out.append(t.text_with_ws)
    return "".join(out).strip()


def _name_tokens(head: Token, conjuncts: bool = True) -> Iterator[Token]:
    yield head
    for child in head.children:
        if child.dep_ in {"conj", "cc"}:
            if conjuncts:
                yield from _name_tokens(child)
        elif child.dep_ == "prep" and child.lower_ in _NAME_PREPS:
            yield child
            for obj in child.children:
                if obj.dep_ == "pobj":
                    yield from _name_tokens(obj)
        elif child.dep_ not in _NOT_NAME or (child.dep_ == "punct" and child.i < head.i and child.text in "'’"):
            yield from child.subtree

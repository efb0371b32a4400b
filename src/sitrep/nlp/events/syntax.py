"""Parse helpers the event rule families share: lemmas, voice, subjects, pronoun antecedents
and the extent of noun phrases."""

from __future__ import annotations

from spacy.tokens import Token

# Pronouns that refer back to a party, by grammatical number ("they" may stand for a state or a
# group named in the singular, so it agrees with anything).
_ANAPHORS = {
    "it": "singular",
    "its": "singular",
    "he": "singular",
    "she": "singular",
    "his": "singular",
    "her": "singular",
    "they": "any",
    "their": "any",
    "them": "any",
}
NP_RIGHT = frozenset({"compound", "nummod", "amod", "appos", "poss", "case", "flat", "nmod"})


def lemma_of(token: Token) -> str:
    return token.lemma_.lower()


def is_verbal(token: Token) -> bool:
    return token.pos_ == "VERB" or (token.tag_.startswith("VB") and token.pos_ != "AUX")


def is_passive(token: Token) -> bool:
    if any(c.dep_ in ("auxpass", "nsubjpass") for c in token.children):
        return True
    # A bare past participle modifying a noun or a clause is passive ("soldiers captured by").
    return (
        token.tag_ == "VBN"
        and token.dep_ in ("acl", "advcl")
        and not any(c.dep_ == "aux" for c in token.children)
    )


def pobj(prep: Token) -> Token | None:
    return next((c for c in prep.children if c.dep_ in ("pobj", "pcomp")), None)


def inherited_subject(token: Token, depth: int = 0) -> Token | None:
    """The subject a verb shares with the clause it hangs from: conjoined verbs, controlled
    infinitives ("agreed to withdraw", object control in "urged Israel to withdraw"),
    participial adjuncts, relative clauses and participles modifying a noun ("a statement
    CONDEMNING" takes the subject of whoever issued the statement)."""
    if depth > 4 or token.head == token:
        return None
    head = token.head
    dep = token.dep_
    if dep in ("relcl", "acl"):
        if (
            dep == "acl"
            and head.dep_ == "dobj"
            and not head.ent_type_
            and head.pos_ == "NOUN"
            and token.tag_ == "VBG"
        ):
            return subject_of(head.head, depth + 1) or head
        return head
    if dep == "xcomp":
        obj = next((c for c in head.children if c.dep_ == "dobj"), None)
        return obj or subject_of(head, depth + 1)
    if dep == "advcl" and token.tag_ == "VBN" and (noun := _set_off_after(token)) is not None:
        # "the clip, RELEASED on Sunday, shows ...": a participle between commas after a noun
        # modifies that noun, though the parser hangs it on the main verb.
        return noun
    if dep in ("conj", "advcl", "acomp"):
        return subject_of(head, depth + 1)
    return None


def _set_off_after(token: Token) -> Token | None:
    """The noun right before the comma that opens the token's phrase, if there is one."""
    start = token.left_edge.i
    doc = token.doc
    if start >= 2 and doc[start - 1].text == "," and doc[start - 2].pos_ in ("NOUN", "PROPN"):
        return doc[start - 2]
    return None


def subject_of(token: Token, depth: int) -> Token | None:
    for child in token.children:
        if child.dep_ in ("nsubj", "nsubjpass", "csubj"):
            if child.tag_ in ("WDT", "WP") and token.dep_ == "relcl":
                return token.head
            return child
    if token.pos_ in ("ADJ", "AUX") or token.dep_ in (
        "xcomp",
        "conj",
        "advcl",
        "acomp",
        "relcl",
        "acl",
    ):
        return inherited_subject(token, depth)
    return None


def antecedent(token: Token) -> Token:
    """A relative or personal pronoun stands for the nearest subject above it in the
    sentence that agrees in number ("Syria says IT will withdraw", "the militants captured
    them as THEY battled")."""
    if token.tag_ in ("WDT", "WP"):
        clause = token.head
        return clause.head if clause.dep_ == "relcl" else token
    number = _ANAPHORS.get(token.lower_)
    if number is None:
        return token
    for ancestor in token.ancestors:
        for child in ancestor.children:
            subject = child.dep_ in ("nsubj", "nsubjpass") and child != token and child.i < token.i
            if (
                subject
                and child.pos_ != "PRON"
                and (number == "any" or _plural(child) == (number == "plural"))
            ):
                return child
    return token


def _plural(token: Token) -> bool:
    return token.tag_ in ("NNS", "NNPS") or any(c.dep_ == "conj" for c in token.children)


def np_head_range(token: Token) -> tuple[int, int]:
    """Characters from the phrase's first word to its head: premodifiers and the noun."""
    return token.left_edge.idx, token.idx + len(token.text)


def np_range(token: Token) -> tuple[int, int]:
    """The noun phrase without relative clauses or other attachments after its head, except
    "of" phrases and appositions ("fighters of the Islamic State")."""
    end = token
    for child in token.rights:
        if child.dep_ in NP_RIGHT or (child.dep_ == "prep" and lemma_of(child) == "of"):
            end = child.right_edge
        elif child.dep_ != "punct":
            break
    while end.i > token.i and end.is_punct:
        end = end.nbor(-1)
    start = token.left_edge
    while start.i < token.i and start.is_punct:
        start = start.nbor(1)
    return start.idx, end.idx + len(end.text)


def tree_depth(token: Token) -> int:
    return sum(1 for _ in token.ancestors)

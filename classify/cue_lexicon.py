"""The cue phrases (Dutch and English) that ``classify.cues`` matches; data only.

Every phrase is matched case-insensitively on token text in every message, whatever its
language: chat is full of code switching ("thanks!" under a Dutch answer).
"""

from __future__ import annotations

# Finite verbs that open a yes/no question when followed by a subject ("Heeft iemand", "Does anyone").
QUESTION_VERBS_NL = (
    "heeft hebben heb weet weten kan kun kunnen kent kennen is zijn ben mag mogen moet moeten wil willen "
    "zou zouden gaat gaan werkt werken doet doen zit staat hoort klopt snapt gebruikt gebruiken "
    "ken wist had hadden was waren kon konden vind vindt denk denkt snap begrijp heeft hoef hoeft"
).split()
QUESTION_VERBS_EN = (
    "do does did is are was were can could would should will has have had may might shall "
    # chat spellings: "r u from ny", "wanna chat", "ya know", "got any"
    "r wanna ya got dont doesnt didnt isnt arent cant wont"
).split()
SUBJECTS = (
    "iemand jij je u ik we wij jullie er het dit dat hij zij ze men iedereen mensen "
    "anyone anybody someone somebody you i we they it there this that he she everyone people "
    "u ya any1 ne1 some1 yall y'all ppl ur"
).split()
WH_WORDS = (
    "wat wie waar wanneer hoe waarom welke welk hoeveel waarmee waarvoor hoelang "
    "who what where when how why which whom whose whats whos wheres hows whys wat wut"
).split()

REQUEST_PHRASES = [
    "kan iemand", "kun je", "kunnen jullie", "wil iemand", "graag hulp", "hulp nodig", "iemand ervaring met",
    "ervaring met", "heeft iemand", "weet iemand", "iemand een idee", "is er een manier", "ik zoek", "op zoek naar",
    "ik vroeg me af", "vraagje", "vraag", "does anyone", "anyone know", "anybody know", "is there a way",
    "can someone", "could someone", "can anyone", "could anyone", "any idea", "any ideas", "any tips",
    "i'm looking for", "looking for", "i was wondering", "wondering if", "need help", "help needed", "quick question",
]
GRATITUDE_PHRASES = [
    "bedankt", "dank je", "dank jullie", "dankjewel", "dankje", "dank u", "dankuwel", "thanks", "thank you",
    "thx", "ty", "tnx", "merci", "top", "super", "helemaal goed", "cheers", "much appreciated", "perfect",
]
GREETING_PHRASES = [
    "goedemorgen", "goedemiddag", "goedenavond", "morgen", "hoi", "hallo", "hey", "hi", "fijn weekend",
    "goed weekend", "good morning", "morning", "hello", "have a nice weekend", "happy friday", "tot morgen",
]
CONGRATS_PHRASES = [
    "gefeliciteerd", "proficiat", "felicitaties", "hoera", "welkom", "van harte", "congrats",
    "congratulations", "welcome", "well done", "goed gedaan", "happy birthday", "lekker bezig",
]
# "Me too" replies under a question add a voice, not an answer: they sit where answers sit.
ME_TOO_PHRASES = [
    "+1", "ik ook", "ik heb hetzelfde", "heb ik ook", "hier ook", "bij mij ook", "ook bij mij", "zelfde hier",
    "zelfde probleem", "zelfde vraag", "hetzelfde probleem", "idem", "ook benieuwd", "ben ook benieuwd", "benieuwd",
    "volg ik", "ik volg", "volgend", "zou ik ook willen weten", "herkenbaar", "me too", "me as well", "same here",
    "same for me", "same issue", "same problem", "same question", "likewise", "ditto", "following", "subscribing",
    "watching", "also interested", "interested too", "also curious", "same boat", "seeing this too",
]
# Replies that only echo a question: the me-too phrases and a few that praise or follow it. Answer
# linking gives a reply that opens with one no answer candidacy (``classify.answer_decision``).
ECHO_PHRASES = ME_TOO_PHRASES + [
    "ik ook benieuwd", "goede vraag", "volg deze", "dezelfde melding", "hetzelfde hier", "good question",
    "following this", "watching this", "same error",
]
# Social invitations are phrased as questions but ask nobody for knowledge. The phrases invite;
# the leisure words only name what people do together ("Mag ik een lunch declareren?" is a question).
INVITATION_PHRASES = [
    "wie gaat er mee", "wie doet er mee", "wie wandelt er mee", "wie komt er", "gaat er iemand mee",
    "iemand zin in", "wie heeft er zin", "wie heeft zin", "doe je mee", "doen jullie mee", "doet er iemand mee",
    "wie gaan er mee", "zullen we", "gaan we", "wie lust er", "anyone up for", "who's joining", "who is joining",
    "anyone joining", "who's in", "who wants to join", "up for lunch", "fancy a", "shall we", "who's up for",
    "who is up for", "want to join", "wanna join",
]
LEISURE_WORDS = [
    "lunchen", "lunch", "borrel", "borrelen", "taart", "gebak", "koffie halen", "wandeling", "wandelen",
    "drinks", "cake", "coffee run", "biertje", "pizza", "pub quiz", "pubquiz", "teamuitje", "uitje",
    "hardlopen", "voetbal", "tafeltennis", "run", "walk", "quiz", "beer", "party", "feestje",
]
EXPLANATION_PHRASES = [
    "eerst", "daarna", "vervolgens", "tot slot", "tip", "in mijn ervaring", "bij ons", "wat werkte", "wat bij mij werkte",
    "je kunt", "je kan", "je moet", "ga naar", "klik op", "via", "dat komt", "dat kan", "probeer",
    "first", "then", "after that", "finally", "what worked", "in my experience", "you can", "you need to",
    "you have to", "go to", "click", "try", "the trick is", "we use", "we do",
]

# A conversation that opens by reporting a problem asks for help without asking ("X werkt niet
# meer sinds de update", "Foutmelding bij installatie"). Regular expressions, matched
# case-insensitively on the opening post only; chosen on the Dutch issue threads' dev half.
PROBLEM_REPORT_PATTERNS = [
    r"werk(t|en) (\w+ ){0,3}niet", r"niet (meer )?(werk|goed|bijgewerkt|verzonden)", r"foutmelding", r"\bfout\b",
    r"\berror\b", r"lukt (\w+ )?niet", r"krijg (\w+ ){0,3}(geen|fout|error|melding)", r"geen data", r"kapot",
    r"probleem", r"kan (\w+ ){0,2}niet (vinden|openen|inloggen)", r"doesn'?t work", r"not working",
    r"isn'?t working", r"stopped working", r"\bfails?\b", r"\bbroken\b", r"can'?t (get|find|seem)", r"crash",
]

# Answer linking's signals (classify.answer_decision, classify.status), also read by the tacit score:
# the asker's thanks, "found it myself", and check-mark reactions.
THANKS_PHRASES = (
    "bedankt", "dank je", "dank u", "dankjewel", "dankuwel", "dank!", "thanks", "thank you", "thx", "tnx",
    "dat werkt", "werkt!", "got it", "opgelost", "solved", "top, dank", "super, dank",
)
SELF_RESOLVED_PHRASES = (
    "laat maar", "gevonden", "al gevonden", "zelf gevonden", "opgelost", "never mind", "nevermind", "nvm",
    "found it", "figured it out", "solved it", "het is me gelukt", "is gelukt",
)
CHECKMARK_REACTIONS = (
    "white_check_mark", "heavy_check_mark", "ballot_box_with_check", "\u2705", "\u2714", "\u2714\ufe0f",
    "\u2611", "\u2611\ufe0f", "checkmark", "check", "heavy_check_mark_green",
)

"""Generic Dutch and English texts that belong to no subject: thanks, +1s, social posts, bots.

``{who}`` marks an @mention and ``{link}`` a hyperlink; :func:`demo.content.filled_parts` turns
them into message parts.
"""

from __future__ import annotations

OPENERS = {
    "nl": ("", "", "", "Hoi allemaal, ", "Vraagje: ", "Goedemorgen! ", "Hallo, ", "Even een vraag: "),
    "en": ("", "", "", "Hi all, ", "Quick question: ", "Morning! ", "Hey, "),
}
CLOSERS = {
    "nl": ("", "", "", " Alvast bedankt!", " Dank je!", " Thanks!"),
    "en": ("", "", "", " Thanks in advance!", " Cheers", " Thanks!"),
}
THANKS = {
    "nl": ("Bedankt, dat werkt!", "Top, dank je wel!", "Gelukt, bedankt!", "Super, dat was het!",
           "Dank, opgelost.", "Thanks, dat werkt!"),
    "en": ("Thanks, that worked!", "Perfect, thank you!", "Got it, thanks!", "That did the trick, cheers.",
           "Sorted, thanks a lot!"),
}
ME_TOO = {
    "nl": ("+1, zelfde probleem", "Heb ik ook", "Zelfde hier", "Ik volg deze ook", "Ook benieuwd!",
           "+1"),
    "en": ("following", "+1, same problem here", "Same here", "Also interested", "+1"),
}
BUMPS = {
    "nl": ("iemand?", "Nog iemand een idee?", "Niemand? 😅", "Kleine bump", "Weet echt niemand dit?"),
    "en": ("anyone?", "Bump", "Still looking for an answer on this", "Anyone? 🙏"),
}
LINK_ANSWERS = {
    "nl": ("Kijk even op {link}, daar staat het stap voor stap.", "Zie {link}", "Dit staat beschreven op "
           "{link}", "Hier staat het: {link}"),
    "en": ("Check {link}, it's explained step by step there.", "See {link}", "It's documented here: {link}",
           "Here you go: {link}"),
}
ANSWER_OPENERS = {
    "nl": ("", "", "", "Hoi {who}, ", "{who} "),
    "en": ("", "", "", "Hi {who}, ", "{who} "),
}
FLAT_OPENERS = {
    "nl": ("{who} ", "{who} ", "{who} ", "@{name} ", ""),
    "en": ("{who} ", "{who} ", "{who} ", "@{name} ", ""),
}
LINK_SHARES = {
    "nl": ("Ter info: {link}", "Handig voor iedereen: {link}", "Nieuw op het intranet: {link}", "FYI {link}",
           "Misschien handig voor jullie: {link}"),
    "en": ("FYI: {link}", "Useful read: {link}", "New on the intranet: {link}", "Sharing this in case it "
           "helps: {link}"),
}
GENERAL_LINKS = (
    ("nieuws/wijkvernieuwing-noord", "Start wijkvernieuwing Waterland-Noord"),
    ("nieuws/personeelsfeest", "Personeelsfeest 12 december"),
    ("organisatie/jaarplan-2027", "Jaarplan 2027"),
    ("nieuws/duurzaam-stadskantoor", "Stadskantoor krijgt zonnepanelen"),
)
SOCIAL_POSTS = {
    "nl": ("Goedemorgen allemaal!", "Er staat taart in de keuken op de tweede verdieping 🎂",
           "Wie gaat er mee lunchen?", "Fijn weekend allemaal!", "Gefeliciteerd {who} met je 10-jarig "
           "jubileum! 🎉", "Dank je wel {who} voor je hulp vandaag!", "Welkom {who}! Fijn dat je er bent.",
           "Wie doet er mee met de Waterland-loop in oktober?", "Lekker weertje vandaag, wie wandelt er mee in "
           "de pauze?"),
    "en": ("Good morning everyone!", "Cake in the kitchen on the second floor! 🎂", "Anyone up for lunch?",
           "Have a great weekend all!", "Congrats {who} on the new role! 🎉", "Big thanks to {who} for "
           "helping out today!", "Welcome {who}, great to have you on board!", "Who's joining the Waterland "
           "run in October?"),
}
SOCIAL_REPLIES = {
    "nl": ("Gefeliciteerd!", "Ik kom eraan!", "Lekker!", "Jij ook!", "🎉", "Goedemorgen!", "Ik doe mee",
           "Welkom!"),
    "en": ("Congrats!", "On my way!", "Nice!", "You too!", "🎉", "Morning!", "Count me in", "Welcome!"),
}
STATUS_POSTS = {
    "nl": ("Ik ben vandaag vanaf 14:00 afwezig.", "Ik werk vandaag thuis, bereikbaar via Teams.",
           "Reminder: teamoverleg om 10:00 in de Waterkamer.", "De notulen van het overleg staan op "
           "SharePoint.", "Ik ben de rest van de week met verlof, voor dringende zaken {who}."),
    "en": ("I'm out from 14:00 today.", "Working from home today, reachable on Teams.", "Reminder: team "
           "meeting at 10:00 in the Waterkamer.", "The meeting notes are on SharePoint.", "I'm on leave for "
           "the rest of the week, for urgent matters contact {who}."),
}
ACK_REPLIES = {
    "nl": ("Dank voor de info", "Helder, dank je", "Goed om te weten!", "Top"),
    "en": ("Thanks for the heads-up", "Noted, thanks", "Good to know!", "Great"),
}
HELPDESK_BOT = {
    "nl": ("Nieuw ticket INC{n}: melding is aangemaakt en toegewezen aan de servicedesk.",
           "Ticket INC{n} is opgelost. Beoordeel onze service via het selfserviceportaal.",
           "Storing: de servicedesk onderzoekt meldingen over {topic}. Ticket INC{n}."),
    "en": ("New ticket INC{n}: incident created and assigned to the service desk.",
           "Ticket INC{n} has been resolved. Please rate our service in the self-service portal.",
           "Incident: the service desk is investigating reports about {topic}. Ticket INC{n}."),
}
BUILD_BOT = {
    "nl": ("Build #{n} van waterland-portaal is geslaagd op main.", "Deployment naar acceptatie voltooid "
           "(versie 2.{n}).", "Herinnering: vul je stand-up update in vóór 09:30."),
    "en": ("Build #{n} of waterland-portaal succeeded on main.", "Build #{n} failed on main: 3 tests "
           "failing.", "Reminder: post your stand-up update before 09:30."),
}
FILES = (
    ("screenshot.png", "image/png"), ("foutmelding.png", "image/png"), ("declaratieformulier.pdf",
    "application/pdf"), ("rooster-november.xlsx", "application/vnd.openxmlformats-officedocument."
    "spreadsheetml.sheet"), ("notulen-overleg.docx", "application/vnd.openxmlformats-officedocument."
    "wordprocessingml.document"), ("plattegrond.pdf", "application/pdf"),
)
FILE_NOTES = {
    "nl": (" Zie screenshot.", " Foutmelding in de bijlage.", ""),
    "en": (" See screenshot.", " Error message attached.", ""),
}

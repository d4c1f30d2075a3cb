"""Two more question families per subject, merged into the subjects by :mod:`demo.content`."""

from __future__ import annotations

from kennismaker.demo.model import Family

MORE_FAMILIES: dict[str, tuple[Family, ...]] = {
    "vpn-toegang": (
        Family("vpn-buitenland",
               nl=("Werkt de VPN ook als ik in het buitenland ben?", "Mag ik vanuit mijn vakantieadres in Spanje "
                   "inloggen op de VPN?", "Weet iemand of GlobalProtect geblokkeerd is buiten Europa"),
               en=("Does the VPN work when I'm abroad?", "Can I log in to the VPN from outside the EU?"),
               answer_nl="Binnen de EU werkt de VPN gewoon. Daarbuiten is GlobalProtect geblokkeerd; vraag vooraf "
               "een uitzondering aan bij de servicedesk met de landen en data.",
               answer_en="Inside the EU the VPN just works. Outside it GlobalProtect is blocked; request an "
               "exception from the service desk in advance with the countries and dates.",
               link=("it/vpn/buitenland", "VPN gebruiken in het buitenland")),
        Family("vpn-traag",
               nl=("De VPN is vandaag extreem traag, ligt dat aan mij?", "Heeft iemand ook een trage VPN-verbinding "
                   "bij het openen van de netwerkschijf?", "Waarom is alles zo traag via de VPN"),
               en=("The VPN is extremely slow today, is it just me?", "Why is everything so slow over the VPN"),
               answer_nl="Teams en OneDrive gaan buiten de VPN om, dus zet de VPN alleen aan voor de netwerkschijven. "
               "Is het dan nog traag, test je thuisverbinding op snelheid.waterland.example.",
               answer_en="Teams and OneDrive bypass the VPN, so only turn it on for the network drives. If it's "
               "still slow, test your home connection at snelheid.waterland.example.",
               link=("it/vpn/prestaties", "Snelheid van de VPN")),
    ),
    "laptop-hardware": (
        Family("laptop-vergeten",
               nl=("Ik heb mijn laptop thuis laten liggen, kan ik een leenlaptop krijgen?", "Weet iemand waar je "
                   "een reservelaptop kunt lenen voor een dag?", "Is er een leenlaptop beschikbaar bij de "
                   "servicedesk"),
               en=("I left my laptop at home, can I borrow a spare one?", "Where can you borrow a loan laptop for "
                   "a day?"),
               answer_nl="De servicedesk op de begane grond heeft leenlaptops voor een dag. Neem je pas mee; je "
               "logt in met je eigen account en je bestanden staan in OneDrive.",
               answer_en="The service desk on the ground floor has loan laptops for a day. Bring your badge; you "
               "sign in with your own account and your files are in OneDrive.",
               link=("it/hardware/leenlaptop", "Leenlaptops")),
        Family("webcam-werkt-niet",
               nl=("Mijn webcam doet het niet meer in Teams, iemand een tip?", "Heeft iemand ook een zwart beeld van "
                   "de camera na de laatste update?", "Camera van mijn laptop wordt niet herkend"),
               en=("My webcam stopped working in Teams, any tips?", "Camera shows a black screen since the last "
                   "update"),
               answer_nl="Controleer het schuifje van de privacyklep boven het scherm en de camera-instelling in "
               "Windows Privacy. Helpt dat niet, installeer dan de cameradriver opnieuw via het Software Center.",
               answer_en="Check the privacy shutter above the screen and the camera setting in Windows Privacy. If "
               "that doesn't help, reinstall the camera driver from Software Center.",
               link=("it/hardware/camera", "Camera en microfoon in Teams")),
    ),
    "phishing-security": (
        Family("sms-phishing",
               nl=("Ik krijg sms'jes die van de gemeente lijken te komen, is dat phishing?", "Weet iemand of je "
                   "smishing ook moet melden?", "Verdachte WhatsApp van iemand die zegt de directeur te zijn"),
               en=("I'm getting text messages that look like they're from the council, is that phishing?", "Should "
                   "you report smishing too?"),
               answer_nl="Ja, melden! Maak een screenshot en stuur die naar security@waterland.example. De directie "
               "vraagt nooit via WhatsApp om cadeaukaarten of betalingen.",
               answer_en="Yes, report it! Take a screenshot and send it to security@waterland.example. The "
               "directors never ask for gift cards or payments on WhatsApp.",
               link=("it/security/smishing", "Phishing via sms en WhatsApp")),
        Family("mfa-melding-onverwacht",
               nl=("Ik krijg MFA-meldingen terwijl ik niet aan het inloggen ben, wat moet ik doen?",
                   "Heeft iemand ook ineens Authenticator-verzoeken gekregen die je niet zelf deed?",
                   "Onverwachte inlogmelding op mijn telefoon"),
               en=("I'm getting MFA prompts while I'm not signing in, what should I do?", "Unexpected sign-in "
                   "request on my phone"),
               answer_nl="Nooit goedkeuren! Kies 'Nee, ik ben dit niet' en wijzig meteen je wachtwoord. Iemand "
               "kent dan waarschijnlijk je wachtwoord; het securityteam krijgt automatisch een melding.",
               answer_en="Never approve it! Choose 'No, it's not me' and change your password right away. Someone "
               "probably knows your password; the security team is alerted automatically.",
               link=("it/security/mfa-vermoeidheid", "Onverwachte MFA-verzoeken")),
    ),
    "teams-migratie": (
        Family("vergadering-opnemen",
               nl=("Hoe neem ik een Teams-vergadering op?", "Weet iemand waar opnames van Teams-vergaderingen worden "
                   "opgeslagen?", "Mag je een overleg in Teams opnemen zonder toestemming"),
               en=("How do I record a Teams meeting?", "Where are Teams meeting recordings stored?"),
               answer_nl="Kies in de vergadering '...' > 'Opnemen en transcriberen'. Meld het vooraf aan de "
               "deelnemers; de opname komt in OneDrive van de organisator en wordt na 60 dagen verwijderd.",
               answer_en="In the meeting choose '...' > 'Record and transcribe'. Tell participants beforehand; the "
               "recording goes to the organiser's OneDrive and is deleted after 60 days.",
               link=("m365/teams/opnemen", "Vergaderingen opnemen in Teams")),
        Family("gedeelde-mailbox",
               nl=("Hoe open ik de gedeelde mailbox van ons team in de nieuwe Outlook?", "Weet iemand waarom de "
                   "gedeelde mailbox verdwenen is na de migratie?", "Gedeelde agenda niet meer zichtbaar sinds de "
                   "overstap"),
               en=("How do I open our team's shared mailbox in the new Outlook?", "Shared mailbox disappeared "
                   "after the migration"),
               answer_nl="In de nieuwe Outlook klik je met rechts op 'Mappen' > 'Gedeelde map toevoegen' en typ je "
               "het adres van de mailbox. Zie je hem niet, dan mist je toegang: vraag het aan via de servicedesk.",
               answer_en="In the new Outlook right-click 'Folders' > 'Add shared folder' and type the mailbox "
               "address. If you can't see it, you lack access: request it from the service desk.",
               link=("m365/outlook/gedeelde-mailbox", "Gedeelde mailboxen in de nieuwe Outlook")),
    ),
    "declaraties": (
        Family("cursus-declareren",
               nl=("Kan ik een cursus of opleiding declareren?", "Weet iemand hoe je opleidingskosten vergoed "
                   "krijgt?", "Wordt een congres betaald uit het opleidingsbudget"),
               en=("Can I claim the cost of a course or training?", "How do you get training costs reimbursed?"),
               answer_nl="Opleidingen gaan niet via een declaratie maar via een opleidingsaanvraag in AFAS; na "
               "akkoord betaalt de gemeente de factuur rechtstreeks.",
               answer_en="Training isn't claimed as an expense but requested through a training request in AFAS; "
               "once approved the council pays the invoice directly.",
               link=("financien/declaraties/opleidingen", "Opleidingskosten")),
        Family("lunch-met-externen",
               nl=("Mag ik een lunch met een externe partij declareren?", "Weet iemand wat de regels zijn voor "
                   "representatiekosten?", "Kan ik de taart voor het afscheid van een collega declareren"),
               en=("Can I claim a lunch with an external party?", "What are the rules for hospitality expenses?"),
               answer_nl="Representatiekosten declareer je alleen met akkoord van je budgethouder en met de namen "
               "van de gasten op de declaratie. Voor afscheid en jubilea is er een vast bedrag per team.",
               answer_en="Hospitality costs can only be claimed with your budget holder's approval and the guests' "
               "names on the claim. Farewells and anniversaries have a fixed amount per team.",
               link=("financien/declaraties/representatie", "Representatiekosten")),
    ),
    "onboarding": (
        Family("laptop-eerste-dag",
               nl=("Mijn nieuwe collega heeft op de eerste dag nog geen laptop, wat nu?", "Weet iemand waar nieuwe "
                   "medewerkers hun laptop ophalen?", "Hoe krijgt een nieuwe collega zijn eerste wachtwoord"),
               en=("My new colleague has no laptop on day one, what now?", "Where do new starters pick up their "
                   "laptop?"),
               answer_nl="Nieuwe medewerkers halen hun laptop op bij de servicedesk; het tijdelijke wachtwoord "
               "krijgt de leidinggevende per sms. Is de laptop er niet, dan ligt er een leenlaptop klaar.",
               answer_en="New starters pick up their laptop at the service desk; the manager gets the temporary "
               "password by text message. If the laptop isn't ready, a loan laptop is available.",
               link=("hr/onboarding/eerste-dag-ict", "ICT op je eerste werkdag")),
        Family("proeftijd",
               nl=("Hoe lang is de proeftijd bij een tijdelijk contract?", "Weet iemand of er een gesprek is aan "
                   "het eind van de proeftijd?", "Heb ik proeftijd bij een contract voor onbepaalde tijd"),
               en=("How long is the probation period on a fixed-term contract?", "Is there a review at the end of "
                   "probation?"),
               answer_nl="Bij een contract tot twee jaar is de proeftijd een maand, bij onbepaalde tijd twee "
               "maanden. Je leidinggevende plant voor het einde een evaluatiegesprek.",
               answer_en="Probation is one month for contracts up to two years and two months for permanent ones. "
               "Your manager schedules a review before it ends.",
               link=("hr/onboarding/proeftijd", "Proeftijd en evaluatie")),
    ),
    "verlof": (
        Family("ziekmelden",
               nl=("Hoe meld ik me ziek als ik thuiswerk?", "Weet iemand of je je ook in AFAS moet ziekmelden?",
                   "Bij wie meld ik me beter na ziekte"),
               en=("How do I call in sick when I work from home?", "Do you also need to report sick in AFAS?"),
               answer_nl="Ziekmelden doe je voor 9:00 telefonisch bij je leidinggevende; die registreert het in "
               "AFAS. Beter melden doe je zelf in AFAS onder 'Verzuim'.",
               answer_en="Call your manager before 9:00 to report sick; they register it in AFAS. You report "
               "yourself fit again in AFAS under 'Absence'.",
               link=("hr/verlof/ziekmelden", "Ziek- en betermelden")),
        Family("ouderschapsverlof",
               nl=("Hoe vraag ik ouderschapsverlof aan?", "Weet iemand of betaald ouderschapsverlof ook in delen "
                   "kan?", "Hoeveel ouderschapsverlof wordt doorbetaald"),
               en=("How do I apply for parental leave?", "Can paid parental leave be taken in parts?"),
               answer_nl="Ouderschapsverlof vraag je minstens twee maanden vooraf aan in AFAS. De eerste negen weken "
               "worden voor 70% doorbetaald en je mag ze verspreiden over het eerste levensjaar.",
               answer_en="Apply for parental leave in AFAS at least two months ahead. The first nine weeks are "
               "paid at 70% and you can spread them over the child's first year.",
               link=("hr/verlof/ouderschapsverlof", "Ouderschapsverlof")),
    ),
    "salaris-cao": (
        Family("reiskostenvergoeding-woon-werk",
               nl=("Hoe hoog is de reiskostenvergoeding voor woon-werkverkeer?", "Weet iemand of de vergoeding "
                   "voor woon-werk omhoog gaat in de nieuwe cao?", "Krijg ik reiskosten als ik met de fiets kom"),
               en=("How much is the commuting allowance?", "Does the commuting allowance go up in the new "
                   "agreement?"),
               answer_nl="De woon-werkvergoeding is € 0,16 per kilometer voor de dagen dat je op kantoor bent, ook "
               "met de fiets. Je registreert je kantoordagen in AFAS.",
               answer_en="The commuting allowance is € 0.16 per kilometre for office days, by bike too. You "
               "register your office days in AFAS.",
               link=("hr/salaris/woon-werk", "Reiskosten woon-werkverkeer")),
        Family("salaris-verkeerd",
               nl=("Er klopt iets niet aan mijn salaris deze maand, bij wie moet ik zijn?", "Weet iemand waarom mijn "
                   "netto salaris lager is dan vorige maand?", "Mijn overuren zijn niet uitbetaald"),
               en=("Something's wrong with my salary this month, who should I contact?", "Why is my net pay lower "
                   "than last month?"),
               answer_nl="Stuur een melding aan het HR-servicecentrum via AFAS met je loonstrook erbij. Een lager "
               "netto komt vaak door de IKB-keuze of een inhouding voor het pensioen.",
               answer_en="Send a ticket to the HR service centre in AFAS with your payslip attached. A lower net "
               "amount is often caused by your IKB choice or a pension deduction.",
               link=("hr/salaris/vragen", "Vragen over je salaris")),
    ),
    "facilitair-kantoor": (
        Family("fiets-stallen",
               nl=("Waar kan ik mijn fiets stallen bij het stadskantoor?", "Weet iemand of de fietsenkelder 's "
                   "avonds dicht gaat?", "Is er een oplaadpunt voor e-bikes"),
               en=("Where can I park my bike at the city office?", "Does the bike basement close in the evening?"),
               answer_nl="De fietsenkelder is open van 7:00 tot 20:00 en gaat open met je toegangspas. Bij de ingang "
               "zijn twintig oplaadpunten voor e-bikes.",
               answer_en="The bike basement is open from 7:00 to 20:00 and opens with your access badge. There "
               "are twenty e-bike charging points by the entrance.",
               link=("facilitair/fietsen", "Fietsenstalling")),
        Family("gevonden-voorwerpen",
               nl=("Ik ben mijn oplader kwijt in vergaderzaal 3, is er een plek voor gevonden voorwerpen?",
                   "Weet iemand waar gevonden spullen naartoe gaan?", "Iemand een blauwe jas gevonden op de vierde"),
               en=("I lost my charger in meeting room 3, is there a lost and found?", "Where do found items end "
                   "up?"),
               answer_nl="Gevonden voorwerpen gaan naar de receptie in de centrale hal en worden daar een maand "
               "bewaard.",
               answer_en="Found items go to reception in the main hall and are kept there for a month.",
               link=("facilitair/gevonden-voorwerpen", "Gevonden voorwerpen")),
    ),
    "power-bi-dashboards": (
        Family("export-naar-excel",
               nl=("Kan ik de gegevens uit een Power BI-dashboard exporteren naar Excel?", "Weet iemand waarom "
                   "exporteren naar Excel uitgeschakeld is?", "Hoe krijg ik de onderliggende data van een visual"),
               en=("Can I export data from a Power BI dashboard to Excel?", "Why is export to Excel disabled?"),
               answer_nl="Exporteren kan via '...' > 'Gegevens exporteren' op een visual, tot 150.000 rijen. Bij "
               "rapporten met persoonsgegevens heeft de data-eigenaar export bewust uitgezet.",
               answer_en="Use '...' > 'Export data' on a visual, up to 150,000 rows. For reports with personal "
               "data the data owner switched export off on purpose.",
               link=("data/powerbi/exporteren", "Exporteren uit Power BI")),
        Family("rls-rollen",
               nl=("Hoe stel ik in dat teamleiders alleen hun eigen afdeling zien in Power BI?", "Weet iemand hoe "
                   "beveiliging op rijniveau werkt?", "Kan ik rollen testen in de Power BI-service"),
               en=("How do I make team leads see only their own department in Power BI?", "How does row-level "
                   "security work?"),
               answer_nl="Gebruik beveiliging op rijniveau: maak in Power BI Desktop een rol met een DAX-filter op "
               "de afdeling en wijs in de service de AD-groepen toe. Met 'Testen als rol' controleer je het.",
               answer_en="Use row-level security: create a role with a DAX filter on department in Power BI "
               "Desktop and assign the AD groups in the service. Check it with 'Test as role'.",
               link=("data/powerbi/rls", "Beveiliging op rijniveau")),
    ),
}
